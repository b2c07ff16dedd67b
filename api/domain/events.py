"""Events: the timeline of every agreement's life."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import msgspec

from api.domain import records
from api.domain.errors import BadParameter
from api.domain.models import EventOut
from api.domain.party_codes import party_agreements, require_agreements, resolve_parties
from api.domain.query import Database, Where, page
from schema.agreements import EventKind, EventStatus


class EventFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What the timeline may be narrowed to; an event is inside `date_from`..`date_to` when its
    period overlaps the range. Several values of one filter mean any of them."""

    agreement: Sequence[str] | None = None
    party: Sequence[str] | None = None
    kind: Sequence[EventKind] | None = None
    status: Sequence[EventStatus] | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def list_events(db: Database, filters: EventFilters, limit: int, offset: int) -> tuple[list[EventOut], int]:
    """A page of events, oldest first, and how many match."""
    parties = resolve_parties(db, filters.party)
    require_agreements(db, filters.agreement)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise BadParameter("from", f"{filters.date_from} is after `to` ({filters.date_to})")
    where = Where().any_of("agreement_id", filters.agreement)
    if parties:
        where.condition(f"agreement_id in ({party_agreements(parties)})", *parties, *parties)
    where.any_of("kind", filters.kind).any_of("status", filters.status)
    if filters.date_from:
        where.condition("latest_date >= ?", filters.date_from.isoformat())
    if filters.date_to:
        where.condition("date <= ?", filters.date_to.isoformat())
    order = "date is null, date, agreement_id, rowid"
    rows, total = page(db, "events", where, order_by=order, limit=limit, offset=offset)
    return records.events(db, rows), total
