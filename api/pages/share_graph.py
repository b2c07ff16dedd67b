"""The who-shares-with-whom graph's layout, as shapes for `charts/share_graph.svg`.

Parties sit on the two sides of an ellipse (`share_graph_nodes`). Between two parties each channel
gets its own lane (a curve bowed by a fixed offset); a pact among four or more states that all
share with each other is drawn once, as a box joined to each member, instead of as every pair.
How lines are styled and where edge labels go is `share_graph_edges`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

import msgspec

from api.pages.legend import Legend, LegendEntry
from api.pages.placement import Box, Occupancy, box_around
from api.pages.shapes import Curve, Line, Point, Rect
from api.pages.share_graph_data import DirectChannel, EdgeCategory, GraphData, describe
from api.pages.share_graph_edges import (
    EDGE_LABEL_SIZE,
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
from api.pages.text_metrics import text_width
from api.pages.vocabulary import words

HUB_MIN_MEMBERS = 4
LANE_SPACING = 24.0


class Swatch(msgspec.Struct, frozen=True, kw_only=True):
    """A legend swatch: a line in a category's style (with an arrow for routes), or the box of a multilateral pact."""

    kind: str
    """line, arrow or hub."""
    style: EdgeStyle
    line: Line | None = None
    rect: Rect | None = None


class RouteEdge(msgspec.Struct, frozen=True, kw_only=True):
    agreement_id: str
    category: str
    status: str
    path: str
    """The states passed, space-separated."""
    tip: str
    legs: tuple[Curve, ...]
    style: EdgeStyle


class HubEdge(msgspec.Struct, frozen=True, kw_only=True):
    """A multilateral pact: its box, and a spoke to each member."""

    agreement_id: str
    category: str
    status: str
    members: str
    """The member states, space-separated."""
    tip: str
    sentence: str
    """For the caption."""
    box: Box
    label: Point
    name: str
    spokes: tuple[Line, ...]
    style: EdgeStyle


class ShareGraphChart(msgspec.Struct, frozen=True, kw_only=True):
    width: float
    height: float
    arrow_colour: str
    title: str
    desc: str
    legend: tuple[LegendEntry[Swatch], ...]
    direct: tuple[DirectEdge, ...]
    routes: tuple[RouteEdge, ...]
    hubs: tuple[HubEdge, ...]
    labels: tuple[EdgeLabel, ...]
    nodes: tuple[NodeShape, ...]
    empty_note: Point | None
    caption: tuple[str, ...]
    """One sentence per channel (one per multilateral pact)."""


def _swatch(kind: str, style: EdgeStyle, length: float) -> Callable[[float, float], Swatch]:
    if kind == "hub":
        return lambda x, y: Swatch(kind=kind, rect=Rect(x=x, y=y - 7, width=length, height=14), style=style)
    return lambda x, y: Swatch(kind=kind, line=Line(x1=x, y1=y, x2=x + length, y2=y), style=style)


def _legend(categories: tuple[EdgeCategory, ...], hubs: bool) -> Legend[Swatch]:
    legend: Legend[Swatch] = Legend(MARGIN, WIDTH - 2 * MARGIN, 16.0)
    for category in categories:
        route = category.drawn_as == "route"
        legend.item(
            _swatch("arrow" if route else "line", style_of(category.key), 28 if route else 30), category.label, 30
        )
    if hubs:
        legend.item(
            _swatch("hub", FALLBACK_STYLE, 30),
            "a pact among four or more states: a box joined to each member; all of them share with each other",
            30,
        )
    return legend


def _links(graph: GraphData, hubs: dict[str, list[DirectChannel]]) -> list[tuple[str, str, float]]:
    """Who is drawn joined to whom, for the node order: a multilateral pact pulls its members together
    about as much as one channel does, however many they are."""
    members = {aid: len({s for d in channels for s in (d.a, d.b)}) for aid, channels in hubs.items()}
    links = []
    for d in graph.direct:
        links.append((d.a, d.b, 1.0 / (members[d.agreement_id] - 1) if d.agreement_id in members else 1.0))
    for r in graph.routes:
        links.extend((a, b, 1.0) for a, b in zip(r.path, r.path[1:], strict=False))
    return links


