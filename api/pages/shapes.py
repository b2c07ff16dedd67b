"""Geometry the chart templates draw: points, rectangles, lines, curves and event markers.

The layouts compute these; the templates (`templates/charts/`) only turn them into SVG elements.
Each category of event has its own marker shape as well as its own colour (see `vocabulary`), so
the timeline reads without colour too.
"""

from __future__ import annotations

import msgspec

WHITE = "#ffffff"


class Point(msgspec.Struct, frozen=True, kw_only=True):
    x: float
    y: float


class Rect(msgspec.Struct, frozen=True, kw_only=True):
    x: float
    y: float
    width: float
    height: float


class Line(msgspec.Struct, frozen=True, kw_only=True):
    """A straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


class Curve(msgspec.Struct, frozen=True, kw_only=True):
    """A quadratic Bézier curve from `start` to `end`, pulled towards `control`."""

    start: Point
    control: Point
    end: Point

    def at(self, t: float) -> Point:
        """The point at parameter t (0 = start, 1 = end)."""
        u = 1 - t
        return Point(
            x=u * u * self.start.x + 2 * u * t * self.control.x + t * t * self.end.x,
            y=u * u * self.start.y + 2 * u * t * self.control.y + t * t * self.end.y,
        )


class Glyph(msgspec.Struct, frozen=True, kw_only=True):
    """One event marker, centred on (cx, cy). `shape` says which of the geometry fields the template uses:

    - circle, dot: a circle at (cx, cy) of radius `r`;
    - square: a square at (x, y) with sides `side`;
    - diamond, triangle, pennant (a triangle pointing down): a polygon through `points`;
    - cross: two strokes, `points` = the two diagonals' ends (a white underlay keeps it
      readable over a status band).
    """

    shape: str
    colour: str
    fill: str
    cx: float
    cy: float
    r: float = 0.0
    x: float = 0.0
    y: float = 0.0
    side: float = 0.0
    points: tuple[Point, ...] = ()


def glyph(shape: str, cx: float, cy: float, colour: str, *, hollow: bool = False, size: float = 5.0) -> Glyph:
    """The marker of `shape` centred on (cx, cy), `size` about its radius; hollow (filled white) for a date
    known only roughly."""
    fill = WHITE if hollow else colour
    s = size
    if shape in ("circle", "dot"):
        return Glyph(shape=shape, colour=colour, fill=fill, cx=cx, cy=cy, r=s if shape == "circle" else s * 0.7)
    if shape == "square":
        return Glyph(
            shape=shape, colour=colour, fill=fill, cx=cx, cy=cy, x=cx - s + 0.5, y=cy - s + 0.5, side=2 * s - 1
        )
    if shape == "diamond":
        d = s + 1.2
        points: tuple[Point, ...] = (
            Point(x=cx, y=cy - d),
            Point(x=cx + d, y=cy),
            Point(x=cx, y=cy + d),
            Point(x=cx - d, y=cy),
        )
        return Glyph(shape=shape, colour=colour, fill=fill, cx=cx, cy=cy, points=points)
    if shape == "triangle":
        d = s + 1
        points = (Point(x=cx, y=cy - d), Point(x=cx + d, y=cy + s), Point(x=cx - d, y=cy + s))
        return Glyph(shape=shape, colour=colour, fill=fill, cx=cx, cy=cy, points=points)
    if shape == "pennant":
        d = s + 1
        points = (Point(x=cx - d, y=cy - s), Point(x=cx + d, y=cy - s), Point(x=cx, y=cy + d))
        return Glyph(shape=shape, colour=colour, fill=fill, cx=cx, cy=cy, points=points)
    d = s - 0.5  # cross
    corners = (
        Point(x=cx - d, y=cy - d),
        Point(x=cx + d, y=cy + d),
        Point(x=cx - d, y=cy + d),
        Point(x=cx + d, y=cy - d),
    )
    return Glyph(shape="cross", colour=colour, fill=fill, cx=cx, cy=cy, points=corners)
