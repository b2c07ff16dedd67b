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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import sqlite_utils

from loaders.citations import locate
from loaders.seeds import LeftOut, MissingSource, Progress, Seeds, load_seeds
from loaders.tables import FULL_TEXT, INDEXES, create_tables
from loaders.walk import walk
from schema import SCHEMA_VERSION
from schema.agreements import Agreement
from schema.base import Citation
from schema.lifecycle import STATUS_AFTER
from schema.provisions import PROVISION_KINDS, IntermediaryRouting, ProvisionBase, Scope

_BASE_FIELDS = {f.name for f in msgspec.structs.fields(ProvisionBase)}


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

    @property
    def partial(self) -> bool:
        return bool(self.missing_sources)


def _json(value: Any) -> str | None:
    if value in (None, [], {}):
        return None
    return msgspec.json.encode(value).decode()


def _state_of(seeds: Seeds, party_id: str) -> str:
    current = party_id
    for _ in range(len(seeds.parties) + 1):
        party = seeds.parties.get(current)
        if party is None or party.acts_for is None:
            return current
        current = party.acts_for
    return current


def _citation_rows(
    seeds: Seeds, agreement_id: str | None, owner_type: str, owner_id: str, record: Any, prefix: str
) -> Iterator[dict[str, Any]]:
    """One row per citation inside `record`, located in its document."""
    for path, value, target in walk(record):
        if target is None and isinstance(value, Citation):
            source = seeds.source(value.doc)
            assert source is not None  # checked before the build
            spot = locate(source, value)
            is_text = value.doc in seeds.texts
            version = source.entry.version(spot.language)
            owner_path = path.rsplit(".citations", 1)[0]
            yield {
                "agreement_id": agreement_id,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "field": owner_path[2:] or None,
                "record_path": prefix + path[1:],
                "document_id": None if is_text else value.doc,
                "text_id": value.doc if is_text else None,
                "language": spot.language,
                "instrument": spot.instrument,
                "unit_id": spot.unit,
                "quote": value.quote,
                "text_kind": version.text_kind,
                "attribution": source.entry.attribution(spot.language),
                "paragraph": spot.paragraph,
                "clean_start": spot.clean_start,
                "clean_end": spot.clean_end,
                "raw_start": spot.raw_start,
                "raw_end": spot.raw_end,
            }


def _text_rows(seeds: Seeds) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"texts": [], "text_versions": [], "text_units": []}
    for text_id, text in seeds.texts.items():
        entry = text.entry
        rows["texts"].append(
            {
                "id": text_id,
                "agreement_id": entry.agreement,
                "title": entry.title,
                "source": entry.publisher,
                "publisher_kind": entry.publisher_kind,
                "url": entry.url,
                "source_file": entry.library or entry.file,
                "sha256": entry.sha256,
                "languages": _json(entry.languages),
                "raw_text": text.raw,
                "note": entry.note,
            }
        )
        for version in text.versions:
            rows["text_versions"].append(
                {
                    "text_id": text_id,
                    "instrument": version.instrument,
                    "language": version.language,
                    "instrument_kind": version.instrument_kind,
                    "main": int(version.main),
                    "partial": int(version.partial),
                    "holds": _json(version.holds),
                    "title": version.title,
                    "text_kind": entry.version(version.language).text_kind,
                    "authentic": int(entry.version(version.language).authentic),
                    "clean_text": version.clean,
                    "raw_start": version.raw_start,
                    "raw_end": version.raw_end,
                    "unit_count": len(version.units),
                }
            )
            rows["text_units"] += [
                {
                    "text_id": text_id,
                    "language": version.language,
                    "unit_id": u.id,
                    "instrument": version.instrument,
                    "kind": u.kind,
                    "number": u.number,
                    "label": u.label,
                    "heading": u.heading,
                    "caption": u.caption,
                    "parent_id": u.parent,
                    "ord": u.order,
                    "fragment": int(u.fragment),
                    "text": u.text,
                    "cells": _json(u.cells),
                    "raw_start": u.raw_start,
                    "raw_end": u.raw_end,
                    "clean_start": u.clean_start,
                    "clean_end": u.clean_end,
                }
                for u in version.units
            ]
    return rows


