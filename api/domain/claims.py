"""Contested claims of one agreement: provisions or events whose sources disagree, set side by side.

Where sources disagree about a term or a step, each claim is its own provision or event with its
`asserted_by`, and the contesting one names the other in `disputes` (schema/provisions, schema/agreements).
Claims linked by `disputes`, directly or through another claim, form one contested point. For events the
curator marks one claim of each point `preferred`: the one the status rule uses.
"""

from __future__ import annotations

import datetime
from typing import Literal

import msgspec

from api.domain import records
from api.domain.errors import NotFound
from api.domain.models import Out, SourceQuote
from api.domain.query import Database
from schema.agreements import Agreement, Event
from schema.base import Actor, Precision, date_with_precision
from schema.provisions import Provision

Subject = Literal["provision", "event"]
_record_decoder = msgspec.json.Decoder(Agreement)


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


def _groups(links: dict[str, str | None]) -> list[list[str]]:
    """Ids linked by `disputes` (id -> the id it disputes), as groups in their record order."""
    parent = {key: key for key in links}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for key, disputed in links.items():
        if disputed in parent:
            parent[root(key)] = root(disputed)
    groups: dict[str, list[str]] = {}
    for key in links:
        groups.setdefault(root(key), []).append(key)
    return [members for members in groups.values() if len(members) > 1]


def _disputed_first(members: list[str], links: dict[str, str | None]) -> list[str]:
    return sorted(members, key=lambda m: (links[m] in members, members.index(m)))


def _event_says(event: Event) -> str:
    words = event.kind.replace("_", " ").capitalize()
    if event.when is None:
        return f"{words}, undated."
    return f"{words}: {date_with_precision(event.when.date, event.when.precision)}."


def contested_points(db: Database, agreement_id: str) -> list[ContestedPoint]:
    """Every contested point of the agreement: its provisions' first, then its events'."""
    row = db.row("select record_json from agreements where id = ?", (agreement_id,))
    if row is None:
        raise NotFound("agreement", agreement_id, "See /api/v1/agreements for the ids.")
    record = _record_decoder.decode(row["record_json"])
    points: list[ContestedPoint] = []
    provisions: dict[str, Provision] = {p.id: p for p in record.provisions}
    provision_links = {p.id: p.disputes for p in record.provisions}
    provision_groups = _groups(provision_links)
    cited = records.sources(db, "provision", [f"{agreement_id}.{m}" for g in provision_groups for m in g])
    for group in provision_groups:
        claims = []
        for member in _disputed_first(group, provision_links):
            p = provisions[member]
            full = f"{agreement_id}.{member}"
            claims.append(
                Claim(
                    id=full,
                    subject="provision",
                    kind=str(type(p).__struct_config__.tag),
                    says=p.summary(),
                    basis=p.basis,
                    date=None,
                    precision=None,
                    asserted_by=p.asserted_by,
                    disputes=f"{agreement_id}.{p.disputes}" if p.disputes else None,
                    preferred=None,
                    sources=cited[full],
                )
            )
        points.append(ContestedPoint(subject="provision", kind=claims[0].kind, claims=claims))
    events: dict[str, Event] = {e.id: e for e in record.events}
    event_links = {e.id: e.disputes for e in record.events}
    event_groups = _groups(event_links)
    cited = records.sources(db, "event", [f"{agreement_id}.{m}" for g in event_groups for m in g])
    for group in event_groups:
        claims = []
        for member in _disputed_first(group, event_links):
            e = events[member]
            full = f"{agreement_id}.{member}"
            claims.append(
                Claim(
                    id=full,
                    subject="event",
                    kind=e.kind,
                    says=_event_says(e),
                    basis=None,
                    date=e.when.date if e.when else None,
                    precision=e.when.precision if e.when else None,
                    asserted_by=e.asserted_by,
                    disputes=f"{agreement_id}.{e.disputes}" if e.disputes else None,
                    preferred=e.preferred,
                    sources=cited[full],
                )
            )
        points.append(ContestedPoint(subject="event", kind=claims[0].kind, claims=claims))
    return points
