"""What the status rule reads from one agreement record, before it looks at any date: the claims it
follows, the steps that move the status (the recorded ones and those its terms imply), its notices
and their fate, and its terms of duration.

- **Claims**: of events that dispute each other, the rule follows the one marked `preferred`; the
  others are set aside (answers show them as disputed).
- **Changes**: every occurred, dated status-changing event, plus the ends the record implies — a
  termination notice that still stands on the day it takes effect, and the expiry of a term that is
  not renewed. A notice's effect day is its `takes_effect` when a source states it; otherwise the
  `denunciation` terms (a period after the notice, or on receipt) or the `duration` terms (the end
  of the first term it is given in time for) give it.
- **Terms**: the initial term runs from entry into force; automatic renewal adds renewal periods
  without any recorded `renewal` event (which is evidence, not a requirement). A renewal by agreement
  when the terms state no renewal period has no known length: the renewed term has no end the store
  can give, and its expiry is possible from the end of the last term the text gives, never certain.

Nothing here decides a status: api/domain/status.py does, from these facts.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Sequence
from typing import Literal

import msgspec

from schema.agreements import Agreement, Event
from schema.base import Period, date_with_precision, dispute_groups
from schema.lifecycle import STATUS_AFTER, Status
from schema.provisions import Denunciation, Duration, ProvisionBase

EffectBasis = Literal["stated", "denunciation", "duration", "not_known"]
"""Where a notice's effect day comes from: a source states it, or the denunciation or duration terms
give it, or nothing in the store does."""
EndCause = Literal["notice", "expiry"]
_ONE_DAY = datetime.timedelta(days=1)


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """A step that moves the status: certain from `last`, possible from `first` (the span an
    imprecise date allows)."""

    status: Status
    first: datetime.date
    last: datetime.date
    label: str
    """The date as precise as it is known (`2012`, `2016-11-23`)."""
    event: str | None
    """The recorded event that makes the step (for a notice taking effect: the notice)."""
    kind: str
    cause: EndCause | None = None
    """For an end the record implies: a notice that took effect, or a term that expired."""
    provision: str | None = None
    """The provision whose terms give the day, when they do."""
    order: int = 0
    """The curator's order: the position of its event in the record (of the notice, for an implied end)."""
    open_end: bool = False
    """No day makes the step certain (`last` is then the calendar's end): an expiry no source dates."""


class NoticeEffect(msgspec.Struct, frozen=True, kw_only=True):
    """When a termination notice takes effect (the first day out of force), and on what basis."""

    on: datetime.date | None
    basis: EffectBasis
    provision: str | None = None


class Term(msgspec.Struct, frozen=True, kw_only=True):
    """One term of the agreement's duration: the initial one is number 1."""

    number: int
    started_on: datetime.date
    ends_on: datetime.date | None
    """The first day after the term (None for an indefinite agreement, or a renewal of unstated length)."""
    renewal: str
    provision: str


def certain_by(event: Event, day: datetime.date) -> bool:
    """Whether the event had certainly happened by `day` (the last day its date allows is not after it)."""
    return event.when is not None and event.when.latest() <= day


def set_aside(events: Sequence[Event]) -> dict[str, str]:
    """Claims the rule does not follow -> the preferred claim of their set (the build checks there is one)."""
    preferred = {e.id for e in events if e.preferred}
    found: dict[str, str] = {}
    for group in dispute_groups({e.id: e.disputes for e in events}):
        chosen = sorted(set(group) & preferred)
        if chosen:
            found.update({claim: chosen[0] for claim in group if claim not in preferred})
    return found


def followed(agreement: Agreement) -> list[Event]:
    """The occurred, dated events the rule follows (claims set aside left out)."""
    aside = set_aside(agreement.events)
    return [e for e in agreement.events if e.status == "occurred" and e.when is not None and e.id not in aside]


def _term(agreement: Agreement, kind: type[ProvisionBase]) -> ProvisionBase | None:
    found = [p for p in agreement.provisions if isinstance(p, kind) and p.disputes is None]
    found.sort(key=lambda p: p.basis != "agreement_text")
    return found[0] if found else None


def duration_of(agreement: Agreement) -> Duration | None:
    """The agreement's duration terms (the text's, when several claims state them)."""
    term = _term(agreement, Duration)
    return term if isinstance(term, Duration) else None


def denunciation_of(agreement: Agreement) -> Denunciation | None:
    """The agreement's denunciation terms (the text's, when several claims state them)."""
    term = _term(agreement, Denunciation)
    return term if isinstance(term, Denunciation) else None


def entry_into_force(events: Sequence[Event]) -> datetime.date | None:
    """The day the agreement entered into force, when a followed event dates it to the day."""
    days = [e.when.date for e in events if e.kind == "entry_into_force" and e.when and e.when.precision == "day"]
    return min(days) if days else None


