"""The status rule's answer as the API shows it: the events it names resolved with their sources,
the latest fact the store holds, and the sentence that says when the date lies beyond it."""

from __future__ import annotations

import datetime

import msgspec

from api.domain import records
from api.domain.freshness import evidence_out, freshness
from api.domain.models import EventOut
from api.domain.query import Database
from api.domain.status import StatusOn, status_on
from api.domain.status_models import (
    AgreementStatus,
    DisputedOut,
    EndedOut,
    MayHaveChangedOut,
    NoticeSuspendedOut,
    TerminationPendingOut,
    TermOut,
)
from schema.agreements import Agreement


def _named_events(result: StatusOn) -> list[str]:
    """Every event the answer names, once, in a stable order."""
    ids = list(result.deciding_events)
    ids += [c.event for c in result.may_have_changed if c.event]
    if result.termination_pending:
        ids.append(result.termination_pending.notice)
    if result.notice_suspended:
        ids += [result.notice_suspended.notice, result.notice_suspended.suspension]
    if result.provisionally_applied:
        ids.append(result.provisionally_applied)
    ids += [d.event for d in result.disputed]
    return list(dict.fromkeys(ids))


def _full(agreement_id: str, local: str | None) -> str | None:
    return f"{agreement_id}.{local}" if local else None


def answer(db: Database, agreement_id: str, result: StatusOn, *, detailed: bool = True) -> AgreementStatus:
    """`result` with its events resolved (with `detailed=False`, only the status, its certainty, its
    date and the evidence: what the graph of channels needs)."""
    brief = AgreementStatus(
        agreement_id=agreement_id,
        on=result.on,
        status=result.status,
        certain=result.certain,
        since=result.since,
        deciding_events=[],
        may_have_changed=[],
        termination_pending=None,
        notice_suspended=None,
        provisionally_applied=None,
        current_term=None,
        ended_by=None,
        disputed=[],
        evidence_until=evidence_out(result.evidence_until),
        freshness=freshness(result.evidence_until, result.on),
    )
    if not detailed:
        return brief
    named = _named_events(result)
    events: dict[str, EventOut] = dict(zip(named, records.events_by_id(db, agreement_id, named), strict=True))
    pending, held, term, ended = (
        result.termination_pending,
        result.notice_suspended,
        result.current_term,
        result.ended_by,
    )
    return msgspec.structs.replace(
        brief,
        deciding_events=[events[e] for e in result.deciding_events],
        may_have_changed=[
            MayHaveChangedOut(
                event=events[c.event] if c.event else None, kind=c.kind, span=c.span, first=c.first, last=c.last
            )
            for c in result.may_have_changed
        ],
        termination_pending=TerminationPendingOut(
            notice=events[pending.notice],
            takes_effect_on=pending.takes_effect_on,
            basis=pending.basis,
            provision_id=_full(agreement_id, pending.provision),
        )
        if pending
        else None,
        notice_suspended=NoticeSuspendedOut(
            notice=events[held.notice],
            suspension=events[held.suspension],
            condition=held.condition,
            reserved_right=held.reserved_right,
        )
        if held
        else None,
        provisionally_applied=events[result.provisionally_applied] if result.provisionally_applied else None,
        current_term=TermOut(
            number=term.number,
            started_on=term.started_on,
            ends_on=term.ends_on,
            renewal=term.renewal,
            provision_id=f"{agreement_id}.{term.provision}",
        )
        if term
        else None,
        ended_by=EndedOut(
            cause=ended.cause,
            on=ended.on,
            notice_id=_full(agreement_id, ended.notice),
            provision_id=_full(agreement_id, ended.provision),
        )
        if ended
        else None,
        disputed=[
            DisputedOut(event=events[d.event], preferred_event_id=f"{agreement_id}.{d.preferred}")
            for d in result.disputed
        ],
    )


def status_answer(db: Database, agreement: Agreement, on: datetime.date) -> AgreementStatus:
    """The agreement's status on `on` with its qualifiers, from the rule, as the API shows it."""
    return answer(db, agreement.id, status_on(agreement, on))
