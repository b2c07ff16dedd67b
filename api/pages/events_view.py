"""Events, statuses and their qualifiers as the pages show them: dates as precise as they are known
(`schema.base.date_with_precision`: `2016-11`, `week of 2014-12-22`, `by 2016-11-12`, never padded to a
day), what each step did to the status, and its quotes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import msgspec

from api.domain.models import EventOut, StatusPeriod
from api.pages.quotes import QuoteContext, QuoteView
from api.pages.terms_view import FieldView, actor_words, value_words, words
from schema.base import Precision, date_with_precision

STATUS_ANSWER_FIELDS = frozenset(
    {"agreement_id", "on", "status", "certain", "since", "deciding_events", "may_have_changed"}
)
"""The fields of the status answer shown in their own right; any other field is a qualifier of the status."""


class EventView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    anchor: str
    date: str
    """The date as precise as it is known, or "undated"."""
    iso: str | None
    kind: str
    status: str
    """occurred, planned or averted."""
    moves_to: str | None
    """The status an occurred event puts the agreement in."""
    details: tuple[FieldView, ...]
    note: str | None
    quotes: tuple[QuoteView, ...]


class PeriodView(msgspec.Struct, frozen=True, kw_only=True):
    status: str
    status_class: str
    valid_from: str
    valid_to: str | None
    current: bool
    """Whether the page's date falls in it."""
    deciding: tuple[tuple[str, str], ...]
    """(anchor, label) of the events that put the agreement in this status."""


def when(date: datetime.date | None, precision: Precision | None) -> str:
    """A date as precise as it is known."""
    return date_with_precision(date, precision or "day") if date else "undated"


def event_label(event: EventOut) -> str:
    """ "signing by kor-mnd (2014-12-26)": enough to tell an agreement's events apart in a list."""
    by = f" by {event.party_id}" if event.party_id else ""
    return f"{words(event.kind)}{by} ({when(event.date, event.precision)})"


def _details(event: EventOut) -> tuple[FieldView, ...]:
    fields: list[FieldView] = []
    if event.as_written:
        against = f" (resolved against {event.resolved_against})" if event.resolved_against else ""
        fields.append(FieldView(name="as written", value=f"“{event.as_written}”{against}"))
    if event.party_id:
        fields.append(FieldView(name="party", value=event.party_id))
    for name in ("place", "round", "approving_body"):
        value = getattr(event, name)
        if value is not None:
            fields.append(FieldView(name=words(name), value=str(value)))
    if event.actors:
        fields.append(FieldView(name="actors", value="; ".join(filter(None, map(actor_words, event.actors)))))
    if event.causes:
        fields.append(FieldView(name="causes", value=", ".join(words(c) for c in event.causes)))
    return tuple(fields)


def event_views(events: Iterable[EventOut], quotes: QuoteContext) -> list[EventView]:
    """Events in the order of the last day each may have happened (a step "in 2016" after one on 14 November
    2016), undated ones last."""
    ordered = sorted(
        events,
        key=lambda e: (e.date is None, e.latest_date or e.date or datetime.date.min, e.date or datetime.date.min),
    )
    return [
        EventView(
            id=e.id,
            anchor=f"e-{e.event_id}",
            date=when(e.date, e.precision),
            iso=e.date.isoformat() if e.date else None,
            kind=words(e.kind),
            status=e.status,
            moves_to=words(e.status_after) if e.status_after and e.status == "occurred" else None,
            details=_details(e),
            note=e.note,
            quotes=tuple(quotes.views(e.sources)),
        )
        for e in ordered
    ]


def period_views(periods: Iterable[StatusPeriod], on: datetime.date, labels: dict[str, str]) -> list[PeriodView]:
    """The status history, each period with the events that decided it (`labels`: event id -> label). A period
    that starts a status starts on the date of its deciding step as precisely as it is known (`2012`), not on
    the day that step became certain."""
    views, previous = [], None
    for p in periods:
        starts = p.since if p.since and p.certain and p.status != previous else p.valid_from.isoformat()
        views.append(
            PeriodView(
                status=words(p.status) + ("" if p.certain else " (may have changed)"),
                status_class=p.status,
                valid_from=starts,
                valid_to=p.valid_to.isoformat() if p.valid_to else None,
                current=p.valid_from <= on and (p.valid_to is None or on < p.valid_to),
                deciding=tuple((f"e-{e}", labels.get(e, e)) for e in p.deciding_events),
            )
        )
        previous = p.status
    return views


def qualifiers(answer: msgspec.Struct) -> list[FieldView]:
    """Whatever the status answer says beyond the status and its events (termination pending, a notice
    suspended, evidence until ...), in words: every other field that holds something."""
    shown = []
    for field in msgspec.structs.fields(answer):
        if field.name in STATUS_ANSWER_FIELDS:
            continue
        value = msgspec.to_builtins(getattr(answer, field.name))
        if value in (None, False, [], {}, ""):
            continue
        shown.append(FieldView(name=words(field.encode_name), value=_qualifier_words(value)))
    return shown


def _qualifier_words(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_qualifier_words(v) for v in value)
    if isinstance(value, dict) and "event_id" in value and "kind" in value:  # an event, as the API gives it
        date = value.get("date")
        day = when(datetime.date.fromisoformat(date), value.get("precision")) if date else "undated"
        return f"{words(str(value['kind']))} ({day})"
    if isinstance(value, dict) and "date" in value and "precision" in value:  # a date with its precision
        return when(datetime.date.fromisoformat(value["date"]), value["precision"])
    if isinstance(value, dict):  # a qualifier: its fields in words, events among them as events
        shown = [f"{words(str(k))} {_qualifier_words(v)}" for k, v in value.items() if v not in (None, [], {})]
        return ", ".join(shown)
    return value_words(value)
