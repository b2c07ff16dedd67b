"""What the timeline shows, as data: each agreement's dated events and status periods.

`timeline_data` is the one place the timeline gets its data: the domain's timeline (each agreement's
dated events and the status rule's periods) plus the names of its parties. The layout (`timeline`)
takes a `TimelineData` and nothing else.
"""

from __future__ import annotations

from collections import defaultdict

import msgspec

from api.domain.models import StatusPeriod as DomainPeriod
from api.domain.timeline import timeline
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
    since: str | None = None
    """The date the status began, as precisely as it is known (`2012`)."""
    certain: bool = True
    may_have_changed: tuple[str, ...] = ()
    notice: str | None = None
    """`pending` (a termination notice stands, not yet in effect) or `suspended` (its effect is suspended)."""
    takes_effect_on: str | None = None
    """For a pending notice: the first day out of force, when known."""


class TimelineParty(msgspec.Struct, frozen=True, kw_only=True):
    """A state (or organisation, or group of states) party to an agreement."""

    id: str
    name: str
    """Short name, else name."""
    kind: str


class TimelineAgreement(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    short_name: str
    parties: tuple[TimelineParty, ...]
    """The states (or organisations) party to it, by name; the layout groups agreements by them."""
    events: tuple[TimelineEvent, ...]
    """In date order."""
    periods: tuple[StatusPeriod, ...]
    """In date order; only periods with a start date."""


class TimelineData(msgspec.Struct, frozen=True, kw_only=True):
    agreements: tuple[TimelineAgreement, ...]
    """Every agreement, dated or not, in the order of its first dated event (undated ones last)."""


def _parties(db: Snapshot) -> dict[str, tuple[TimelineParty, ...]]:
    """Agreement id → the states (or organisations) that are parties to it, by name."""
    found: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in db.rows(
        "select ap.agreement_id, ap.state_id, coalesce(s.short_name, s.name, ap.state_id) as name, "
        "coalesce(s.kind, 'state') as kind from agreement_parties ap left join parties s on s.id = ap.state_id "
        "where ap.role = 'party' and ap.state_id is not null"
    ):
        found[r["agreement_id"]].add((r["name"], r["state_id"], r["kind"]))
    return {
        aid: tuple(TimelineParty(id=i, name=name, kind=kind) for name, i, kind in sorted(parties))
        for aid, parties in found.items()
    }


def _notice(period: DomainPeriod) -> str | None:
    if period.notice_suspended is not None:
        return "suspended"
    return "pending" if period.termination_pending is not None else None


def _effect(period: DomainPeriod) -> str | None:
    pending = period.termination_pending
    return pending.takes_effect_on.isoformat() if pending is not None and pending.takes_effect_on else None


def _period(period: DomainPeriod) -> StatusPeriod:
    """The period with its dates as ISO text (msgspec's builtins) and its notice, if one stands."""
    return msgspec.convert(
        {**msgspec.to_builtins(period), "notice": _notice(period), "takes_effect_on": _effect(period)}, StatusPeriod
    )


def timeline_data(db: Snapshot) -> TimelineData:
    """Every agreement with its events that took place (not those only planned) and its status periods,
    from the domain's timeline (api/domain/timeline.py: the stored answers of the status rule)."""
    parties = _parties(db)
    agreements = tuple(
        TimelineAgreement(
            id=life.id,
            short_name=life.short_name,
            parties=parties.get(life.id, ()),
            events=msgspec.convert(msgspec.to_builtins(life.events), tuple[TimelineEvent, ...]),
            periods=tuple(_period(p) for p in life.periods),
        )
        for life in timeline(db)
    )
    return TimelineData(agreements=agreements)
