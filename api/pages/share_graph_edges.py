"""The graph's channels as lines: how each category is drawn, the curves, and where edge labels go.

A line stands for the pacts of one category between two nodes (`share_graph_pacts`). Its label
goes to the first free spot along its curve, nearest the middle first: centred on the line, else
beside it; it is the pact's name, or "3 pacts" (their names in its tooltip). A line that finds no
room goes unlabelled: its tooltip and the figure's caption still name its pacts.
"""

from __future__ import annotations

import math
import textwrap

import msgspec

from api.pages.placement import Anchor, Box, Occupancy, text_box
from api.pages.shapes import Curve, Point
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
    """A line between two nodes: the pacts of one category that give them a direct channel."""

    agreements: str
    """The agreements, space-separated."""
    statuses: str
    """Their statuses, space-separated, in the same order."""
    name: str
    """Its label: the agreement's short name, or "3 pacts"."""
    names: str
    """The agreements' short names, for the label's tooltip."""
    category: str
    a: str
    b: str
    tip: str
    curve: Curve
    style: EdgeStyle


class EdgeLabel(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    """The first line."""
    at: Point
    """The first line's baseline point."""
    anchor: Anchor
    colour: str
    more: tuple[tuple[Point, str], ...] = ()
    """The lines after the first, each with its baseline point."""
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
LABEL_WRAP = 28
"""Characters per line of a long name; it takes two lines at most."""
LABEL_LINE = 13.5


def label_lines(name: str) -> list[str]:
    """A name as one line, or as two (the second shortened with "…" when it runs longer)."""
    lines = textwrap.wrap(name, LABEL_WRAP) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_WRAP, placeholder="…")]
    return lines


def _edge_label(lines: list[str], curve: Curve, taken: Occupancy, frame: Box) -> tuple[Point, Anchor] | None:
    """The first free spot for the lines along `curve`: centred on the line, else beside it (nearer the
    middle of the curve first); the first line's baseline point and the anchor, or None."""
    lift = (len(lines) - 1) * LABEL_LINE / 2
    for t in _ALONG:
        p = curve.at(t)
        for anchor, dx in (("middle", 0.0), ("start", _BESIDE), ("end", -_BESIDE)):
            for dy in _ACROSS:
                at = Point(x=p.x + dx, y=p.y + dy + 4 - lift)
                box = text_box(
                    at.x,
                    at.y,
                    lines,
                    EDGE_LABEL_SIZE,
                    bold=True,
                    anchor=anchor,  # type: ignore[arg-type]
                    line_height=LABEL_LINE,
                )
                if taken.first_free([box], frame):
                    return at, anchor  # type: ignore[return-value]
    return None


def edge_labels(direct: list[DirectEdge], taken: Occupancy, frame: Box) -> list[EdgeLabel]:
    """A label on each line where one finds room: the pact's name, or "3 pacts" with their names in its tooltip."""
    labels: list[EdgeLabel] = []
    for edge in direct:
        lines = label_lines(edge.name)
        spot = _edge_label(lines, edge.curve, taken, frame)
        if spot is not None:
            at, anchor = spot
            more = tuple((Point(x=at.x, y=at.y + k * LABEL_LINE), line) for k, line in enumerate(lines) if k)
            tip = edge.names if edge.names != edge.name else (edge.name if len(lines) > 1 else None)
            labels.append(EdgeLabel(text=lines[0], at=at, anchor=anchor, colour=edge.style.colour, more=more, tip=tip))
    return labels
