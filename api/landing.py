"""The landing page at `/`: what pactstore holds, where to get it, and two pictures of it.

Everything on the page is read from the database of the request's snapshot, so a rebuilt
database shows up without a code change. The two pictures are drawn here as inline SVG, with no
JavaScript, no CDN and no external fonts or images; colours are SVG presentation attributes and
the rest of the styling is `static/landing.css`, so the page needs nothing but `'self'` under a
content security policy (no inline `<script>`, `<style>` or `style=`).

- `timeline_svg`: one row per agreement on a shared time axis. Years without any dated event are
  folded into narrow breaks when two or more of them follow each other, so a pact of 1987 and
  one of 2016 both stay readable; within the shown years the scale is linear.
- `share_graph_svg`: states on a circle, joined by the pacts under which they share military
  information directly, and by arrows for information routed through a hub.

Every string from the database is escaped with `html.escape` (text and attributes alike).
"""

from __future__ import annotations

import datetime
import html
import math
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

import msgspec
from litestar import MediaType, get
from litestar.di import NamedDependency

from api.store import Snapshot

API = "/api/v1"
DATASETTE = "/data/"
DATASETTE_DB = "/data/pactstore"
CSS = "/static/pactstore/landing.css"
CSV_LISTS = ("agreements", "provisions", "events", "parties", "documents")
COUNTED = ("agreements", "provisions", "events", "parties", "documents", "citations")
SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

