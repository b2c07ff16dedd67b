"""Turning database rows into response Structs. Each function fetches what a page needs in a
fixed number of queries, whatever the page size (no query per row)."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from api.models import (
    AgreementSummary,
    EventOut,
    PartyOut,
    PartyRef,
    ProvisionOut,
    SourceQuote,
    StatusPeriod,
)
from api.store import Snapshot
from schema.base import Actor
from schema.provisions import Provision

API = "/api/v1"
_provision_decoder = msgspec.json.Decoder(Provision)
_actors_decoder = msgspec.json.Decoder(list[Actor])
_strings_decoder = msgspec.json.Decoder(list[str])


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def strings(value: str | None) -> list[str]:
    return _strings_decoder.decode(value or "[]")


def placeholders(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN clause: the values themselves are always bound, never formatted in."""
    return ", ".join("?" for _ in values)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def sources(db: Snapshot, owner_type: str, owner_ids: Sequence[str]) -> dict[str, list[SourceQuote]]:
    """Resolved citations of many records of one type, by owner id."""
    found: dict[str, list[SourceQuote]] = {owner: [] for owner in owner_ids}
    if not owner_ids:
        return found
    rows = db.rows(
        f"select c.owner_id, c.document_id, c.text_id, c.language, c.unit_id, c.quote, c.paragraph, "
        f"c.clean_start, c.clean_end, c.raw_start, c.raw_end, t.agreement_id as text_agreement "
        f"from citations c left join texts t on t.id = c.text_id "
        f"where c.owner_type = ? and c.owner_id in ({placeholders(owner_ids)}) order by c.id",
        (owner_type, *owner_ids),
    )
    for row in rows:
        if row["text_id"]:
            unit = f"/{row['unit_id']}" if row["unit_id"] else ""
            url = f"{API}/agreements/{row['text_agreement']}/text{unit}?language={row['language']}"
        else:
            url = f"{API}/documents/{row['document_id']}"
        found[row["owner_id"]].append(
            SourceQuote(
                document_id=row["document_id"],
                text_id=row["text_id"],
                language=row["language"],
                unit_id=row["unit_id"],
                quote=row["quote"],
                paragraph=row["paragraph"],
                clean_start=row["clean_start"],
                clean_end=row["clean_end"],
                raw_start=row["raw_start"],
                raw_end=row["raw_end"],
                url=url,
            )
        )
    return found


def status_periods(db: Snapshot, agreement_ids: Sequence[str]) -> dict[str, list[StatusPeriod]]:
    periods: dict[str, list[StatusPeriod]] = {a: [] for a in agreement_ids}
    if not agreement_ids:
        return periods
    for row in db.rows(
        f"select agreement_id, status, valid_from, valid_to, deciding_events from agreement_status_periods "
        f"where agreement_id in ({placeholders(agreement_ids)}) order by valid_from",
        tuple(agreement_ids),
    ):
        periods[row["agreement_id"]].append(
            StatusPeriod(
                status=row["status"],
                valid_from=datetime.date.fromisoformat(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                deciding_events=_strings_decoder.decode(row["deciding_events"] or "[]"),
            )
        )
    return periods


def status_at(periods: Iterable[StatusPeriod], on: datetime.date) -> tuple[str, datetime.date | None]:
    for period in periods:
        if period.valid_from <= on and (period.valid_to is None or on < period.valid_to):
            return period.status, period.valid_from
    return "unknown", None


def agreement_summaries(db: Snapshot, rows: Sequence[sqlite3.Row], on: datetime.date) -> list[AgreementSummary]:
    ids = [row["id"] for row in rows]
    periods = status_periods(db, ids)
    parties: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for row in db.rows(
            f"select distinct agreement_id, party_id from agreement_parties "
            f"where agreement_id in ({placeholders(ids)}) order by agreement_id, rowid",
            tuple(ids),
        ):
            parties[row["agreement_id"]].append(row["party_id"])
    summaries = []
    for row in rows:
        status, since = status_at(periods[row["id"]], on)
        summaries.append(
            AgreementSummary(
                id=row["id"],
                short_name=row["short_name"],
                title=row["title"],
                kind=row["kind"],
                level=row["level"],
                parties=parties[row["id"]],
                status=status,  # type: ignore[arg-type]
                status_since=since,
                first_date=_date(row["first_date"]),
                last_date=_date(row["last_date"]),
                provision_count=row["provision_count"],
                url=f"{API}/agreements/{row['id']}",
            )
        )
    return summaries


def events(db: Snapshot, rows: Sequence[sqlite3.Row]) -> list[EventOut]:
    cited = sources(db, "event", [row["id"] for row in rows])
    return [
        EventOut(
            id=row["id"],
            agreement_id=row["agreement_id"],
            event_id=row["event_id"],
            kind=row["kind"],
            status=row["status"],
            date=_date(row["date"]),
            precision=row["precision"],
            latest_date=_date(row["latest_date"]),
            as_written=row["as_written"],
            resolved_against=row["resolved_against"],
            party_id=row["party_id"],
            place=row["place"],
            round=row["round"],
            approving_body=row["approving_body"],
            causes=_strings_decoder.decode(row["causes"] or "[]"),  # type: ignore[arg-type]
            actors=_actors_decoder.decode(row["actors"] or "[]"),
            status_after=row["status_after"],
            note=row["note"],
            sources=cited[row["id"]],
        )
        for row in rows
    ]


def provisions_for_page(db: Snapshot, rows: Sequence[sqlite3.Row]) -> Sequence[ProvisionOut | msgspec.Raw]:
    """Provisions for a list page: the answers the builder stored (sent as they are, see
    api/precompute.py), or assembled live when the database has none."""
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    stored = {
        r["provision_id"]: msgspec.Raw(r["body"])
        for r in db.rows(
            f"select provision_id, body from provision_details where provision_id in ({placeholders(ids)})", ids
        )
    }
    if len(stored) == len(ids):
        return [stored[i] for i in ids]
    return provisions(db, rows)


def provisions(db: Snapshot, rows: Sequence[sqlite3.Row]) -> list[ProvisionOut]:
    cited = sources(db, "provision", [row["id"] for row in rows])
    result = []
    for row in rows:
        terms = _provision_decoder.decode(row["record_json"])
        result.append(
            ProvisionOut(
                id=row["id"],
                agreement_id=row["agreement_id"],
                provision_id=row["provision_id"],
                kind=row["kind"],
                label=row["label"],
                summary=row["summary"],
                basis=row["basis"],
                asserted_by=terms.asserted_by,
                disputes=row["disputes"],
                terms=terms,
                sources=cited[row["id"]],
                url=f"{API}/provisions/{row['id']}",
            )
        )
    return result


def party_refs(db: Snapshot, party_ids: Iterable[str]) -> dict[str, PartyRef]:
    ids = sorted(set(party_ids))
    if not ids:
        return {}
    return {
        row["id"]: PartyRef(id=row["id"], name=row["name"], kind=row["kind"], state_id=row["state_id"])
        for row in db.rows(f"select id, name, kind, state_id from parties where id in ({placeholders(ids)})", ids)
    }


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
    return PartyOut(
        id=row["id"],
        kind=row["kind"],
        name=row["name"],
        short_name=row["short_name"],
        iso_alpha2=row["iso_alpha2"],
        iso_alpha3=row["iso_alpha3"],
        acts_for=row["acts_for"],
        state_id=row["state_id"],
        agreement_count=row["agreement_count"],
        url=f"{API}/parties/{row['id']}",
    )
