"""Event routes: the timeline of every agreement's life."""

from __future__ import annotations

import datetime
from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.domain import events
from api.domain.events import EventFilters
from api.domain.models import EventOut
from api.listing import Found, Paging, list_endpoint
from api.params import AgreementFilter, PartyFilter, any_of
from api.store import Snapshot
from schema.agreements import EventKind, EventStatus

Occurrence = Annotated[
    list[EventStatus] | None,
    any_of("Occurred, only announced (planned), or planned and did not happen (averted).", max_items=3),
]
From = Annotated[datetime.date | None, QueryParameter(name="from", description="Earliest date.")]
To = Annotated[datetime.date | None, QueryParameter(name="to", description="Latest date.")]


@list_endpoint("/events", "listEvents", "The timeline of events", EventOut, page="EventPage")
def list_events(
    db: NamedDependency[Snapshot],
    paging: NamedDependency[Paging],
    agreement: AgreementFilter = None,
    party: PartyFilter = None,
    kind: Annotated[list[EventKind] | None, any_of("Only events of this kind.")] = None,
    status: Occurrence = None,
    date_from: From = None,
    date_to: To = None,
) -> Found:
    """Dated steps in agreements' lives, oldest first: talks and rounds, signings, entry into force, collapse.
    `from`/`to` bound the date range (an event counts when its period overlaps the range); `party` keeps the events
    of agreements that party belongs to."""
    filters = EventFilters(
        agreement=agreement, party=party, kind=kind, status=status, date_from=date_from, date_to=date_to
    )
    return events.list_events(db, filters, paging.limit, paging.offset)
