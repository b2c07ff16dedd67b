"""The shapes of a status answer: an agreement's status on a date with its qualifiers (the status
rule's answer, api/domain/status.py), on its own, inside an agreement's detail and on every
sharing channel."""

from __future__ import annotations

import datetime

from api.domain.lifecycle import EffectBasis, EndCause
from api.domain.models import AgreementRecordOut, EventOut, EvidenceOut, Out
from schema.lifecycle import Status


class MayHaveChangedOut(Out, frozen=True, kw_only=True):
    """A step whose imprecise date may or may not fall before the date: the status shown is the last
    certain one."""

    event: EventOut | None
    """The event; None for an end the terms imply."""
    kind: str
    span: str
    """Its date as written, with its precision (`2012`, `2016-11`)."""
    first: datetime.date
    last: datetime.date
    """The first and last day the date allows."""


class TerminationPendingOut(Out, frozen=True, kw_only=True):
    """A termination notice that stands on the date and has not yet taken effect."""

    notice: EventOut
    takes_effect_on: datetime.date | None
    """The first day out of force; null when nothing in the store gives it."""
    basis: EffectBasis
    """`stated` (a source gives the day), `denunciation` or `duration` (the agreement's terms give it)."""
    provision_id: str | None
    """The provision whose terms give the day, when they do."""


class NoticeSuspendedOut(Out, frozen=True, kw_only=True):
    """A termination notice whose effect is suspended on the date: the agreement stays as it was."""

    notice: EventOut
    suspension: EventOut
    condition: str | None
    reserved_right: str | None


class TermOut(Out, frozen=True, kw_only=True):
    """The term running on the date, computed from the duration terms (number 1 is the initial term)."""

    number: int
    started_on: datetime.date
    ends_on: datetime.date | None
    """The first day after the term; null for an indefinite agreement."""
    renewal: str
    provision_id: str


class EndedOut(Out, frozen=True, kw_only=True):
    """An end the record implies: a notice that took effect, or a term that expired without renewal."""

    cause: EndCause
    on: datetime.date
    notice_id: str | None
    provision_id: str | None


class DisputedOut(Out, frozen=True, kw_only=True):
    """A claim the status does not follow, and the preferred claim it follows instead."""

    event: EventOut
    preferred_event_id: str


class AgreementStatus(Out, frozen=True, kw_only=True):
    """An agreement's status on a date, the events that decide it, and what hangs over it: a pending or
    suspended termination notice, provisional application, steps whose imprecise date may have changed
    it, the current term, claims set aside, and how far the store's evidence reaches."""

    agreement_id: str
    on: datetime.date
    status: Status
    """The last certain status: a step counts once the last day its date allows has passed."""
    certain: bool
    """False when a step with an imprecise date may have changed the status by then (`may_have_changed`)."""
    since: str | None
    """The date of the step that put the agreement in this status, as precisely as it is known."""
    deciding_events: list[EventOut]
    may_have_changed: list[MayHaveChangedOut]
    termination_pending: TerminationPendingOut | None
    notice_suspended: NoticeSuspendedOut | None
    provisionally_applied: EventOut | None
    current_term: TermOut | None
    ended_by: EndedOut | None
    disputed: list[DisputedOut]
    """Claims about the deciding steps that the status does not follow (the record prefers another)."""
    evidence_until: EvidenceOut | None
    """The latest fact the store holds on the agreement."""
    freshness: str | None
    """Said when `on` lies beyond `evidence_until`: the store does not know the status after it."""


class AgreementDetail(AgreementRecordOut, frozen=True, kw_only=True):
    """One agreement in full, with its status on the request's date (the last three fields; the
    qualifiers in `status_detail`)."""

    status: Status
    status_on: datetime.date
    status_detail: AgreementStatus
