"""Events: the timeline of every agreement's life."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api import records
from api.agreements import require_agreement, require_party
from api.errors import bad_param
from api.listing import Limit, Offset, list_endpoint
from api.models import EventOut, EventPage
from api.params import PartyFilter
from api.store import Snapshot
from schema.agreements import EventKind
from schema.base import SLUG

TAGS = ["events"]


@list_endpoint(
    "/api/v1/events",
    operation_id="listEvents",
    summary="The timeline of events",
    description="Dated steps in agreements' lives, oldest first: talks and rounds, signings, entry into force, "
    "collapse. `from`/`to` bound the date range (an event counts when its period overlaps the range); "
    "`party` keeps the events of agreements that party belongs to.",
    page_type=EventPage,
    tags=TAGS,
)
def list_events(
    db: NamedDependency[Snapshot],
    limit: Limit = 50,
    offset: Offset = 0,
    agreement: Annotated[
        str | None, QueryParameter(pattern=SLUG, max_length=64, description="An agreement id.")
    ] = None,
    party: PartyFilter = None,
    kind: Annotated[EventKind | None, QueryParameter(description="Only events of this kind.")] = None,
    status: Annotated[
        Literal["occurred", "planned"] | None, QueryParameter(description="Occurred, or only announced.")
    ] = None,
    date_from: Annotated[datetime.date | None, QueryParameter(name="from", description="Earliest date.")] = None,
    date_to: Annotated[datetime.date | None, QueryParameter(name="to", description="Latest date.")] = None,
) -> tuple[list[EventOut], int]:
    require_party(db, party)
    require_agreement(db, agreement)
    if date_from and date_to and date_from > date_to:
        raise bad_param("from", f"{date_from} is after `to` ({date_to})")
    where, params = ["1 = 1"], []
    if agreement:
        where.append("agreement_id = ?")
        params.append(agreement)
    if party:
        where.append(f"agreement_id in ({records.PARTY_AGREEMENTS})")
        params += [party, party]
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if status:
        where.append("status = ?")
        params.append(status)
    if date_from:
        where.append("latest_date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("date <= ?")
        params.append(date_to.isoformat())
    clause = " and ".join(where)
    total = db.value(f"select count(*) from events where {clause}", tuple(params))
    rows = db.rows(
        f"select * from events where {clause} order by date is null, date, agreement_id, rowid limit ? offset ?",
        (*params, limit, offset),
    )
    return records.events(db, rows), total
