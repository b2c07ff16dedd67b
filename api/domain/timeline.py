"""The life of every agreement on one time axis, as data: its dated events and its status periods
(the status rule's answer, stored by the build), for the landing page's timeline and its table."""

from __future__ import annotations

import datetime
from collections import defaultdict

import msgspec

from api.domain import records
from api.domain.models import StatusPeriod
from api.domain.query import Database
from api.domain.status import period_on
from schema.base import Precision


class DatedEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event that took place, with the span its date allows (`date` to `latest`)."""

    event_id: str
    kind: str
    date: datetime.date
    precision: Precision
    latest: datetime.date
    as_written: str | None
    party: str | None


class AgreementLife(msgspec.Struct, frozen=True, kw_only=True):
    """One agreement's row of the timeline."""

    id: str
    short_name: str
    title: str
    events: list[DatedEvent]
    """Its events that took place and are dated, oldest first."""
    periods: list[StatusPeriod]
    """Its status over time, from the status rule."""


def timeline(db: Database) -> list[AgreementLife]:
    """Every agreement, those with dated events first (by their first event), then the others by id."""
    events: dict[str, list[DatedEvent]] = defaultdict(list)
    for r in db.rows(
        "select agreement_id, event_id, kind, date, precision, latest_date, as_written, party_id from events "
        "where status = 'occurred' and date is not null order by agreement_id, date, latest_date, event_id"
    ):
        events[r["agreement_id"]].append(
            records.convert(
                r,
                DatedEvent,
                precision=r["precision"] or "day",
                latest=r["latest_date"] or r["date"],
                party=r["party_id"],
            )
        )
    rows = db.rows("select id, short_name, title from agreements order by id")
    periods = records.status_periods(db, [r["id"] for r in rows])
    lives = [records.convert(r, AgreementLife, events=events[r["id"]], periods=periods[r["id"]]) for r in rows]
    return sorted(lives, key=lambda a: (0, a.events[0].date.isoformat(), a.id) if a.events else (1, "", a.id))


def statuses_on(db: Database, on: datetime.date) -> dict[str, StatusPeriod | None]:
    """Every agreement's stored status period on `on` (None before its first: status unknown)."""
    ids = [r["id"] for r in db.rows("select id from agreements order by id")]
    periods = records.status_periods(db, ids)
    return {i: period_on(periods[i], on) for i in ids}
