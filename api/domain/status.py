"""An agreement's status on a date: the one rule, and the periods the build stores from it.

The rule is conservative: an event counts on a date only when it had certainly happened by then,
i.e. the last day its precision allows is on or before the date. Events that may or may not have
happened by then are reported as undecided rather than guessed.

`status_on` is the rule. The build runs it once per change of status and stores the result as
consecutive periods (`status_periods`), so "in force on D" over many agreements is a range lookup
(`period_on` in Python, `status_filter` in SQL); answers about one agreement on one date (its
status route, the sharing evaluation) run the rule itself. Either way the answer comes from
`status_on`, so a change to the rule is made here and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import msgspec

from api.domain.models import StatusPeriod
from api.domain.query import Where
from schema.agreements import Event
from schema.lifecycle import STATUS_AFTER, Status

LATEST = datetime.date.max
"""The date that asks for the latest known status (every dated event has happened by then)."""

_ENDED: tuple[Status, ...] = ("suspended", "terminated", "abandoned")
_RESTARTS: tuple[Status, ...] = ("under_negotiation", "in_force", "proposed")
# A signing after entry into force (a late signatory) must not take the agreement back to "signed".
_RANK: dict[Status, int] = {
    "unknown": 0,
    "proposed": 1,
    "under_negotiation": 2,
    "initialled": 3,
    "signed": 4,
    "in_force": 5,
}


class StatusOn(msgspec.Struct, frozen=True, kw_only=True):
    """An agreement's status on a date, with the events that decide it."""

    on: datetime.date
    status: Status
    deciding_events: list[str]
    """Ids of the events that put the agreement in this status, oldest first."""
    undecided_events: list[str]
    """Ids of status-changing events whose imprecise date may or may not fall before `on`."""


def today() -> datetime.date:
    """The date questions without an explicit date are answered for (UTC)."""
    return datetime.datetime.now(datetime.UTC).date()


def _moves(current: Status, new: Status) -> bool:
    if new in _ENDED:
        return True
    if current in _ENDED:
        # Only a step that restarts the process (talks resumed, entry into force) revives it.
        return new in _RESTARTS
    return _RANK[new] >= _RANK[current]


def _changes_status(event: Event) -> bool:
    return event.status == "occurred" and event.when is not None and event.kind in STATUS_AFTER


def status_on(events: Sequence[Event], on: datetime.date) -> StatusOn:
    """The status on `on` from the events that had certainly happened by then."""
    counted = sorted(
        (e for e in events if _changes_status(e) and e.when is not None and e.when.latest() <= on),
        key=lambda e: (e.when.latest(), e.when.date) if e.when is not None else (on, on),
    )
    status: Status = "unknown"
    deciding: list[str] = []
    for event in counted:
        new = STATUS_AFTER[event.kind]
        if not _moves(status, new):
            continue
        if new != status:
            deciding = []
        status = new
        deciding.append(event.id)
    undecided = [
        e.id for e in events if _changes_status(e) and e.when is not None and e.when.date <= on < e.when.latest()
    ]
    return StatusOn(on=on, status=status, deciding_events=deciding, undecided_events=undecided)


def status_periods(events: Sequence[Event]) -> list[StatusPeriod]:
    """The status as consecutive periods, from `status_on` on every day the status may change.

    A period starts on the day its deciding event had certainly happened; `valid_to` is the first
    day of the next period, or None for the current one. A later event that keeps the status (a
    second signature) joins the period's deciding events.
    """
    days = sorted({e.when.latest() for e in events if _changes_status(e) and e.when is not None})
    periods: list[StatusPeriod] = []
    for day in days:
        result = status_on(events, day)
        if periods and periods[-1].status == result.status:
            periods[-1] = msgspec.structs.replace(periods[-1], deciding_events=result.deciding_events)
            continue
        if periods:
            periods[-1] = msgspec.structs.replace(periods[-1], valid_to=day)
        periods.append(
            StatusPeriod(status=result.status, valid_from=day, valid_to=None, deciding_events=result.deciding_events)
        )
    return periods


def period_on(periods: Sequence[StatusPeriod], on: datetime.date) -> tuple[Status, datetime.date | None]:
    """(status, since) on `on` from stored periods; `unknown` before the first."""
    for period in periods:
        if period.valid_from <= on and (period.valid_to is None or on < period.valid_to):
            return period.status, period.valid_from
    return "unknown", None


_PERIOD_ON = "valid_from <= ? and (valid_to is null or ? < valid_to)"
_IN_STATUS = f"id in (select agreement_id from agreement_status_periods where status = ? and {_PERIOD_ON})"
# With few candidates (a party filter), check each one's periods by primary key: `+status` keeps
# SQLite off the status index, which would scan every agreement's periods.
_HAS_STATUS = (
    "exists (select 1 from agreement_status_periods s where s.agreement_id = agreements.id and +s.status = ? "
    "and s.valid_from <= ? and (s.valid_to is null or ? < s.valid_to))"
)
_NO_STATUS = f"id not in (select agreement_id from agreement_status_periods where {_PERIOD_ON})"


def status_filter(where: Where, status: Status, on: datetime.date, *, few_candidates: bool = False) -> Where:
    """Keep the agreements (rows of `agreements`) whose stored status on `on` is `status`."""
    day = on.isoformat()
    if status == "unknown":
        return where.condition(_NO_STATUS, day, day)
    return where.condition(_HAS_STATUS if few_candidates else _IN_STATUS, status, day, day)


def period_rows(agreement_id: str, events: Sequence[Event]) -> list[dict[str, Any]]:
    """The `agreement_status_periods` rows of one agreement (written by the build step)."""
    return [
        {
            "agreement_id": agreement_id,
            "valid_from": p.valid_from.isoformat(),
            "valid_to": p.valid_to.isoformat() if p.valid_to else None,
            "status": p.status,
            "deciding_events": msgspec.json.encode(p.deciding_events).decode() if p.deciding_events else None,
        }
        for p in status_periods(events)
    ]
