"""With whom a party can share on a date: its state's edges in the graph of the sharing rule.

The graph (api/domain/graph.py) holds the sharing rule's answer for every agreement and pair of its
states; a party's partners are the other ends of the edges that touch its state. A direct channel goes
both ways; a route through a hub has a direction (the party sends, receives, or relays as the hub).
Channels an agreement would open once in force (initialled or signed) are listed apart from those open.
Sharing is decided between states, so an organisation's partners are its state's.
"""

from __future__ import annotations

import datetime
from typing import Literal

from api.domain.errors import NotFound
from api.domain.graph import DirectEdge, EdgeCategory, RouteEdge, share_graph
from api.domain.models import Out, PartyRef
from api.domain.query import Database
from schema.lifecycle import Status

Direction = Literal["both", "sends", "receives", "relays"]


class PartnerChannel(Out, frozen=True, kw_only=True):
    """One channel between the party's state and a partner under one agreement."""

    agreement_id: str
    short_name: str
    category: EdgeCategory
    """`in_force`: open on the date; `not_yet_in_force`: initialled or signed, open once in force."""
    status: Status
    since: str | None
    """For a direct channel: the date the agreement's status began, as precisely as it is known."""
    route: Literal["direct", "via_hub"]
    direction: Direction
    """`both` for a direct channel; for a route, whether the party's state sends, receives or relays (the hub)."""
    path: list[str]
    """The states the information passes, in order (two for a direct channel)."""
    approval: str | None
    """Whose approval the hub needs to pass it on."""


class Partner(Out, frozen=True, kw_only=True):
    """A state the party can share with, or could once an agreement enters into force."""

    state: PartyRef
    channels: list[PartnerChannel]


class PartyPartners(Out, frozen=True, kw_only=True):
    """The party, the state it shares as, and its partners on `on`, those with an open channel first."""

    party: PartyRef
    state: PartyRef
    on: datetime.date
    partners: list[Partner]


def _ref(db: Database, party_id: str, labels: dict[str, str]) -> PartyRef:
    row = db.row("select id, name, kind, state_id from parties where id = ?", (party_id,))
    if row is None:  # a node of the graph the parties table does not hold (never for a built store)
        return PartyRef(id=party_id, name=labels.get(party_id, party_id), kind="state", state_id=party_id)
    return PartyRef(id=row["id"], name=row["name"], kind=row["kind"], state_id=row["state_id"])


def _channel(edge: DirectEdge | RouteEdge, direction: Direction, path: list[str]) -> PartnerChannel:
    return PartnerChannel(
        agreement_id=edge.agreement_id,
        short_name=edge.short_name,
        category=edge.category,
        status=edge.status,
        since=edge.since if isinstance(edge, DirectEdge) else None,
        route="direct" if isinstance(edge, DirectEdge) else "via_hub",
        direction=direction,
        path=path,
        approval=edge.approval if isinstance(edge, RouteEdge) else None,
    )


def partners(db: Database, party_id: str, on: datetime.date) -> PartyPartners:
    """Everyone the party's state has a channel with on `on` (or will have, once an agreement is in force)."""
    row = db.row("select state_id from parties where id = ?", (party_id,))
    if row is None:
        raise NotFound("party", party_id, "See /api/v1/parties for the ids.")
    state = row["state_id"]
    graph = share_graph(db, on)
    found: dict[str, list[PartnerChannel]] = {}
    for edge in graph.direct:
        if state in (edge.a, edge.b):
            other = edge.b if edge.a == state else edge.a
            found.setdefault(other, []).append(_channel(edge, "both", [state, other]))
    for route in graph.routes:
        if state not in route.path:
            continue
        first, last = route.path[0], route.path[-1]
        ends: list[tuple[str, Direction]]
        if state == first:
            ends = [(last, "sends")]
        elif state == last:
            ends = [(first, "receives")]
        else:
            ends = [(first, "relays"), (last, "relays")]
        for other, direction in ends:
            found.setdefault(other, []).append(_channel(route, direction, list(route.path)))
    listed = [
        Partner(state=_ref(db, other, graph.states), channels=channels)
        for other, channels in found.items()
        if other != state
    ]
    listed.sort(key=lambda p: (all(c.category != "in_force" for c in p.channels), p.state.name))
    return PartyPartners(
        party=_ref(db, party_id, graph.states), state=_ref(db, state, graph.states), on=on, partners=listed
    )
