"""Run Datasette's SQL in sandbox processes that a runaway query can be killed in.

Datasette runs every query in the server process, and its `sql_time_limit_ms` is a progress handler that
SQLite calls only at loop jumps: one long C call (`instr()` of two long strings, 9 s at SQLite's 1 MB value
limit) or a row of straight-line work over huge values (5,000 `-a` on a 1 MB digit string: 29 s) is never
interrupted, and `sqlite3_interrupt` waits for the same jumps. Only a process can be stopped mid-call. So
each server worker keeps a few sandbox processes (`python -m api.sql_sandbox`, one per Datasette SQL
thread); a query goes to an idle one over a pipe and its rows come back as msgpack. A sandbox still busy
SQL_KILL_AFTER_MS after the query started is killed and replaced, and the query answers "interrupted".

In the sandbox, memory is bounded three ways: SQLite's hard heap limit (SQLite's own allocations fail
cleanly), RLIMIT_AS (everything else fails with MemoryError, or the sandbox dies: the server does not), and
SQL_MAX_RESULT_BYTES of text and blobs per answer, so what comes back to the server is bounded too.

The sandbox opens the database `immutable` like Datasette does, and reopens it when a rebuild swaps a new
file in (the same inode-and-mtime check as api/store.py).
"""

from __future__ import annotations

import contextlib
import os
import select
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from api.settings import (
    ROOT,
    SQL_HEAP_LIMIT_BYTES,
    SQL_KILL_AFTER_MS,
    SQL_MAX_RESULT_BYTES,
    SQL_SANDBOX_MEMORY_BYTES,
    SQL_SANDBOX_NICENESS,
    SQL_SANDBOX_START_SECONDS,
)
from api.sql_limits import limit_connection

_HEADER = struct.Struct("!I")


def execute(sql: str, params: dict[str, Any] | list[Any] | tuple[()], connection: sqlite3.Connection) -> sqlite3.Cursor:
    """Run SQL as it was handed over: Datasette's (a client's ad-hoc SQL, by design), or this package's own
    fixed statements. Bounding it is this module's job; tests/test_hostile_requests.py checks the callers
    of the API's SQL methods, and Datasette, not the API, is the caller here."""
    return connection.execute(sql, params)


def _escape_fts(query: str) -> str:
    from datasette.utils import escape_fts

    return escape_fts(query)


class Query(msgspec.Struct, array_like=True, frozen=True):
    path: str
    sql: str
    params: dict[str, Any] | list[Any]
    time_limit_ms: int
    max_rows: int | None
    """Fetch at most this many rows (None: all of them)."""


class Answer(msgspec.Struct, array_like=True, frozen=True):
    columns: list[str] | None = None
    rows: list[list[Any]] | None = None
    error: str | None = None
    """An sqlite3 exception class name (OperationalError, DataError, ...) or MemoryError."""
    message: str = ""


class SandboxError(Exception):
    """The sandbox answered nothing usable: it was killed at the deadline, or died."""


# --- The sandbox process ------------------------------------------------------------------------


