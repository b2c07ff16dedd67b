"""The timeline's event marks: where each event sits on its row, and in which lane.

An event dated to the day is a glyph at that day (with a dashed whisker when it is known only as
"on or before" the day); one known only to a week, month or year is a hollow glyph over a bar
spanning the days it may have happened on. Marks of one row that would touch go into lanes, one
below the other.
"""

from __future__ import annotations

import msgspec

from api.domain.timeline import DatedEvent
from api.pages.shapes import Glyph, Line, Rect, glyph
from api.pages.time_scale import TimeScale
from api.pages.vocabulary import EVENT_CATEGORIES, date_label, event_category, words

MARK = 5.0
"""A marker's size (about its radius)."""
LANE = 13.0


class Mark(msgspec.Struct, frozen=True, kw_only=True):
    """One event: a glyph, with a bar over its span when its date is imprecise, or a whisker for "on or before"."""

    event: DatedEvent
    """What it marks (its id, kind, date and precision go on the marker's data attributes)."""
    category: str
    tip: str
    glyph: Glyph
    span: Rect | None = None
    whisker: Line | None = None
    colour: str


def imprecise(event: DatedEvent) -> bool:
    """Known only to within a span (a week, a month, a year): drawn as a bar, not a point."""
    return event.precision in ("week", "month", "year") or event.latest != event.date


class Placed(msgspec.Struct, frozen=True, kw_only=True):
    """An event's horizontal extent, before it is given a lane."""

    event: DatedEvent
    xa: float
    xb: float
    cx: float
    tail: float
    imprecise: bool

    @property
    def left(self) -> float:
        return min(self.xa, self.cx - MARK - 1.5 - self.tail)

    @property
    def right(self) -> float:
        return max(self.xb, self.cx + MARK + 1.5)


def place(event: DatedEvent, scale: TimeScale) -> Placed:
    # the time scale counts days as proleptic ordinals; stop: the end of the last possible day
    start, stop = event.date.toordinal(), event.latest.toordinal() + 1
    if imprecise(event):
        xa, xb = scale.x(start), scale.x(stop)
        if xb - xa < 4:
            mid = (xa + xb) / 2
            xa, xb = mid - 2, mid + 2
        return Placed(event=event, xa=xa, xb=xb, cx=(xa + xb) / 2, tail=0.0, imprecise=True)
    cx = scale.x(start + 0.5)
    tail = 14.0 if event.precision == "on_or_before" else 0.0
    return Placed(event=event, xa=cx, xb=cx, cx=cx, tail=tail, imprecise=False)


def mark(placed: Placed, agreement: str, cy: float) -> Mark:
    event = placed.event
    category = event_category(event.kind)
    style = EVENT_CATEGORIES[category]
    tip = f"{words(event.kind).capitalize()}: {date_label(event.date, event.precision, event.latest)}"
    if event.as_written:
        tip += f" (as written: “{event.as_written}”)"
    tip += f"; precision: {words(event.precision)}; {agreement}, event {event.event_id}"
    if placed.imprecise:
        span = Rect(x=placed.xa, y=cy - 3.5, width=placed.xb - placed.xa, height=7)
        marker = glyph(style.shape, placed.cx, cy, style.colour, hollow=True, size=4.5)
        return Mark(event=event, category=category, tip=tip, colour=style.colour, span=span, glyph=marker)
    whisker = Line(x1=placed.cx - placed.tail, y1=cy, x2=placed.cx, y2=cy) if placed.tail else None
    marker = glyph(style.shape, placed.cx, cy, style.colour, size=MARK)
    return Mark(event=event, category=category, tip=tip, colour=style.colour, whisker=whisker, glyph=marker)


def lanes(placed: list[Placed], pad: float = 1.5) -> list[int]:
    """Greedy interval packing: the lowest lane where the mark does not touch its neighbour."""
    order = sorted(range(len(placed)), key=lambda i: (placed[i].left, placed[i].right))
    ends: list[float] = []
    lanes = [0] * len(placed)
    for i in order:
        for lane, end in enumerate(ends):
            if end + pad <= placed[i].left:
                ends[lane] = placed[i].right
                lanes[i] = lane
                break
        else:
            ends.append(placed[i].right)
            lanes[i] = len(ends) - 1
    return lanes
