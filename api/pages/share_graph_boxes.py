"""The graph's boxes: a pact among three or more nodes, or among a group's members, with its spokes.

A box goes to the first free spot of a spiral around the middle of its nodes (for a pact within one
node: a little inside the ellipse from it). A spot is free when the box overlaps no label, node or
other box and no line, and when none of its spokes passes over another box or node: a spoke that
ran under a box would seem to end there. Where no spot is free on those terms, the box takes the
first that overlaps no label, node or box (a crowded graph draws a line under a box rather than
lose the box), and failing that the middle of its nodes.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Iterable, Iterator

import msgspec

from api.pages.placement import Box, Occupancy, box_around
from api.pages.shapes import Line, Point
from api.pages.share_graph_edges import EDGE_LABEL_SIZE, EdgeStyle, style_of, unit
from api.pages.share_graph_nodes import NODE_R
from api.pages.share_graph_pacts import Pact
from api.pages.text_metrics import text_width
from api.pages.vocabulary import words

BOX_WRAP = 26
"""Characters per line of a box's name; at most BOX_LINES lines."""
BOX_LINES = 3
BOX_LINE = 14.0
PAD_X, PAD_Y = 6.0, 4.0
SAMPLE = 10.0
"""Lines and spokes are checked against boxes at points this far apart."""


class HubEdge(msgspec.Struct, frozen=True, kw_only=True):
    """A pact drawn as a box, and a spoke to each of its nodes."""

    pact: Pact
    tip: str
    sentence: str
    """For the caption."""
    box: Box
    lines: tuple[tuple[Point, str], ...]
    """Its name, line by line: each line's baseline (centred) and text."""
    spokes: tuple[Line, ...]
    style: EdgeStyle
    """The spokes' style; the box is outlined in its colour."""


def name_lines(name: str) -> list[str]:
    lines = textwrap.wrap(name, BOX_WRAP) or [name]
    if len(lines) > BOX_LINES:
        lines = [*lines[: BOX_LINES - 1], textwrap.shorten(" ".join(lines[BOX_LINES - 1 :]), BOX_WRAP, placeholder="…")]
    return lines


