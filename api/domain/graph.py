"""Who can share with whom: the graph of channels between states, from the sharing rule.

Every edge is the sharing rule's answer (`assess`, api/domain/sharing.py) for one agreement and one
pair of its states: a direct channel, or a route through a hub. An agreement in force gives the
channels the rule finds (`in_force`); one initialled or signed but not yet in force gives the
channels it would open (`not_yet_in_force`, what the rule reports as `not_in_force` for it).
Agreements that route through a hub give no direct edge (the rule's `no_route`), and a route whose
legs are not all in force is no edge. The states are those party to any agreement, or on a route.

Two things the pairwise rule cannot say are added beside it: which parties stand together as one
bloc (an organisation party to an agreement with a group of states: NATO with the Parties to the
North Atlantic Treaty, `blocs`), and agreements whose only party is such a group, whose members
share among themselves (`within`: the EU member states' agreement), categorised by their status.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any, Literal

import msgspec

from api.domain import records
from api.domain.models import StatusPeriod
from api.domain.query import Database
from api.domain.sharing import Ask, Outcome, assess
from api.domain.sharing_answer import Channel, Considered
from api.domain.sharing_world import World
from api.domain.status import LATEST, period_on
from api.domain.terms import offers_direct_channel, routes_between, routings
from schema.agreements import Agreement
from schema.lifecycle import Status
from schema.provisions import Route

EdgeCategory = Literal["in_force", "not_yet_in_force"]
NOT_YET_IN_FORCE: tuple[Status, ...] = ("initialled", "signed")
"""Statuses of an agreement that does not yet give a channel but is on its way to."""


class PactEdge(msgspec.Struct, frozen=True, kw_only=True):
    """What every edge says of the agreement it stands for: which one, and its channel's category and status."""

    agreement_id: str
    short_name: str
    category: EdgeCategory
    status: Status


class DirectEdge(PactEdge, frozen=True, kw_only=True):
    """A direct channel between two states under one agreement."""

    since: str | None
    """The date the agreement's status began, as precisely as it is known (of its latest known status
    without a date)."""
    a: str
    b: str


class RouteEdge(PactEdge, frozen=True, kw_only=True):
    """A route through a hub, state by state, under one agreement."""

    path: tuple[str, ...]
    approval: str | None
    """Whose approval the hub needs to pass it on (a label: the party and, if it acts for one, its state)."""


class GroupPact(PactEdge, frozen=True, kw_only=True):
    """An agreement whose only party is a group of states (its members not listed): they share among themselves."""

    since: str | None
    """The date of the step that put it in this status, as precisely as it is known."""
    group: str


class ShareGraph(msgspec.Struct, frozen=True, kw_only=True):
    """What the graph shows, as data: states (id -> label), direct edges and routes through hubs."""

    on: datetime.date | None
    states: dict[str, str]
    """Node id -> label (short name or name)."""
    kinds: dict[str, str]
    codes: dict[str, str]
    """Node id -> the short code drawn inside its circle (ISO alpha-3, or a short name), or ''."""
    direct: list[DirectEdge]
    routes: list[RouteEdge]
    within: list[GroupPact] = []
    """Agreements among the members of one group of states, which no pair of listed states stands for."""
    blocs: dict[str, str] = {}
    """An organisation -> the group of states it is party to agreements with: the two stand together as one."""


def _category(outcome: Channel | Considered) -> EdgeCategory | None:
    if isinstance(outcome, Channel):
        return "in_force"
    if outcome.reason == "not_in_force" and outcome.status in NOT_YET_IN_FORCE:
        return "not_yet_in_force"
    return None


def _label(world: World, party_id: str) -> str:
    row = world.parties.get(party_id)
    return str(row["short_name"] or row["name"]) if row is not None else party_id


def _path(world: World, route: Route) -> tuple[str, ...]:
    path: list[str] = []
    for party in [route.origin, *route.via, route.destination]:
        state = world.state(party) if party in world.parties else None
        if state is not None and (not path or path[-1] != state):
            path.append(state)
    return tuple(path)


def _approval(world: World, route: Route) -> str | None:
    approver = world.parties.get(route.onward_approval_by or "")
    if approver is None:
        return None
    label = _label(world, approver["id"])
    if approver["state_id"] != approver["id"] and approver["state_id"] in world.parties:
        label += f" ({_label(world, approver['state_id'])})"
    return label


def _outcomes(world: World, agreement: Agreement, on: datetime.date) -> dict[tuple[str, str], list[Outcome]]:
    """The sharing rule's outcomes for every pair of the agreement's states and every route it names."""
    pairs = list(itertools.combinations(sorted(world.members(agreement)), 2))
    pairs += [(world.state(r.origin), world.state(r.destination)) for p in routings(agreement) for r in p.routes]
    found: dict[tuple[str, str], list[Outcome]] = {}
    for a, b in dict.fromkeys(pairs):
        if a != b and a in world.parties and b in world.parties:
            ask = Ask(sender_party=world.party(a, "from"), recipient_party=world.party(b, "to"), on=on)
            found[(a, b)] = assess(world, agreement, ask)
    return found


