"""What the who-shares-with-whom graph shows, as data: parties, the channels between them, and their categories.

`share_graph_data` is the one place the graph gets its data: the sharing rule's graph
(api/domain/graph.py), in the shapes the layout (`share_graph`) takes. Each channel names its
category; the legend shows `GraphData.categories` in order, and `share_graph_edges.EDGE_STYLES` says
how each key is drawn (unknown keys: a dashed grey line).

The graph answers "who can share with whom", so its nodes are the parties with a channel in force or
on its way (direct, through a hub, or among a group's members); the others are named beside it
(`GraphData.undrawn`). An organisation that stands with a group of states (NATO with the Parties to
the North Atlantic Treaty) is drawn in the group's node: `GraphData.node_of` maps every party drawn
to its node.
"""

from __future__ import annotations

import datetime
from typing import Literal

import msgspec

from api.domain.graph import share_graph
from api.store import Snapshot


class GraphNode(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    label: str
    """Short name, else name."""
    kind: str
    """state, group, international_organisation, ...: anything but `state` is drawn greyed, dashed."""
    code: str = ""
    """Drawn inside the circle: ISO alpha-3, a short name of five letters or fewer, or ''."""
    parties: tuple[str, ...] = ()
    """The parties the node stands for: itself, and the organisations that stand with a group."""
    with_label: str = ""
    """For a group's node: the organisations drawn in it, named (for its tooltip)."""


class EdgeCategory(msgspec.Struct, frozen=True, kw_only=True):
    """A kind of channel, as the legend lists it."""

    key: str
    """Channels refer to it; `share_graph_edges.EDGE_STYLES[key]` is how it is drawn; `sg-<key>` its CSS class."""
    label: str
    drawn_as: Literal["direct", "route"] = "direct"


class DirectChannel(msgspec.Struct, frozen=True, kw_only=True):
    """States `a` and `b` may share directly under the agreement."""

    agreement_id: str
    short_name: str
    category: str
    status: str
    since: str | None
    a: str
    b: str


class HubRoute(msgspec.Struct, frozen=True, kw_only=True):
    """Information passes from `path[0]` to `path[-1]` through the states between them, hop by hop."""

    agreement_id: str
    short_name: str
    category: str
    status: str
    path: tuple[str, ...]
    approval: str | None
    """Whose approval the onward hop needs (a label), when a record says."""


class GroupChannel(msgspec.Struct, frozen=True, kw_only=True):
    """The members of group `group` may share among themselves under the agreement."""

    agreement_id: str
    short_name: str
    category: str
    status: str
    since: str | None
    group: str


class GraphData(msgspec.Struct, frozen=True, kw_only=True):
    on: datetime.date | None
    """The day the statuses are taken on; None: each agreement's latest known status."""
    nodes: tuple[GraphNode, ...]
    direct: tuple[DirectChannel, ...]
    routes: tuple[HubRoute, ...]
    categories: tuple[EdgeCategory, ...]
    """The legend's entries, in order."""
    within: tuple[GroupChannel, ...] = ()
    node_of: dict[str, str] = {}
    """Party -> the node it is drawn in (a party missing here is its own node)."""
    undrawn: tuple[str, ...] = ()
    """The labels of the parties to agreements that have no channel drawn, in alphabetical order."""
    labels: dict[str, str] = {}
    """Party -> its label, for every party the graph names."""

    def label(self, party: str) -> str:
        return self.labels.get(party) or next((n.label for n in self.nodes if n.id == party), party)

    def node(self, party: str) -> str:
        return self.node_of.get(party, party)


IN_FORCE = EdgeCategory(key="in_force", label="direct: both are parties to a pact in force")
NOT_YET_IN_FORCE = EdgeCategory(key="not_yet_in_force", label="direct, not yet in force: initialled or signed")
ROUTE = EdgeCategory(key="route", label="through a hub, hop by hop (hover for whose approval)", drawn_as="route")
CATEGORIES = (IN_FORCE, NOT_YET_IN_FORCE, ROUTE)


def share_graph_data(db: Snapshot, on: datetime.date | None = None) -> GraphData:
    """Parties and the channels between them, as the sharing rule gives them (api/domain/graph.py): on
    `on`, or by each agreement's latest known status. Direct channels of agreements in force, those of
    agreements initialled or signed as "not yet in force", and routes through a hub hop by hop."""
    graph = share_graph(db, on)
    # the domain's edges are these channels field for field; a route's category is the legend's key
    direct = msgspec.convert(graph.direct, tuple[DirectChannel, ...], from_attributes=True)
    routes = tuple(
        msgspec.structs.replace(r, category=ROUTE.key)
        for r in msgspec.convert(graph.routes, tuple[HubRoute, ...], from_attributes=True)
    )
    within = msgspec.convert(graph.within, tuple[GroupChannel, ...], from_attributes=True)
    drawn = {s for d in direct for s in (d.a, d.b)} | {s for r in routes for s in r.path} | {w.group for w in within}
    node_of = {s: graph.blocs.get(s, s) for s in drawn}
    members: dict[str, list[str]] = {}
    for party, node in sorted(node_of.items()):
        members.setdefault(node, []).append(party)
    nodes = tuple(
        GraphNode(
            id=node,
            label=graph.states.get(node, node),
            kind=graph.kinds.get(node, "state"),
            code=next((graph.codes[p] for p in [node, *parties] if graph.codes.get(p)), ""),
            parties=tuple(parties),
            with_label=", ".join(graph.states.get(p, p) for p in parties if p != node),
        )
        for node, parties in sorted(members.items())
    )
    parties_of = {s for (s,) in db.rows("select distinct state_id from agreement_parties where role = 'party'")}
    undrawn = sorted((graph.states.get(s, s) for s in parties_of - drawn if s in graph.states), key=str.casefold)
    return GraphData(
        on=on,
        nodes=nodes,
        direct=direct,
        routes=routes,
        categories=CATEGORIES,
        within=within,
        node_of=node_of,
        undrawn=tuple(undrawn),
        labels=dict(graph.states),
    )
