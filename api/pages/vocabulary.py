"""How the pages name and colour what the records say: event kinds, statuses and dates.

Colours are Okabe–Ito's, distinguishable with the common colour-vision deficiencies; event
categories differ in shape too, so colour is never the only cue.
"""

from __future__ import annotations

import datetime

import msgspec

from schema.base import DATE_FORMATS, Precision, date_with_precision


class EventStyle(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    colour: str
    shape: str
    """circle, diamond, square, triangle, cross or dot (see `glyphs`)."""


EVENT_CATEGORIES: dict[str, EventStyle] = {
    "talks": EventStyle(label="proposal, talks, negotiation", colour="#0072B2", shape="circle"),
    "initialling": EventStyle(label="initialling", colour="#E69F00", shape="diamond"),
    "signing": EventStyle(label="signing", colour="#CC79A7", shape="square"),
    "in_force": EventStyle(label="entry into force, in force attested", colour="#009E73", shape="triangle"),
    "ended": EventStyle(label="suspension, termination, abandonment", colour="#D55E00", shape="cross"),
    "notice": EventStyle(label="termination notice, its suspension or withdrawal", colour="#000000", shape="pennant"),
    "other": EventStyle(label="other (announcement, review, approval, protest …)", colour="#6b6b6b", shape="dot"),
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
    "termination_notice": "notice",
    "notice_suspended": "notice",
    "notice_withdrawn": "notice",
}
STATUS_FILL: dict[str, str] = {
    "proposed": "#e4e9f2",
    "under_negotiation": "#d3e6f4",
    "initialled": "#fbe8c2",
    "signed": "#f4dcea",
    "in_force": "#c9ecdf",
    "suspended": "#f7d7c4",
    "terminated": "#f7d7c4",
    "abandoned": "#f7d7c4",
}
UNKNOWN_FILL = "#eeeeee"
_STATUS_ORDER = list(STATUS_FILL)


def event_category(kind: str) -> str:
    """The category an event kind is drawn as: a key of EVENT_CATEGORIES."""
    return _CATEGORY_OF.get(kind, "other")


def status_rank(status: str) -> tuple[int, str]:
    """Sort key: the statuses in the order of an agreement's life, unknown ones last."""
    return (_STATUS_ORDER.index(status), status) if status in _STATUS_ORDER else (len(_STATUS_ORDER), status)


def words(identifier: str | None) -> str:
    """An identifier as words: `under_negotiation` → `under negotiation`."""
    return (identifier or "").replace("_", " ")


READABLE_DATES: dict[Precision, str] = {
    **DATE_FORMATS,
    "month": "{month} {date.year}",
    "year": "{date.year}",
    "on_or_before": "on or before {iso}",
}


def date_label(date: datetime.date, precision: Precision | None, latest: datetime.date | None) -> str:
    """A date as its precision allows: 2016-11-14, week of 2014-12-22, November 2016, 2007; a day's date known
    only to lie between two days, as the two."""
    if precision in (None, "day") and latest and latest != date:
        return f"{date} to {latest}"
    return date_with_precision(date, precision or "day", READABLE_DATES)
