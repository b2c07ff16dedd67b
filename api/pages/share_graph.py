"""The who-shares-with-whom graph's layout, as shapes for `charts/share_graph.svg`.

What is drawn comes from `share_graph_pacts`: lines bundling the pacts of one category between two
nodes, boxes for pacts among three or more nodes or among a group's members, and routes through a
hub. Nodes sit on the two sides of an ellipse (`share_graph_nodes`); between two nodes each line or
route leg gets its own lane, a curve bowed by a fixed offset (never straight, so no line lies flat
on an axis). Boxes are placed clear of lines, nodes and each other (`share_graph_boxes`), then the
lines' labels where they find room (`share_graph_edges`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable

import msgspec

from api.domain.graph import RouteEdge
from api.pages.legend import Legend, LegendEntry
from api.pages.placement import Box, Occupancy, box_around
from api.pages.shapes import Curve, Line, Point, Rect
from api.pages.share_graph_boxes import BoxPlacer, HubEdge, hub_edge, point_box, samples
from api.pages.share_graph_data import ROUTE, EdgeCategory, GraphData, GraphNode
from api.pages.share_graph_edges import (
    FALLBACK_STYLE,
    ROUTE_PENDING_DASH,
    DirectEdge,
    EdgeLabel,
    EdgeStyle,
    curve,
    edge_labels,
    style_of,
    unit,
)
from api.pages.share_graph_nodes import MARGIN, NODE_R, WIDTH, NodeShape, name_box, node_shape, order, positions
from api.pages.share_graph_pacts import Bundle, Drawn, drawn, links
from api.pages.vocabulary import words

LANE_SPACING = 24.0
MIN_BOW = 14.0
"""How far the control point of a pair's only line sits off the straight line (the curve bows half as far)."""
GROUP_STYLE = EdgeStyle(colour="#333333", width=1.5, dash="4 2")


class Swatch(msgspec.Struct, frozen=True, kw_only=True):
    """A legend swatch: a line in a category's style (with an arrow for routes), the box of a pact,
    or the dashed circle of a group."""

    kind: str
    """line, arrow, hub or group."""
    style: EdgeStyle
    line: Line | None = None
    rect: Rect | None = None
    centre: Point | None = None


class RouteShape(msgspec.Struct, frozen=True, kw_only=True):
    """A route through a hub, drawn leg by leg in the legend's `route` style."""

    route: RouteEdge
    tip: str
    legs: tuple[Curve, ...]
    style: EdgeStyle


class ShareGraphChart(msgspec.Struct, frozen=True, kw_only=True):
    width: float
    height: float
    arrow_colour: str
    title: str
    desc: str
    legend: tuple[LegendEntry[Swatch], ...]
    direct: tuple[DirectEdge, ...]
    routes: tuple[RouteShape, ...]
    hubs: tuple[HubEdge, ...]
    labels: tuple[EdgeLabel, ...]
    nodes: tuple[NodeShape, ...]
    empty_note: Point | None
    caption: tuple[str, ...]
    """One sentence per pair of nodes, per box and per route."""
    undrawn: tuple[str, ...]
    """The parties with no channel drawn."""


def _swatch(kind: str, style: EdgeStyle, length: float) -> Callable[[float, float], Swatch]:
    if kind == "hub":
        return lambda x, y: Swatch(kind=kind, rect=Rect(x=x, y=y - 7, width=length, height=14), style=style)
    if kind == "group":
        return lambda x, y: Swatch(kind=kind, centre=Point(x=x + 8, y=y), style=style)
    return lambda x, y: Swatch(kind=kind, line=Line(x1=x, y1=y, x2=x + length, y2=y), style=style)


def _legend(categories: tuple[EdgeCategory, ...], hubs: bool, groups: bool) -> Legend[Swatch]:
    legend: Legend[Swatch] = Legend(MARGIN, WIDTH - 2 * MARGIN, 16.0)
    for category in categories:
        route = category.drawn_as == "route"
        legend.item(
            _swatch("arrow" if route else "line", style_of(category.key), 28 if route else 30), category.label, 30
        )
    if hubs:
        legend.item(
            _swatch("hub", FALLBACK_STYLE, 30),
            "a pact among three or more, or among a group's members: a box joined to each; all share with each other",
            30,
        )
    if groups:
        legend.item(
            _swatch("group", GROUP_STYLE, 16),
            "a group of states given as one party, with the organisation party with it",
            16,
        )
    return legend


def _lanes(found: Drawn, graph: GraphData, pos: dict[str, Point], cx: float) -> dict[tuple, Point]:
    """The control point of every line's and route leg's curve: a pair's lines side by side, bowed
    either way for a pair across the ellipse, only inwards for a pair on one side (outwards are the names)."""
    lanes: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for i, bundle in enumerate(found.bundles):
        lanes[(bundle.a, bundle.b)].append(("bundle", i))
    for i, r in enumerate(graph.routes):
        path = [graph.node(s) for s in r.path]
        for leg, (a, b) in enumerate(itertools.pairwise(path)):
            lanes[(min(a, b), max(a, b))].append(("route", i, leg))
    control: dict[tuple, Point] = {}
    for (a, b), items in lanes.items():
        pa, pb = pos[a], pos[b]
        mx, my = (pa.x + pb.x) / 2, (pa.y + pb.y) / 2
        ux, uy = unit(pb.x - pa.x, pb.y - pa.y)
        px, py = -uy, ux
        one_side = (pa.x - cx) * (pb.x - cx) > 0 or abs(pa.x - pb.x) < 1
        if one_side and px * (cx - mx) < 0:
            px, py = uy, -ux
        for k, item in enumerate(items):
            spread = (k + 1) if one_side else (k - (len(items) - 1) / 2)
            offset = spread * LANE_SPACING * 2 + (0 if one_side else MIN_BOW)
            control[item] = Point(x=mx + px * offset, y=my + py * offset)
    return control


