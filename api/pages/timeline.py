"""The timeline's layout: every agreement's life on one shared time axis, as shapes for `charts/timeline.svg`.

Rows are grouped by the agreement's parties (a pact and its successors between the same states
sit together under one heading), groups in the order of their first dated event. Within a row,
events that would touch are stacked in lanes; imprecise dates are bars over their span. Axis
labels are placed only where they overlap no other label.
"""

from __future__ import annotations

import msgspec

from api.pages.legend import Legend, LegendEntry
from api.pages.links import agreement_page
from api.pages.shapes import Glyph, Line, Point, Rect, glyph
from api.pages.text_metrics import text_width
from api.pages.time_scale import TimeScale
from api.pages.timeline_axis import Axis, axis
from api.pages.timeline_data import StatusPeriod, TimelineAgreement, TimelineData
from api.pages.timeline_marks import LANE, Mark, day, imprecise, lanes, mark, place
from api.pages.vocabulary import EVENT_CATEGORIES, STATUS_FILL, UNKNOWN_FILL, status_rank, words

WIDTH = 960.0
MARGIN = 16.0
PLOT0, PLOT1 = MARGIN + 4, WIDTH - MARGIN - 4
HEADING_SIZE = 12.0
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


class Band(msgspec.Struct, frozen=True, kw_only=True):
    """A status period, shaded behind the row's events."""

    status: str
    rect: Rect
    fill: str
    tip: str


class NoticeStripe(msgspec.Struct, frozen=True, kw_only=True):
    """A stretch during which a termination notice stands (`pending`) or is suspended (`suspended`):
    a bar, or a dashed line, along the top of the row's track."""

    kind: str
    rect: Rect
    tip: str


class Row(msgspec.Struct, frozen=True, kw_only=True):
    agreement_id: str
    name: str
    href: str
    label: Point
    track: Rect
    dated: bool
    bands: tuple[Band, ...] = ()
    open_ends: tuple[tuple[Point, Point, Point], ...] = ()
    """A chevron at the right end of each open-ended period: it goes on."""
    folds: tuple[Rect, ...] = ()
    """Folded stretches of the axis, showing through the bands."""
    notices: tuple[NoticeStripe, ...] = ()
    marks: tuple[Mark, ...] = ()
    note: Point | None = None
    """Where "no dated events recorded" goes, for a row without events."""


class RowGroup(msgspec.Struct, frozen=True, kw_only=True):
    heading: str
    tip: str
    at: Point
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


def _legend(statuses: list[str]) -> Legend[Swatch]:
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


def _bands(
    agreement: TimelineAgreement, scale: TimeScale, track: Rect
) -> tuple[list[Band], list[tuple[Point, Point, Point]]]:
    bands: list[Band] = []
    open_ends: list[tuple[Point, Point, Point]] = []
    for p in agreement.periods:
        xa = scale.x(day(p.valid_from))
        xb = scale.x(day(p.valid_to)) if p.valid_to else PLOT1
        bands.append(
            Band(
                status=p.status,
                rect=Rect(x=xa, y=track.y, width=max(xb - xa, 1.0), height=track.height),
                fill=_fill(p.status),
                tip=f"{agreement.short_name}: {words(p.status)} {_since(p)}",
            )
        )
        if not p.valid_to:
            top, bottom = track.y, track.y + track.height
            open_ends.append(
                (Point(x=PLOT1 - 6, y=top), Point(x=PLOT1, y=(top + bottom) / 2), Point(x=PLOT1 - 6, y=bottom))
            )
    return bands, open_ends


def _since(period: StatusPeriod) -> str:
    """The band's words: the status since the date it began, as precisely as it is known."""
    text = f"since {period.since}" if period.since else "before any dated step"
    if not period.certain:
        text += f"; may have changed ({', '.join(period.may_have_changed)})"
    if period.notice == "pending":
        when = f"to take effect on {period.takes_effect_on}" if period.takes_effect_on else "its effect not dated"
        text += f"; termination notice pending, {when}"
    elif period.notice == "suspended":
        text += "; termination notice suspended"
    return text + ("" if period.valid_to else " (latest known status)")


def _notices(agreement: TimelineAgreement, scale: TimeScale, track: Rect) -> list[NoticeStripe]:
    stripes = []
    for p in agreement.periods:
        if p.notice is None:
            continue
        xa = scale.x(day(p.valid_from))
        xb = scale.x(day(p.valid_to)) if p.valid_to else PLOT1
        rect = Rect(x=xa, y=track.y + 1, width=max(xb - xa, 2.0), height=4.0)
        stripes.append(
            NoticeStripe(kind=p.notice, rect=rect, tip=f"{agreement.short_name}: {words(p.status)} {_since(p)}")
        )
    return stripes


