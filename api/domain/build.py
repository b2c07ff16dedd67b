"""The build's last step: the answers the store derives, written into the new database before it
replaces the old one.

The data changes only when the database is rebuilt, so the build stores what readers ask for most:
each agreement's status periods (from the status rule, api/domain/status.py), each agreement's
detail without its date-dependent status, each agreement as lists show it over every span of dates
its summary holds for (api/domain/summaries.py), each agreement's terms of exchange as sharing answers
show them (api/domain/sharing_world.py), and each provision as lists show it. Readers only read
them: there is one assembly path, this one.

`build()` is the build a served database comes from: the loaders' build with `finalize` as its last
step, inside the build's transaction (loaders/ never imports the API; it calls the hook it is given).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Unpack

import msgspec

from api.domain import sharing_world, summaries
from api.domain.agreements import agreement_record
from api.domain.query import Database
from api.domain.status import period_rows
from loaders.builder import BuildOptions, BuildResult
from loaders.builder import build as build_tables
from loaders.seeds import Progress
from schema.agreements import Agreement

_BATCH = 500
"""Agreements or provisions assembled per query batch (the IN lists of their rows stay short)."""
_decode = msgspec.json.Decoder(Agreement)


def _write_status_periods(db: Database) -> None:
    for row in db.rows("select id, record_json from agreements order by id"):
        db.connection.executemany(
            "insert into agreement_status_periods (agreement_id, valid_from, valid_to, status, certain, since, "
            "deciding_events, may_have_changed, termination_pending, notice_suspended, provisionally_applied) "
            "values (:agreement_id, :valid_from, :valid_to, :status, :certain, :since, :deciding_events, "
            ":may_have_changed, :termination_pending, :notice_suspended, :provisionally_applied)",
            period_rows(_decode.decode(row["record_json"])),
        )


def _write_answers(db: Database) -> None:
    ids = [row["id"] for row in db.rows("select id from agreements order by id")]
    for start in range(0, len(ids), _BATCH):
        # Each agreement's stored detail holds its provisions as the API shows them: they are stored once
        # more on their own, for provision lists, as assembled for the detail (not a second time).
        details = [agreement_record(db, agreement_id) for agreement_id in ids[start : start + _BATCH]]
        db.connection.executemany(
            "insert into agreement_details (agreement_id, body) values (?, ?)",
            ((detail.id, msgspec.json.encode(detail)) for detail in details),
        )
        db.connection.executemany(
            "insert into provision_details (provision_id, body) values (?, ?)",
            ((p.id, msgspec.json.encode(p)) for detail in details for p in detail.provisions),
        )
    agreements = db.rows("select * from agreements order by id")
    for start in range(0, len(agreements), _BATCH):
        db.connection.executemany(
            "insert into agreement_summaries (agreement_id, valid_from, valid_to, body, csv) values (?, ?, ?, ?, ?)",
            summaries.span_rows(db, agreements[start : start + _BATCH]),
        )
    db.connection.executemany(
        "insert into sharing_terms (agreement_id, body) values (?, ?)", sharing_world.sharing_terms_rows(db)
    )


def finalize(connection: sqlite3.Connection) -> None:
    """Write the status periods, then the stored answers (which include them), from the tables just written."""
    previous = connection.row_factory
    connection.row_factory = sqlite3.Row
    try:
        db = Database(connection)
        _write_status_periods(db)
        _write_answers(db)
    finally:
        connection.row_factory = previous


def build(
    seeds_dir: Path, target: Path, progress: Progress | None = None, **options: Unpack[BuildOptions]
) -> BuildResult:
    """Check the seeds (with library files from `sources`), build the database and write the derived
    answers; atomic as a whole. The options (`sources`, `strict`, `cache_dir`, `full`): see loaders.builder.build."""
    return build_tables(seeds_dir, target, progress, finalize=finalize, **options)