def _document_rows(seeds: Seeds) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    documents, blocks = [], []
    for doc_id, source in seeds.documents.items():
        entry = source.entry
        documents.append(
            {
                "id": doc_id,
                "title": entry.title,
                "publisher": entry.publisher,
                "publisher_note": entry.publisher_note,
                "publisher_kind": entry.publisher_kind,
                "url": entry.url,
                "language": entry.versions[0].language,
                "text_kind": entry.versions[0].text_kind,
                "attribution": entry.attribution(),
                "published": entry.published.date.isoformat() if entry.published.date else None,
                "published_precision": entry.published.precision,
                "published_basis": entry.published.basis,
                "published_note": entry.published.note,
                "source_file": entry.library or entry.file,
                "sha256": entry.sha256,
                "raw_text": source.raw,
                "clean_text": source.cleaned.clean,
                "paragraph_count": len(source.cleaned.paragraphs),
                "char_count": len(source.cleaned.clean),
            }
        )
        blocks += [
            {"document_id": doc_id, **msgspec.structs.asdict(b), "kept": int(b.kept)} for b in source.cleaned.blocks
        ]
    return documents, blocks


AGREEMENT_TABLES = (
    "agreements",
    "texts",
    "text_versions",
    "text_units",
    "agreement_status_periods",
    "agreement_names",
    "agreement_parties",
    "signatories",
    "relations",
    "events",
    "provisions",
    "provision_routes",
    "provision_subjects",
    "citations",
)
"""The tables written from agreement records and texts, parents first so foreign keys hold row by row."""