_strings = msgspec.json.Decoder(list[str])
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _e(value: object) -> str:
    """Escape for HTML/XML text and attribute values alike."""
    return html.escape("" if value is None else str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate: finite, rounded, no `-0`."""
    if not math.isfinite(value):
        raise ValueError(f"non-finite coordinate {value!r}")
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _words(identifier: str | None) -> str:
    return (identifier or "").replace("_", " ")


def _today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def _day(text: str) -> int:
    return datetime.date.fromisoformat(text).toordinal()


def _text_width(text: str, size: float) -> float:
    """A rough width of `text` in a sans-serif face, enough for layout decisions."""
    return len(text) * size * 0.58


# ---------------------------------------------------------------------------------------------
# Vocabulary: how event kinds and statuses look
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    label: str
    colour: str
    shape: str


# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies; shapes differ too.
_CATEGORIES: dict[str, _Style] = {
    "talks": _Style("proposal, talks, negotiation", "#0072B2", "circle"),
    "initialling": _Style("initialling", "#E69F00", "diamond"),
    "signing": _Style("signing", "#CC79A7", "square"),
    "in_force": _Style("entry into force, in force attested", "#009E73", "triangle"),
    "ended": _Style("suspension, termination, abandonment", "#D55E00", "cross"),
    "other": _Style("other (announcement, review, approval, protest …)", "#6b6b6b", "dot"),
}
_CATEGORY_OF: dict[str, str] = {
    "proposal": "talks",
    "negotiation": "talks",
    "talks_resumed": "talks",
    "initialling": "initialling",
    "signing": "signing",
    "entry_into_force": "in_force",
    "in_force_attested": "in_force",
    "suspension": "ended",
    "termination": "ended",
    "abandonment": "ended",
}
_STATUS_FILL: dict[str, str] = {
    "proposed": "#e4e9f2",
    "under_negotiation": "#d3e6f4",
    "initialled": "#fbe8c2",
    "signed": "#f4dcea",
    "in_force": "#c9ecdf",
    "suspended": "#f7d7c4",
    "terminated": "#f7d7c4",
    "abandoned": "#f7d7c4",
}
_STATUS_ORDER = list(_STATUS_FILL)
_EDGE_IN_FORCE = "#009E73"
_EDGE_PENDING = "#B86E00"
_EDGE_ROUTE = "#0072B2"
_DIRECT_STATUSES = {"in_force": "solid", "signed": "dashed", "initialled": "dashed"}


def _category(kind: str) -> str:
    return _CATEGORY_OF.get(kind, "other")


def _glyph(shape: str, cx: float, cy: float, colour: str, *, hollow: bool = False, size: float = 5.0) -> str:
    fill = "#ffffff" if hollow else colour
    common = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    s = size
    if shape == "circle":
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(s)}" {common}/>'
    if shape == "dot":
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(s * 0.7)}" {common}/>'
    if shape == "square":
        side = _n(2 * s - 1)
        return f'<rect x="{_n(cx - s + 0.5)}" y="{_n(cy - s + 0.5)}" width="{side}" height="{side}" {common}/>'
    if shape == "diamond":
        d = s + 1.2
        points = f"{_n(cx)},{_n(cy - d)} {_n(cx + d)},{_n(cy)} {_n(cx)},{_n(cy + d)} {_n(cx - d)},{_n(cy)}"
        return f'<polygon points="{points}" {common}/>'
    if shape == "triangle":
        d = s + 1
        points = f"{_n(cx)},{_n(cy - d)} {_n(cx + d)},{_n(cy + s)} {_n(cx - d)},{_n(cy + s)}"
        return f'<polygon points="{points}" {common}/>'
    # cross: an X drawn with strokes; a white underlay keeps it readable over a band
    d = s - 0.5
    path = f"M{_n(cx - d)} {_n(cy - d)}L{_n(cx + d)} {_n(cy + d)}M{_n(cx - d)} {_n(cy + d)}L{_n(cx + d)} {_n(cy - d)}"
    return (
        f'<path d="{path}" fill="none" stroke="#ffffff" stroke-width="4.5" stroke-linecap="round"/>'
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.2" stroke-linecap="round"/>'
    )


def _date_label(date: str, precision: str | None, latest: str | None) -> str:
    """A date as its precision allows: 2016-11-14, week of 2014-12-22, November 2016, 2007."""
    day = datetime.date.fromisoformat(date)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if precision == "week":
        return f"week of {date}"
    if precision == "on_or_before":
        return f"on or before {date}"
    if latest and latest != date:
        return f"{date} to {latest}"
    return date


# ---------------------------------------------------------------------------------------------
# Time scale: piecewise linear; long empty stretches folded, busy months widened
# ---------------------------------------------------------------------------------------------


def _month_start(year: int, month: int) -> int:
    return datetime.date(year, month, 1).toordinal()


def _month_end(year: int, month: int) -> int:
    """The ordinal of the day after the month's last day (safe for December of year 9999)."""
    if month == 12:
        return datetime.date(year, 12, 31).toordinal() + 1
    return _month_start(year, month + 1)


@dataclass(frozen=True)
class _Segment:
    """A stretch of the axis: one month of a shown year, or one folded run of empty years."""

    start: int
    end: int
    gap: bool
    x0: float
    x1: float
    years: tuple[int, int] = (0, 0)


class _TimeScale:
    """Maps a day (proleptic ordinal) to x, piecewise linearly.

    Every month of every shown year gets the same base width. A year holding no dated fact is
    still shown when it is alone between two that do, but a run of `MIN_EMPTY_RUN` or more empty
    years becomes one narrow break. Each distinct day on which an event dated to the day falls
    gets `DAY` months' worth of extra width, so talks a few days apart stay apart on an axis that
    spans decades; the months holding such days are labelled on the axis.
    """

    GAP = 30.0
    MIN_EMPTY_RUN = 2
    DAY = 3.5

    def __init__(self, years: Iterable[int], exact_days: Iterable[int], x0: float, x1: float) -> None:
        self.busy_months: list[tuple[int, int]] = []
        active = sorted(set(years))
        spans: list[tuple[int, int, bool]] = []
        first = last = active[0]
        for year in active[1:]:
            if year - last - 1 >= self.MIN_EMPTY_RUN:
                spans.append((first, last, False))
                spans.append((last + 1, year - 1, True))
                first = year
            last = year
        spans.append((first, last, False))

        busy: dict[tuple[int, int], set[int]] = defaultdict(set)
        for day in exact_days:
            date = datetime.date.fromordinal(day)
            busy[(date.year, date.month)].add(day)
        plan: list[tuple[int, int, bool, float, tuple[int, int]]] = []  # start, end, gap, weight, years
        for a, b, gap in spans:
            if gap:
                plan.append((_month_start(a, 1), _month_end(b, 12), True, 0.0, (a, b)))
                continue
            for year in range(a, b + 1):
                for month in range(1, 13):
                    start, end = _month_start(year, month), _month_end(year, month)
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
        gaps = sum(1 for p in plan if p[2])
        width = x1 - x0
        gap_width = min(self.GAP, width * 0.3 / gaps) if gaps else 0.0
        unit = (width - gaps * gap_width) / sum(p[3] for p in plan)
        self.segments: list[_Segment] = []
        x = x0
        for start, end, gap, weight, span in plan:
            w = gap_width if gap else unit * weight
            self.segments.append(_Segment(start, end, gap, x, x + w, years=span))
            x += w
        self.x0, self.x1 = x0, x1

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

    def gaps(self) -> list[_Segment]:
        return [s for s in self.segments if s.gap]


# ---------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Event:
    event_id: str
    kind: str
    date: str
    precision: str
    latest: str
    as_written: str | None
    party: str | None


@dataclass(frozen=True)
class _Period:
    status: str
    valid_from: str
    valid_to: str | None


def _timeline_data(db: Snapshot) -> tuple[list[dict[str, str]], dict[str, list[_Event]], dict[str, list[_Period]]]:
    agreements = [dict(r) for r in db.rows("select id, short_name, title from agreements order by id")]
    events: dict[str, list[_Event]] = defaultdict(list)
    for r in db.rows(
        "select agreement_id, event_id, kind, date, precision, latest_date, as_written, party_id from events "
        "where status = 'occurred' and date is not null order by agreement_id, date, latest_date, event_id"
    ):
        events[r["agreement_id"]].append(
            _Event(
                event_id=r["event_id"],
                kind=r["kind"],
                date=r["date"],
                precision=r["precision"] or "day",
                latest=r["latest_date"] or r["date"],
                as_written=r["as_written"],
                party=r["party_id"],
            )
        )
    periods: dict[str, list[_Period]] = defaultdict(list)
    for r in db.rows(
        "select agreement_id, status, valid_from, valid_to from agreement_status_periods "
        "where valid_from is not null order by agreement_id, valid_from"
    ):
        periods[r["agreement_id"]].append(_Period(r["status"], r["valid_from"], r["valid_to"]))

    def first_day(agreement: dict[str, str]) -> tuple[int, str, str]:
        dated = events.get(agreement["id"])
        return (0, dated[0].date, agreement["id"]) if dated else (1, "", agreement["id"])

    agreements.sort(key=first_day)
    return agreements, events, periods


@dataclass
class _Mark:
    event: _Event
    left: float
    right: float
    svg: Callable[[float], str]


def _imprecise(event: _Event) -> bool:
    """Known only to within a span (a week, a month, a year): drawn as a bar, not a point."""
    return event.precision in ("week", "month", "year") or event.latest != event.date


def _event_mark(event: _Event, agreement_name: str, scale: _TimeScale) -> _Mark:
    style = _CATEGORIES[_category(event.kind)]
    start = _day(event.date)
    stop = _day(event.latest) + 1  # the end of the last possible day
    imprecise = _imprecise(event)
    size = 5.0
    tip = f"{_words(event.kind).capitalize()}: {_date_label(event.date, event.precision, event.latest)}"
    if event.as_written:
        tip += f" (as written: “{event.as_written}”)"
    tip += f"; precision: {_words(event.precision)}; {agreement_name}, event {event.event_id}"
    title = f"<title>{_e(tip)}</title>"
    classes = f"tl-event tl-k-{_e(_category(event.kind))}"
    data = (
        f'data-event="{_e(event.event_id)}" data-kind="{_e(event.kind)}" data-date="{_e(event.date)}" '
        f'data-precision="{_e(event.precision)}"'
    )
    if imprecise:
        xa, xb = scale.x(start), scale.x(stop)
        if xb - xa < 4:
            mid = (xa + xb) / 2
            xa, xb = mid - 2, mid + 2
        cx = (xa + xb) / 2

        def draw(cy: float) -> str:
            bar = (
                f'<rect class="tl-span" x="{_n(xa)}" y="{_n(cy - 3.5)}" width="{_n(xb - xa)}" height="7" rx="3.5" '
                f'fill="{style.colour}" fill-opacity="0.3" stroke="{style.colour}" stroke-width="1"/>'
            )
            glyph = _glyph(style.shape, cx, cy, style.colour, hollow=True, size=size - 0.5)
            return f'<g class="{classes} tl-imprecise" {data}>{title}{bar}{glyph}</g>'

        return _Mark(event, min(xa, cx - size - 1.5), max(xb, cx + size + 1.5), draw)

    cx = scale.x(start + 0.5)
    tail = 14.0 if event.precision == "on_or_before" else 0.0

    def draw(cy: float) -> str:
        whisker = (
            f'<path class="tl-before" d="M{_n(cx - tail)} {_n(cy)}H{_n(cx)}" stroke="{style.colour}" '
            f'stroke-width="1.5" stroke-dasharray="2 2" fill="none"/>'
            if tail
            else ""
        )
        return f'<g class="{classes}" {data}>{title}{whisker}{_glyph(style.shape, cx, cy, style.colour, size=size)}</g>'

    return _Mark(event, cx - size - 1.5 - tail, cx + size + 1.5, draw)


def _lanes(marks: list[_Mark], pad: float = 1.5) -> list[int]:
    """Greedy interval packing: the lowest lane where the mark does not touch its neighbour."""
    order = sorted(range(len(marks)), key=lambda i: (marks[i].left, marks[i].right))
    ends: list[float] = []
    lanes = [0] * len(marks)
    for i in order:
        for lane, end in enumerate(ends):
            if end + pad <= marks[i].left:
                ends[lane] = marks[i].right
                lanes[i] = lane
                break
        else:
            ends.append(marks[i].right)
            lanes[i] = len(ends) - 1
    return lanes


@dataclass
class _Flow:
    """Left-to-right legend layout that wraps at `width`."""

    x0: float
    width: float
    y: float
    line: float = 20.0

    def __post_init__(self) -> None:
        self.x = self.x0
        self.parts: list[str] = []

    def item(self, swatch: Callable[[float, float], str], label: str, swatch_width: float = 18.0) -> None:
        w = swatch_width + 6 + _text_width(label, 12) + 18
        if self.x > self.x0 and self.x + w > self.x0 + self.width:
            self.newline()
        self.parts.append(
            f"<g>{swatch(self.x, self.y)}"
            f'<text x="{_n(self.x + swatch_width + 6)}" y="{_n(self.y + 4)}">{_e(label)}</text></g>'
        )
        self.x += w

    def heading(self, label: str) -> None:
        if self.x > self.x0:
            self.newline()
        self.parts.append(f'<text class="legend-heading" x="{_n(self.x)}" y="{_n(self.y + 4)}">{_e(label)}</text>')
        self.x += _text_width(label, 12) + 14

    def newline(self) -> None:
        self.x = self.x0
        self.y += self.line

    @property
    def bottom(self) -> float:
        return self.y + self.line / 2


def timeline_svg(db: Snapshot) -> str:
    """Each agreement's life on one shared time axis, as an inline SVG element."""
    width, margin = 960.0, 16.0
    plot0, plot1 = margin + 4, width - margin - 4
    agreements, events, periods = _timeline_data(db)
    dated = [e for a in agreements for e in events.get(a["id"], [])]
    years: set[int] = set()
    for e in dated:
        years.update(range(int(e.date[:4]), int(e.latest[:4]) + 1))
    for ps in periods.values():
        for p in ps:
            years.add(int(p.valid_from[:4]))
            if p.valid_to:
                years.add(int(p.valid_to[:4]))
    exact = [_day(e.date) for e in dated if not _imprecise(e)]
    scale = _TimeScale(years, exact, plot0, plot1) if years else None

    parts: list[str] = []
    # legend
    legend = _Flow(margin, width - 2 * margin, 14.0)
    legend.heading("Events")
    for style in _CATEGORIES.values():
        legend.item(lambda x, y, s=style: _glyph(s.shape, x + 9, y, s.colour), style.label)
    legend.heading("Date known only")
    legend.item(
        lambda x, y: (
            f'<rect x="{_n(x)}" y="{_n(y - 3.5)}" width="26" height="7" rx="3.5" fill="#6b6b6b" fill-opacity="0.3" '
            f'stroke="#6b6b6b"/>{_glyph("circle", x + 13, y, "#6b6b6b", hollow=True, size=4.5)}'
        ),
        "to a week, month or year: a bar over the span",
        26,
    )
    legend.item(
        lambda x, y: (
            f'<path d="M{_n(x)} {_n(y)}H{_n(x + 18)}" stroke="#6b6b6b" stroke-width="1.5" stroke-dasharray="2 2"/>'
            f"{_glyph('circle', x + 20, y, '#6b6b6b', size=4.5)}"
        ),
        "as “on or before” a day",
        26,
    )
    statuses = sorted({p.status for ps in periods.values() for p in ps}, key=_status_rank)
    if statuses:
        legend.heading("Status")
        for status in statuses:
            legend.item(
                lambda x, y, s=status: (
                    f'<rect x="{_n(x)}" y="{_n(y - 6)}" width="18" height="12" fill="{_STATUS_FILL.get(s, "#eeeeee")}" '
                    f'stroke="#b8b8b8" stroke-width="0.5"/>'
                ),
                _words(status),
            )
    parts.append(f'<g class="tl-legend">{"".join(legend.parts)}</g>')

    axis_y = legend.bottom + 26
    top = axis_y + 20
    rows: list[str] = []
    row_y = top + 6
    lane_h = 15.0
    for agreement in agreements:
        aid, name = agreement["id"], agreement["short_name"]
        label = (
            f'<a href="{_e(f"{API}/agreements/{quote(aid)}")}"><text class="tl-label" x="{_n(margin)}" '
            f'y="{_n(row_y + 12)}">{_e(name)}</text></a>'
        )
        track_top = row_y + 18
        own = events.get(aid, [])
        if scale is None or not own:
            note = f'<text class="tl-none" x="{_n(plot0 + 6)}" y="{_n(track_top + 12)}">no dated events recorded</text>'
            track_h = 18.0
            frame = (
                f'<rect class="tl-track" x="{_n(plot0)}" y="{_n(track_top)}" width="{_n(plot1 - plot0)}" '
                f'height="{_n(track_h)}" fill="none" stroke="#d0d0d0" stroke-dasharray="3 3"/>'
            )
            bands, body = [frame], [note]
        else:
            marks = [_event_mark(e, name, scale) for e in own]
            lanes = _lanes(marks)
            track_h = (max(lanes) + 1) * lane_h + 6
            bands = [
                f'<rect class="tl-track" x="{_n(plot0)}" y="{_n(track_top)}" width="{_n(plot1 - plot0)}" '
                f'height="{_n(track_h)}" fill="#fafafa" stroke="#d0d0d0" stroke-width="0.5"/>'
            ]
            for p in periods.get(aid, []):
                xa = scale.x(_day(p.valid_from))
                xb = scale.x(_day(p.valid_to)) if p.valid_to else plot1
                since = f"from {p.valid_from}" + (f" to {p.valid_to}" if p.valid_to else " (latest known status)")
                bands.append(
                    f'<rect class="tl-band tl-s-{_e(p.status)}" data-status="{_e(p.status)}" x="{_n(xa)}" '
                    f'y="{_n(track_top)}" width="{_n(max(xb - xa, 1.0))}" height="{_n(track_h)}" '
                    f'fill="{_STATUS_FILL.get(p.status, "#eeeeee")}">'
                    f"<title>{_e(f'{name}: {_words(p.status)} {since}')}</title></rect>"
                )
                if not p.valid_to:
                    bands.append(
                        f'<path class="tl-open" d="M{_n(plot1 - 6)} {_n(track_top)}L{_n(plot1)} '
                        f'{_n(track_top + track_h / 2)}L{_n(plot1 - 6)} {_n(track_top + track_h)}" fill="none" '
                        f'stroke="#9a9a9a" stroke-width="1"/>'
                    )
            for seg in scale.gaps():  # a folded stretch shows through the bands that cross it
                bands.append(
                    f'<rect class="tl-fold" x="{_n(seg.x0 + 3)}" y="{_n(track_top)}" '
                    f'width="{_n(max(seg.x1 - seg.x0 - 6, 1))}" height="{_n(track_h)}" fill="#ffffff" '
                    f'fill-opacity="0.6"/>'
                )
            body = [m.svg(track_top + 3 + lane * lane_h + lane_h / 2) for m, lane in zip(marks, lanes, strict=True)]
        rows.append(f'<g class="tl-row" data-agreement="{_e(aid)}">{label}{"".join(bands)}{"".join(body)}</g>')
        row_y = track_top + track_h + 14
    bottom = row_y

    axis: list[str] = []
    if scale is not None:
        for seg in scale.gaps():
            mid = (seg.x0 + seg.x1) / 2
            span = f"{seg.years[0]}–{seg.years[1]}" if seg.years[1] > seg.years[0] else str(seg.years[0])
            axis.append(
                f'<g class="tl-break"><title>{_e(f"no dated events {span}: folded")}</title>'
                f'<rect x="{_n(seg.x0 + 3)}" y="{_n(top)}" width="{_n(max(seg.x1 - seg.x0 - 6, 1))}" '
                f'height="{_n(bottom - top)}" fill="#efefef"/>'
                f'<path d="M{_n(mid - 5)} {_n(axis_y + 9)}l4 -10M{_n(mid + 1)} {_n(axis_y + 9)}l4 -10" '
                f'stroke="#777777" stroke-width="1.2"/></g>'
            )
        for start, end in scale.busy_months:
            xa, xb = scale.x(start), scale.x(end)
            axis.append(
                f'<path class="tl-grid-month" d="M{_n(xa)} {_n(axis_y + 4)}V{_n(bottom)}M{_n(xb)} {_n(axis_y + 4)}'
                f'V{_n(bottom)}" stroke="#e3e3e3" stroke-width="0.75" stroke-dasharray="2 3"/>'
            )
            if xb - xa >= 24:
                month = _MONTHS[datetime.date.fromordinal(start).month - 1][:3]
                axis.append(f'<text class="tl-month" x="{_n((xa + xb) / 2)}" y="{_n(axis_y + 16)}">{month}</text>')
        last_label = -math.inf
        for year in scale.shown_years():
            xa = scale.x(datetime.date(year, 1, 1).toordinal())
            xb = scale.x(datetime.date(year, 12, 31).toordinal() + 1)
            axis.append(
                f'<path class="tl-grid" d="M{_n(xa)} {_n(axis_y - 8)}V{_n(bottom)}M{_n(xb)} {_n(axis_y - 8)}'
                f'V{_n(bottom)}" stroke="#d4d4d4" stroke-width="0.75"/>'
            )
            centre = (xa + xb) / 2
            if centre - last_label >= 36:
                axis.append(f'<text class="tl-year" x="{_n(centre)}" y="{_n(axis_y)}">{year}</text>')
                last_label = centre
        axis.append(
            f'<path class="tl-axis" d="M{_n(plot0)} {_n(axis_y + 4)}H{_n(plot1)}" stroke="#888888" stroke-width="1"/>'
        )
    else:
        axis.append(f'<text class="tl-none" x="{_n(plot0)}" y="{_n(axis_y)}">no dated events yet</text>')

    height = bottom + 4
    n_events = len(dated)
    first = min((e.date for e in dated), default=None)
    last = max((e.latest for e in dated), default=None)
    desc = (
        f"{len(agreements)} agreements, {n_events} dated events"
        + (f" from {first} to {last}" if first and last else "")
        + ". Each row is one agreement; markers are its events, shaded bands its status over time."
    )
    return (
        f'<svg xmlns="{SVG_NS}" class="timeline" role="img" aria-labelledby="timeline-title timeline-desc" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'font-family="{_e(FONT)}" font-size="12" fill="#222222">'
        f'<title id="timeline-title">Timeline of every agreement</title>'
        f'<desc id="timeline-desc">{_e(desc)}</desc>'
        f"{''.join(parts)}"
        f'<g class="tl-axis-g" text-anchor="middle">{"".join(axis)}</g>'
        f'<g class="tl-rows">{"".join(rows)}</g>'
        "</svg>"
    )


def _status_rank(status: str) -> tuple[int, str]:
    return (_STATUS_ORDER.index(status), status) if status in _STATUS_ORDER else (len(_STATUS_ORDER), status)


# ---------------------------------------------------------------------------------------------
# Who can share with whom
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Direct:
    agreement_id: str
    short_name: str
    status: str
    since: str
    a: str
    b: str


@dataclass(frozen=True)
class _Route:
    agreement_id: str
    short_name: str
    status: str
    path: tuple[str, ...]
    approval: str | None


@dataclass(frozen=True)
class ShareGraph:
    """What the graph shows, as data: states (id → label), direct edges and routes through hubs."""

    on: datetime.date | None
    states: dict[str, str]
    """Node id → label (short name or name)."""
    kinds: dict[str, str]
    codes: dict[str, str]
    """Node id → the short code drawn inside its circle (ISO alpha-3, or a short name), or ''."""
    direct: list[_Direct]
    routes: list[_Route]

    def describe(self) -> list[str]:
        """One plain sentence per edge, for the figure's description and caption."""
        lines = []
        for d in self.direct:
            lines.append(f"{self.states[d.a]} – {self.states[d.b]}: {d.short_name}, {_words(d.status)} since {d.since}")
        for r in self.routes:
            arrow = " → ".join(self.states[s] for s in r.path)
            rule = f", onward only with the approval of {r.approval}" if r.approval else ""
            lines.append(f"{arrow}: {r.short_name} ({_words(r.status)}), through the hub{rule}")
        return lines


def _state_label(row: object) -> str:
    return row["short_name"] or row["name"]  # type: ignore[index]


def share_graph_data(db: Snapshot, on: datetime.date | None = None) -> ShareGraph:
    """States and the edges between them, from each agreement's status: its latest known status
    (the open-ended period) by default, or its status on `on`."""
    parties = {r["id"]: r for r in db.rows("select id, kind, name, short_name, iso_alpha3, state_id from parties")}

    def state_of(party: str | None) -> str | None:
        return parties[party]["state_id"] if party in parties else None

    if on is None:
        status_rows = db.rows(
            "select agreement_id, status, valid_from from agreement_status_periods where valid_to is null"
        )
    else:
        status_rows = db.rows(
            "select agreement_id, status, valid_from from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to)",
            (on.isoformat(), on.isoformat()),
        )
    status = {r["agreement_id"]: (r["status"], r["valid_from"]) for r in status_rows}
    names = {r["id"]: r["short_name"] for r in db.rows("select id, short_name from agreements")}
    members: dict[str, list[str]] = defaultdict(list)
    state_ids: set[str] = set()
    for r in db.rows(
        "select distinct agreement_id, state_id from agreement_parties where state_id is not null "
        "order by agreement_id, state_id"
    ):
        state_ids.add(r["state_id"])
    for r in db.rows(
        "select distinct agreement_id, state_id from agreement_parties where role = 'party' and state_id is not null "
        "order by agreement_id, state_id"
    ):
        members[r["agreement_id"]].append(r["state_id"])

    routes: list[_Route] = []
    routed: set[tuple[str, frozenset[str]]] = set()
    for r in db.rows(
        "select agreement_id, origin, hub, via, destination, onward_approval_by from provision_routes "
        "order by agreement_id, provision_id, n"
    ):
        aid = r["agreement_id"]
        hops = _strings.decode(r["via"]) if r["via"] else []
        chain = [state_of(p) for p in [r["origin"], *(hops or [r["hub"]]), r["destination"]]]
        path: list[str] = []
        for s in chain:
            if s is not None and (not path or path[-1] != s):
                path.append(s)
        if len(path) < 2:
            continue
        origin, destination = path[0], path[-1]
        routed.add((aid, frozenset((origin, destination))))
        state_ids.update(path)
        current = status.get(aid)
        if current is None or current[0] not in _DIRECT_STATUSES:
            continue
        approver = parties.get(r["onward_approval_by"])
        approval = None
        if approver is not None:
            approval = _state_label(approver)
            approver_state = parties.get(approver["state_id"])
            if approver_state is not None and approver_state["id"] != approver["id"]:
                approval += f" ({_state_label(approver_state)})"
        routes.append(_Route(aid, names.get(aid, aid), current[0], tuple(path), approval))

    direct: list[_Direct] = []
    for aid in sorted(members):
        current = status.get(aid)
        if current is None or current[0] not in _DIRECT_STATUSES:
            continue
        states = members[aid]
        for i, a in enumerate(states):
            for b in states[i + 1 :]:
                # A pact that routes a pair's exchange through a hub gives that pair no direct channel.
                if (aid, frozenset((a, b))) in routed:
                    continue
                direct.append(_Direct(aid, names.get(aid, aid), current[0], current[1], a, b))

    nodes = sorted(state_ids)
    labels = {s: (_state_label(parties[s]) if s in parties else s) for s in nodes}
    kinds = {s: (parties[s]["kind"] if s in parties else "state") for s in nodes}
    codes = {}
    for s in nodes:
        row = parties.get(s)
        short = row["short_name"] if row is not None else None
        codes[s] = (row["iso_alpha3"] if row is not None else None) or (short if short and len(short) <= 5 else "")
    return ShareGraph(on=on, states=labels, kinds=kinds, codes=codes, direct=direct, routes=routes)


def _free_spot(placed: list[tuple[float, float, float, float]], x: float, y: float, w: float, h: float) -> float:
    """A y near `y` where a w×h box centred on x does not overlap any placed box; the box is placed."""
    for k in range(40):
        candidate = y + (k + 1) // 2 * h * (1 if k % 2 else -1) * 0.75 if k else y
        box = (x - w / 2, candidate - h / 2, x + w / 2, candidate + h / 2)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1] for b in placed):
            placed.append(box)
            return candidate
    placed.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return y


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 1e-9 else (0.0, 0.0)


