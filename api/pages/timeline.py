"""The timeline's layout: every agreement's life on one shared time axis, as shapes for `charts/timeline.svg`.

One row per agreement: its name in a column on the left (on two lines when it is long, cut with
"…" beyond), its track on the right. Rows are grouped by who the agreements are between
(`timeline_groups`), under a heading. Within a row, events that would touch are stacked in lanes;
imprecise dates are bars over their span. Axis labels are placed only where they overlap no other
label (`timeline_axis`).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from api.domain.models import StatusPeriod
from api.pages.legend import Legend, LegendEntry
from api.pages.links import agreement_page
from api.pages.shapes import Glyph, Line, Point, Rect, glyph
from api.pages.text_metrics import text_width
from api.pages.time_scale import TimeScale
from api.pages.timeline_axis import TIER, Axis, axis, year_rows
from api.pages.timeline_data import TimelineAgreement, TimelineData
from api.pages.timeline_groups import groups
from api.pages.timeline_marks import LANE, Mark, imprecise, lanes, mark, place
from api.pages.vocabulary import EVENT_CATEGORIES, STATUS_FILL, UNKNOWN_FILL, status_rank, words

WIDTH = 960.0
MARGIN = 16.0
NAME_WIDTH = 250.0
"""The column of the rows' names."""
PLOT0, PLOT1 = MARGIN + NAME_WIDTH + 12, WIDTH - MARGIN
HEADING_SIZE = 12.0
NAME_SIZE, NAME_LINE = 12.0, 14.0
ROW_GAP, GROUP_GAP = 4.0, 10.0
GREY = "#6b6b6b"
NOTICE = "#D55E00"
"""The colour of a termination notice's stripe (Okabe–Ito vermillion, that of ended steps)."""


class Swatch(msgspec.Struct, frozen=True, kw_only=True):
    """A legend swatch: an event glyph, a bar (imprecise date), a whisker ("on or before") or a status band."""

    kind: str
    glyph: Glyph | None = None
    rect: Rect | None = None
    line: Line | None = None
    fill: str = ""


class Stretch(msgspec.Struct, frozen=True, kw_only=True):
    """A status period along a row's track: a band shaded behind the events (`kind`: the status), or the
    stripe along the top where a termination notice stands (`pending`) or is suspended (`suspended`), drawn
    as a bar or a dashed line."""

    kind: str
    rect: Rect
    tip: str
    fill: str = NOTICE


class Row(msgspec.Struct, frozen=True, kw_only=True):
    agreement_id: str
    name: str
    """The name's first line."""
    more: tuple[tuple[Point, str], ...]
    """The name's further line, if it takes two."""
    full_name: str
    href: str
    label: Point
    track: Rect
    dated: bool
    bands: tuple[Stretch, ...] = ()
    open_ends: tuple[tuple[Point, Point, Point], ...] = ()
    """A chevron at the right end of each open-ended period: it goes on."""
    folds: tuple[Rect, ...] = ()
    """Folded stretches of the axis, showing through the bands."""
    notices: tuple[Stretch, ...] = ()
    marks: tuple[Mark, ...] = ()
    note: Point | None = None
    """Where "no dated events recorded" goes, for a row without events."""


class RowGroup(msgspec.Struct, frozen=True, kw_only=True):
    heading: str
    tip: str
    at: Point
    rule: Line
    """A hairline above the group, across the chart."""
    rows: tuple[Row, ...]


class TimelineChart(msgspec.Struct, frozen=True, kw_only=True):
    width: float
    height: float
    desc: str
    legend: tuple[LegendEntry[Swatch], ...]
    axis: Axis | None
    """None when nothing is dated; `empty_note` says so."""
    empty_note: Point | None
    groups: tuple[RowGroup, ...]


