"""An agreement's status on a date: the one rule, with its qualifiers, and the periods the build stores from it.

The rule is conservative: a step counts on a date only when it had certainly happened by then, i.e.
the last day its date allows is on or before the date. Within the span of an imprecise date the
status stays the last certain one, and `may_have_changed` names the step that may have moved it. An
end no source dates (a renewal of unstated length) is such a step with no last day: from the end of
the last term the text gives, the status stays the last certain one on every date, 9999-12-31 included.
The steps are the recorded ones and those the record implies (api/domain/lifecycle.py): a
termination notice takes effect on its day only if it still stands then (not suspended, not
withdrawn); a term that is not renewed expires; renewal itself follows from the duration terms.

Besides the status, the answer says what hangs over it on the date: a termination notice pending
(`termination_pending`, with the first day out of force), a notice whose effect is suspended
(`notice_suspended`, with its condition), provisional application, the current term, the claims set
aside (`disputed`), and `evidence_until`, the latest fact the store holds on the agreement.

`status_on` is the rule. The build runs it on every day the answer may change and stores the result
as consecutive periods (`status_periods`) that carry what lists and filters need, so "in force on D"
over many agreements is a range lookup (`period_on` in Python, `status_filter` in SQL, certain
statuses only); answers about one agreement on one date run the rule itself. Either way the answer
comes from `status_on`, so a change to the rule is made here and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import msgspec

from api.domain import lifecycle
from api.domain.freshness import Evidence, record_evidence
from api.domain.lifecycle import Change, EffectBasis, EndCause, Term
from api.domain.models import PendingNotice, StatusPeriod, SuspendedNotice
from api.domain.query import Where
from schema.agreements import Agreement
from schema.lifecycle import Status

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


class MayHaveChanged(msgspec.Struct, frozen=True, kw_only=True):
    """A step whose imprecise date may or may not fall before the date asked about."""

    event: str | None
    kind: str
    span: str
    """Its date as written, with its precision (`2012`, `2016-11`)."""
    first: datetime.date
    last: datetime.date


class TerminationPending(msgspec.Struct, frozen=True, kw_only=True):
    """A termination notice that stands on the date and has not yet taken effect."""

    notice: str
    takes_effect_on: datetime.date | None
    """The first day out of force; None when nothing in the store gives it."""
    basis: EffectBasis
    provision: str | None


class NoticeSuspended(msgspec.Struct, frozen=True, kw_only=True):
    """A termination notice whose effect is suspended on the date."""

    notice: str
    suspension: str
    condition: str | None
    reserved_right: str | None


class Ended(msgspec.Struct, frozen=True, kw_only=True):
    """An end the record implies rather than records: a notice that took effect, a term that expired."""

    cause: EndCause
    on: datetime.date
    notice: str | None
    provision: str | None


class Disputed(msgspec.Struct, frozen=True, kw_only=True):
    """A claim the rule sets aside, and the preferred claim it follows instead."""

    event: str
    preferred: str


class StatusOn(msgspec.Struct, frozen=True, kw_only=True):
    """An agreement's status on a date, the steps that decide it, and its qualifiers."""

    on: datetime.date
    status: Status
    certain: bool
    """False when a step with an imprecise date may have changed the status by then."""
    since: str | None
    """The date of the step that put it in this status, as precisely as it is known."""
    deciding_events: list[str]
    """Ids of the events that put the agreement in this status, oldest first."""
    may_have_changed: list[MayHaveChanged]
    termination_pending: TerminationPending | None
    notice_suspended: NoticeSuspended | None
    provisionally_applied: str | None
    """The provisional-application event in effect, while the agreement is not yet in force."""
    current_term: Term | None
    ended_by: Ended | None
    disputed: list[Disputed]
    evidence_until: Evidence | None


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


