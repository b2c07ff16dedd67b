"""Contested claims of one agreement: provisions or events whose sources disagree, set side by side.

Where sources disagree about a term or a step, each claim is its own provision or event with its
`asserted_by`, and the contesting one names the other in `disputes` (schema/provisions, schema/agreements).
Claims linked by `disputes`, directly or through another claim, form one contested point. For events the
curator marks one claim of each point `preferred`: the one the status rule uses.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Literal, TypeVar

import msgspec

from api.domain import records
from api.domain.errors import NotFound
from api.domain.models import Out, SourceQuote
from api.domain.query import Database
from schema.agreements import Agreement, Event
from schema.base import Actor, Precision, date_with_precision, dispute_groups
from schema.provisions import Provision

Subject = Literal["provision", "event"]
_record_decoder = msgspec.json.Decoder(Agreement)
ClaimT = TypeVar("ClaimT", Provision, Event)


class Claim(Out, frozen=True, kw_only=True):
    """One side of a contested point: what it says, who says it, and its sources."""

    id: str
    """`<agreement id>.<provision or event id>`."""
    subject: Subject
    kind: str
    says: str
    """What the claim says, in one sentence: a provision's summary, or an event's kind and date."""
    basis: str | None
    """For a provision: how firm the claim is (agreement_text ... planned)."""
    date: datetime.date | None
    precision: Precision | None
    asserted_by: Actor | None
    disputes: str | None
    """The claim this one contests (`<agreement id>.<id>`)."""
    preferred: bool | None
    """For an event: whether it is the claim the status rule uses."""
    sources: list[SourceQuote]


class ContestedPoint(Out, frozen=True, kw_only=True):
    """Claims that dispute each other, the disputed one first."""

    subject: Subject
    kind: str
    claims: list[Claim]


def _disputed_first(members: list[str], links: Mapping[str, str | None]) -> list[str]:
    return sorted(members, key=lambda m: (links[m] in members, members.index(m)))


def _event_says(event: Event) -> str:
    words = event.kind.replace("_", " ").capitalize()
    if event.when is None:
        return f"{words}, undated."
    return f"{words}: {date_with_precision(event.when.date, event.when.precision)}."


def _provision_claim(agreement_id: str, p: Provision, sources: list[SourceQuote]) -> Claim:
    return Claim(
        id=f"{agreement_id}.{p.id}",
        subject="provision",
        kind=str(type(p).__struct_config__.tag),
        says=p.summary(),
        basis=p.basis,
        date=None,
        precision=None,
        asserted_by=p.asserted_by,
        disputes=f"{agreement_id}.{p.disputes}" if p.disputes else None,
        preferred=None,
        sources=sources,
    )


def _event_claim(agreement_id: str, e: Event, sources: list[SourceQuote]) -> Claim:
    return Claim(
        id=f"{agreement_id}.{e.id}",
        subject="event",
        kind=e.kind,
        says=_event_says(e),
        basis=None,
        date=e.when.date if e.when else None,
        precision=e.when.precision if e.when else None,
        asserted_by=e.asserted_by,
        disputes=f"{agreement_id}.{e.disputes}" if e.disputes else None,
        preferred=e.preferred,
        sources=sources,
    )


def _points(
    db: Database,
    agreement_id: str,
    subject: Subject,
    items: Mapping[str, ClaimT],
    claim: Callable[[str, ClaimT, list[SourceQuote]], Claim],
) -> list[ContestedPoint]:
    """The contested points among one kind of claim (`items`: id -> provision or event, in record order)."""
    links = {key: item.disputes for key, item in items.items()}
    groups = dispute_groups(links)
    cited = records.sources(db, subject, [f"{agreement_id}.{m}" for g in groups for m in g])
    points = []
    for group in groups:
        claims = [
            claim(agreement_id, items[member], cited[f"{agreement_id}.{member}"])
            for member in _disputed_first(group, links)
        ]
        points.append(ContestedPoint(subject=subject, kind=claims[0].kind, claims=claims))
    return points


def contested_points(db: Database, agreement_id: str) -> list[ContestedPoint]:
    """Every contested point of the agreement: its provisions' first, then its events'."""
    row = db.row("select record_json from agreements where id = ?", (agreement_id,))
    if row is None:
        raise NotFound("agreement", agreement_id, "See /api/v1/agreements for the ids.")
    record = _record_decoder.decode(row["record_json"])
    provisions: dict[str, Provision] = {p.id: p for p in record.provisions}
    events: dict[str, Event] = {e.id: e for e in record.events}
    return _points(db, agreement_id, "provision", provisions, _provision_claim) + _points(
        db, agreement_id, "event", events, _event_claim
    )
