"""Reading the database: one small query helper for every list, so that filters, counts and pages
are built one way. Only fixed SQL fragments are ever formatted into a query; every value is bound."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Params = Sequence[Any] | dict[str, Any]


class CountCache:
    """Counts of list queries for one build, most recently used kept: a build never changes, so a
    count (most of a filtered page's time) is computed once per filter and build."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._counts: OrderedDict[tuple[str, tuple[Any, ...]], int] = OrderedDict()

    def count(self, sql: str, params: Sequence[Any], connection: sqlite3.Connection) -> int:
        key = (sql, tuple(params))
        found = self._counts.get(key)
        if found is not None:
            self._counts.move_to_end(key)
            return found
        counted = int(connection.execute(sql, params).fetchone()[0])
        self._counts[key] = counted
        if len(self._counts) > self.size:
            self._counts.popitem(last=False)
        return counted


@dataclass(frozen=True)
class Database:
    """An open connection to a built pactstore database (rows come back as `sqlite3.Row`)."""

    connection: sqlite3.Connection
    counts: CountCache | None = field(default=None, kw_only=True)
    """The build's cache of list counts (api/store.py keeps one per opened build); None: count every time."""

    def count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """The count a `select count(*) ...` returns, from the build's cache when there is one."""
        if self.counts is None:
            return int(self.connection.execute(sql, params).fetchone()[0])
        return self.counts.count(sql, params, self.connection)

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Every row `sql` returns."""
        return self.connection.execute(sql, params).fetchall()

    def row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row `sql` returns, or None."""
        row: sqlite3.Row | None = self.connection.execute(sql, params).fetchone()
        return row

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row:
        """The first row of a query that always returns one (a count, a row known to exist)."""
        row = self.row(sql, params)
        if row is None:
            raise LookupError(f"no row for {sql!r}")
        return row

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.row(sql, params)
        return row[0] if row is not None else None

    def exists(self, table: str, record_id: str) -> bool:
        """Whether `table` (a fixed name) has a row with this id."""
        return self.value(f"select 1 from {table} where id = ?", (record_id,)) is not None


class DatabaseMissing(RuntimeError):
    """No database at the configured path; the message says how to build one."""


def connect(path: Path) -> Database:
    """The database at `path`, read-only (a built file is never written in place, so `immutable`)."""
    if not Path(path).is_file():
        raise DatabaseMissing(f"No database at {path}; build one with `pactstore build --db {path}`.")
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return Database(connection)


def placeholders(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN clause: the values themselves are always bound, never formatted in."""
    return ", ".join("?" for _ in values)


class Where:
    """Conditions joined by `and`, each a fixed SQL fragment with its bound values."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def condition(self, clause: str, *params: Any) -> Where:
        """Add a condition (a constant fragment with `?` for each value)."""
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def equal(self, column: str, value: Any) -> Where:
        """`column = value`, unless `value` is None (the filter was not asked for)."""
        return self if value is None else self.condition(f"{column} = ?", value)

    def any_of(self, column: str, values: Sequence[Any] | None) -> Where:
        """`column in (values)`, unless there are none (the filter was not asked for)."""
        if not values:
            return self
        return self.condition(f"{column} in ({placeholders(values)})", *values)

    def either(self, alternatives: Sequence[Where]) -> Where:
        """One condition met when any of `alternatives` (each its own `Where`) is."""
        if not alternatives:
            return self
        return self.condition(
            f"({' or '.join(w.grouped for w in alternatives)})", *(p for w in alternatives for p in w.params)
        )

    @property
    def grouped(self) -> str:
        """The conditions joined by `and`, in brackets."""
        return f"({' and '.join(self.clauses)})"

    @property
    def sql(self) -> str:
        """The `where ...` clause, or nothing."""
        return f"where {' and '.join(self.clauses)}" if self.clauses else ""


def page(
    db: Database, source: str, where: Where, *, order_by: str, limit: int, offset: int, columns: str = "*"
) -> tuple[list[sqlite3.Row], int]:
    """One page of `select columns from source where ... order by ...`, and how many rows match."""
    total = db.count(f"select count(*) from {source} {where.sql}", where.params)
    rows = db.rows(
        f"select {columns} from {source} {where.sql} order by {order_by} limit ? offset ?",
        [*where.params, limit, offset],
    )
    return rows, total
