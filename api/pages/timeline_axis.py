"""The timeline's axis: year and month labels, grid lines and the breaks where empty years are folded.

Labels are placed left to right and one is left out when it would come too close to the one before
(years on a crowded axis: every other one; months: only those wide enough for their name).
"""

from __future__ import annotations

import datetime

import msgspec

from api.pages.placement import Box, text_box
from api.pages.shapes import Point, Rect
from api.pages.time_scale import TimeScale, year_span
from api.pages.vocabulary import MONTHS

YEAR_SIZE, MONTH_SIZE = 11.0, 12.0
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


def axis(scale: TimeScale, y: float, top: float, bottom: float, plot: tuple[float, float]) -> Axis:
    """The axis whose year labels sit on `y`, its grid running from `top` to `bottom` over `plot` (x0, x1)."""
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
    years, last_year = [], _NOWHERE
    for year in scale.shown_years():
        first, after = year_span(year)
        xa, xb = scale.x(first), scale.x(after)
        at = Point(x=(xa + xb) / 2, y=y)
        box = text_box(at.x, at.y, [str(year)], YEAR_SIZE, anchor="middle")
        fits = not box.overlaps(last_year, 8)
        years.append(YearTick(year=year, grid=(xa, xb), label=at if fits else None))
        if fits:
            last_year = box
    return Axis(
        y=y,
        tick_top=y + 4,
        grid_top=y - 8,
        top=top,
        bottom=bottom,
        plot=plot,
        years=tuple(years),
        months=tuple(months),
        breaks=tuple(breaks),
    )
