"""The timeline's axis: year and month labels, grid lines and the breaks where empty years are folded.

Month labels are placed left to right, one left out when it would come too close to the one before
(only months wide enough for their name are named). Year labels are placed by priority: the first
and the last year, then every year holding a dated event, then the others, each on the axis's row
of years where it meets no other label; a year with an event that finds no room there goes on a
row above (up to YEAR_ROWS rows), so that on a crowded axis the years with an event are still named.
Each label sits in its year's column, between the year's grid lines.
"""

from __future__ import annotations

import datetime

import msgspec

from api.pages.placement import Box, text_box
from api.pages.shapes import Point, Rect
from api.pages.time_scale import TimeScale, year_span
from schema.base import MONTH_NAMES

YEAR_SIZE, MONTH_SIZE = 11.0, 12.0
TIER = 15.0
"""How far a row of year labels sits above the one below: more than a label's drawn height (13 px)."""
YEAR_ROWS = 4
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


def year_rows(scale: TimeScale, marked: set[int]) -> dict[int, int]:
    """The row each year named on the axis has its label on, 0 the axis's own (see the module's docstring);
    `marked` are the years holding a dated event."""
    shown = scale.shown_years()
    ends = list(dict.fromkeys([shown[0], shown[-1]])) if shown else []
    ranked = ends + [v for v in shown if v in marked and v not in ends] + [v for v in shown if v not in marked]
    placed: dict[int, int] = {}
    rows: list[list[Box]] = [[] for _ in range(YEAR_ROWS)]
    for year in dict.fromkeys(ranked):
        first, after = year_span(year)
        box = text_box((scale.x(first) + scale.x(after)) / 2, 0, [str(year)], YEAR_SIZE, anchor="middle")
        for row, boxes in enumerate(rows):
            if row and year not in marked and year not in ends:
                break
            if not any(box.overlaps(other, YEAR_GAP) for other in boxes):
                boxes.append(box)
                placed[year] = row
                break
    return placed


def axis(
    scale: TimeScale, y: float, top: float, bottom: float, plot: tuple[float, float], rows: dict[int, int]
) -> Axis:
    """The axis whose first row of year labels sits on `y` (the others above it, `rows`: see `year_rows`),
    its grid running from `top` to `bottom` over `plot` (x0, x1)."""
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
        name = MONTH_NAMES[datetime.date.fromordinal(start).month - 1][:3]
        at = Point(x=(xa + xb) / 2, y=y + 16)
        box = text_box(at.x, at.y, [name], MONTH_SIZE, anchor="middle")
        fits = xb - xa >= MIN_MONTH_WIDTH and not box.overlaps(last_month, 4)
        months.append(MonthTick(grid=(xa, xb), label=name if fits else None, at=at if fits else None))
        if fits:
            last_month = box
    years = []
    for year in scale.shown_years():
        first, after = year_span(year)
        xa, xb = scale.x(first), scale.x(after)
        label = Point(x=(xa + xb) / 2, y=y - rows[year] * TIER) if year in rows else None
        years.append(YearTick(year=year, grid=(xa, xb), label=label))
    return Axis(
        y=y,
        tick_top=y + 4,
        grid_top=y - 8 - TIER * max(rows.values(), default=0),
        top=top,
        bottom=bottom,
        plot=plot,
        years=tuple(years),
        months=tuple(months),
        breaks=tuple(breaks),
    )