def _legend(statuses: Sequence[str]) -> Legend[Swatch]:
    legend: Legend[Swatch] = Legend(MARGIN, WIDTH - 2 * MARGIN, 14.0)
    legend.heading("Events")
    for style in EVENT_CATEGORIES.values():
        legend.item(
            lambda x, y, s=style: Swatch(kind="glyph", glyph=glyph(s.shape, x + 9, y, s.colour)),  # type: ignore[misc]
            style.label,
        )
    legend.heading("Date known only")
    legend.item(
        lambda x, y: Swatch(
            kind="span",
            rect=Rect(x=x, y=y - 3.5, width=26, height=7),
            glyph=glyph("circle", x + 13, y, GREY, hollow=True, size=4.5),
        ),
        "to a week, month or year: a bar over the span",
        26,
    )
    legend.item(
        lambda x, y: Swatch(
            kind="before", line=Line(x1=x, y1=y, x2=x + 18, y2=y), glyph=glyph("circle", x + 20, y, GREY, size=4.5)
        ),
        "as “on or before” a day",
        26,
    )
    legend.heading("Termination notice")
    legend.item(
        lambda x, y: Swatch(kind="pending", rect=Rect(x=x, y=y - 2, width=22, height=4), fill=NOTICE),
        "pending: a bar along the top",
        22,
    )
    legend.item(
        lambda x, y: Swatch(kind="suspended", line=Line(x1=x, y1=y, x2=x + 22, y2=y), fill=NOTICE),
        "suspended: a dashed line",
        22,
    )
    if statuses:
        legend.heading("Status")
        for status in statuses:
            legend.item(
                lambda x, y, s=status: Swatch(  # type: ignore[misc]
                    kind="status", rect=Rect(x=x, y=y - 6, width=18, height=12), fill=_fill(s)
                ),
                words(status),
            )
    return legend


def _fill(status: str) -> str:
    return STATUS_FILL.get(status, UNKNOWN_FILL)


def _stretches(
    agreement: TimelineAgreement, scale: TimeScale, track: Rect
) -> tuple[list[Stretch], list[Stretch], list[tuple[Point, Point, Point]]]:
    """The row's status bands, its notice stripes, and a chevron at the right end of an open-ended period."""
    bands: list[Stretch] = []
    notices: list[Stretch] = []
    open_ends: list[tuple[Point, Point, Point]] = []
    for p in agreement.periods:
        xa = scale.x(p.valid_from.toordinal())
        xb = scale.x(p.valid_to.toordinal()) if p.valid_to else PLOT1
        tip = f"{agreement.short_name}: {words(p.status)} {_since(p)}"
        band = Rect(x=xa, y=track.y, width=max(xb - xa, 1.0), height=track.height)
        bands.append(Stretch(kind=p.status, rect=band, tip=tip, fill=_fill(p.status)))
        notice = _notice(p)
        if notice is not None:
            stripe = Rect(x=xa, y=track.y + 1, width=max(xb - xa, 2.0), height=4.0)
            notices.append(Stretch(kind=notice, rect=stripe, tip=tip))
        if not p.valid_to:
            top, bottom = track.y, track.y + track.height
            open_ends.append(
                (Point(x=PLOT1 - 6, y=top), Point(x=PLOT1, y=(top + bottom) / 2), Point(x=PLOT1 - 6, y=bottom))
            )
    return bands, notices, open_ends


def _since(period: StatusPeriod) -> str:
    """The band's words: the status since the date it began, as precisely as it is known."""
    text = f"since {period.since}" if period.since else "before any dated step"
    if not period.certain:
        text += f"; may have changed ({', '.join(period.may_have_changed)})"
    pending = period.termination_pending
    if period.notice_suspended is not None:
        text += "; termination notice suspended"
    elif pending is not None:
        when = f"to take effect on {pending.takes_effect_on}" if pending.takes_effect_on else "its effect not dated"
        text += f"; termination notice pending, {when}"
    return text + ("" if period.valid_to else " (latest known status)")


def _notice(period: StatusPeriod) -> str | None:
    """`pending` (a termination notice stands, not yet in effect) or `suspended` (its effect is suspended)."""
    if period.notice_suspended is not None:
        return "suspended"
    return "pending" if period.termination_pending is not None else None


def name_lines(name: str) -> list[str]:
    """The row's name in the column: one line, or two, the second cut with "…" if it still runs over."""
    words_left = name.split()
    lines: list[str] = []
    while words_left and len(lines) < 2:
        line = words_left.pop(0)
        while words_left and text_width(f"{line} {words_left[0]}", NAME_SIZE, bold=True) <= NAME_WIDTH:
            line = f"{line} {words_left.pop(0)}"
        lines.append(line)
    if words_left or (lines and text_width(lines[-1], NAME_SIZE, bold=True) > NAME_WIDTH):
        last = " ".join([lines[-1], *words_left])
        while last and text_width(last + "…", NAME_SIZE, bold=True) > NAME_WIDTH:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines or [name]