def _hub_agreements(graph: GraphData) -> dict[str, list[DirectChannel]]:
    """Agreements whose direct channels join every pair of four or more states: drawn as one box."""
    by_agreement: dict[str, list[DirectChannel]] = defaultdict(list)
    for d in graph.direct:
        by_agreement[d.agreement_id].append(d)
    routed = {r.agreement_id for r in graph.routes}
    hubs = {}
    for aid, channels in by_agreement.items():
        members = {s for d in channels for s in (d.a, d.b)}
        pairs = {frozenset((d.a, d.b)) for d in channels}
        if (
            aid not in routed
            and len(members) >= HUB_MIN_MEMBERS
            and len(pairs) == len(members) * (len(members) - 1) // 2
        ):
            hubs[aid] = channels
    return hubs


def _lanes(
    graph: GraphData, hubs: dict[str, list[DirectChannel]], pos: dict[str, Point], cx: float
) -> dict[tuple, Point]:
    """The control point of every connection's curve: each pair's connections side by side, bowed
    either way for a pair across the ellipse, only inwards for a pair on one side (outwards are the names)."""
    lanes: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    for i, d in enumerate(graph.direct):
        if d.agreement_id not in hubs:
            lanes[(min(d.a, d.b), max(d.a, d.b))].append(("direct", i, 0))
    for i, r in enumerate(graph.routes):
        for leg, (a, b) in enumerate(zip(r.path, r.path[1:], strict=False)):
            lanes[(min(a, b), max(a, b))].append(("route", i, leg))
    control: dict[tuple, Point] = {}
    for (a, b), items in lanes.items():
        pa, pb = pos[a], pos[b]
        mx, my = (pa.x + pb.x) / 2, (pa.y + pb.y) / 2
        ux, uy = unit(pb.x - pa.x, pb.y - pa.y)
        px, py = -uy, ux
        one_side = (pa.x - cx) * (pb.x - cx) > 0
        if one_side and px * (cx - mx) < 0:
            px, py = uy, -ux
        for k, item in enumerate(items):
            offset = (k if one_side else k - (len(items) - 1) / 2) * LANE_SPACING * 2
            control[item] = Point(x=mx + px * offset, y=my + py * offset)
    return control


def _hub(
    aid: str, channels: list[DirectChannel], graph: GraphData, pos: dict[str, Point], taken: Occupancy, frame: Box
) -> HubEdge:
    members = sorted({s for d in channels for s in (d.a, d.b)})
    first = channels[0]
    cx = sum(pos[m].x for m in members) / len(members)
    cy = sum(pos[m].y for m in members) / len(members)
    half_w = text_width(first.short_name, EDGE_LABEL_SIZE, bold=True) / 2 + 6
    half_h = EDGE_LABEL_SIZE * 0.75 + 4
    candidates = [
        box_around(cx + r * math.cos(a), cy + r * math.sin(a), half_w, half_h)
        for r in range(0, 400, 16)
        for a in ([0.0] if r == 0 else [k * math.pi / 8 for k in range(16)])
    ]
    box = taken.first_free(candidates, frame) or taken.take(box_around(cx, cy, half_w, half_h))
    mx, my = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    spokes = []
    for m in members:
        ux, uy = unit(mx - pos[m].x, my - pos[m].y)
        spokes.append(Line(x1=mx, y1=my, x2=pos[m].x + ux * (NODE_R + 2), y2=pos[m].y + uy * (NODE_R + 2)))
    since = f" since {first.since}" if first.since else ""
    names = ", ".join(graph.label(m) for m in members)
    status = f"{words(first.status)}{since}"
    return HubEdge(
        agreement_id=aid,
        category=first.category,
        status=first.status,
        members=" ".join(members),
        tip=f"{first.short_name}, {status}: its {len(members)} parties share directly: {names}",
        sentence=f"{names}: {first.short_name}, {status}, each with every other",
        box=box,
        label=Point(x=mx, y=my + 4),
        name=first.short_name,
        spokes=tuple(spokes),
        style=_spoke(style_of(first.category)),
    )


