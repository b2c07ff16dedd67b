"""The read side of the database: one read-only connection per worker, reopened when a rebuild
swaps a new file in.

The builder never writes a database in place: it writes a new file and `os.replace`s it over the
old one. So a connection can open the file `immutable` (SQLite then skips all locking) and stay
valid for as long as that inode lives. Before each request the store compares the path's inode
and mtime with the open file's (a `stat`, about a microsecond) and reopens on a change, so a
running server picks up `pactstore build` without a restart and without a failed request.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from datasette.database import Database

from api.domain.query import CountCache, DatabaseMissing, connect
from api.domain.query import Database as Rows
from api.settings import COUNT_CACHE_ENTRIES
from loaders.seeds_model import LeftOut, MissingSource

__all__ = ["BuildInfo", "DatabaseMissing", "IncompleteBuild", "ReopeningDatabase", "Snapshot", "Store"]


class BuildInfo(msgspec.Struct, frozen=True, kw_only=True):
    """Which build of the database this is (the `build_info` table)."""

    build_id: str
    built_at: str
    schema_version: int
    content_hash: str
    pactstore_version: str
    counts: dict[str, int]
    partial: bool = False
    """The build lacked sources (no source library, or one without some files) and left out the records that
    cite them."""
    missing_sources: list[MissingSource] = msgspec.field(default_factory=list)
    left_out: list[LeftOut] = msgspec.field(default_factory=list)


STORED_ANSWERS = ("agreement_details", "agreement_summaries", "sharing_terms")
"""Tables of answers `pactstore build` stores per agreement (api/domain/build.py): a build without any of them
(the loaders' alone, or one made before the table existed) is not served."""


class IncompleteBuild(DatabaseMissing, sqlite3.DatabaseError):
    """A database built by the loaders alone, without the answers `pactstore build` stores; never
    served (a rebuild keeps the previous file served), since readers only read the stored answers."""


@dataclass(frozen=True)
class _Open:
    connection: sqlite3.Connection
    identity: tuple[int, int, int]
    build: BuildInfo
    counts: CountCache = field(default_factory=lambda: CountCache(COUNT_CACHE_ENTRIES))
    """List counts of this build: a new build (a new `_Open`) starts with none."""


def _identity(path: Path) -> tuple[int, int, int]:
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _connect(path: Path) -> _Open:
    identity = _identity(path)
    # check_same_thread=False (in `connect`): handlers run on the event loop thread, but the store
    # may be created on another (the server's startup); access is never concurrent within a worker.
    connection = connect(path).connection
    row = connection.execute(
        "select build_id, built_at, schema_version, content_hash, pactstore_version, counts, partial, "
        "missing_sources, left_out from build_info"
    ).fetchone()
    if row is None:
        raise sqlite3.DatabaseError(f"{path} has no build_info: not a pactstore build")
    decoded = {name: msgspec.json.decode(row[name] or "[]") for name in ("counts", "missing_sources", "left_out")}
    build = msgspec.convert({**dict(row), **decoded, "partial": bool(row["partial"])}, BuildInfo)
    if build.counts.get("agreements", 0) and not all(build.counts.get(table, 0) for table in STORED_ANSWERS):
        raise IncompleteBuild(
            f"{path} was built without the stored answers the API reads; build it with `pactstore build --db {path}`."
        )
    return _Open(connection=connection, identity=identity, build=build)


@dataclass(frozen=True)
class Snapshot(Rows):
    """One request's view of the database: a connection and the build it belongs to. All
    queries of a request go through one snapshot, so a swap mid-request cannot mix builds."""

    build: BuildInfo


class Store:
    """The served database. `snapshot()` returns the newest complete build."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._open: _Open | None = None
        self._lock = threading.Lock()

    def _first_open(self) -> _Open:
        with self._lock:
            if self._open is None:
                if not self.path.is_file():
                    raise DatabaseMissing(
                        f"No database at {self.path}; build one with `pactstore build --db {self.path}`."
                    )
                self._open = _connect(self.path)
            return self._open

    def snapshot(self) -> Snapshot:
        """The newest complete build (the one already open while a swap is under way)."""
        opened = self._open or self._first_open()
        try:
            identity = _identity(self.path)
        except FileNotFoundError:
            identity = opened.identity  # mid-swap or removed: keep serving the build we have
        if identity != opened.identity:
            with self._lock:
                if self._open is None or self._open.identity != identity:
                    # A broken or half-visible file never replaces a working build.
                    with contextlib.suppress(sqlite3.Error, OSError, TypeError, DatabaseMissing):
                        self._open = _connect(self.path)
                # The old connection may still serve a request in flight; it is closed when the
                # last reference to it goes, not under that request.
            opened = self._open or opened
        return Snapshot(connection=opened.connection, build=opened.build, counts=opened.counts)


class ReopeningDatabase(Database):
    """Datasette's view of the database, reopened when a rebuild swaps a new file in.

    Datasette keeps one connection per SQL thread and never reopens an immutable database, so
    after a rebuild it would go on serving the old file (kept alive on disk by its open handles)
    until a restart, with stale cached table counts — and a SQL thread first started after the
    swap would serve the new file while the others serve the old one. Like `Store`, this compares
    the path's identity (one `stat`) before each query and, on a change, reopens that thread's
    connection and drops the cached counts, hash and size. Queries of one page may straddle a swap
    (a count from the old build, rows from the new): harmless for browsing, and gone on reload.
    """

    _read_connection: sqlite3.Connection | None
    """Datasette's connection in its non-threaded mode (set by `Database.__init__`)."""

    def __init__(self, ds: Any, path: Path) -> None:
        super().__init__(ds, path=str(path), is_mutable=False)
        self._identity: tuple[int, int, int] | None = None
        self._connections = threading.local()

    async def execute_fn(self, fn: Any) -> Any:
        try:
            identity: tuple[int, int, int] | None = _identity(Path(self.path))
        except FileNotFoundError:
            identity = self._identity  # mid-swap or removed: keep serving the build we have
        if identity != self._identity:
            self._identity = identity
            self._cached_table_counts, self.cached_hash, self.cached_size = None, None, None
        if self.ds.executor is None:  # Datasette's non-threaded mode (num_sql_threads=0): one connection
            if self._read_connection is not None and getattr(self, "_read_identity", None) != identity:
                self._read_connection.close()
                self._read_connection = None
            self._read_identity = identity
            return await super().execute_fn(fn)

        def in_thread() -> Any:
            held: tuple[sqlite3.Connection, tuple[int, int, int] | None] | None = getattr(
                self._connections, "held", None
            )
            if held is None or held[1] != identity:
                if held is not None:
                    held[0].close()  # this thread's own connection, between two of its queries
                    with contextlib.suppress(ValueError):
                        self._all_file_connections.remove(held[0])
                connection = self.connect()
                self.ds._prepare_connection(connection, self.name)
                held = (connection, identity)
                self._connections.held = held
            return fn(held[0])

        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, in_thread)