def share_graph_svg(db: Snapshot, on: datetime.date | None = None) -> str:
    """States on a circle, joined by who can share military information with whom."""
    graph = share_graph_data(db, on)
    width, height = 960.0, 640.0
    legend = _Flow(16, width - 32, 16)
    legend.item(
        lambda x, y: f'<path d="M{_n(x)} {_n(y)}H{_n(x + 30)}" stroke="{_EDGE_IN_FORCE}" stroke-width="3"/>',
        "direct: both are parties to a pact in force",
        30,
    )
    legend.item(
        lambda x, y: (
            f'<path d="M{_n(x)} {_n(y)}H{_n(x + 30)}" stroke="{_EDGE_PENDING}" stroke-width="2.5" '
            f'stroke-dasharray="7 4"/>'
        ),
        "direct, not yet in force: initialled or signed",
        30,
    )
    legend.item(
        lambda x, y: (
            f'<path d="M{_n(x)} {_n(y)}H{_n(x + 28)}" stroke="{_EDGE_ROUTE}" stroke-width="2" '
            f'marker-end="url(#share-arrow)"/>'
        ),
        "through a hub, hop by hop (hover for whose approval)",
        30,
    )
    top = legend.bottom + 10
    cx, cy = width / 2, top + (height - top) / 2
    node_r = 26.0
    radius = max(40.0, min(width / 2 - 190, (height - top) / 2 - 60))
    ids = list(graph.states)
    n = len(ids)
    pos: dict[str, tuple[float, float]] = {}
    for i, s in enumerate(ids):
        if n == 1:
            pos[s] = (cx, cy)
            continue
        angle = -math.pi / 2 + math.pi / n + 2 * math.pi * i / n
        pos[s] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))

    # Every connection between a pair gets its own lane: a curve bowed by a fixed offset.
    lanes: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    for i, d in enumerate(graph.direct):
        lanes[(min(d.a, d.b), max(d.a, d.b))].append(("direct", i, 0))
    for i, r in enumerate(graph.routes):
        for leg, (a, b) in enumerate(zip(r.path, r.path[1:], strict=False)):
            lanes[(min(a, b), max(a, b))].append(("route", i, leg))
    spacing = 24.0
    curve: dict[tuple[str, int, int], tuple[float, float]] = {}
    for (a, b), items in lanes.items():
        (ax, ay), (bx, by) = pos[a], pos[b]
        ux, uy = _unit(bx - ax, by - ay)
        for k, item in enumerate(items):
            offset = (k - (len(items) - 1) / 2) * spacing
            curve[item] = ((ax + bx) / 2 - uy * offset * 2, (ay + by) / 2 + ux * offset * 2)

    def path_between(a: str, b: str, control: tuple[float, float], gap: float) -> tuple[str, float, float]:
        (ax, ay), (bx, by), (qx, qy) = pos[a], pos[b], control
        sx, sy = _unit(qx - ax, qy - ay)
        ex, ey = _unit(qx - bx, qy - by)
        start = (ax + sx * (node_r + 2), ay + sy * (node_r + 2))
        end = (bx + ex * (node_r + gap), by + ey * (node_r + gap))
        mid_x = 0.25 * start[0] + 0.5 * qx + 0.25 * end[0]
        mid_y = 0.25 * start[1] + 0.5 * qy + 0.25 * end[1]
        d = f"M{_n(start[0])} {_n(start[1])}Q{_n(qx)} {_n(qy)} {_n(end[0])} {_n(end[1])}"
        return d, mid_x, mid_y

    edges: list[str] = []
    labels: list[str] = []
    placed = [(x - node_r, y - node_r, x + node_r, y + node_r) for x, y in pos.values()]
    for i, d in enumerate(graph.direct):
        a, b = sorted((d.a, d.b))
        path, mx, my = path_between(a, b, curve[("direct", i, 0)], 2)
        solid = _DIRECT_STATUSES[d.status] == "solid"
        colour = _EDGE_IN_FORCE if solid else _EDGE_PENDING
        dash = "" if solid else ' stroke-dasharray="7 4"'
        tip = f"{graph.states[a]} – {graph.states[b]}: {d.short_name}, {_words(d.status)} since {d.since}"
        edges.append(
            f'<g class="sg-edge sg-direct sg-{"in-force" if solid else "pending"}" '
            f'data-agreement="{_e(d.agreement_id)}" '
            f'data-status="{_e(d.status)}" data-from="{_e(a)}" data-to="{_e(b)}"><title>{_e(tip)}</title>'
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{3 if solid else 2.5}"{dash}/></g>'
        )
        ly = _free_spot(placed, mx, my, _text_width(d.short_name, 11.5) + 6, 15.0)
        labels.append(
            f'<text class="sg-edge-label" x="{_n(mx)}" y="{_n(ly + 4)}" fill="{colour}" stroke="#ffffff" '
            f'stroke-width="4" paint-order="stroke" stroke-linejoin="round">{_e(d.short_name)}</text>'
        )
    for i, r in enumerate(graph.routes):
        legs = []
        for leg, (a, b) in enumerate(zip(r.path, r.path[1:], strict=False)):
            path, _, _ = path_between(a, b, curve[("route", i, leg)], 5)
            dash = "" if r.status == "in_force" else ' stroke-dasharray="7 4"'
            legs.append(
                f'<path class="sg-leg" d="{path}" fill="none" stroke="{_EDGE_ROUTE}" stroke-width="2"{dash} '
                f'marker-end="url(#share-arrow)"/>'
            )
        arrow = " → ".join(graph.states[s] for s in r.path)
        rule = (
            f"; onward only with the approval of {r.approval}"
            if r.approval
            else "; no approval rule recorded for the onward hop"
        )
        tip = f"{r.short_name} ({_words(r.status)}): {arrow}{rule}"
        edges.append(
            f'<g class="sg-edge sg-route" data-agreement="{_e(r.agreement_id)}" data-status="{_e(r.status)}" '
            f'data-path="{_e(" ".join(r.path))}"><title>{_e(tip)}</title>{"".join(legs)}</g>'
        )

    nodes: list[str] = []
    degree: dict[str, set[str]] = defaultdict(set)
    for d in graph.direct:
        degree[d.a].add(d.agreement_id)
        degree[d.b].add(d.agreement_id)
    for r in graph.routes:
        for s in r.path:
            degree[s].add(r.agreement_id)
    for s in ids:
        x, y = pos[s]
        dx, dy = _unit(x - cx, y - cy) if n > 1 else (0.0, 1.0)
        lines = textwrap.wrap(graph.states[s], 18) or [s]
        line_h = 16.0
        lx, ly = x + dx * (node_r + 10), y + dy * (node_r + 10) + 5
        anchor = "start" if dx > 0.35 else "end" if dx < -0.35 else "middle"
        if anchor == "middle":
            ly += 6 if dy > 0 else -4 - line_h * (len(lines) - 1)
        else:
            ly -= line_h * (len(lines) - 1) / 2
        count = len(degree[s])
        state = graph.kinds[s] == "state"
        kind = "" if state else f", {_words(graph.kinds[s])}"
        tip = f"{graph.states[s]} ({s}{kind}): shares under {count} pact{'s' if count != 1 else ''} shown here"
        tspans = "".join(
            f'<tspan x="{_n(lx)}" y="{_n(ly + k * line_h)}">{_e(line)}</tspan>' for k, line in enumerate(lines)
        )
        code = (
            f'<text class="sg-code" x="{_n(x)}" y="{_n(y + 4)}" text-anchor="middle">{_e(graph.codes[s])}</text>'
            if graph.codes[s]
            else ""
        )
        outline = "" if state else ' stroke-dasharray="4 2"'
        nodes.append(
            f'<g class="sg-node sg-{"state" if state else "other"}" data-state="{_e(s)}"><title>{_e(tip)}</title>'
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(node_r)}" fill="{"#ffffff" if state else "#eeeeee"}" '
            f'stroke="#333333" stroke-width="1.5"{outline}/>{code}'
            f'<text class="sg-name" text-anchor="{anchor}">{tspans}</text></g>'
        )
    if not ids:
        nodes.append(f'<text x="{_n(cx)}" y="{_n(cy)}" text-anchor="middle">no parties recorded</text>')

    when = f"on {on.isoformat()}" if on else "by each agreement's latest known status"
    description = "; ".join(graph.describe()) or "no agreement is initialled, signed or in force"
    return (
        f'<svg xmlns="{SVG_NS}" class="share-graph" role="img" aria-labelledby="share-title share-desc" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'font-family="{_e(FONT)}" font-size="12" fill="#222222">'
        f'<title id="share-title">{_e(f"Who can share military information with whom, {when}")}</title>'
        f'<desc id="share-desc">{_e(description)}</desc>'
        '<defs><marker id="share-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{_EDGE_ROUTE}"/></marker></defs>'
        f'<g class="sg-legend">{"".join(legend.parts)}</g>'
        f'<g class="sg-edges">{"".join(edges)}</g>'
        f'<g class="sg-edge-labels" text-anchor="middle">{"".join(labels)}</g>'
        f'<g class="sg-nodes">{"".join(nodes)}</g>'
        "</svg>"
    )


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def _counts(db: Snapshot) -> dict[str, int]:
    # Fixed table names only: COUNTED is a constant tuple, never user input.
    return {table: int(db.value(f"select count(*) from {table}")) for table in COUNTED}


