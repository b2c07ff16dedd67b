"""What a Datasette connection may do: SQLite's per-connection limits and an authorizer.

Used on every connection Datasette opens (its `prepare_connection` hook, api/datasette_limits.py) and on
the sandbox processes' connections that run the queries (api/sql_sandbox.py). Standard library only: the
sandbox imports it without Datasette.

The denied functions are the bundled SQLite's (3.40 in Debian 12; `pragma function_list`) that hand out
addresses, reach outside the database, write, or decode arbitrary blobs as SQLite's internal structures.
The reason for each is in DENIED_FUNCTIONS; docs/deployment.md lists them.
"""

from __future__ import annotations

import sqlite3

from api.settings import SQL_MAX_COLUMNS, SQL_MAX_LIKE_PATTERN, SQL_MAX_VALUE_BYTES

CONNECTION_LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: SQL_MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_COLUMN: SQL_MAX_COLUMNS,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: SQL_MAX_LIKE_PATTERN,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,  # no ATTACH: a query reads this database and nothing else
}

DENIED_FUNCTIONS = {
    "fts3_tokenizer": "returns the address of a tokenizer in the server's memory (and, with two arguments, "
    "installs a tokenizer from an address)",
    "fts5": "returns a pointer to FTS5's C interface",
    "load_extension": "loads a shared library into the server process",
    "sqlite_log": "writes to the process's SQLite error log",
    "optimize": "FTS3/4's segment merge: a write",
    "rtreenode": "debugging function that decodes any blob as an R-tree node (out-of-bounds reads, CVE-2019-8457)",
    "rtreedepth": "debugging function that decodes any blob as an R-tree node",
    "rtreecheck": "debugging function (integrity check of an R-tree); the database has none",
}
"""Function name -> why a query may not call it."""

DENIED_TABLES = {
    "sqlite_stmt": "lists the SQL of every statement prepared on the connection, other clients' queries included",
}
"""Eponymous virtual tables a query may not read."""


def _authorize(action: int, first: str | None, second: str | None, database: str | None, source: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION and second is not None and second.lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and first is not None and first.lower() in DENIED_TABLES:
        return sqlite3.SQLITE_DENY
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def limit_connection(connection: sqlite3.Connection) -> None:
    """Apply the limits and the authorizer to one connection."""
    for limit, value in CONNECTION_LIMITS.items():
        connection.setlimit(limit, value)
    connection.set_authorizer(_authorize)
