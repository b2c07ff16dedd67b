"""The timeline's x axis: days to x, piecewise linear, with empty stretches folded and busy months widened.

A pact of 1960 and one of 2016 should both stay readable on one axis, and talks a few days apart
should not fall on one pixel, so the scale is not linear in time:

- every month of every shown year gets the same base width;
- a year holding no dated fact is still shown when it is alone between two that do, but a run of
  `MIN_EMPTY_RUN` or more empty years becomes one narrow break (`GAP` px);
- each distinct day on which an event dated to the day falls gets `DAY` months' worth of extra
  width; the months holding such days are labelled on the axis.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

import msgspec


def month_start(year: int, month: int) -> int:
    """The proleptic ordinal of the month's first day."""
    return datetime.date(year, month, 1).toordinal()


def month_end(year: int, month: int) -> int:
    """The ordinal of the day after the month's last day (safe for December of year 9999)."""
    if month == 12:
        return datetime.date(year, 12, 31).toordinal() + 1
    return month_start(year, month + 1)


def year_span(year: int) -> tuple[int, int]:
    """The ordinals of a year's first day and of the day after its last."""
    return month_start(year, 1), month_end(year, 12)


class Segment(msgspec.Struct, frozen=True, kw_only=True):
    """A stretch of the axis: part of a month of a shown year, or one folded run of empty years."""

    start: int
    end: int
    gap: bool
    x0: float
    x1: float
    years: tuple[int, int]


class TimeScale:
    """Maps a day (proleptic ordinal) to x between `x0` and `x1`."""

    GAP = 30.0
    MIN_EMPTY_RUN = 2
    DAY = 3.5

    def __init__(self, years: Iterable[int], exact_days: Iterable[int], x0: float, x1: float) -> None:
        self.x0, self.x1 = x0, x1
        self.busy_months: list[tuple[int, int]] = []
        plan = self._plan(self._spans(sorted(set(years))), exact_days)
        gaps = sum(1 for p in plan if p[2])
        width = x1 - x0
        gap_width = min(self.GAP, width * 0.3 / gaps) if gaps else 0.0
        unit = (width - gaps * gap_width) / sum(p[3] for p in plan)
        self.segments: list[Segment] = []
        x = x0
        for start, end, gap, weight, span in plan:
            w = gap_width if gap else unit * weight
            self.segments.append(Segment(start=start, end=end, gap=gap, x0=x, x1=x + w, years=span))
            x += w

    def _spans(self, active: list[int]) -> list[tuple[int, int, bool]]:
        """Runs of shown years and folded runs of empty ones, in order: (first, last, folded)."""
        spans: list[tuple[int, int, bool]] = []
        first = last = active[0]
        for year in active[1:]:
            if year - last - 1 >= self.MIN_EMPTY_RUN:
                spans.append((first, last, False))
                spans.append((last + 1, year - 1, True))
                first = year
            last = year
        spans.append((first, last, False))
        return spans

    def _plan(
        self, spans: list[tuple[int, int, bool]], exact_days: Iterable[int]
    ) -> list[tuple[int, int, bool, float, tuple[int, int]]]:
        """(start, end, folded, weight in months, years) for every segment of the axis."""
        busy: dict[tuple[int, int], set[int]] = defaultdict(set)
        for day in exact_days:
            date = datetime.date.fromordinal(day)
            busy[(date.year, date.month)].add(day)
        plan: list[tuple[int, int, bool, float, tuple[int, int]]] = []
        for a, b, gap in spans:
            if gap:
                plan.append((month_start(a, 1), month_end(b, 12), True, 0.0, (a, b)))
                continue
            for year in range(a, b + 1):
                for month in range(1, 13):
                    start, end = month_start(year, month), month_end(year, month)
                    days = sorted(d for d in busy.get((year, month), ()) if start <= d < end)
                    cut = start
                    for day in days:  # the month's base width, shared by its days, plus a slot per busy day
                        if day > cut:
                            plan.append((cut, day, False, (day - cut) / (end - start), (year, year)))
                        plan.append((day, day + 1, False, 1 / (end - start) + self.DAY, (year, year)))
                        cut = day + 1
                    if cut < end:
                        plan.append((cut, end, False, (end - cut) / (end - start), (year, year)))
                    if days:
                        self.busy_months.append((start, end))
        return plan

    def x(self, day: float) -> float:
        first, last = self.segments[0], self.segments[-1]
        if day <= first.start:
            return first.x0
        if day >= last.end:
            return last.x1
        lo, hi = 0, len(self.segments) - 1
        while lo < hi:  # the segments tile the domain in order: bisect on their starts
            mid = (lo + hi + 1) // 2
            if self.segments[mid].start <= day:
                lo = mid
            else:
                hi = mid - 1
        seg = self.segments[lo]
        return seg.x0 + (day - seg.start) / (seg.end - seg.start) * (seg.x1 - seg.x0)

    def shown_years(self) -> list[int]:
        return sorted({s.years[0] for s in self.segments if not s.gap})

    def gaps(self) -> list[Segment]:
        return [s for s in self.segments if s.gap]