def _agreement_rows(db: Snapshot, on: datetime.date) -> str:
    parties = {r["id"]: r for r in db.rows("select id, name, short_name from parties")}
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r in db.rows("select agreement_id, party_id, role from agreement_parties order by agreement_id, rowid"):
        roles[r["agreement_id"]].setdefault(r["party_id"], []).append(r["role"])
    status = {
        r["agreement_id"]: (r["status"], r["valid_from"])
        for r in db.rows(
            "select agreement_id, status, valid_from from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to)",
            (on.isoformat(), on.isoformat()),
        )
    }
    out: list[str] = []
    for a in db.rows("select id, short_name, title, kind from agreements order by first_date is null, first_date, id"):
        aid = a["id"]
        names = []
        for party, party_roles in roles.get(aid, {}).items():
            row = parties.get(party)
            label = _e(_state_label(row) if row is not None else party)
            extra = [r for r in party_roles if r != "party"]
            names.append(label + (f' <span class="muted">({_e(", ".join(extra))})</span>' if extra else ""))
        current, since = status.get(aid, ("unknown", None))
        since_html = (
            f' <span class="muted">since <time datetime="{_e(since)}">{_e(since)}</time></span>' if since else ""
        )
        api_url = f"{API}/agreements/{quote(aid)}"
        data_url = f"{DATASETTE_DB}/agreements/{quote(aid)}"
        out.append(
            f'<tr data-agreement="{_e(aid)}">'
            f'<th scope="row"><a href="{_e(api_url)}">{_e(a["short_name"])}</a>'
            f'<div class="title">{_e(a["title"])}</div></th>'
            f"<td>{_e(_words(a['kind']))}</td>"
            f"<td>{', '.join(names)}</td>"
            f'<td><span class="status status-{_e(current)}">{_e(_words(current))}</span>{since_html}</td>'
            f'<td class="links"><a href="{_e(api_url)}">JSON</a> · <a href="{_e(data_url)}">Datasette</a></td>'
            "</tr>"
        )
    return "".join(out)