def _bundle_edge(bundle: Bundle, graph: GraphData, line: Curve) -> DirectEdge:
    pacts = bundle.pacts
    pair = f"{_node_label(graph, bundle.a)} – {_node_label(graph, bundle.b)}"
    named = "; ".join(f"{d.short_name}, {words(d.status)}" + (f" since {d.since}" if d.since else "") for d in pacts)
    return DirectEdge(
        agreements=" ".join(d.agreement_id for d in pacts),
        statuses=" ".join(d.status for d in pacts),
        name=pacts[0].short_name if len(pacts) == 1 else f"{len(pacts)} pacts",
        names="; ".join(d.short_name for d in pacts),
        category=bundle.category,
        a=bundle.a,
        b=bundle.b,
        tip=f"{pair}: {named}",
        curve=line,
        style=style_of(bundle.category),
    )


def _node_label(graph: GraphData, node: str) -> str:
    found = next((n for n in graph.nodes if n.id == node), None)
    if found is None:
        return graph.label(node)
    return found.label + (f" (with {found.with_label})" if found.with_label else "")


def _route_shape(graph: GraphData, index: int, pos: dict[str, Point], control: dict[tuple, Point]) -> RouteShape:
    r = graph.routes[index]
    path = [graph.node(s) for s in r.path]
    legs = tuple(
        curve(pos[a], pos[b], control[("route", index, leg)], 5) for leg, (a, b) in enumerate(itertools.pairwise(path))
    )
    base = style_of(ROUTE.key)
    style = base if r.status == "in_force" else EdgeStyle(colour=base.colour, width=base.width, dash=ROUTE_PENDING_DASH)
    arrow = " → ".join(graph.label(s) for s in r.path)
    rule = f"; onward only with the approval of {r.approval}" if r.approval else "; no approval rule recorded"
    return RouteShape(
        route=r,
        tip=f"{r.short_name} ({words(r.status)}): {arrow}{rule}",
        legs=legs,
        style=style,
    )


def _along(line: Curve) -> list[Point]:
    return samples([line.at(k / 16) for k in range(17)])


def _nodes(
    graph: GraphData, found: Drawn, pos: dict[str, Point], cx: float, ordered: list[GraphNode]
) -> list[NodeShape]:
    pacts: dict[str, set[str]] = defaultdict(set)
    for bundle in found.bundles:
        for d in bundle.pacts:
            pacts[bundle.a].add(d.agreement_id)
            pacts[bundle.b].add(d.agreement_id)
    for pact in found.pacts:
        for node in pact.nodes:
            pacts[node].add(pact.channel.agreement_id)
    for r in graph.routes:
        for s in r.path:
            pacts[graph.node(s)].add(r.agreement_id)
    return [node_shape(n, pos[n.id], cx, len(pacts[n.id])) for n in ordered]


def share_graph_chart(graph: GraphData) -> ShareGraphChart:
    """Lay out the nodes and what is drawn between them."""
    found = drawn(graph)
    groups = any(n.kind != "state" for n in graph.nodes)
    legend = _legend(graph.categories, bool(found.pacts), groups)
    ordered = order(graph.nodes, links(graph, found), legend.bottom + 10)
    pos, cx, height = positions(ordered, legend.bottom + 10)
    frame = Box(left=0, top=0, right=WIDTH, bottom=height)
    taken, lines = Occupancy(gap=2.0), Occupancy(gap=3.0)
    for box in legend.boxes():
        taken.take(box)
    nodes = _nodes(graph, found, pos, cx, ordered)
    for shape in nodes:
        taken.take(box_around(shape.centre.x, shape.centre.y, NODE_R + 2, NODE_R + 2))
        taken.take(name_box(shape))

    control = _lanes(found, graph, pos, cx)
    direct = [
        _bundle_edge(b, graph, curve(pos[b.a], pos[b.b], control[("bundle", i)], 2))
        for i, b in enumerate(found.bundles)
    ]
    routes = [_route_shape(graph, i, pos, control) for i in range(len(graph.routes))]
    for line in [e.curve for e in direct] + [leg for r in routes for leg in r.legs]:
        for p in _along(line):
            lines.take(point_box(p))
    middle = Point(x=cx, y=sum(p.y for p in pos.values()) / len(pos)) if pos else Point(x=cx, y=height / 2)
    placer = BoxPlacer(taken, lines, pos, frame, middle)
    label = {n.id: _node_label(graph, n.id) for n in graph.nodes} | {
        p: graph.label(p) for n in graph.nodes for p in n.parties
    }
    hubs = []
    for pact in sorted(found.pacts, key=lambda p: (not p.within, -len(p.nodes), p.channel.agreement_id)):
        box, spokes = placer.place(pact)
        hubs.append(hub_edge(pact, box, spokes, label))
    labels = edge_labels(direct, taken, frame)

    when = f"on {graph.on.isoformat()}" if graph.on else "by each agreement's latest known status"
    caption = sorted([e.tip for e in direct] + [h.sentence for h in hubs], key=str.casefold) + [r.tip for r in routes]
    return ShareGraphChart(
        width=WIDTH,
        height=height,
        arrow_colour=style_of(ROUTE.key).colour,
        title=f"Who can share military information with whom, {when}",
        desc="; ".join(caption) or "no agreement is initialled, signed or in force",
        legend=tuple(legend.entries),
        direct=tuple(direct),
        routes=tuple(routes),
        hubs=tuple(hubs),
        labels=tuple(labels),
        nodes=tuple(nodes),
        empty_note=None if nodes else Point(x=cx, y=height / 2),
        caption=tuple(caption),
        undrawn=graph.undrawn,
    )
