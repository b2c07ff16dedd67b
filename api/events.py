"""Event routes: the timeline of every agreement's life."""

from __future__ import annotations

import datetime
from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.domain import events
from api.domain.events import EventFilters
from api.domain.models import EventPage
from api.listing import Found, Paging, list_endpoint
from api.params import ANY_OF, AgreementFilter, PartyFilter
from api.settings import MAX_ANY_OF
from api.store import Snapshot
from schema.agreements import EventKind, EventStatus

Occurrence = Annotated[
    list[EventStatus] | None,
    QueryParameter(
        max_items=3,
        description=f"Occurred, only announced (planned), or planned and did not happen (averted). {ANY_OF}",
    ),
]
From = Annotated[datetime.date | None, QueryParameter(name="from", description="Earliest date.")]
To = Annotated[datetime.date | None, QueryParameter(name="to", description="Latest date.")]


@list_endpoint("/events", "listEvents", "The timeline of events", EventPage)
def list_events(
    db: NamedDependency[Snapshot],
    paging: NamedDependency[Paging],
    agreement: AgreementFilter = None,
    party: PartyFilter = None,
    kind: Annotated[
        list[EventKind] | None, QueryParameter(max_items=MAX_ANY_OF, description=f"Only events of this kind. {ANY_OF}")
    ] = None,
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