def _document_items(db: Snapshot) -> str:
    cited = {r[0]: r[1] for r in db.rows("select document_id, count(*) from citations group by document_id")}
    out: list[str] = []
    for d in db.rows(
        "select id, title, outlet, outlet_note, published, published_precision from documents "
        "order by published desc, id"
    ):
        outlet = (
            f'<span class="outlet">{_e(d["outlet"])}</span>'
            if d["outlet"]
            else f'<span class="outlet muted" title="{_e(d["outlet_note"] or "")}">outlet not named</span>'
        )
        published = _date_label(d["published"], d["published_precision"], None)
        n = cited.get(d["id"], 0)
        url = f"{API}/documents/{quote(d['id'])}"
        out.append(
            f'<li data-document="{_e(d["id"])}"><a href="{_e(url)}">{_e(d["title"])}</a>'
            f' <span class="meta">— {outlet}, <time datetime="{_e(d["published"])}">{_e(published)}</time>; '
            f"cited {n} time{'s' if n != 1 else ''}</span></li>"
        )
    return "".join(out)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pactstore — who shares military secrets with whom, cited</title>
<meta name="description" content="{lede}">
<link rel="stylesheet" href="{css}">
</head>
<body class="landing">
<header class="masthead">
<h1>pactstore</h1>
<p class="lede">{lede}</p>
<nav aria-label="Ways to get the data">
<ul class="access">
<li><a href="/schema/swagger">API docs</a> <span class="muted">(Swagger UI)</span></li>
<li><a href="/schema/openapi.json">OpenAPI JSON</a></li>
<li><a href="{datasette}">Datasette</a> <span class="muted">(browse, SQL, CSV)</span></li>
</ul>
<p class="csv">CSV downloads: {csv}</p>
</nav>
</header>
<main>
<section aria-labelledby="holds">
<h2 id="holds">What it holds</h2>
<dl class="counts">{counts}</dl>
<p class="build">Build <code>{build_id}</code>, built <time datetime="{built_at}">{built_at}</time>.
Every fact carries a verbatim quote from its source document.</p>
</section>
<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<p>One row per agreement: its dated events (those that took place, not those only announced) and, shaded
behind them, its status over time. Stretches of several years without any dated event are folded into a
narrow grey break. Hover over a marker for its date as written and its precision.</p>
<figure class="picture">{timeline}</figure>
</section>
<section aria-labelledby="share-heading">
<h2 id="share-heading">Who can share with whom</h2>
<p>States party to the agreements, and the channels between them by each agreement's latest known status.</p>
<figure class="picture">{graph}
<figcaption><ul class="edges">{edges}</ul></figcaption>
</figure>
</section>
<section aria-labelledby="agreements-heading">
<h2 id="agreements-heading">Agreements</h2>
<div class="table-wrap">
<table class="agreements">
<caption>All {n_agreements} agreements, with their status on <time datetime="{today}">{today}</time></caption>
<thead><tr><th scope="col">Agreement</th><th scope="col">Kind</th><th scope="col">Parties</th>
<th scope="col">Status today</th><th scope="col">Data</th></tr></thead>
<tbody>{agreements}</tbody>
</table>
</div>
</section>
<section aria-labelledby="documents-heading">
<h2 id="documents-heading">Source documents</h2>
<ol class="documents">{documents}</ol>
</section>
</main>
<footer>
<p>Code: Apache-2.0. Curated records: CC BY 4.0. The source articles remain their publishers' and are quoted
for citation.</p>
</footer>
</body>
</html>
"""

_LEDE = (
    "An open store of the terms of military intelligence-sharing agreements (GSOMIA-type pacts): who shares "
    "military secrets with whom, under which rules, since when, and how binding those rules are — as typed "
    "data in which every fact carries a verbatim quote from its source."
)


def render_landing(db: Snapshot, on: datetime.date | None = None) -> str:
    """The whole landing page as HTML; `on` is the day the agreements table calls today."""
    today = on or _today()
    counts = _counts(db)
    graph = share_graph_data(db)
    edges = "".join(f"<li>{_e(line)}</li>" for line in graph.describe()) or "<li>No channels yet.</li>"
    csv = " · ".join(f'<a href="{API}/{name}.csv">{name}</a>' for name in CSV_LISTS)
    count_items = "".join(
        f'<div><dt>{_e(name)}</dt><dd data-count="{_e(name)}">{value:,}</dd></div>' for name, value in counts.items()
    )
    return _PAGE.format(
        lede=_e(_LEDE),
        css=CSS,
        datasette=DATASETTE,
        csv=csv,
        counts=count_items,
        build_id=_e(db.build.build_id),
        built_at=_e(db.build.built_at),
        timeline=timeline_svg(db),
        graph=share_graph_svg(db),
        edges=edges,
        n_agreements=counts["agreements"],
        today=today.isoformat(),
        agreements=_agreement_rows(db, today),
        documents=_document_items(db),
    )


@get(
    "/",
    operation_id="getLandingPage",
    summary="Landing page",
    description="What pactstore holds, where to get it (API docs, OpenAPI, Datasette, CSV), counts from the "
    "database, a timeline of every agreement and a graph of who can share with whom, as HTML.",
    media_type=MediaType.HTML,
    include_in_schema=False,
    sync_to_thread=False,
)
def landing_page(db: NamedDependency[Snapshot]) -> str:
    return render_landing(db)