class _Rule:
    """The rule over one record: the facts it reads are worked out once, then asked about dates."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.events = lifecycle.followed(agreement)
        self.changes = lifecycle.changes(agreement)
        self.aside = lifecycle.set_aside(agreement.events)
        self.notices = lifecycle.notices(self.events)
        self.effects = {n.id: lifecycle.notice_effect(agreement, n, self.events) for n in self.notices}
        self.evidence = record_evidence(agreement.events)
        self.duration = lifecycle.duration_of(agreement)
        self.start = lifecycle.entry_into_force(self.events)

    def status(self, on: datetime.date, possible: Change | None = None) -> tuple[Status, list[Change]]:
        """The status from the steps certain by `on` (and `possible`, to see whether it would change it)."""
        status: Status = "unknown"
        deciding: list[Change] = []
        for change in self.changes:
            uncertain = change.open_end or change.last > on
            if (uncertain and change is not possible) or not _moves(status, change.status):
                continue
            if change.status != status:
                deciding = []
            status = change.status
            deciding.append(change)
        return status, deciding

    def notice_qualifiers(self, on: datetime.date) -> tuple[TerminationPending | None, NoticeSuspended | None]:
        pending: list[TerminationPending] = []
        suspended: list[tuple[datetime.date, NoticeSuspended]] = []
        for notice in self.notices:
            if not lifecycle.certain_by(notice, on) or lifecycle.withdrawn_by(self.events, notice, on):
                continue
            suspension = lifecycle.suspended_by(self.events, notice, on)
            if suspension is not None and suspension.when is not None:
                held = NoticeSuspended(
                    notice=notice.id,
                    suspension=suspension.id,
                    condition=suspension.condition,
                    reserved_right=suspension.reserved_right,
                )
                suspended.append((suspension.when.latest(), held))
                continue
            effect = self.effects[notice.id]
            if effect.on is None or on < effect.on:
                pending.append(
                    TerminationPending(
                        notice=notice.id, takes_effect_on=effect.on, basis=effect.basis, provision=effect.provision
                    )
                )
        pending.sort(key=lambda p: p.takes_effect_on or LATEST)
        return (pending[0] if pending else None), (max(suspended, key=lambda s: s[0])[1] if suspended else None)

    def on(self, on: datetime.date) -> StatusOn:
        status, deciding = self.status(on)
        # A step that may or may not have happened by `on` matters only if it would change the status.
        possible = [
            MayHaveChanged(event=c.event, kind=c.kind, span=c.label, first=c.first, last=c.last)
            for c in self.changes
            if c.first <= on and (c.open_end or on < c.last) and self.status(on, c)[0] != status
        ]
        pending, suspended = self.notice_qualifiers(on) if status not in _ENDED else (None, None)
        provisional = [e.id for e in self.events if e.kind == "provisional_application" and lifecycle.certain_by(e, on)]
        term = None
        if status == "in_force" and self.duration is not None and self.start is not None and on != LATEST:
            renewals = sum(1 for e in self.events if e.kind == "renewal" and lifecycle.certain_by(e, on))
            term = lifecycle.term_on(self.duration, self.start, on, renewals)
        last = deciding[-1] if deciding else None
        ended = (
            Ended(cause=last.cause, on=last.first, notice=last.event, provision=last.provision)
            if last is not None and last.cause is not None
            else None
        )
        known = {e.id: e for e in self.agreement.events}
        disputed = [
            Disputed(event=claim, preferred=chosen)
            for claim, chosen in sorted(self.aside.items())
            if lifecycle.certain_by(known[chosen], on)
        ]
        return StatusOn(
            on=on,
            status=status,
            certain=not possible,
            since=deciding[0].label if deciding else None,
            deciding_events=[c.event for c in deciding if c.event is not None],
            may_have_changed=possible,
            termination_pending=pending,
            notice_suspended=suspended,
            provisionally_applied=provisional[-1] if provisional and status not in ("in_force", *_ENDED) else None,
            current_term=term,
            ended_by=ended,
            disputed=disputed,
            evidence_until=self.evidence,
        )

    def change_days(self) -> list[datetime.date]:
        days = {d for c in self.changes for d in (c.first, c.last) if d != LATEST}
        days.update(
            e.when.latest()
            for e in self.events
            if e.when is not None
            and e.kind in ("termination_notice", "notice_suspended", "notice_withdrawn", "provisional_application")
        )
        days.update(effect.on for effect in self.effects.values() if effect.on is not None)
        return sorted(days)


def status_on(agreement: Agreement, on: datetime.date) -> StatusOn:
    """The agreement's status on `on`, with its qualifiers: the one status rule."""
    return _Rule(agreement).on(on)


