"""What the who-shares-with-whom graph shows, as data: parties, the channels between them, and their categories.

`share_graph_data` is the one place the graph gets its data: the sharing rule's graph
(api/domain/graph.py), its edges as the rule gives them, with the nodes the layout (`share_graph`)
draws them between. A direct channel's category is a key of the legend, which shows
`GraphData.categories` in order; `share_graph_edges.EDGE_STYLES` says how each key is drawn (unknown
keys: a dashed grey line). Every route is drawn as the legend's `route` entry, its status saying
whether it is dashed.

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

from api.domain.graph import DirectEdge, GroupPact, RouteEdge, share_graph
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


class GraphData(msgspec.Struct, frozen=True, kw_only=True):
    on: datetime.date | None
    """The day the statuses are taken on; None: each agreement's latest known status."""
    nodes: tuple[GraphNode, ...]
    direct: tuple[DirectEdge, ...]
    routes: tuple[RouteEdge, ...]
    categories: tuple[EdgeCategory, ...]
    """The legend's entries, in order."""
    within: tuple[GroupPact, ...] = ()
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
    direct, routes, within = graph.direct, graph.routes, graph.within
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
        direct=tuple(direct),
        routes=tuple(routes),
        categories=CATEGORIES,
        within=tuple(within),
        node_of=node_of,
        undrawn=tuple(undrawn),
        labels=dict(graph.states),
    )
