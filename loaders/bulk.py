"""Writing rows in bulk: one prepared INSERT per table, run over every row with `executemany`.

sqlite-utils' `insert_all` works out columns and converts values row by row in Python and splits
the rows into batches of at most 999 / columns values; for a build's millions of rows that was a
large share of the writing time. The tables exist already (loaders/tables.py), so their columns are
known: each row becomes a tuple in column order, and the few values that are not plain SQLite
values are converted as sqlite-utils converts them (JSON for lists and dicts, ISO text for dates).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

_PLAIN = frozenset((str, int, float, bytes, bool, type(None)))


def _stored(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=repr, ensure_ascii=False)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert `rows` (dicts keyed by column; a missing key is NULL) into an existing table; returns how many."""
    rows = list(rows)
    if not rows:
        return 0
    columns = list(db.table(table).columns_dict)
    unknown = set().union(*(row.keys() for row in rows)) - set(columns)
    if unknown:
        raise ValueError(f"table {table} has no column {', '.join(sorted(unknown))}")
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(
        f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
        (tuple([_stored(row.get(c)) for c in columns]) for row in rows),
    )
    return len(rows)
