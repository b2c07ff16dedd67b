"""Events: the timeline of every agreement's life."""

from __future__ import annotations

import datetime

import msgspec

from api.domain import records
from api.domain.agreements import require_agreement, require_party
from api.domain.errors import BadParameter
from api.domain.models import EventOut
from api.domain.query import Database, Where, page
from schema.agreements import EventKind, EventStatus


class EventFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What the timeline may be narrowed to; an event is inside `date_from`..`date_to` when its
    period overlaps the range."""

    agreement: str | None = None
    party: str | None = None
    kind: EventKind | None = None
    status: EventStatus | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def list_events(db: Database, filters: EventFilters, limit: int, offset: int) -> tuple[list[EventOut], int]:
    """A page of events, oldest first, and how many match."""
    require_party(db, filters.party)
    require_agreement(db, filters.agreement)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise BadParameter("from", f"{filters.date_from} is after `to` ({filters.date_to})")
    where = Where().equal("agreement_id", filters.agreement)
    if filters.party:
        where.condition(f"agreement_id in ({records.PARTY_AGREEMENTS})", filters.party, filters.party)
    where.equal("kind", filters.kind).equal("status", filters.status)
    if filters.date_from:
        where.condition("latest_date >= ?", filters.date_from.isoformat())
    if filters.date_to:
        where.condition("date <= ?", filters.date_to.isoformat())
    order = "date is null, date, agreement_id, rowid"
    rows, total = page(db, "events", where, order_by=order, limit=limit, offset=offset)
    return records.events(db, rows), total