def _read_exactly(stream: Any, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


class _Connections:
    """One immutable connection per database path, reopened when the file is replaced."""

    def __init__(self) -> None:
        self._open: dict[str, tuple[tuple[int, int, int], sqlite3.Connection]] = {}

    def get(self, path: str) -> sqlite3.Connection:
        held = self._open.get(path)
        try:
            stat = os.stat(path)
            identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            if held is None:
                raise
            return held[1]  # mid-swap: keep the build we have
        if held is None or held[0] != identity:
            if held is not None:
                held[1].close()
            connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
            # As Datasette prepares its connections: its text factory and its one SQL function
            # (datasette/sql_functions.py), imported when first called: importing Datasette would add
            # half a second to every sandbox start, and a sandbox is started again after each kill.
            connection.text_factory = lambda data: str(data, "utf-8", "replace")
            connection.create_function("escape_fts", 1, _escape_fts)
            limit_connection(connection)
            held = (identity, connection)
            self._open[path] = held
        return held[1]


def _run(connections: _Connections, query: Query) -> Answer:
    connection = connections.get(query.path)
    deadline = time.perf_counter() + query.time_limit_ms / 1000
    # Datasette's own time limit, as its sqlite_timelimit() sets it (the kill is the backstop).
    connection.set_progress_handler(lambda: int(time.perf_counter() >= deadline), 1000)
    try:
        cursor = execute(query.sql, query.params, connection)
        rows: list[list[Any]] = []
        size = 0
        while query.max_rows is None or len(rows) < query.max_rows:
            row = cursor.fetchone()
            if row is None:
                break
            size += sum(len(value) for value in row if isinstance(value, str | bytes))
            if size > SQL_MAX_RESULT_BYTES:
                return Answer(
                    error="DataError",
                    message=f"The result is larger than {SQL_MAX_RESULT_BYTES // 2**20} MB of text and blobs; "
                    "ask for fewer rows or shorter values.",
                )
            rows.append(list(row))
        columns = [column[0] for column in cursor.description or ()]
        cursor.close()
        return Answer(columns=columns, rows=rows)
    except sqlite3.Error as error:
        return Answer(error=type(error).__name__, message=str(error))
    except MemoryError:
        return Answer(error="MemoryError", message="The query needs more memory than a query may use.")
    finally:
        connection.set_progress_handler(None, 1000)


def main() -> None:
    """The sandbox's loop: read a query from stdin, write its answer to stdout, until stdin closes."""
    import resource

    # Below the server's own processes: a runaway query competes for the cores with other queries only.
    os.nice(SQL_SANDBOX_NICENESS)
    resource.setrlimit(resource.RLIMIT_AS, (SQL_SANDBOX_MEMORY_BYTES, SQL_SANDBOX_MEMORY_BYTES))
    execute(f"pragma hard_heap_limit = {int(SQL_HEAP_LIMIT_BYTES)}", (), sqlite3.connect(":memory:"))  # process-wide
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    decode, encoder = msgspec.msgpack.Decoder(Query).decode, msgspec.msgpack.Encoder()
    connections = _Connections()
    sink.write(_HEADER.pack(0))  # ready: the server's clock for a query starts only now
    sink.flush()
    while True:
        try:
            (size,) = _HEADER.unpack(_read_exactly(source, _HEADER.size))
            query = decode(_read_exactly(source, size))
        except EOFError:
            return
        try:
            answer = encoder.encode(_run(connections, query))
        except MemoryError:
            answer = encoder.encode(Answer(error="MemoryError", message="The result does not fit in memory."))
        sink.write(_HEADER.pack(len(answer)) + answer)
        sink.flush()


# --- The server's side --------------------------------------------------------------------------


def _read_before(fd: int, size: int, deadline: float) -> bytes:
    """`size` bytes from `fd`, or SandboxError at the deadline or at the end of the stream."""
    parts, missing = [], size
    while missing:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise SandboxError("interrupted")
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise SandboxError("the sandbox process ended")
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)


@dataclass
class _Sandbox:
    process: subprocess.Popen[bytes]
    ready: bool = False
    """Whether it has said it is ready: starting Python takes seconds on a loaded machine, and that time must
    not count against a query's SQL_KILL_AFTER_MS (Datasette's first introspection queries were killed)."""

    @classmethod
    def start(cls) -> _Sandbox:
        process = subprocess.Popen(
            [sys.executable, "-m", "api.sql_sandbox"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        return cls(process)

    def ask(self, payload: bytes, seconds: float) -> bytes:
        """The answer to `payload`, or SandboxError when it takes more than `seconds` once the sandbox is ready."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        if not self.ready:
            _read_before(fd, _HEADER.size, time.monotonic() + SQL_SANDBOX_START_SECONDS)
            self.ready = True
        self.process.stdin.write(_HEADER.pack(len(payload)) + payload)
        self.process.stdin.flush()
        deadline = time.monotonic() + seconds
        (size,) = _HEADER.unpack(_read_before(fd, _HEADER.size, deadline))
        return _read_before(fd, size, deadline)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class SandboxPool:
    """Sandbox processes for one server worker, started when first needed; at most `size` at once."""

    def __init__(self, size: int) -> None:
        self._idle: list[_Sandbox] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self._encode = msgspec.msgpack.Encoder().encode
        self._decode = msgspec.msgpack.Decoder(Answer).decode
        self.kills = 0

    def run(self, query: Query) -> Answer:
        """Blocking: run `query` in a sandbox; SandboxError when it had to be killed."""
        payload = self._encode(query)
        with self._slots:
            with self._lock:
                sandbox = self._idle.pop() if self._idle else None
            if sandbox is not None and sandbox.process.poll() is not None:
                sandbox.stop()  # it died between queries (out of memory, say)
                sandbox = None
            if sandbox is None:
                sandbox = _Sandbox.start()
            try:
                answer = self._decode(sandbox.ask(payload, SQL_KILL_AFTER_MS / 1000))
            except (SandboxError, OSError, msgspec.DecodeError) as error:
                sandbox.stop()
                self.kills += 1
                with self._lock:  # its replacement starts now, not when the next query comes
                    self._idle.append(_Sandbox.start())
                if isinstance(error, SandboxError):
                    raise
                raise SandboxError(f"the sandbox failed: {error}") from error
            with self._lock:
                self._idle.append(sandbox)
            return answer

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for sandbox in idle:
            sandbox.stop()


if __name__ == "__main__":
    main()
