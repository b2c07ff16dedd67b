"""Answers precomputed at build time: the data changes only when the database is rebuilt, so the
builder stores what readers ask for most, ready to send.

Today that is each agreement's detail without its date-dependent status (`AgreementRecordOut`),
which the detail route sends as stored, adding only the status on the request's date, and each
provision as lists show it (`ProvisionOut`), which list pages embed as they are. The
stored answer is the same function's output as the live assembly (a test compares them), so the
two cannot drift.

`build()` is the build a served database should come from: the loaders' build plus this step,
run inside the build's transaction, before the new file replaces the old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import msgspec

from api import records
from api.agreements import agreement_record
from api.store import Snapshot
from loaders.builder import BuildResult
from loaders.builder import build as build_tables
from loaders.seeds import Progress

_BATCH = 500
"""Provisions assembled per query batch (the IN list of their citations stays short)."""


def precompute(connection: sqlite3.Connection) -> None:
    """Fill `agreement_details` from the tables just written."""
    previous = connection.row_factory
    connection.row_factory = sqlite3.Row
    try:
        db = Snapshot(connection=connection, build=None)
        ids = [row[0] for row in connection.execute("select id from agreements order by id")]
        connection.executemany(
            "insert into agreement_details (agreement_id, body) values (?, ?)",
            ((agreement_id, msgspec.json.encode(agreement_record(db, agreement_id))) for agreement_id in ids),
        )
        rows = db.rows("select * from provisions order by rowid")
        for start in range(0, len(rows), _BATCH):
            batch = records.provisions(db, rows[start : start + _BATCH])
            connection.executemany(
                "insert into provision_details (provision_id, body) values (?, ?)",
                ((provision.id, msgspec.json.encode(provision)) for provision in batch),
            )
    finally:
        connection.row_factory = previous


def build(
    seeds_dir: Path,
    target: Path,
    progress: Progress | None = None,
    *,
    sources: Iterable[Path] = (),
    strict: bool = False,
) -> BuildResult:
    """Check the seeds, build the database and precompute the answers; atomic as a whole."""
    return build_tables(seeds_dir, target, progress, finalize=precompute, sources=sources, strict=strict)