def _row(agreement: TimelineAgreement, scale: TimeScale | None, y: float) -> tuple[Row, float]:
    """The row whose top is `y`, and the y where the next row may start."""
    names = name_lines(agreement.short_name)
    label = Point(x=MARGIN, y=y + 13)
    more = tuple((Point(x=MARGIN, y=label.y + k * NAME_LINE), line) for k, line in enumerate(names) if k)
    text_height = len(names) * NAME_LINE + 4
    undated = Row(
        agreement_id=agreement.id,
        name=names[0],
        more=more,
        full_name=agreement.short_name,
        href=agreement_page(agreement.id),
        label=label,
        track=Rect(x=PLOT0, y=y + 2, width=PLOT1 - PLOT0, height=max(16.0, text_height - 4)),
        dated=False,
        note=Point(x=PLOT0 + 6, y=y + 14),
    )
    if scale is None or not agreement.events:
        return undated, y + undated.track.height + 4 + ROW_GAP
    placed = [place(e, scale) for e in agreement.events]
    lane_of = lanes(placed)
    # as tall as the name beside it, so that a row's name and track line up
    track = Rect(
        x=PLOT0, y=y + 1, width=PLOT1 - PLOT0, height=max(18.0, (max(lane_of) + 1) * LANE + 4, text_height - 2)
    )
    bands, notices, open_ends = _stretches(agreement, scale, track)
    folds = [
        Rect(x=seg.x0 + 3, y=track.y, width=max(seg.x1 - seg.x0 - 6, 1), height=track.height) for seg in scale.gaps()
    ]
    top = track.y + (track.height - (max(lane_of) + 1) * LANE) / 2
    marks = [
        mark(p, agreement.short_name, top + lane * LANE + LANE / 2) for p, lane in zip(placed, lane_of, strict=True)
    ]
    row = msgspec.structs.replace(
        undated,
        track=track,
        dated=True,
        note=None,
        bands=tuple(bands),
        open_ends=tuple(open_ends),
        folds=tuple(folds),
        notices=tuple(notices),
        marks=tuple(marks),
    )
    return row, y + track.height + 2 + ROW_GAP


def _heading(heading: str) -> str:
    """A group's heading, cut to the chart's width."""
    room = WIDTH - 2 * MARGIN
    text = heading
    while text_width(text, HEADING_SIZE, bold=True) > room:
        text = text[:-2].rstrip() + "…"
    return text


def _groups(data: TimelineData, scale: TimeScale | None, top: float) -> tuple[list[RowGroup], float]:
    found, y = [], top + 4
    for group in groups(data.agreements):
        at = Point(x=MARGIN, y=y + 14)
        rule = Line(x1=MARGIN, y1=y + 0.5, x2=WIDTH - MARGIN, y2=y + 0.5)
        y += 20
        rows = []
        for agreement in group.agreements:
            row, y = _row(agreement, scale, y)
            rows.append(row)
        found.append(RowGroup(heading=_heading(group.heading), tip=group.tip, at=at, rule=rule, rows=tuple(rows)))
        y += GROUP_GAP
    return found, y


def _scale(data: TimelineData) -> TimeScale | None:
    years: set[int] = set()
    exact: list[int] = []
    for agreement in data.agreements:
        for e in agreement.events:
            years.update(range(e.date.year, e.latest.year + 1))
            if not imprecise(e):
                exact.append(e.date.toordinal())
        for p in agreement.periods:
            years.add(p.valid_from.year)
            if p.valid_to:
                years.add(p.valid_to.year)
    return TimeScale(years, exact, PLOT0, PLOT1) if years else None


def timeline_chart(data: TimelineData) -> TimelineChart:
    """Lay out every agreement's events and status periods on one time axis."""
    statuses = sorted({p.status for a in data.agreements for p in a.periods}, key=status_rank)
    legend = _legend(statuses)
    scale = _scale(data)
    dated = [e for a in data.agreements for e in a.events]
    rows = year_rows(scale, {e.date.year for e in dated}) if scale is not None else {}
    axis_y = legend.bottom + 26 + TIER * max(rows.values(), default=0)
    top = axis_y + 22
    groups, bottom = _groups(data, scale, top)
    first = min((e.date for e in dated), default=None)
    last = max((e.latest for e in dated), default=None)
    desc = (
        f"{len(data.agreements)} agreements, {len(dated)} dated events"
        + (f" from {first} to {last}" if first and last else "")
        + ". Each row is one agreement, grouped by who it is between; markers are its events, shaded bands its"
        " status over time."
    )
    return TimelineChart(
        width=WIDTH,
        height=bottom + 4,
        desc=desc,
        legend=tuple(legend.entries),
        axis=axis(scale, axis_y, top, bottom, (PLOT0, PLOT1), rows) if scale is not None else None,
        empty_note=None if scale is not None else Point(x=PLOT0, y=axis_y),
        groups=tuple(groups),
    )
