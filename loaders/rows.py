"""Table rows from checked seeds: documents, official texts, parties, and the citations of any record.

Each function returns plain dicts keyed by column (loaders/tables.py has the columns); the builder
inserts them. Citations are located in their source here, once, so every row carries its offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from loaders.citations import locate
from loaders.seeds import Seeds
from loaders.walk import walk
from schema.base import Citation, When, date_with_precision


def to_json(value: Any) -> str | None:
    if value in (None, [], {}):
        return None
    return msgspec.json.encode(value).decode()


def iso_date(when: When | None) -> str | None:
    """The first day a date may be on, as an ISO date (the day, week, month or year it is known to)."""
    return when.date.isoformat() if when else None


def as_written(when: When | None) -> str | None:
    """A date as precise as it is known (`2016`, `2016-11`, `week of 2016-11-14`), never padded to a day."""
    return date_with_precision(when.date, when.precision) if when else None


def cited_as(
    document_id: str | None,
    text_id: str | None,
    language: str | None,
    unit_id: str | None,
    unit_label: str | None,
    attribution: str,
) -> str:
    """A citation's source named in full, for reading without the API: the document, or the official text with its
    language version and unit, then how the source is credited (a paraphrase as the curator's)."""
    if text_id is None:
        return f"document {document_id} — {attribution}"
    unit = f", {unit_label} ({unit_id})" if unit_label and unit_id else f", {unit_id}" if unit_id else ""
    return f"text {text_id}, {language}{unit} — {attribution}"


def _unit_label(seeds: Seeds, text_id: str, language: str | None, unit_id: str | None) -> str | None:
    if unit_id is None:
        return None
    for version in seeds.texts[text_id].versions:
        if version.language == language:
            for unit in version.units:
                if unit.id == unit_id:
                    return unit.label
    return None


def state_of(seeds: Seeds, party_id: str) -> str:
    current = party_id
    for _ in range(len(seeds.parties) + 1):
        party = seeds.parties.get(current)
        if party is None or party.acts_for is None:
            return current
        current = party.acts_for
    return current


def citation_rows(
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
            label = _unit_label(seeds, value.doc, spot.language, spot.unit) if is_text else None
            attribution = source.entry.attribution(spot.language)
            document_id, text_id = (None, value.doc) if is_text else (value.doc, None)
            yield {
                "agreement_id": agreement_id,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "field": owner_path[2:] or None,
                "record_path": prefix + path[1:],
                "document_id": document_id,
                "text_id": text_id,
                "language": spot.language,
                "instrument": spot.instrument,
                "unit_id": spot.unit,
                "unit_label": label,
                "quote": value.quote,
                "text_kind": version.text_kind,
                "attribution": attribution,
                "cited_as": cited_as(document_id, text_id, spot.language, spot.unit, label, attribution),
                "paragraph": spot.paragraph,
                "clean_start": spot.clean_start,
                "clean_end": spot.clean_end,
                "raw_start": spot.raw_start,
                "raw_end": spot.raw_end,
            }


def text_rows(seeds: Seeds) -> dict[str, list[dict[str, Any]]]:
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
                "languages": to_json(entry.languages),
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
                    "holds": to_json(version.holds),
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
                    "cells": to_json(u.cells),
                    "raw_start": u.raw_start,
                    "raw_end": u.raw_end,
                    "clean_start": u.clean_start,
                    "clean_end": u.clean_end,
                }
                for u in version.units
            ]
    return rows


def document_rows(seeds: Seeds) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
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
                "published_as_written": entry.published.as_text(),
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


class Only(msgspec.Struct, frozen=True):
    """Wraps a bare citation list so `walk` can visit it like any record."""

    citations: list[Citation]


def party_rows(seeds: Seeds) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"parties": [], "party_members": [], "party_facts": [], "citations": []}
    for p in seeds.parties.values():
        rows["party_members"] += [{"party_id": p.id, "member_id": member} for member in p.members]
        rows["parties"].append(
            {
                "id": p.id,
                "kind": p.kind,
                "name": p.name,
                "short_name": p.short_name,
                "iso_alpha2": p.iso3166.alpha2 if p.iso3166 else None,
                "iso_alpha3": p.iso3166.alpha3 if p.iso3166 else None,
                "acts_for": p.acts_for,
                "state_id": state_of(seeds, p.id),
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
                    "as_of_as_written": as_written(fact.as_of),
                }
            )
            rows["citations"] += citation_rows(seeds, None, "party_fact", fid, fact, f"$.facts[{n}]")
    return rows