def samples(points: Iterable[Point], skip_end: float = 0.0) -> list[Point]:
    """Points every SAMPLE px along a polyline, leaving out the last `skip_end` px."""
    pts = list(points)
    lengths = [math.hypot(b.x - a.x, b.y - a.y) for a, b in itertools.pairwise(pts)]
    total, found, walked = sum(lengths), [], 0.0
    for (a, b), length in zip(itertools.pairwise(pts), lengths, strict=True):
        steps = max(1, int(length // SAMPLE))
        for k in range(steps):
            t = k / steps
            if walked + t * length <= total - skip_end:
                found.append(Point(x=a.x + (b.x - a.x) * t, y=a.y + (b.y - a.y) * t))
        walked += length
    return found


def point_box(p: Point) -> Box:
    return Box(left=p.x - 0.5, top=p.y - 0.5, right=p.x + 0.5, bottom=p.y + 0.5)


def _spoke(box: Box, node: Point) -> Line:
    """From the box's border to the node's, on the line between their centres."""
    mx, my = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    dx, dy = node.x - mx, node.y - my
    ux, uy = unit(dx, dy)
    half_w, half_h = box.width / 2, box.height / 2
    out = min(half_w / abs(ux) if ux else math.inf, half_h / abs(uy) if uy else math.inf)
    return Line(x1=mx + ux * out, y1=my + uy * out, x2=node.x - ux * (NODE_R + 2), y2=node.y - uy * (NODE_R + 2))


def _spiral(x: float, y: float, step: float = 12.0, rings: int = 34) -> Iterator[tuple[float, float]]:
    yield x, y
    for ring in range(1, rings):
        r = ring * step
        count = max(8, int(2 * math.pi * r / 24))
        for k in range(count):
            a = 2 * math.pi * k / count + ring * 0.37  # turned a little every ring, so rings do not line up
            yield x + r * math.cos(a), y + r * 0.8 * math.sin(a)


class BoxPlacer:
    """Places boxes one by one in `taken` (labels, nodes, earlier boxes), keeping off `lines`."""

    def __init__(self, taken: Occupancy, lines: Occupancy, pos: dict[str, Point], frame: Box, middle: Point) -> None:
        self.taken, self.lines, self.pos, self.frame, self.middle = taken, lines, pos, frame, middle

    def _start(self, pact: Pact, half_w: float, half_h: float) -> Point:
        points = [self.pos[n] for n in pact.nodes]
        if not pact.within:
            return Point(x=sum(p.x for p in points) / len(points), y=sum(p.y for p in points) / len(points))
        node = points[0]
        ux, uy = unit(self.middle.x - node.x, self.middle.y - node.y)
        reach = NODE_R + 10 + abs(ux) * half_w + abs(uy) * half_h
        return Point(x=node.x + ux * reach, y=node.y + uy * reach)

    def _spokes_clear(self, spokes: list[Line]) -> bool:
        for spoke in spokes:
            along = samples([Point(x=spoke.x1, y=spoke.y1), Point(x=spoke.x2, y=spoke.y2)], skip_end=NODE_R)
            if not all(self.taken.is_free(point_box(p)) for p in along):
                return False
        return True

    def place(self, pact: Pact) -> tuple[Box, list[Line]]:
        lines = name_lines(pact.channel.short_name)
        half_w = max(text_width(line, EDGE_LABEL_SIZE, bold=True) for line in lines) / 2 + PAD_X
        half_h = (len(lines) - 1) * BOX_LINE / 2 + EDGE_LABEL_SIZE * 0.6 + PAD_Y
        start = self._start(pact, half_w, half_h)
        fallback: Box | None = None
        for x, y in _spiral(start.x, start.y, 6.0 if pact.within else 12.0, 60 if pact.within else 34):
            box = box_around(x, y, half_w, half_h)
            if not box.inside(self.frame) or not self.taken.is_free(box):
                continue
            spokes = [_spoke(box, self.pos[n]) for n in pact.nodes]
            if self.lines.is_free(box) and self._spokes_clear(spokes):
                return self._take(box, spokes)
            fallback = fallback or box
        box = fallback or box_around(start.x, start.y, half_w, half_h)
        return self._take(box, [_spoke(box, self.pos[n]) for n in pact.nodes])

    def _take(self, box: Box, spokes: list[Line]) -> tuple[Box, list[Line]]:
        self.taken.take(box)
        for spoke in spokes:
            for p in samples([Point(x=spoke.x1, y=spoke.y1), Point(x=spoke.x2, y=spoke.y2)]):
                self.lines.take(point_box(p))
        return box, spokes


def hub_edge(pact: Pact, box: Box, spokes: list[Line], label: dict[str, str]) -> HubEdge:
    """The box's shapes and words."""
    channel = pact.channel
    names = ", ".join(label.get(m, m) for m in pact.members)
    status = words(channel.status) + (f" since {channel.since}" if channel.since else "")
    if pact.within:
        group = label.get(pact.nodes[0], pact.nodes[0])
        tip = f"{channel.short_name}, {status}: among {group} (its members share with each other)"
        sentence = f"{group}, among themselves: {channel.short_name}, {status}"
    else:
        tip = f"{channel.short_name}, {status}: its {len(pact.members)} parties share directly: {names}"
        sentence = f"{names}: {channel.short_name}, {status}, each with every other"
    text = name_lines(channel.short_name)
    mx = (box.left + box.right) / 2
    first = (box.top + box.bottom) / 2 - (len(text) - 1) * BOX_LINE / 2 + EDGE_LABEL_SIZE * 0.35
    style = style_of(channel.category)
    return HubEdge(
        pact=pact,
        tip=tip,
        sentence=sentence,
        box=box,
        lines=tuple((Point(x=mx, y=first + k * BOX_LINE), line) for k, line in enumerate(text)),
        spokes=tuple(spokes),
        style=EdgeStyle(colour=style.colour, width=min(style.width, 1.5), dash=style.dash),
    )
