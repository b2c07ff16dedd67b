"""The graph's channels as lines: how each category is drawn, the curves, and where edge labels go.

An edge label goes to the first free spot along its curve, nearest the middle first: centred on the
line, else beside it. Where a pair's edges do not all find room, the pair gets one label ("3 pacts",
their names in its tooltip); where even that finds none, the edges go unlabelled (their tooltips and
the figure's caption still name them).
"""

from __future__ import annotations

import math
from collections import defaultdict

import msgspec

from api.pages.placement import Anchor, Box, Occupancy, text_box
from api.pages.shapes import Curve, Point
from api.pages.share_graph_data import GraphData
from api.pages.share_graph_nodes import NODE_R

EDGE_LABEL_SIZE = 11.5


class EdgeStyle(msgspec.Struct, frozen=True, kw_only=True):
    colour: str
    width: float
    dash: str | None = None


EDGE_STYLES: dict[str, EdgeStyle] = {
    "in_force": EdgeStyle(colour="#009E73", width=3),
    "not_yet_in_force": EdgeStyle(colour="#B86E00", width=2.5, dash="7 4"),
    "route": EdgeStyle(colour="#0072B2", width=2),
}
FALLBACK_STYLE = EdgeStyle(colour="#767676", width=2, dash="3 4")
"""For a category this module does not know: still drawn, and the legend names it."""
ROUTE_PENDING_DASH = "7 4"


def style_of(category: str) -> EdgeStyle:
    return EDGE_STYLES.get(category, FALLBACK_STYLE)


class DirectEdge(msgspec.Struct, frozen=True, kw_only=True):
    agreement_id: str
    name: str
    category: str
    status: str
    a: str
    b: str
    tip: str
    curve: Curve
    style: EdgeStyle


class EdgeLabel(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    at: Point
    anchor: Anchor
    colour: str
    tip: str | None = None
    """For a label standing for several pacts: their names."""


def unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 1e-9 else (0.0, 0.0)


def curve(pa: Point, pb: Point, control: Point, gap: float) -> Curve:
    sx, sy = unit(control.x - pa.x, control.y - pa.y)
    ex, ey = unit(control.x - pb.x, control.y - pb.y)
    return Curve(
        start=Point(x=pa.x + sx * (NODE_R + 2), y=pa.y + sy * (NODE_R + 2)),
        control=control,
        end=Point(x=pb.x + ex * (NODE_R + gap), y=pb.y + ey * (NODE_R + gap)),
    )


_ALONG = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
_ACROSS = (0.0, -10.0, 10.0, -20.0, 20.0)
_BESIDE = 6.0
"""How far a label set beside its edge (anchored at its start or end) keeps from the line."""


def _edge_label(text: str, curve: Curve, taken: Occupancy, frame: Box) -> tuple[Point, Anchor] | None:
    """The first free spot for `text` along `curve`: centred on the line, else beside it (nearer the
    middle of the curve first); its baseline point and anchor, or None."""
    for t in _ALONG:
        p = curve.at(t)
        for anchor, dx in (("middle", 0.0), ("start", _BESIDE), ("end", -_BESIDE)):
            for dy in _ACROSS:
                at = Point(x=p.x + dx, y=p.y + dy + 4)
                box = text_box(at.x, at.y, [text], EDGE_LABEL_SIZE, bold=True, anchor=anchor)  # type: ignore[arg-type]
                if taken.first_free([box], frame):
                    return at, anchor  # type: ignore[return-value]
    return None


def edge_labels(direct: list[DirectEdge], graph: GraphData, taken: Occupancy, frame: Box) -> list[EdgeLabel]:
    """A label on each direct edge; where a pair's edges do not all find room, one label for the pair
    ("3 pacts", their names in its tooltip), or none."""
    pairs: dict[tuple[str, str], list[DirectEdge]] = defaultdict(list)
    for edge in direct:
        pairs[(edge.a, edge.b)].append(edge)
    labels: list[EdgeLabel] = []
    for (a, b), edges in pairs.items():
        mark = taken.mark()
        spots = [_edge_label(e.name, e.curve, taken, frame) for e in edges]
        if all(spot is not None for spot in spots):
            labels.extend(
                EdgeLabel(text=e.name, at=spot[0], anchor=spot[1], colour=e.style.colour)
                for e, spot in zip(edges, spots, strict=True)
                if spot is not None
            )
            continue
        taken.rollback(mark)
        if len(edges) < 2:
            continue
        text = f"{len(edges)} pacts"
        spot = _edge_label(text, edges[len(edges) // 2].curve, taken, frame)
        if spot is not None:
            colours = {e.style.colour for e in edges}
            tip = f"{graph.label(a)} – {graph.label(b)}: " + "; ".join(e.name for e in edges)
            labels.append(
                EdgeLabel(
                    text=text,
                    at=spot[0],
                    anchor=spot[1],
                    colour=colours.pop() if len(colours) == 1 else "#444444",
                    tip=tip,
                )
            )
    return labels
