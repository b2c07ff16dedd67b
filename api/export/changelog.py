"""What changed between two releases, record by record: agreements, provisions, events, parties, documents and
official texts added, removed or changed (with the columns that differ), read from the two databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import msgspec

TRACKED = {
    "agreements": "select * from agreements",
    "provisions": "select * from provisions",
    "events": "select * from events",
    "parties": "select * from parties",
    "documents": "select * from documents",
    "texts": "select * from texts",
}
"""Tables whose records the changelog follows (each keyed by `id`). Other tables derive from these."""
IGNORED = {"raw_text", "clean_text"}
"""Columns a release withholds (api/export/__init__.py): equal in every release, compared by sha256 instead."""


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One record added, removed or changed."""

    table: str
    id: str
    change: str
    columns: list[str]


def _records(path: Path, table: str) -> dict[str, dict[str, object]]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        exists = connection.execute("select 1 from sqlite_master where name = ?", (table,)).fetchone()
        if exists is None:
            return {}
        rows = connection.execute(TRACKED[table]).fetchall()
    return {str(row["id"]): {k: v for k, v in dict(row).items() if k not in IGNORED} for row in rows}


def changes(previous: Path | None, current: Path) -> list[Change]:
    """Every tracked record added, removed or changed from `previous` (None: the first release) to `current`."""
    found: list[Change] = []
    for table in TRACKED:
        before = _records(previous, table) if previous is not None else {}
        after = _records(current, table)
        for record_id in sorted(after.keys() - before.keys()):
            found.append(Change(table=table, id=record_id, change="added", columns=[]))
        for record_id in sorted(before.keys() - after.keys()):
            found.append(Change(table=table, id=record_id, change="removed", columns=[]))
        for record_id in sorted(after.keys() & before.keys()):
            old, new = before[record_id], after[record_id]
            differ = [c for c in new if c not in old or old[c] != new[c]]
            if differ:
                found.append(Change(table=table, id=record_id, change="changed", columns=differ))
    return found
