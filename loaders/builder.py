"""Building the SQLite store from checked seeds.

The build writes a new file next to the target and swaps it in with `os.replace`, so readers
(and a server that has the old file open) never see a half-built database, and a failed build
leaves the previous one byte for byte as it was.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import msgspec
import sqlite_utils

from loaders.agreement_rows import AGREEMENT_TABLES, BASE_FIELDS, agreement_rows
from loaders.bulk import insert_rows
from loaders.cache import BuildCache
from loaders.reuse import SOURCE_TABLES, reusable, source_fingerprint, start_from
from loaders.rows import document_rows, party_rows, text_rows
from loaders.search_index import FTS_TABLES, index_search_entries, search_rows
from loaders.seeds import LeftOut, MissingSource, Progress, Seeds, load_seeds
from loaders.tables import FULL_TEXT, INDEXES, ORDER_INDEXES, create_tables
from schema import SCHEMA_VERSION
from schema.provisions import PROVISION_KINDS


@dataclass(frozen=True)
class BuildResult:
    path: Path
    build_id: str
    content_hash: str
    counts: dict[str, int]
    seconds: float
    """Wall time of the whole build: reading and checking the seeds as well as writing (see `build`)."""
    missing_sources: tuple[MissingSource, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    how: str = "full build"
    """Which kind of build ran and why: what the cache gave, or why none was used."""
    finalized: str | None = None
    """What the last step (`finalize`) took from its cache, in words."""
    kept_sources: bool = False
    """Whether the source tables were kept from the database this one replaced (loaders/reuse.py)."""

    @property
    def partial(self) -> bool:
        return bool(self.missing_sources)


def _provision_views(db: sqlite_utils.Database) -> None:
    """One view per provision kind, its typed fields flattened into columns (lists stay JSON)."""
    for kind, cls in PROVISION_KINDS.items():
        specific = [f.name for f in msgspec.structs.fields(cls) if f.name not in BASE_FIELDS]
        columns = ",\n  ".join(f"json_extract(p.data, '$.{name}') AS [{name}]" for name in specific)
        db.create_view(
            f"provisions_{kind}",
            f"""SELECT p.id, p.agreement_id, a.short_name AS agreement, p.provision_id, p.summary, p.basis,
  p.asserted_by, p.disputes,
  {columns}
FROM provisions p JOIN agreements a ON a.id = p.agreement_id
WHERE p.kind = '{kind}'""",
            replace=True,
        )
    db.create_view(
        "agreement_timeline",
        """SELECT e.id, e.agreement_id, a.short_name AS agreement, e.date, e.precision, e.latest_date,
  e.date_as_written, e.kind, e.status, e.status_after, e.party_id, e.place, e.round, e.approving_body,
  e.as_written, e.note
FROM events e JOIN agreements a ON a.id = e.agreement_id
ORDER BY e.date IS NULL, e.date, e.agreement_id""",
        replace=True,
    )
    # Today's status is a range lookup in the stored periods (api/domain/status.py), done when the view is read.
    db.create_view(
        "agreements_today",
        """SELECT a.id, a.short_name, a.title, a.record, a.kind, a.level,
  coalesce(s.status, 'unknown') AS status_today, s.valid_from AS status_since, a.parties,
  (SELECT group_concat(state_id, '; ') FROM (SELECT DISTINCT ap.state_id FROM agreement_parties ap
    WHERE ap.agreement_id = a.id AND ap.role = 'party' ORDER BY ap.state_id)) AS states,
  a.first_date, a.first_date_as_written, a.last_date, a.last_date_as_written, a.provision_count, a.event_count
FROM agreements a LEFT JOIN agreement_status_periods s ON s.agreement_id = a.id
  AND s.valid_from <= date('now') AND (s.valid_to IS NULL OR date('now') < s.valid_to)
ORDER BY a.id""",
        replace=True,
    )


@dataclass(frozen=True)
class FinalizeInputs:
    """What the build's last step is told beyond the tables it reads."""

    context_hash: str
    """The seeds' hash without the agreement records (`Seeds.context_hash`): what every record was read in."""
    cache_dir: Path | None = None
    """Where the build's caches are, when it has them."""
    read_cache: bool = True
    """False for a full build (`--full`): compute everything, and refresh the cache."""


Finalize = Callable[[sqlite3.Connection, FinalizeInputs], str | None]
"""The build's last step; it returns what it took from a cache, in words, or None."""
FTS_PREFIXES = (*(f"{table}_fts" for table in FULL_TEXT), *(table for table, _ in FTS_TABLES.values()))
"""Full-text indexes and their shadow tables, which the row counts leave out."""