def _period(result: StatusOn, day: datetime.date) -> StatusPeriod:
    pending, held = result.termination_pending, result.notice_suspended
    return StatusPeriod(
        status=result.status,
        valid_from=day,
        valid_to=None,
        certain=result.certain,
        since=result.since,
        deciding_events=result.deciding_events,
        may_have_changed=[c.event or c.kind for c in result.may_have_changed],
        termination_pending=PendingNotice(notice=pending.notice, takes_effect_on=pending.takes_effect_on)
        if pending
        else None,
        notice_suspended=SuspendedNotice(notice=held.notice, suspension=held.suspension) if held else None,
        provisionally_applied=result.provisionally_applied,
    )


def _same(a: StatusPeriod, b: StatusPeriod) -> bool:
    """Whether two periods say the same (their dates, deciding events and `since` aside)."""
    keep: dict[str, Any] = {"valid_from": a.valid_from, "valid_to": None, "deciding_events": [], "since": None}
    return msgspec.structs.replace(a, **keep) == msgspec.structs.replace(b, **keep)


def status_periods(agreement: Agreement) -> list[StatusPeriod]:
    """The status and its list-level qualifiers as consecutive periods, from the rule on every day
    the answer may change.

    A period starts on the day its status (or a qualifier) holds; `valid_to` is the first day of the
    next period, or None for the current one. A later event that keeps the status (a second
    signature) joins the period's deciding events; `since` stays the day the status began.
    """
    rule = _Rule(agreement)
    periods: list[StatusPeriod] = []
    for day in rule.change_days():
        period = _period(rule.on(day), day)
        if periods and _same(periods[-1], period):
            periods[-1] = msgspec.structs.replace(periods[-1], deciding_events=period.deciding_events)
            continue
        if periods:
            periods[-1] = msgspec.structs.replace(periods[-1], valid_to=day)
        periods.append(period)
    return periods


def period_on(periods: Sequence[StatusPeriod], on: datetime.date) -> StatusPeriod | None:
    """The stored period that holds on `on`; None before the first (status unknown)."""
    for period in periods:
        if period.valid_from <= on and (period.valid_to is None or on < period.valid_to):
            return period
    return None


_PERIOD_ON = "valid_from <= ? and (valid_to is null or ? < valid_to)"
_IN_STATUS = (
    f"id in (select agreement_id from agreement_status_periods where status = ? and certain = 1 and {_PERIOD_ON})"
)
# With few candidates (a party filter), check each one's periods by primary key: `+status` keeps
# SQLite off the status index, which would scan every agreement's periods.
_HAS_STATUS = (
    "exists (select 1 from agreement_status_periods s where s.agreement_id = agreements.id and +s.status = ? "
    "and s.certain = 1 and s.valid_from <= ? and (s.valid_to is null or ? < s.valid_to))"
)
_NO_STATUS = (
    "id not in (select agreement_id from agreement_status_periods "
    f"where (status != 'unknown' or certain = 0) and {_PERIOD_ON})"
)


def status_filter(where: Where, status: Status, on: datetime.date, *, few_candidates: bool = False) -> Where:
    """Keep the agreements (rows of `agreements`) whose stored status on `on` is certainly `status`:
    a status that a step with an imprecise date may have changed by then matches no filter."""
    day = on.isoformat()
    if status == "unknown":
        return where.condition(_NO_STATUS, day, day)
    return where.condition(_HAS_STATUS if few_candidates else _IN_STATUS, status, day, day)


def _json(value: Any) -> str | None:
    return msgspec.json.encode(value).decode() if value else None


def period_rows(agreement: Agreement) -> list[dict[str, Any]]:
    """The `agreement_status_periods` rows of one agreement (written by the build step)."""
    return [
        {
            "agreement_id": agreement.id,
            "valid_from": p.valid_from.isoformat(),
            "valid_to": p.valid_to.isoformat() if p.valid_to else None,
            "status": p.status,
            "certain": int(p.certain),
            "since": p.since,
            "deciding_events": _json(p.deciding_events),
            "may_have_changed": _json(p.may_have_changed),
            "termination_pending": _json(p.termination_pending),
            "notice_suspended": _json(p.notice_suspended),
            "provisionally_applied": p.provisionally_applied,
        }
        for p in status_periods(agreement)
    ]