def _categories(
    world: World, agreement: Agreement, a: str, b: str, outcomes: list[Outcome]
) -> tuple[EdgeCategory | None, dict[int, EdgeCategory | None]]:
    """(the direct edge's category, each route's category by its position) for one pair. An outcome
    without a route that is not a channel concerns the agreement as a whole: every candidate edge."""
    direct: EdgeCategory | None = None
    by_route: dict[int, EdgeCategory | None] = {}
    candidates = [id(r) for _, r in routes_between(agreement, a, b, world.state)]
    for route, outcome in outcomes:
        category = _category(outcome)
        if route is not None:
            by_route[id(route)] = category
        elif isinstance(outcome, Channel):
            direct = category
        else:
            if offers_direct_channel(agreement) and {a, b} <= world.members(agreement):
                direct = category
            by_route.update(dict.fromkeys(candidates, category))
    return direct, by_route


def share_graph(db: Database, on: datetime.date | None = None) -> ShareGraph:
    """States and the channels between them on `on`, or by each agreement's latest known status."""
    world = World(db, detailed=False)
    when = on or LATEST
    agreements = world.load_all()
    periods = records.status_periods(db, [a.id for a in agreements])
    direct: list[DirectEdge] = []
    routes: list[RouteEdge] = []
    for agreement in agreements:
        period = period_on(periods[agreement.id], when)
        status, since = (period.status, period.since) if period else ("unknown", None)
        named: dict[str, Any] = {"agreement_id": agreement.id, "short_name": agreement.short_name, "status": status}
        route_categories: dict[int, EdgeCategory | None] = {}
        for (a, b), outcomes in _outcomes(world, agreement, when).items():
            category, by_route = _categories(world, agreement, a, b, outcomes)
            route_categories.update(by_route)
            if category is not None:
                direct.append(DirectEdge(**named, category=category, since=since, a=a, b=b))
        for route in (r for p in routings(agreement) for r in p.routes):
            category = route_categories.get(id(route))
            path = _path(world, route)
            if category is not None and len(path) >= 2:
                routes.append(RouteEdge(**named, category=category, path=path, approval=_approval(world, route)))
    return ShareGraph(
        on=on,
        **_nodes(db, world, agreements),
        direct=direct,
        routes=routes,
        within=_within(world, agreements, periods, when),
        blocs=blocs(world, agreements),
    )


def _status_category(status: Status) -> EdgeCategory | None:
    """The category of a channel among a group's members, whom the rule cannot ask about pair by pair."""
    return "in_force" if status == "in_force" else "not_yet_in_force" if status in NOT_YET_IN_FORCE else None


def _within(
    world: World, agreements: list[Agreement], periods: dict[str, list[StatusPeriod]], when: datetime.date
) -> list[GroupPact]:
    found = []
    for agreement in agreements:
        members = world.members(agreement)
        groups = world.unlisted_groups(agreement)
        if len(members) != 1 or not groups or world.state(groups[0]) not in members:
            continue
        period = period_on(periods[agreement.id], when)
        status, since = (period.status, period.since) if period else ("unknown", None)
        category = _status_category(status)
        if category is not None:
            found.append(
                GroupPact(
                    agreement_id=agreement.id,
                    short_name=agreement.short_name,
                    category=category,
                    status=status,
                    since=since,
                    group=world.state(groups[0]),
                )
            )
    return found


def blocs(world: World, agreements: list[Agreement]) -> dict[str, str]:
    """An organisation party to an agreement with exactly one group of states and no other organisation
    or group, mapped to that group (the first such agreement by id decides)."""
    found: dict[str, str] = {}
    for agreement in agreements:
        others = {s for s in world.members(agreement) if s in world.parties and world.parties[s]["kind"] != "state"}
        groups = [s for s in sorted(others) if world.parties[s]["kind"] == "group"]
        if len(groups) == 1 and len(others) == 2:
            (organisation,) = others - set(groups)
            found.setdefault(organisation, groups[0])
    return found


def _nodes(db: Database, world: World, agreements: list[Agreement]) -> dict[str, dict[str, str]]:
    ids = {r["state_id"] for r in db.rows("select distinct state_id from agreement_parties where state_id is not null")}
    ids.update(s for a in agreements for p in routings(a) for r in p.routes for s in _path(world, r))
    nodes = sorted(ids)
    codes = {}
    for s in nodes:
        row = world.parties.get(s)
        short = row["short_name"] if row is not None else None
        codes[s] = (row["iso_alpha3"] if row is not None else None) or (short if short and len(short) <= 5 else "")
    return {
        "states": {s: _label(world, s) for s in nodes},
        "kinds": {s: (world.parties[s]["kind"] if s in world.parties else "state") for s in nodes},
        "codes": codes,
    }