def _after(period: Period, start: datetime.date, times: int = 1) -> datetime.date:
    """`times` periods after `start`; date.max when that is past the calendar."""
    try:
        return Period(value=period.value * times, unit=period.unit).after(start)
    except (OverflowError, ValueError):
        return datetime.date.max


def _renewals_before(first_end: datetime.date, period: Period, on: datetime.date) -> int:
    """How many whole renewal periods after `first_end` have begun by `on` (0: the first renewal)."""
    if period.unit in ("days", "weeks"):
        length = period.value * (7 if period.unit == "weeks" else 1)
        estimate = (on - first_end).days // max(length, 1)
    else:
        months = period.value * (12 if period.unit == "years" else 1)
        estimate = ((on.year - first_end.year) * 12 + on.month - first_end.month) // max(months, 1)
    k = max(estimate - 1, 0)
    while (following := _after(period, first_end, k + 1)) <= on and following != datetime.date.max:
        k += 1
    return k


def unstated_renewal(duration: Duration) -> bool:
    """Whether a renewal by agreement runs for a time the terms do not state (no `renewal_period`)."""
    return duration.renewal == "by_agreement" and duration.renewal_period is None


def term_on(duration: Duration, start: datetime.date, on: datetime.date, renewals: int | None = None) -> Term | None:
    """The term running on `on` for an agreement in force from `start`, renewed as its terms say
    (`renewals`: how many renewals by agreement the record shows); None before `start` or after it ended,
    and when renewals of unstated length leave it unknown which term runs."""
    cap = _after(duration.maximum, start) if duration.maximum is not None else datetime.date.max
    if on < start or on >= cap:
        return None

    def term(number: int, begun: datetime.date, ends: datetime.date | None) -> Term:
        ends = cap if ends is None or ends > cap else ends
        shown = None if ends == datetime.date.max else ends
        return Term(number=number, started_on=begun, ends_on=shown, renewal=duration.renewal, provision=duration.id)

    if duration.indefinite or duration.initial_term is None:
        return term(1, start, None)
    first_end = _after(duration.initial_term, start)
    if on < first_end:
        return term(1, start, first_end)
    if duration.renewal == "none":
        return None
    if unstated_renewal(duration):
        # One renewal of unstated length: the second term began at the first's end and has no known end.
        # After more than one, nothing says when each began.
        return term(2, first_end, None) if renewals == 1 else None
    period = duration.renewal_period or duration.initial_term
    k = _renewals_before(first_end, period, on)
    if duration.renewal == "by_agreement" and (renewals is None or k >= renewals):
        return None
    return term(k + 2, _after(period, first_end, k), _after(period, first_end, k + 1))


def expiry(agreement: Agreement, events: Sequence[Event]) -> Change | None:
    """The end of the last term when the terms do not renew it, or of the whole life when they cap it;
    when something else may end it first (`ends_with`: "the end of the Mission"), any day up to then.
    A renewal of unstated length makes the end possible from the end of the last term the text gives,
    and certain only by a cap (open otherwise: no date is guessed)."""
    duration, start = duration_of(agreement), entry_into_force(events)
    if duration is None or start is None:
        return None
    end: datetime.date | None = None  # the day the end is certain by
    possible_from: datetime.date | None = None  # renewals of unstated length: the text's last term's end
    if not duration.indefinite and duration.initial_term is not None:
        first_end = _after(duration.initial_term, start)
        renewed = sum(1 for e in events if e.kind == "renewal")
        if duration.renewal == "none":
            end = first_end
        elif unstated_renewal(duration) and renewed:
            possible_from = first_end
        elif duration.renewal == "by_agreement":
            end = _after(duration.renewal_period or duration.initial_term, first_end, renewed)
    if duration.maximum is not None:
        cap = _after(duration.maximum, start)
        end = cap if end is None else min(end, cap)
    if end == datetime.date.max:
        end = None
    if end is None and possible_from is None:
        return None
    last = datetime.date.max if end is None else end
    first = min(start + _ONE_DAY if duration.ends_with else (possible_from or last), last)
    if end is None:
        label = f"{first.isoformat()} or later"
    else:
        label = f"by {end.isoformat()}" if first < end else end.isoformat()
    return Change(
        status="terminated",
        first=first,
        last=last,
        label=label,
        event=None,
        kind="expiry",
        cause="expiry",
        provision=duration.id,
        open_end=end is None,
    )


