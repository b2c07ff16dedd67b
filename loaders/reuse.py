"""A rebuild that starts from the previous database's source tables.

The documents, the official texts and the full-text index over both are written from the sources and the
manifests alone, never from an agreement record. When a curator edits records and nothing else, the database
being replaced already holds those tables as this build would write them, so the build copies it and clears
every other table instead of writing them again (at scale 0.1 they are most of the file and a third of a
rebuild's writing). Whether it may is decided by a fingerprint stored in the database: the seeds' context hash
(every seed file but the records, with each library file's sha256) and the loader's code, so a changed
manifest, library file, party or loader writes everything again. tests/test_incremental_build.py checks that the
result is the database a full build writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from loaders.cache import code_fingerprint
from loaders.search_index import FTS_TABLES

SOURCE_TABLES = ("documents", "document_blocks", "texts", "text_versions", "text_units", "search_entries")
"""The tables written from the sources and manifests alone, which a rebuild may keep."""
_SOURCE_INDEXES = ("documents_fts", *(table for table, _ in FTS_TABLES.values()))
"""Their full-text indexes (each a virtual table and its shadow tables, named after it)."""


def source_fingerprint(context_hash: str) -> str:
    """What the source tables were written from: the seeds' context and the loader's code (with the schema's
    version)."""
    return hashlib.sha256(f"{context_hash}:{code_fingerprint()}".encode()).hexdigest()


def reusable(target: Path, fingerprint: str) -> bool:
    """Whether the database at `target` holds source tables written from `fingerprint` (an older or
    unreadable database does not)."""
    if not target.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as db:
            row = db.execute("select source_fingerprint from build_info where id = 1").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == fingerprint


def _kept(name: str) -> bool:
    return name in SOURCE_TABLES or name.startswith(_SOURCE_INDEXES)


def start_from(target: Path, temp: Path) -> sqlite_utils.Database:
    """A copy of the database at `target` in `temp` with every table but the source tables emptied, and their
    indexes and full-text indexes dropped (the build creates them again as a full build does). Raises sqlite3.Error
    when the copy cannot be cleared, for the caller to write everything instead."""
    shutil.copyfile(target, temp)
    db = sqlite_utils.Database(temp)
    # Off while emptying: the kept texts refer to agreements that are written again below.
    db.execute("PRAGMA foreign_keys = OFF")
    virtual = {name for (name,) in db.execute("select name from sqlite_master where sql like 'CREATE VIRTUAL%'")}
    shadows = tuple(f"{name}_" for name in virtual)
    with db.conn:
        # The other tables' indexes are dropped too and written after their rows, as in a full build (faster than
        # keeping them up to date row by row).
        for index, table in db.execute(
            "select name, tbl_name from sqlite_master where type = 'index' and sql is not null order by name"
        ).fetchall():
            if not _kept(table):
                db.execute(f"drop index [{index}]")
        for name in sorted(virtual):
            if not _kept(name):
                db.execute(f"drop table [{name}]")  # its shadow tables go with it
        for name in db.table_names():
            if not (_kept(name) or name in virtual or name.startswith(shadows)):
                db.execute(f"delete from [{name}]")
    db.execute("PRAGMA foreign_keys = ON")
    return db
