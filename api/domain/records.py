"""Turning rows into answer Structs with `msgspec.convert`. Each function fetches what a page needs
in a fixed number of queries, whatever the page size (no query per row)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import msgspec

from api.domain.models import (
    EventOut,
    PartyOut,
    PartyRef,
    ProvisionOut,
    SourceQuote,
    StatusPeriod,
)
from api.domain.query import Database, placeholders
from api.settings import API_PREFIX
from schema.provisions import Provision

T = TypeVar("T")
_provision_decoder = msgspec.json.Decoder(Provision)
_answer_decoder = msgspec.json.Decoder(ProvisionOut)
_strings_decoder = msgspec.json.Decoder(list[str])
_QUOTE_COLUMNS = tuple(f for f in SourceQuote.__struct_fields__ if f != "url")
"""The citations columns a SourceQuote is made of (its link is computed)."""


def strings(value: str | None) -> list[str]:
    """A JSON list of strings as stored (null for an empty list)."""
    return _strings_decoder.decode(value or "[]")


def convert(row: sqlite3.Row | dict[str, Any], into: type[T], **extra: Any) -> T:
    """A row as the Struct `into`, with `extra` fields added or replaced; ISO dates become dates."""
    return msgspec.convert({**dict(row), **extra}, into)


def url(*parts: str) -> str:
    """A link into the API."""
    return "/".join((API_PREFIX, *parts))


def page_url(agreement_id: str, unit_id: str | None = None) -> str:
    """The human-readable page of an agreement, at one unit of its official text when given."""
    return f"/agreements/{agreement_id}" + (f"#{unit_id}" if unit_id else "")


def sources(db: Database, owner_type: str, owner_ids: Sequence[str]) -> dict[str, list[SourceQuote]]:
    """Resolved citations of many records of one type, by owner id."""
    found: dict[str, list[SourceQuote]] = {owner: [] for owner in owner_ids}
    if not owner_ids:
        return found
    rows = db.rows(
        f"select c.owner_id, c.document_id, c.text_id, c.language, c.instrument, c.unit_id, c.unit_label, c.quote, "
        f"c.text_kind, c.attribution, c.cited_as, c.paragraph, "
        f"c.clean_start, c.clean_end, c.raw_start, c.raw_end, t.agreement_id as text_agreement "
        f"from citations c left join texts t on t.id = c.text_id "
        f"where c.owner_type = ? and c.owner_id in ({placeholders(owner_ids)}) order by c.id",
        (owner_type, *owner_ids),
    )
    for row in rows:
        if row["text_id"]:
            unit = f"/{row['unit_id']}" if row["unit_id"] else ""
            link = url("agreements", row["text_agreement"], f"text{unit}?language={row['language']}")
        else:
            link = url("documents", row["document_id"])
        # Built directly rather than through `convert` (the columns are typed by the table): the build resolves
        # every citation of the store this way.
        found[row["owner_id"]].append(SourceQuote(**{f: row[f] for f in _QUOTE_COLUMNS}, url=link))
    return found


def status_periods(db: Database, agreement_ids: Sequence[str]) -> dict[str, list[StatusPeriod]]:
    """The stored status periods of many agreements, oldest first."""
    periods: dict[str, list[StatusPeriod]] = {a: [] for a in agreement_ids}
    if not agreement_ids:
        return periods
    for row in db.rows(
        f"select * from agreement_status_periods where agreement_id in ({placeholders(agreement_ids)}) "
        f"order by valid_from",
        tuple(agreement_ids),
    ):
        periods[row["agreement_id"]].append(
            convert(
                row,
                StatusPeriod,
                certain=bool(row["certain"]),
                deciding_events=strings(row["deciding_events"]),
                may_have_changed=strings(row["may_have_changed"]),
                termination_pending=_json(row["termination_pending"]),
                notice_suspended=_json(row["notice_suspended"]),
            )
        )
    return periods


def _json(value: str | None) -> Any:
    return msgspec.json.decode(value) if value else None


def events(db: Database, rows: Sequence[sqlite3.Row]) -> list[EventOut]:
    """Event rows with their sources."""
    cited = sources(db, "event", [row["id"] for row in rows])
    return [
        convert(
            row,
            EventOut,
            causes=msgspec.json.decode(row["causes"] or "[]"),
            actors=msgspec.json.decode(row["actors"] or "[]"),
            notices=strings(row["notices"]),
            asserted_by=_json(row["asserted_by"]),
            preferred=bool(row["preferred"]),
            sources=cited[row["id"]],
        )
        for row in rows
    ]


def events_by_id(db: Database, agreement_id: str, event_ids: Sequence[str]) -> list[EventOut]:
    """Some events of one agreement, in the order asked for."""
    wanted = [f"{agreement_id}.{e}" for e in event_ids]
    if not wanted:
        return []
    by_id = {e.id: e for e in events(db, db.rows(f"select * from events where id in ({placeholders(wanted)})", wanted))}
    return [by_id[i] for i in wanted]


def provisions(db: Database, rows: Sequence[sqlite3.Row]) -> list[ProvisionOut]:
    """Provision rows as the API shows them, assembled from the tables (the build stores them)."""
    cited = sources(db, "provision", [row["id"] for row in rows])
    result = []
    for row in rows:
        terms = _provision_decoder.decode(row["record_json"])
        result.append(
            convert(
                row,
                ProvisionOut,
                asserted_by=terms.asserted_by,
                terms=terms,
                sources=cited[row["id"]],
                url=url("provisions", row["id"]),
            )
        )
    return result


def stored_provisions(db: Database, rows: Sequence[sqlite3.Row]) -> list[msgspec.Raw]:
    """The provisions of `rows` as the build stored them, ready to send."""
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    stored = {
        r["provision_id"]: msgspec.Raw(r["body"])
        for r in db.rows(
            f"select provision_id, body from provision_details where provision_id in ({placeholders(ids)})", ids
        )
    }
    return [stored[i] for i in ids]


def stored_provision_answers(db: Database, rows: Sequence[sqlite3.Row]) -> list[ProvisionOut]:
    """The provisions of `rows` as the build stored them, decoded."""
    return [_answer_decoder.decode(raw) for raw in stored_provisions(db, rows)]


def party_refs(db: Database, party_ids: Iterable[str]) -> dict[str, PartyRef]:
    """Short references to parties, by id."""
    ids = sorted(set(party_ids))
    if not ids:
        return {}
    rows = db.rows(f"select id, name, kind, state_id from parties where id in ({placeholders(ids)})", ids)
    return {row["id"]: convert(row, PartyRef) for row in rows}


PARTY_AGREEMENTS = (
    "select agreement_id from agreement_parties where party_id = ? "
    "union select agreement_id from agreement_parties where state_id = ?"
)
"""Ids of the agreements a party belongs to, itself or through an organisation acting for it (two
bound parameters: the party id twice). A UNION of two index scans; `party_id = ? or state_id = ?`
can make SQLite scan the table."""

PARTY_COLUMNS = (
    "p.id, p.kind, p.name, p.short_name, p.iso_alpha2, p.iso_alpha3, p.acts_for, p.state_id, "
    "(select count(distinct ap.agreement_id) from agreement_parties ap "
    " where ap.party_id = p.id or ap.state_id = p.id) as agreement_count"
)


def party(row: sqlite3.Row) -> PartyOut:
    """A party row (selected with PARTY_COLUMNS) as the API shows it."""
    return convert(row, PartyOut, url=url("parties", row["id"]))