def _row(agreement: TimelineAgreement, scale: TimeScale | None, y: float) -> tuple[Row, float]:
    """The row whose label's line starts at `y`, and the y where the next row may start."""
    label = Point(x=MARGIN, y=y + 12)
    href = agreement_page(agreement.id)
    top = y + 18
    if scale is None or not agreement.events:
        track = Rect(x=PLOT0, y=top, width=PLOT1 - PLOT0, height=18.0)
        row = Row(
            agreement_id=agreement.id,
            name=agreement.short_name,
            href=href,
            label=label,
            track=track,
            dated=False,
            note=Point(x=PLOT0 + 6, y=top + 12),
        )
        return row, top + track.height + 14
    placed = [place(e, scale) for e in agreement.events]
    lane_of = lanes(placed)
    track = Rect(x=PLOT0, y=top, width=PLOT1 - PLOT0, height=(max(lane_of) + 1) * LANE + 6)
    bands, open_ends = _bands(agreement, scale, track)
    folds = [
        Rect(x=seg.x0 + 3, y=track.y, width=max(seg.x1 - seg.x0 - 6, 1), height=track.height) for seg in scale.gaps()
    ]
    marks = [
        mark(p, agreement.short_name, top + 3 + lane * LANE + LANE / 2) for p, lane in zip(placed, lane_of, strict=True)
    ]
    row = Row(
        agreement_id=agreement.id,
        name=agreement.short_name,
        href=href,
        label=label,
        track=track,
        dated=True,
        bands=tuple(bands),
        open_ends=tuple(open_ends),
        folds=tuple(folds),
        notices=tuple(_notices(agreement, scale, track)),
        marks=tuple(marks),
    )
    return row, top + track.height + 14


def _heading(parties: tuple[str, ...]) -> tuple[str, str]:
    """A group's heading (cut to the chart's width) and its tooltip (every party)."""
    if not parties:
        return "parties not recorded", "No party is recorded for these agreements."
    full = " – ".join(parties)
    tip = f"Between {', '.join(parties)}" if len(parties) > 1 else f"Party: {parties[0]}"
    room = WIDTH - 2 * MARGIN
    for shown in range(len(parties), 0, -1):
        text = " – ".join(parties[:shown]) + (f" and {len(parties) - shown} more" if shown < len(parties) else "")
        if text_width(text, HEADING_SIZE, bold=True) <= room:
            return text, tip
    return (full[:40] + "…"), tip


def _groups(data: TimelineData, scale: TimeScale | None, top: float) -> tuple[list[RowGroup], float]:
    by_parties: dict[tuple[str, ...], list[TimelineAgreement]] = {}
    for agreement in data.agreements:  # in the order of first events, so groups are too
        by_parties.setdefault(agreement.parties, []).append(agreement)
    groups, y = [], top + 6
    for parties, agreements in by_parties.items():
        heading, tip = _heading(parties)
        at = Point(x=MARGIN, y=y + 12)
        y += 18
        rows = []
        for agreement in agreements:
            row, y = _row(agreement, scale, y)
            rows.append(row)
        groups.append(RowGroup(heading=heading, tip=tip, at=at, rows=tuple(rows)))
        y += 6
    return groups, y


def _scale(data: TimelineData) -> TimeScale | None:
    years: set[int] = set()
    exact: list[int] = []
    for agreement in data.agreements:
        for e in agreement.events:
            years.update(range(int(e.date[:4]), int(e.latest[:4]) + 1))
            if not imprecise(e):
                exact.append(day(e.date))
        for p in agreement.periods:
            years.add(int(p.valid_from[:4]))
            if p.valid_to:
                years.add(int(p.valid_to[:4]))
    return TimeScale(years, exact, PLOT0, PLOT1) if years else None


def timeline_chart(data: TimelineData) -> TimelineChart:
    """Lay out every agreement's events and status periods on one time axis."""
    statuses = sorted({p.status for a in data.agreements for p in a.periods}, key=status_rank)
    legend = _legend(statuses)
    scale = _scale(data)
    axis_y = legend.bottom + 26
    top = axis_y + 20
    groups, bottom = _groups(data, scale, top)
    dated = [e for a in data.agreements for e in a.events]
    first = min((e.date for e in dated), default=None)
    last = max((e.latest for e in dated), default=None)
    desc = (
        f"{len(data.agreements)} agreements, {len(dated)} dated events"
        + (f" from {first} to {last}" if first and last else "")
        + ". Each row is one agreement, grouped by its parties; markers are its events, shaded bands its status"
        " over time."
    )
    return TimelineChart(
        width=WIDTH,
        height=bottom + 4,
        desc=desc,
        legend=tuple(legend.entries),
        axis=axis(scale, axis_y, top, bottom, (PLOT0, PLOT1)) if scale is not None else None,
        empty_note=None if scale is not None else Point(x=PLOT0, y=axis_y),
        groups=tuple(groups),
    )