def _agreement_rows(seeds: Seeds, agreement: Agreement) -> dict[str, list[dict[str, Any]]]:
    aid = agreement.id
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in AGREEMENT_TABLES}
    dates = [e.when.date for e in agreement.events if e.when and e.status == "occurred"]
    rows["agreements"] = [
        {
            "id": aid,
            "short_name": agreement.short_name,
            "title": agreement.title,
            "kind": agreement.kind.value,
            "level": agreement.level.value if agreement.level else None,
            "first_date": min(dates).isoformat() if dates else None,
            "last_date": max(dates).isoformat() if dates else None,
            "party_count": len(agreement.parties),
            "provision_count": len(agreement.provisions),
            "event_count": len(agreement.events),
            "note": agreement.note,
            "source_file": seeds.agreement_files[aid],
            "record_json": msgspec.json.encode(agreement).decode(),
        }
    ]
    rows["agreement_names"] = [{"agreement_id": aid, "name": n.name} for n in agreement.names]
    rows["agreement_parties"] = [
        {"agreement_id": aid, "party_id": p.party, "role": role, "state_id": _state_of(seeds, p.party)}
        for p in agreement.parties
        for role in p.roles
    ]
    for n, s in enumerate(agreement.signatories):
        rows["signatories"].append(
            {
                "id": f"{aid}.signatory-{n + 1}",
                "agreement_id": aid,
                "person": s.person,
                "office": s.office,
                "party_id": s.party,
                "signed": s.signed.date.isoformat() if s.signed else None,
                "signed_precision": s.signed.precision if s.signed else None,
            }
        )
    rows["relations"] = [
        {"agreement_id": aid, "kind": r.kind, "other_agreement_id": r.agreement, "note": r.note}
        for r in agreement.relations
    ]
    for e in agreement.events:
        rows["events"].append(
            {
                "id": f"{aid}.{e.id}",
                "agreement_id": aid,
                "event_id": e.id,
                "kind": e.kind,
                "status": e.status,
                "date": e.when.date.isoformat() if e.when else None,
                "precision": e.when.precision if e.when else None,
                "latest_date": e.when.latest().isoformat() if e.when else None,
                "as_written": e.when.as_written if e.when else None,
                "resolved_against": e.when.resolved_against if e.when else None,
                "party_id": e.party,
                "place": e.place,
                "round": e.round,
                "approving_body": e.approving_body,
                "causes": _json(e.causes),
                "actors": _json(e.actors),
                "status_after": STATUS_AFTER.get(e.kind) if e.status == "occurred" else None,
                "note": e.note,
            }
        )
    for p in agreement.provisions:
        pid = f"{aid}.{p.id}"
        data = {k: v for k, v in msgspec.structs.asdict(p).items() if k not in _BASE_FIELDS}
        rows["provisions"].append(
            {
                "id": pid,
                "agreement_id": aid,
                "provision_id": p.id,
                "kind": type(p).__struct_config__.tag,
                "label": p.label,
                "summary": p.summary(),
                "basis": p.basis,
                "binds": _json(p.binds),
                "asserted_by": p.asserted_by.name if p.asserted_by else None,
                "asserted_by_office": p.asserted_by.office if p.asserted_by else None,
                "asserted_by_party": p.asserted_by.party if p.asserted_by else None,
                "disputes": f"{aid}.{p.disputes}" if p.disputes else None,
                "note": p.note,
                "quotes": "\n".join(c.quote for c in p.citations),
                "data": msgspec.json.encode(data).decode(),
                "record_json": msgspec.json.encode(p).decode(),
            }
        )
        if isinstance(p, IntermediaryRouting):
            for n, route in enumerate(p.routes):
                rows["provision_routes"].append(
                    {
                        "id": f"{pid}.route-{n + 1}",
                        "provision_id": pid,
                        "agreement_id": aid,
                        "n": n + 1,
                        "origin": route.origin,
                        "hub": p.hub,
                        "via": _json(route.via),
                        "destination": route.destination,
                        "onward_approval_by": route.onward_approval_by,
                    }
                )
        if isinstance(p, Scope):
            rows["provision_subjects"] += [
                {"provision_id": pid, "subject_id": s, "agreement_id": aid} for s in p.subjects
            ]
    citations = rows["citations"]
    citations += _citation_rows(seeds, aid, "agreement", aid, _Only(agreement.citations), "$")
    for field in ("kind", "level"):
        claim = getattr(agreement, field)
        if claim is not None:
            citations += _citation_rows(seeds, aid, f"agreement_{field}", aid, claim, f"$.{field}")
    for n, name in enumerate(agreement.names):
        citations += _citation_rows(seeds, aid, "agreement_name", f"{aid}:{name.name}", name, f"$.names[{n}]")
    for n, party in enumerate(agreement.parties):
        citations += _citation_rows(seeds, aid, "agreement_party", f"{aid}:{party.party}", party, f"$.parties[{n}]")
    for n, s in enumerate(agreement.signatories):
        citations += _citation_rows(seeds, aid, "signatory", f"{aid}.signatory-{n + 1}", s, f"$.signatories[{n}]")
    for n, r in enumerate(agreement.relations):
        citations += _citation_rows(seeds, aid, "relation", f"{aid}:{r.kind}:{r.agreement}", r, f"$.relations[{n}]")
    for n, e in enumerate(agreement.events):
        citations += _citation_rows(seeds, aid, "event", f"{aid}.{e.id}", e, f"$.events[{n}]")
    for n, p in enumerate(agreement.provisions):
        citations += _citation_rows(seeds, aid, "provision", f"{aid}.{p.id}", p, f"$.provisions[{n}]")
    return rows


class _Only(msgspec.Struct, frozen=True):
    """Wraps a bare citation list so `walk` can visit it like any record."""

    citations: list[Citation]


def _party_rows(seeds: Seeds) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"parties": [], "party_facts": [], "citations": []}
    for p in seeds.parties.values():
        rows["parties"].append(
            {
                "id": p.id,
                "kind": p.kind,
                "name": p.name,
                "short_name": p.short_name,
                "iso_alpha2": p.iso3166.alpha2 if p.iso3166 else None,
                "iso_alpha3": p.iso3166.alpha3 if p.iso3166 else None,
                "acts_for": p.acts_for,
                "state_id": _state_of(seeds, p.id),
                "note": p.note,
            }
        )
        for n, fact in enumerate(p.facts):
            fid = f"{p.id}.fact-{n + 1}"
            rows["party_facts"].append(
                {
                    "id": fid,
                    "party_id": p.id,
                    "kind": type(fact).__struct_config__.tag,
                    "count": fact.count,
                    "agreement_type": fact.agreement_type,
                    "as_of": fact.as_of.date.isoformat(),
                    "as_of_precision": fact.as_of.precision,
                }
            )
            rows["citations"] += _citation_rows(seeds, None, "party_fact", fid, fact, f"$.facts[{n}]")
    return rows