def notice_effect(agreement: Agreement, notice: Event, events: Sequence[Event]) -> NoticeEffect:
    """The first day out of force a termination notice brings, and what gives it."""
    if notice.takes_effect is not None:
        return NoticeEffect(on=notice.takes_effect.latest(), basis="stated")
    given = notice.when.latest() if notice.when else None
    if given is None:
        return NoticeEffect(on=None, basis="not_known")
    denunciation = denunciation_of(agreement)
    if denunciation is not None and denunciation.effect == "on_receipt":
        return NoticeEffect(on=given, basis="denunciation", provision=denunciation.id)
    if denunciation is not None and denunciation.effect == "after_notice" and denunciation.takes_effect_after:
        return NoticeEffect(
            on=_after(denunciation.takes_effect_after, given), basis="denunciation", provision=denunciation.id
        )
    duration, start = duration_of(agreement), entry_into_force(events)
    if duration is None or start is None:
        return NoticeEffect(on=None, basis="not_known")
    term = term_on(duration, start, max(given, start), sum(1 for e in events if e.kind == "renewal"))
    while term is not None and term.ends_on is not None and term.ends_on != datetime.date.max:
        # In time when the notice period, counted from the notice, ends by the term's last day.
        last_day = term.ends_on - _ONE_DAY
        if duration.notice_before_term_end is None or _after(duration.notice_before_term_end, given) <= last_day:
            return NoticeEffect(on=term.ends_on, basis="duration", provision=duration.id)
        term = term_on(duration, start, term.ends_on, None if duration.renewal != "by_agreement" else term.number)
    return NoticeEffect(on=None, basis="not_known")


def acting_on(events: Sequence[Event], target: str, kind: str) -> list[Event]:
    """The followed events of `kind` (a suspension, a withdrawal) that act on the event `target`."""
    return [e for e in events if e.kind == kind and target in e.notices]


def withdrawn_by(events: Sequence[Event], notice: Event, day: datetime.date) -> bool:
    """Whether the notice had certainly been withdrawn by `day`."""
    return any(certain_by(w, day) for w in acting_on(events, notice.id, "notice_withdrawn"))


def suspended_by(events: Sequence[Event], notice: Event, day: datetime.date) -> Event | None:
    """The suspension in effect on `day` (certain by then and not itself withdrawn), if any."""
    found = [
        s
        for s in acting_on(events, notice.id, "notice_suspended")
        if certain_by(s, day) and not any(certain_by(w, day) for w in acting_on(events, s.id, "notice_withdrawn"))
    ]
    return max(found, key=lambda s: s.when.latest() if s.when else day) if found else None


def _could_act_by(events: Sequence[Event], notice: Event, day: datetime.date) -> Event | None:
    """A suspension or withdrawal of the notice whose imprecise date may fall on either side of `day`."""
    for e in acting_on(events, notice.id, "notice_suspended") + acting_on(events, notice.id, "notice_withdrawn"):
        if e.when is not None and e.when.date <= day < e.when.latest():
            return e
    return None


def notices(events: Sequence[Event]) -> list[Event]:
    """The followed termination notices."""
    return [e for e in events if e.kind == "termination_notice"]


def _ends(agreement: Agreement, events: Sequence[Event], order: dict[str, int]) -> Iterator[Change]:
    for notice in notices(events):
        effect = notice_effect(agreement, notice, events)
        if effect.on is None or notice.when is None:
            continue
        if withdrawn_by(events, notice, effect.on) or suspended_by(events, notice, effect.on) is not None:
            continue  # the notice no longer stood on the day it was to take effect
        # A suspension or withdrawal that may have come in time makes the end possible, never certain.
        doubt = _could_act_by(events, notice, effect.on) is not None
        yield Change(
            status="terminated",
            first=effect.on,
            last=datetime.date.max if doubt else effect.on,
            label=effect.on.isoformat(),
            event=notice.id,
            kind="termination_notice",
            cause="notice",
            provision=effect.provision,
            order=order[notice.id],
        )
    end = expiry(agreement, events)
    if end is not None:
        yield msgspec.structs.replace(end, order=len(order))


def _before(a: Change, b: Change) -> int:
    """Steps whose spans do not overlap come in date order; overlapping ones (a step "in 2012" and one
    on 29 June 2012) in the order the curator lists them."""
    if a.last < b.first:
        return -1
    if b.last < a.first:
        return 1
    return (a.order > b.order) - (a.order < b.order) or (a.first > b.first) - (a.first < b.first)


def _label(event: Event) -> str:
    """The step's date as precisely as it is known; an attestation shows the status held by then, not since."""
    when = event.when
    if when is None:
        return "undated"
    label = date_with_precision(when.date, when.precision)
    attested = event.kind == "in_force_attested" and when.precision != "on_or_before"
    return f"by {label}" if attested else label


def changes(agreement: Agreement) -> list[Change]:
    """Every step that moves the agreement's status, recorded or implied, in the order they happened
    as far as their dates tell (and the record's order where their dates overlap)."""
    events = followed(agreement)
    order = {e.id: n for n, e in enumerate(agreement.events)}
    found = [
        Change(
            status=STATUS_AFTER[e.kind],
            first=e.when.date,
            last=e.when.latest(),
            label=_label(e),
            event=e.id,
            kind=e.kind,
            order=order[e.id],
        )
        for e in events
        if e.when is not None and e.kind in STATUS_AFTER
    ]
    found.extend(_ends(agreement, events, order))
    return sorted(found, key=functools.cmp_to_key(_before))