def _spoke(style: EdgeStyle) -> EdgeStyle:
    """A member's line to its pact's box: thinner than a channel, so the box reads as membership."""
    return EdgeStyle(colour=style.colour, width=min(style.width, 1.5), dash=style.dash)


def share_graph_chart(graph: GraphData) -> ShareGraphChart:
    """Lay out the parties and the channels between them."""
    hubs = _hub_agreements(graph)
    legend = _legend(graph.categories, bool(hubs))
    ordered = order(graph.nodes, _links(graph, hubs), legend.bottom + 10)
    pos, cx, height = positions(ordered, legend.bottom + 10)
    frame = Box(left=0, top=0, right=WIDTH, bottom=height)
    taken = Occupancy(gap=2.0)
    for box in legend.boxes():
        taken.take(box)
    pacts: dict[str, set[str]] = defaultdict(set)
    for d in graph.direct:
        pacts[d.a].add(d.agreement_id)
        pacts[d.b].add(d.agreement_id)
    for r in graph.routes:
        for s in r.path:
            pacts[s].add(r.agreement_id)
    nodes = [node_shape(n, pos[n.id], cx, len(pacts[n.id])) for n in ordered]
    for shape in nodes:
        taken.take(box_around(shape.centre.x, shape.centre.y, NODE_R + 2, NODE_R + 2))
        taken.take(name_box(shape))

    hub_edges = [_hub(aid, channels, graph, pos, taken, frame) for aid, channels in hubs.items()]
    control = _lanes(graph, hubs, pos, cx)
    direct = []
    for i, d in enumerate(graph.direct):
        if d.agreement_id in hubs:
            continue
        a, b = sorted((d.a, d.b))
        since = f" since {d.since}" if d.since else ""
        direct.append(
            DirectEdge(
                agreement_id=d.agreement_id,
                name=d.short_name,
                category=d.category,
                status=d.status,
                a=a,
                b=b,
                tip=f"{graph.label(a)} – {graph.label(b)}: {d.short_name}, {words(d.status)}{since}",
                curve=curve(pos[a], pos[b], control[("direct", i, 0)], 2),
                style=style_of(d.category),
            )
        )
    labels = edge_labels(direct, graph, taken, frame)
    routes = []
    for i, r in enumerate(graph.routes):
        legs = tuple(
            curve(pos[a], pos[b], control[("route", i, leg)], 5)
            for leg, (a, b) in enumerate(zip(r.path, r.path[1:], strict=False))
        )
        base = style_of(r.category)
        style = (
            base if r.status == "in_force" else EdgeStyle(colour=base.colour, width=base.width, dash=ROUTE_PENDING_DASH)
        )
        arrow = " → ".join(graph.label(s) for s in r.path)
        rule = (
            f"; onward only with the approval of {r.approval}"
            if r.approval
            else "; no approval rule recorded for the onward hop"
        )
        routes.append(
            RouteEdge(
                agreement_id=r.agreement_id,
                category=r.category,
                status=r.status,
                path=" ".join(r.path),
                tip=f"{r.short_name} ({words(r.status)}): {arrow}{rule}",
                legs=legs,
                style=style,
            )
        )

    when = f"on {graph.on.isoformat()}" if graph.on else "by each agreement's latest known status"
    sentences = describe(graph)
    caption = _caption(graph, hubs, hub_edges)
    return ShareGraphChart(
        width=WIDTH,
        height=height,
        arrow_colour=style_of("route").colour,
        title=f"Who can share military information with whom, {when}",
        desc="; ".join(sentences) or "no agreement is initialled, signed or in force",
        legend=tuple(legend.entries),
        direct=tuple(direct),
        routes=tuple(routes),
        hubs=tuple(hub_edges),
        labels=tuple(labels),
        nodes=tuple(nodes),
        empty_note=None if nodes else Point(x=cx, y=height / 2),
        caption=tuple(caption),
    )


def _caption(graph: GraphData, hubs: dict[str, list[DirectChannel]], hub_edges: list[HubEdge]) -> list[str]:
    """The channels in words; a multilateral pact is one sentence, not one per pair."""
    rest = msgspec.structs.replace(graph, direct=tuple(d for d in graph.direct if d.agreement_id not in hubs))
    return describe(rest) + [h.sentence for h in hub_edges]
