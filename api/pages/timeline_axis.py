"""The timeline's axis: year and month labels, grid lines and the breaks where empty years are folded.

Month labels are placed left to right, one left out when it would come too close to the one before
(only months wide enough for their name are named). Year labels are placed by priority: the first
and the last year, then every year holding a dated event, then the others, each on the axis's row
of years where it meets no other label; a year with an event that finds no room there goes on a
second row just above, so that on a crowded axis every year with an event is still named.
"""

from __future__ import annotations

import datetime

import msgspec

from api.pages.placement import Box, text_box
from api.pages.shapes import Point, Rect
from api.pages.time_scale import TimeScale, year_span
from api.pages.vocabulary import MONTHS

YEAR_SIZE, MONTH_SIZE = 11.0, 12.0
TIER = 15.0
"""How far the second row of year labels sits above the first: more than a label's drawn height (13 px)."""
YEAR_GAP = 6.0
MIN_MONTH_WIDTH = 24.0
"""A busy month narrower than this goes unnamed."""
_NOWHERE = Box(left=-1e9, top=0, right=-1e9, bottom=0)


class YearTick(msgspec.Struct, frozen=True, kw_only=True):
    year: int
    grid: tuple[float, float]
    label: Point | None


class MonthTick(msgspec.Struct, frozen=True, kw_only=True):
    grid: tuple[float, float]
    label: str | None
    at: Point | None


class Break(msgspec.Struct, frozen=True, kw_only=True):
    tip: str
    rect: Rect
    slashes: tuple[Point, Point]


class Axis(msgspec.Struct, frozen=True, kw_only=True):
    y: float
    """The year labels' baseline."""
    tick_top: float
    """Where the axis line and the month grid lines start."""
    grid_top: float
    """Where the year grid lines start, above the axis line."""
    top: float
    bottom: float
    plot: tuple[float, float]
    years: tuple[YearTick, ...]
    months: tuple[MonthTick, ...]
    breaks: tuple[Break, ...]


def _year_labels(scale: TimeScale, y: float, marked: set[int]) -> dict[int, Point]:
    """Where each year named on the axis has its label (see the module's docstring)."""
    shown = scale.shown_years()
    if not shown:
        return {}
    ends = list(dict.fromkeys([shown[0], shown[-1]]))
    ranked = ends + [v for v in shown if v in marked and v not in ends] + [v for v in shown if v not in marked]
    placed: dict[int, Point] = {}
    rows: tuple[list[Box], list[Box]] = ([], [])
    for year in dict.fromkeys(ranked):
        first, after = year_span(year)
        x = (scale.x(first) + scale.x(after)) / 2
        for tier, boxes in enumerate(rows):
            if tier and year not in marked and year not in ends:
                break
            at = Point(x=x, y=y - tier * TIER)
            box = text_box(at.x, at.y, [str(year)], YEAR_SIZE, anchor="middle")
            if not any(box.overlaps(other, YEAR_GAP) for other in boxes):
                boxes.append(box)
                placed[year] = at
                break
    return placed


def axis(
    scale: TimeScale, y: float, top: float, bottom: float, plot: tuple[float, float], marked: set[int] | None = None
) -> Axis:
    """The axis whose year labels sit on `y` (a second row above it), its grid running from `top` to
    `bottom` over `plot` (x0, x1); `marked` are the years holding a dated event."""
    breaks = []
    for seg in scale.gaps():
        mid = (seg.x0 + seg.x1) / 2
        span = f"{seg.years[0]}–{seg.years[1]}" if seg.years[1] > seg.years[0] else str(seg.years[0])
        breaks.append(
            Break(
                tip=f"no dated events {span}: folded",
                rect=Rect(x=seg.x0 + 3, y=top, width=max(seg.x1 - seg.x0 - 6, 1), height=bottom - top),
                slashes=(Point(x=mid - 5, y=y + 9), Point(x=mid + 1, y=y + 9)),
            )
        )
    months, last_month = [], _NOWHERE
    for start, end in scale.busy_months:
        xa, xb = scale.x(start), scale.x(end)
        name = MONTHS[datetime.date.fromordinal(start).month - 1][:3]
        at = Point(x=(xa + xb) / 2, y=y + 16)
        box = text_box(at.x, at.y, [name], MONTH_SIZE, anchor="middle")
        fits = xb - xa >= MIN_MONTH_WIDTH and not box.overlaps(last_month, 4)
        months.append(MonthTick(grid=(xa, xb), label=name if fits else None, at=at if fits else None))
        if fits:
            last_month = box
    labels = _year_labels(scale, y, marked or set())
    years = []
    for year in scale.shown_years():
        first, after = year_span(year)
        years.append(YearTick(year=year, grid=(scale.x(first), scale.x(after)), label=labels.get(year)))
    return Axis(
        y=y,
        tick_top=y + 4,
        grid_top=y - 8 - (TIER if any(p.y < y for p in labels.values()) else 0),
        top=top,
        bottom=bottom,
        plot=plot,
        years=tuple(years),
        months=tuple(months),
        breaks=tuple(breaks),
    )