def write_database(
    seeds: Seeds,
    target: Path,
    progress: Progress | None = None,
    finalize: Finalize | None = None,
    *,
    cache_dir: Path | None = None,
    full: bool = False,
) -> BuildResult:
    """Write `seeds` into a new SQLite file and atomically replace `target` with it.

    `finalize`, when given, runs on the new database inside the build's transaction, before the
    swap: the API uses it to write the status periods and precomputed answers (api/domain/build.py)
    without this package knowing about the API. It is told `cache_dir` and `full` to keep a cache of its own.
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    built_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    build_id = hashlib.sha256(f"{seeds.content_hash}:{built_at.isoformat()}".encode()).hexdigest()[:16]
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    fingerprint = source_fingerprint(seeds.context_hash)
    try:
        reuse = cache_dir is not None and not full and reusable(target, fingerprint)
        if reuse:
            say(f"keeping {len(seeds.documents)} documents and {len(seeds.texts)} official texts of {target.name}")
        db, kept = _open(target, temp, reuse=reuse)
        with db.atomic():
            if not kept:
                create_tables(db)
                say(f"writing {len(seeds.documents)} documents")
                documents, blocks = document_rows(seeds)
                insert_rows(db, "documents", documents)
                insert_rows(db, "document_blocks", blocks)
            say(f"writing {len(seeds.parties)} parties and {len(seeds.subjects)} subjects")
            parties = party_rows(seeds)
            # Parties refer to parties: insert states first so foreign keys hold row by row.
            ordered = sorted(parties["parties"], key=lambda r: r["acts_for"] is not None)
            insert_rows(db, "parties", ordered)
            insert_rows(db, "party_members", parties["party_members"])
            insert_rows(db, "party_facts", parties["party_facts"])
            subjects = [msgspec.structs.asdict(s) for s in seeds.subjects.values()]
            insert_rows(db, "subjects", sorted(subjects, key=lambda s: s["broader"] is not None))
            insert_rows(db, "citations", parties["citations"])
            say(f"writing {len(seeds.agreements)} agreements")
            per_table: dict[str, list[dict[str, Any]]] = {}
            for agreement in seeds.agreements.values():
                for table, rows in agreement_rows(seeds, agreement).items():
                    per_table.setdefault(table, []).extend(rows)
            if not kept:
                per_table.update(text_rows(seeds))
                say(f"writing {len(seeds.texts)} official texts")
            for table in AGREEMENT_TABLES:  # a kept database's source tables get no rows here
                insert_rows(db, table, per_table.get(table, []))
            for table, columns in INDEXES:  # a kept source table has its indexes already
                db.table(table).create_index(columns, if_not_exists=True)
            for statement in ORDER_INDEXES:
                db.execute(statement)
            say("indexing full text")
            for table, columns in FULL_TEXT.items():
                if not (kept and table in SOURCE_TABLES):
                    db.table(table).enable_fts(columns, tokenize="porter")
            if not kept:
                insert_rows(db, "search_entries", search_rows(seeds))
                index_search_entries(db.conn)
            _provision_views(db)
            reused = None
            if finalize is not None:
                say("precomputing answers")
                reused = finalize(db.conn, FinalizeInputs(seeds.context_hash, cache_dir, read_cache=not full))
            counts = {
                name: db[name].count
                for name in db.table_names()
                if not name.startswith(FTS_PREFIXES) and name != "build_info"
            }
            db.table("build_info").insert(
                {
                    "id": 1,
                    "build_id": build_id,
                    "schema_version": SCHEMA_VERSION,
                    "built_at": built_at.isoformat(),
                    "content_hash": seeds.content_hash,
                    "pactstore_version": _version(),
                    "counts": msgspec.json.encode(counts).decode(),
                    "partial": int(seeds.partial),
                    "missing_sources": msgspec.json.encode(list(seeds.missing_sources.values())).decode(),
                    "left_out": msgspec.json.encode(seeds.left_out).decode(),
                    "source_fingerprint": fingerprint,
                }
            )
        problems = list(db.execute("PRAGMA foreign_key_check").fetchall())
        if problems:
            raise RuntimeError(f"foreign key check failed: {problems[:5]}")
        db.execute("PRAGMA journal_mode = DELETE")
        db.close()
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return BuildResult(
        target,
        build_id,
        seeds.content_hash,
        counts,
        time.perf_counter() - started,
        tuple(seeds.missing_sources.values()),
        tuple(seeds.left_out),
        finalized=reused,
        kept_sources=kept,
    )


def _open(target: Path, temp: Path, *, reuse: bool) -> tuple[sqlite_utils.Database, bool]:
    """The new database in `temp`, and whether it starts from the source tables of the one at `target`."""
    if reuse:
        try:
            return start_from(target, temp), True
        except (OSError, sqlite3.Error):
            pass  # an unreadable previous database: write everything
    db = sqlite_utils.Database(temp, recreate=True)
    db.execute("PRAGMA foreign_keys = ON")
    return db, False


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pactstore")
    except PackageNotFoundError:
        return "0+unknown"


class BuildOptions(TypedDict, total=False):
    """The keyword options of `build`, for callers that pass them on (api/domain/build.py)."""

    sources: Iterable[Path]
    strict: bool
    cache_dir: Path | None
    full: bool


def build(
    seeds_dir: Path,
    target: Path,
    progress: Progress | None = None,
    finalize: Finalize | None = None,
    *,
    sources: Iterable[Path] = (),
    strict: bool = False,
    cache_dir: Path | None = None,
    full: bool = False,
) -> BuildResult:
    """Check the seeds and build the database. Raises SeedErrors, leaving `target` untouched.

    With `cache_dir`, files read and checked by an earlier build are taken from the cache there
    (loaders/cache.py) rather than read again; `full` reads none of it (and refreshes it)."""
    started = time.perf_counter()
    cache = BuildCache(cache_dir, read=not full) if cache_dir is not None else None
    try:
        seeds = load_seeds(seeds_dir, progress, sources=sources, strict=strict, cache=cache)
    finally:
        if cache is not None:
            cache.close()
    result = write_database(seeds, target, progress, finalize, cache_dir=cache_dir, full=full)
    how = _how(cache, full) + (f"; {result.finalized}" if result.finalized else "")
    if result.kept_sources:
        how += f"; documents and official texts kept from the {target.name} it replaced"
    return dataclasses.replace(result, seconds=time.perf_counter() - started, how=how)


def _how(cache: BuildCache | None, full: bool) -> str:
    if cache is None:
        return "full build (no cache)"
    if full:
        return "full build (--full: the cache was not read, and was refreshed)"
    if cache.problem:
        return f"full build ({cache.problem})"
    return f"full build reading from the cache: {cache.summary()}"