def _provision_views(db: sqlite_utils.Database) -> None:
    """One view per provision kind, its typed fields flattened into columns (lists stay JSON)."""
    for kind, cls in PROVISION_KINDS.items():
        specific = [f.name for f in msgspec.structs.fields(cls) if f.name not in _BASE_FIELDS]
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
  e.kind, e.status, e.status_after, e.party_id, e.place, e.round, e.approving_body, e.as_written, e.note
FROM events e JOIN agreements a ON a.id = e.agreement_id
ORDER BY e.date IS NULL, e.date, e.agreement_id""",
        replace=True,
    )


Finalize = Callable[[sqlite3.Connection], None]


def write_database(
    seeds: Seeds, target: Path, progress: Progress | None = None, finalize: Finalize | None = None
) -> BuildResult:
    """Write `seeds` into a new SQLite file and atomically replace `target` with it.

    `finalize`, when given, runs on the new database inside the build's transaction, before the
    swap: the API uses it to write the status periods and precomputed answers (api/domain/build.py)
    without this package knowing about the API.
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
    try:
        db = sqlite_utils.Database(temp, recreate=True)
        db.execute("PRAGMA foreign_keys = ON")
        with db.atomic():
            create_tables(db)
            say(f"writing {len(seeds.documents)} documents")
            documents, blocks = _document_rows(seeds)
            db.table("documents").insert_all(documents)
            db.table("document_blocks").insert_all(blocks)
            say(f"writing {len(seeds.parties)} parties and {len(seeds.subjects)} subjects")
            party_rows = _party_rows(seeds)
            # Parties refer to parties: insert states first so foreign keys hold row by row.
            ordered = sorted(party_rows["parties"], key=lambda r: r["acts_for"] is not None)
            db.table("parties").insert_all(ordered)
            db.table("party_facts").insert_all(party_rows["party_facts"])
            subjects = [msgspec.structs.asdict(s) for s in seeds.subjects.values()]
            db.table("subjects").insert_all(sorted(subjects, key=lambda s: s["broader"] is not None))
            db.table("citations").insert_all(party_rows["citations"])
            say(f"writing {len(seeds.agreements)} agreements")
            per_table: dict[str, list[dict[str, Any]]] = {}
            for agreement in seeds.agreements.values():
                for table, rows in _agreement_rows(seeds, agreement).items():
                    per_table.setdefault(table, []).extend(rows)
            per_table.update(_text_rows(seeds))
            say(f"writing {len(seeds.texts)} official texts")
            for table in AGREEMENT_TABLES:
                db.table(table).insert_all(per_table.get(table, []))
            for table, columns in INDEXES:
                db.table(table).create_index(columns)
            say("indexing full text")
            for table, columns in FULL_TEXT.items():
                db.table(table).enable_fts(columns, tokenize="porter")
            _provision_views(db)
            if finalize is not None:
                say("precomputing answers")
                finalize(db.conn)
            counts = {
                name: db[name].count
                for name in db.table_names()
                if not name.startswith(("documents_fts", "provisions_fts")) and name != "build_info"
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
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pactstore")
    except PackageNotFoundError:
        return "0+unknown"


def build(
    seeds_dir: Path,
    target: Path,
    progress: Progress | None = None,
    finalize: Finalize | None = None,
    *,
    sources: Iterable[Path] = (),
    strict: bool = False,
) -> BuildResult:
    """Check the seeds and build the database. Raises SeedErrors, leaving `target` untouched."""
    started = time.perf_counter()
    seeds = load_seeds(seeds_dir, progress, sources=sources, strict=strict)
    result = write_database(seeds, target, progress, finalize)
    return dataclasses.replace(result, seconds=time.perf_counter() - started)
