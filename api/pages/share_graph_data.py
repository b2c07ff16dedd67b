"""What the who-shares-with-whom graph shows, as data: parties, the channels between them, and their categories.

`share_graph_data` is the one place the graph gets its data: the sharing rule's graph
(api/domain/graph.py), in the shapes the layout (`share_graph`) takes. Each channel names its
category; the legend shows `GraphData.categories` in order, and `share_graph_edges.EDGE_STYLES` says
how each key is drawn (unknown keys: a dashed grey line).
"""

from __future__ import annotations

import datetime
from typing import Literal

import msgspec

from api.domain.graph import share_graph
from api.pages.vocabulary import words
from api.store import Snapshot


class GraphNode(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    label: str
    """Short name, else name."""
    kind: str
    """state, group, international_organisation, ...: anything but `state` is drawn greyed, dashed."""
    code: str = ""
    """Drawn inside the circle: ISO alpha-3, a short name of five letters or fewer, or ''."""


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


class GraphData(msgspec.Struct, frozen=True, kw_only=True):
    on: datetime.date | None
    """The day the statuses are taken on; None: each agreement's latest known status."""
    nodes: tuple[GraphNode, ...]
    direct: tuple[DirectChannel, ...]
    routes: tuple[HubRoute, ...]
    categories: tuple[EdgeCategory, ...]
    """The legend's entries, in order."""

    def label(self, node: str) -> str:
        return next((n.label for n in self.nodes if n.id == node), node)


IN_FORCE = EdgeCategory(key="in_force", label="direct: both are parties to a pact in force")
NOT_YET_IN_FORCE = EdgeCategory(key="not_yet_in_force", label="direct, not yet in force: initialled or signed")
ROUTE = EdgeCategory(key="route", label="through a hub, hop by hop (hover for whose approval)", drawn_as="route")
CATEGORIES = (IN_FORCE, NOT_YET_IN_FORCE, ROUTE)


def describe(graph: GraphData) -> list[str]:
    """One plain sentence per channel, for the figure's description and caption."""
    lines = []
    for d in graph.direct:
        since = f" since {d.since}" if d.since else ""
        lines.append(f"{graph.label(d.a)} – {graph.label(d.b)}: {d.short_name}, {words(d.status)}{since}")
    for r in graph.routes:
        arrow = " → ".join(graph.label(s) for s in r.path)
        rule = f", onward only with the approval of {r.approval}" if r.approval else ""
        lines.append(f"{arrow}: {r.short_name} ({words(r.status)}), through the hub{rule}")
    return lines


def share_graph_data(db: Snapshot, on: datetime.date | None = None) -> GraphData:
    """Parties and the channels between them, as the sharing rule gives them (api/domain/graph.py): on
    `on`, or by each agreement's latest known status. Direct channels of agreements in force, those of
    agreements initialled or signed as "not yet in force", and routes through a hub hop by hop."""
    graph = share_graph(db, on)
    direct = tuple(
        DirectChannel(
            agreement_id=e.agreement_id,
            short_name=e.short_name,
            category=e.category,
            status=e.status,
            since=e.since,
            a=e.a,
            b=e.b,
        )
        for e in graph.direct
    )
    routes = tuple(
        HubRoute(
            agreement_id=r.agreement_id,
            short_name=r.short_name,
            category=ROUTE.key,
            status=r.status,
            path=r.path,
            approval=r.approval,
        )
        for r in graph.routes
    )
    nodes = tuple(
        GraphNode(id=s, label=label, kind=graph.kinds.get(s, "state"), code=graph.codes.get(s, ""))
        for s, label in graph.states.items()
    )
    return GraphData(on=on, nodes=nodes, direct=direct, routes=routes, categories=CATEGORIES)
