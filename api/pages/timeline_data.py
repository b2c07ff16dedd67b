"""What the timeline shows, as data: each agreement's dated events and status periods.

`timeline_data` is the one place the timeline reads the database. The layout (`timeline`) takes a
`TimelineData` and nothing else, so the source can change (a domain layer's lifecycle, say)
without touching the layout or the template.
"""

from __future__ import annotations

from collections import defaultdict

import msgspec

from api.store import Snapshot


class TimelineEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event that took place, with its date as precise as the sources make it."""

    event_id: str
    kind: str
    date: str
    """ISO date: the day, or the first day of the week, month or year it is known to."""
    precision: str
    """day, week, month, year or on_or_before."""
    latest: str
    """The last day it may have happened on (= `date` for a day)."""
    as_written: str | None = None
    party: str | None = None


class StatusPeriod(msgspec.Struct, frozen=True, kw_only=True):
    status: str
    valid_from: str
    valid_to: str | None
    """None: the latest known status, open-ended."""


class TimelineAgreement(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    short_name: str
    parties: tuple[str, ...]
    """The names of the states (or organisations) party to it; agreements of the same parties are grouped."""
    events: tuple[TimelineEvent, ...]
    """In date order."""
    periods: tuple[StatusPeriod, ...]
    """In date order; only periods with a start date."""


class TimelineData(msgspec.Struct, frozen=True, kw_only=True):
    agreements: tuple[TimelineAgreement, ...]
    """Every agreement, dated or not, in the order of its first dated event (undated ones last)."""


def _party_names(db: Snapshot) -> dict[str, tuple[str, ...]]:
    """Agreement id → the sorted names of the states (or organisations) that are parties to it."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in db.rows(
        "select ap.agreement_id, coalesce(s.short_name, s.name, ap.state_id) as name from agreement_parties ap "
        "left join parties s on s.id = ap.state_id where ap.role = 'party' and ap.state_id is not null"
    ):
        names[r["agreement_id"]].add(r["name"])
    return {aid: tuple(sorted(found)) for aid, found in names.items()}


def timeline_data(db: Snapshot) -> TimelineData:
    """Every agreement with its events that took place (not those only planned) and its status periods."""
    events: dict[str, list[TimelineEvent]] = defaultdict(list)
    for r in db.rows(
        "select agreement_id, event_id, kind, date, precision, latest_date, as_written, party_id from events "
        "where status = 'occurred' and date is not null order by agreement_id, date, latest_date, event_id"
    ):
        events[r["agreement_id"]].append(
            TimelineEvent(
                event_id=r["event_id"],
                kind=r["kind"],
                date=r["date"],
                precision=r["precision"] or "day",
                latest=r["latest_date"] or r["date"],
                as_written=r["as_written"],
                party=r["party_id"],
            )
        )
    periods: dict[str, list[StatusPeriod]] = defaultdict(list)
    for r in db.rows(
        "select agreement_id, status, valid_from, valid_to from agreement_status_periods "
        "where valid_from is not null order by agreement_id, valid_from"
    ):
        periods[r["agreement_id"]].append(
            StatusPeriod(status=r["status"], valid_from=r["valid_from"], valid_to=r["valid_to"])
        )
    parties = _party_names(db)
    agreements = [
        TimelineAgreement(
            id=r["id"],
            short_name=r["short_name"],
            parties=parties.get(r["id"], ()),
            events=tuple(events.get(r["id"], ())),
            periods=tuple(periods.get(r["id"], ())),
        )
        for r in db.rows("select id, short_name from agreements order by id")
    ]
    agreements.sort(key=lambda a: (0, a.events[0].date, a.id) if a.events else (1, "", a.id))
    return TimelineData(agreements=tuple(agreements))
