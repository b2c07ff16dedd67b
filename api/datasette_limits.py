"""Bounds on what one Datasette request may cost: its SQL runs in a sandbox, and its facets are few.

- `LimitedDatabase` is the pactstore database as Datasette sees it, with `execute()` (every SQL query
  Datasette runs for a page: table rows, counts, facets, ad-hoc ?sql=, ?_where=, canned queries) sent to
  a sandbox process (api/sql_sandbox.py) that is killed if the query outlives SQL_KILL_AFTER_MS. Datasette's
  introspection (`execute_fn`: table names, columns, counts) stays on its own threads.
- `prepare_connection` applies the same connection limits and authorizer (api/sql_limits.py) to the
  connections Datasette opens itself.
- `facet_refusal` refuses more than MAX_FACETS facet options or a repeated one: each facet costs a query
  and its answer repeats the whole query string once per value, so 1,600 `_facet=id` made 182 MB of JSON.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import weakref
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.database import QueryInterrupted, Results
from datasette.tracer import trace

from api.settings import MAX_FACETS
from api.sql_limits import limit_connection
from api.sql_sandbox import Answer, Query, SandboxError, SandboxPool, execute
from api.store import ReopeningDatabase

logger = logging.getLogger(__name__)

FACET_OPTIONS = ("_facet", "_facet_array", "_facet_date")
"""Datasette's facet types (column, array, date), each asked for with its own query option."""


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    limit_connection(conn)


def facet_refusal(query_string: bytes) -> str | None:
    """Why a Datasette request's facet options are refused, or None when they are fine."""
    facets = [
        (key, value)
        for key, value in parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
        if key in FACET_OPTIONS
    ]
    if len(facets) > MAX_FACETS:
        return f"Too many facets: {len(facets)} facet options; at most {MAX_FACETS} are allowed per request."
    repeated = sorted(f"{key}={value}" for (key, value), count in Counter(facets).items() if count > 1)
    if repeated:
        return f"Repeated facet option: {', '.join(repeated)}. Ask for each facet once."
    return None


class _Rows:
    """Real `sqlite3.Row`s for rows that came back from a sandbox (Datasette's JSON encoder checks the type).

    A Row takes its column names from a cursor, so one throwaway in-memory cursor per set of names is kept."""

    def __init__(self) -> None:
        self._connection = sqlite3.connect(":memory:", check_same_thread=False)
        self._cursors: dict[tuple[str, ...], sqlite3.Cursor] = {}
        self._lock = threading.Lock()

    def make(self, columns: Sequence[str], rows: list[list[Any]]) -> list[sqlite3.Row]:
        key = tuple(columns)
        with self._lock:
            cursor = self._cursors.get(key)
            if cursor is None:
                if len(self._cursors) > 256:
                    self._cursors.clear()
                names = ", ".join('null as "{}"'.format(name.replace('"', '""')) for name in columns)
                # Quoted identifiers on a private in-memory connection: the names become the Row's keys.
                cursor = execute(f"select {names}" if names else "select 1 where 0", (), self._connection)
                self._cursors[key] = cursor
        return [sqlite3.Row(cursor, tuple(row)) for row in rows]


_ROWS = _Rows()


def _raise(answer: Answer, sql: str, params: Any) -> None:
    if answer.message == "interrupted":
        raise QueryInterrupted(sqlite3.OperationalError("interrupted"), sql, params)
    error_class = getattr(sqlite3, answer.error or "", None)
    if not (isinstance(error_class, type) and issubclass(error_class, sqlite3.Error)):
        error_class = sqlite3.DataError  # MemoryError in the sandbox: the query asked too much
    raise error_class(answer.message)


class LimitedDatabase(ReopeningDatabase):
    """The pactstore database, with every `execute()` run in a sandbox process (module docstring)."""

    def __init__(self, ds: Any, path: Any) -> None:
        super().__init__(ds, path)
        self.sandboxes = SandboxPool(max(1, ds.setting("num_sql_threads") or 1))
        weakref.finalize(self, self.sandboxes.close)

    async def execute(
        self,
        sql: str,
        params: Any = None,
        truncate: bool = False,
        custom_time_limit: int | None = None,
        page_size: int | None = None,
        log_sql_errors: bool = True,
    ) -> Results:
        # The same limits as Datasette's own Database.execute(), which this replaces.
        page_size = page_size or self.ds.page_size
        time_limit_ms = self.ds.sql_time_limit_ms
        if custom_time_limit and custom_time_limit < time_limit_ms:
            time_limit_ms = custom_time_limit
        max_returned_rows = self.ds.max_returned_rows
        if max_returned_rows == page_size:
            max_returned_rows += 1
        limit = max_returned_rows + 1 if max_returned_rows and truncate else None
        arguments: Any = params if params is not None else {}
        query = Query(
            path=str(self.path),
            sql=sql,
            params=dict(arguments) if isinstance(arguments, dict) else list(arguments),
            time_limit_ms=int(time_limit_ms),
            max_rows=limit,
        )
        loop = asyncio.get_running_loop()
        with trace("sql", database=self.name, sql=sql.strip(), params=params):
            try:
                answer = await loop.run_in_executor(self.ds.executor, self.sandboxes.run, query)
            except SandboxError as error:
                logger.warning("Datasette query stopped (%s): %.200r", error, sql)
                answer = Answer(error="OperationalError", message="interrupted")
        if answer.error is not None:
            if log_sql_errors:
                logger.info("Datasette query failed (%s: %s): %.200r", answer.error, answer.message, sql)
            _raise(answer, sql, params)
        rows = _ROWS.make(answer.columns or [], answer.rows or [])
        truncated = False
        if limit is not None:
            truncated = len(rows) > max_returned_rows
            rows = rows[:max_returned_rows]
        description = tuple((name, None, None, None, None, None, None) for name in answer.columns or [])
        return Results(rows, truncated, description)
