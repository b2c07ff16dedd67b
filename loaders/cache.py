"""A content-addressed cache of what the loader read and checked, so that a rebuild re-reads only what changed.

Every entry is keyed by what it was computed from: a YAML file's sha256 (its parsed and converted record), a
source's manifest entry, which holds the sha256 of the file it names (the document's cleaned text, an official
text's language versions, the quotes located in it). Every key is also scoped by a fingerprint of the code that
computes the entries (every module of loaders/ and schema/, the schema version, the versions of Python, PyYAML
and msgspec): a change to the loader starts from an empty cache instead of trusting results the new code might
not produce.

Only results without errors are stored; a file with a problem is read again on every build, so its errors are
always reported with their file, line and path. The cache is one SQLite file in its directory (by default
`.cache/` beside the database). It is an optimisation only: an unreadable or locked cache is ignored, a cache
entry that does not decode is read again from its source, and `pactstore build --full` reads none of it.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import TypeVar

import msgspec
import yaml

from schema import SCHEMA_VERSION

T = TypeVar("T")
_ROOT = Path(__file__).resolve().parent.parent
LOADER_CODE = ("loaders", "schema")
CACHE_FILE = "loader-cache.sqlite"


@functools.cache
def code_fingerprint(packages: tuple[str, ...] = LOADER_CODE) -> str:
    """sha256 over the source files of `packages` (the loader's and the schema's), the schema version, and the
    versions of Python and of the libraries that parse and convert (PyYAML, msgspec)."""
    versions = f"{SCHEMA_VERSION}:{msgspec.__version__}:{yaml.__version__}:{sys.version_info[:2]}"
    digest = hashlib.sha256(versions.encode())
    for package in packages:
        for path in sorted((_ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def struct_digest(value: object) -> str:
    """The sha256 of a Struct's canonical encoding (msgpack keeps field order, which the schema fixes)."""
    return digest_of(msgspec.msgpack.encode(value))


class BuildCache:
    """The cache of one build: reads (unless `read` is False) and writes entries, counts hits and misses.

    Writes are kept in memory and stored by `save`, which on a successful build also drops the entries this
    build did not use, so the cache holds one build's worth of results."""

    def __init__(
        self, directory: Path, *, read: bool = True, file: str = CACHE_FILE, code: tuple[str, ...] = LOADER_CODE
    ) -> None:
        """`file` in `directory` holds the entries; `code` names the packages whose source scopes every key."""
        self.directory = Path(directory)
        self.read = read
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self.problem: str | None = None
        """Why the cache is not used, when it is not (it could not be opened)."""
        self._pending: dict[str, bytes] = {}
        self._used: set[str] = set()
        self._prefix = code_fingerprint(code) + ":"
        self._conn: sqlite3.Connection | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.directory / file, timeout=5, isolation_level=None)
            self._conn.execute("create table if not exists entries (key text primary key, value blob not null)")
        except (OSError, sqlite3.Error) as exc:
            self._disable(f"cannot open the cache in {self.directory}: {exc}")

    def _disable(self, why: str) -> None:
        self.problem = why
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def _key(self, kind: str, digest: str) -> str:
        return f"{self._prefix}{kind}:{digest}"

    def get(self, kind: str, digest: str, type_: type[T]) -> T | None:
        """The entry of `kind` computed from `digest`, decoded as `type_`, or None (a miss)."""
        key = self._key(kind, digest)
        self._used.add(key)
        row = None
        if self.read and self._conn is not None:
            try:
                row = self._conn.execute("select value from entries where key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._disable(f"cannot read the cache: {exc}")
        if row is not None:
            try:
                value = msgspec.msgpack.decode(row[0], type=type_)
            except (msgspec.DecodeError, msgspec.ValidationError):
                value = None  # written by other code under the same fingerprint: read the source again
            if value is not None:
                self.hits[kind] += 1
                return value
        self.misses[kind] += 1
        return None

    def put(self, kind: str, digest: str, value: object) -> None:
        key = self._key(kind, digest)
        self._used.add(key)
        self._pending[key] = msgspec.msgpack.encode(value)

    def save(self, *, prune: bool) -> None:
        """Store the new entries; with `prune` (after a successful build), drop those this build did not use."""
        if self._conn is None:
            return
        try:
            with self._conn:
                self._conn.execute("begin immediate")
                self._conn.executemany(
                    "insert or replace into entries (key, value) values (?, ?)", self._pending.items()
                )
                if prune:
                    self._conn.execute("create temp table if not exists used (key text primary key)")
                    self._conn.execute("delete from used")
                    self._conn.executemany("insert or ignore into used values (?)", ((k,) for k in self._used))
                    self._conn.execute("delete from entries where key not in (select key from used)")
            self._pending.clear()
        except sqlite3.Error as exc:
            self._disable(f"cannot write the cache: {exc}")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def summary(self) -> str:
        """What the cache saved, by kind: `records 1,999 of 2,000 reused`."""
        kinds = sorted(set(self.hits) | set(self.misses))
        return "; ".join(
            f"{kind} {self.hits[kind]:,} of {self.hits[kind] + self.misses[kind]:,} reused" for kind in kinds
        )
