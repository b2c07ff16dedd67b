"""The build's last step: the answers the store derives, written into the new database before it
replaces the old one.

The data changes only when the database is rebuilt, so the build stores what readers ask for most:
each agreement's status periods (from the status rule, api/domain/status.py), each agreement's
detail without its date-dependent status, each agreement as lists show it over every span of dates
its summary holds for (api/domain/summaries.py), each agreement's terms of exchange as sharing answers
show them (api/domain/sharing_world.py), and each provision as lists show it. Readers only read
them: there is one assembly path, this one.

A rebuild takes an agreement's answers from the build cache (loaders/cache.py, a file of its own beside
the loader's) when nothing they are assembled from has changed: the agreement's row as the loaders wrote
it (its whole checked record and file name), the rows of the agreements it is related to either way
(a relation shows the other's name), every seed file that is not an agreement record (parties, subjects,
the manifests and with them every source's sha256), and the code of loaders/, schema/ and api/.

`build()` is the build a served database comes from: the loaders' build with `finalize` as its last
step, inside the build's transaction (loaders/ never imports the API; it calls the hook it is given).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Unpack

import msgspec

from api.domain import sharing_world, summaries
from api.domain.agreements import agreement_record
from api.domain.query import Database, placeholders
from api.domain.status import period_rows
from loaders.builder import BuildOptions, BuildResult, FinalizeInputs
from loaders.builder import build as build_tables
from loaders.cache import BuildCache
from loaders.seeds import Progress
from schema.agreements import Agreement

_BATCH = 500
"""Agreements assembled per query batch (the IN lists of their rows stay short)."""
ANSWER_CACHE = "answer-cache.sqlite"
_KIND = "stored answers"
_decode = msgspec.json.Decoder(Agreement)
_PERIODS = (
    "insert into agreement_status_periods (agreement_id, valid_from, valid_to, status, certain, since, "
    "deciding_events, may_have_changed, termination_pending, notice_suspended, provisionally_applied) "
    "values (:agreement_id, :valid_from, :valid_to, :status, :certain, :since, :deciding_events, "
    ":may_have_changed, :termination_pending, :notice_suspended, :provisionally_applied)"
)


class Answers(msgspec.Struct, frozen=True, kw_only=True, array_like=True):
    """One agreement's rows of the stored-answer tables, as the cache keeps them."""

    periods: list[dict[str, Any]]
    detail: bytes
    provisions: list[tuple[str, bytes]]
    spans: list[tuple[str, str | None, bytes, bytes]]
    terms: bytes


def answer_keys(db: Database, context_hash: str) -> dict[str, str]:
    """Each agreement's cache key: a digest of everything its answers are assembled from (see above)."""
    own = {
        row[0]: hashlib.sha256(msgspec.msgpack.encode(list(row))).digest()
        for row in db.connection.execute("select * from agreements order by id")
    }
    related: dict[str, set[str]] = {aid: set() for aid in own}
    for one, other in db.connection.execute("select agreement_id, other_agreement_id from relations"):
        related.setdefault(one, set()).add(other)
        related.setdefault(other, set()).add(one)
    keys = {}
    for aid, digest in own.items():
        key = hashlib.sha256(context_hash.encode() + digest)
        for other in sorted(related[aid]):
            key.update(own.get(other, b"not in the store"))
        keys[aid] = key.hexdigest()
    return keys


def _assemble(
    db: Database, world: sharing_world.World, ids: Sequence[str], periods: dict[str, list[dict[str, Any]]]
) -> dict[str, Answers]:
    """The answers of some agreements, assembled from the tables (their `periods` already written)."""
    details = {aid: agreement_record(db, aid) for aid in ids}
    rows = db.rows(f"select * from agreements where id in ({placeholders(ids)}) order by id", tuple(ids))
    spans: dict[str, list[tuple[str, str | None, bytes, bytes]]] = {aid: [] for aid in ids}
    for aid, valid_from, valid_to, body, csv in summaries.span_rows(db, rows):
        spans[aid].append((valid_from, valid_to, body, csv))
    terms = {a.id: world.assemble_terms(a) for a in (world.agreements[i] for i in world.load_ids(ids))}
    return {
        aid: Answers(
            periods=periods[aid],
            detail=msgspec.json.encode(detail),
            # A provision is stored on its own, for provision lists, as assembled for its agreement's detail.
            provisions=[(p.id, msgspec.json.encode(p)) for p in detail.provisions],
            spans=spans[aid],
            terms=msgspec.json.encode(terms[aid]),
        )
        for aid, detail in details.items()
    }


def _insert(db: Database, answers: dict[str, Answers]) -> None:
    execute = db.connection.executemany
    execute(
        "insert into agreement_details (agreement_id, body) values (?, ?)", ((a, x.detail) for a, x in answers.items())
    )
    execute(
        "insert into provision_details (provision_id, body) values (?, ?)",
        (p for x in answers.values() for p in x.provisions),
    )
    execute(
        "insert into agreement_summaries (agreement_id, valid_from, valid_to, body, csv) values (?, ?, ?, ?, ?)",
        ((a, *span) for a, x in answers.items() for span in x.spans),
    )
    execute("insert into sharing_terms (agreement_id, body) values (?, ?)", ((a, x.terms) for a, x in answers.items()))


def finalize(connection: sqlite3.Connection, inputs: FinalizeInputs) -> str | None:
    """Write the status periods, then the stored answers (which include them), from the tables just written
    or, for an agreement whose inputs are unchanged, from the cache; say what the cache gave."""
    previous = connection.row_factory
    connection.row_factory = sqlite3.Row
    cache = None
    if inputs.cache_dir is not None:
        cache = BuildCache(
            inputs.cache_dir, read=inputs.read_cache, file=ANSWER_CACHE, code=("loaders", "schema", "api")
        )
    try:
        db = Database(connection)
        keys = answer_keys(db, inputs.context_hash)
        ids = sorted(keys)
        # A batch at a time, so that a large build holds one batch of answers, not all of them.
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            cached = {aid: cache.get(_KIND, keys[aid], Answers) if cache else None for aid in batch}
            missing = [aid for aid, found in cached.items() if found is None]
            periods = {aid: found.periods for aid, found in cached.items() if found is not None}
            if missing:
                sql = f"select id, record_json from agreements where id in ({placeholders(missing)})"
                for row in db.rows(sql, tuple(missing)):
                    periods[row["id"]] = period_rows(_decode.decode(row["record_json"]))
            connection.executemany(_PERIODS, (period for aid in batch for period in periods[aid]))
            _insert(db, {aid: found for aid, found in cached.items() if found is not None})
            if not missing:
                continue
            assembled = _assemble(db, sharing_world.World(db), missing, periods)
            _insert(db, assembled)
            if cache is not None:
                for aid, answers in assembled.items():
                    cache.put(_KIND, keys[aid], answers)
                cache.save(prune=False)
        if cache is None:
            return None
        cache.save(prune=True)
        # A full build (`--full`) read nothing: the loaders' line says so, and that the cache was refreshed.
        return cache.problem or (cache.summary() if inputs.read_cache else None)
    finally:
        if cache is not None:
            cache.close()
        connection.row_factory = previous


def build(
    seeds_dir: Path, target: Path, progress: Progress | None = None, **options: Unpack[BuildOptions]
) -> BuildResult:
    """Check the seeds (with library files from `sources`), build the database and write the derived
    answers; atomic as a whole. The options (`sources`, `strict`, `cache_dir`, `full`): see loaders.builder.build."""
    return build_tables(seeds_dir, target, progress, finalize=finalize, **options)
