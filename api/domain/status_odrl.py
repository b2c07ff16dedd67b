"""The status rule's answer as ODRL profile metadata on every policy of an agreement: the status on
the date, whether it is certain, a pending or suspended termination notice, and how far the
store's evidence reaches (docs/odrl-profile.md, "Status")."""

from __future__ import annotations

from api.domain.freshness import freshness
from api.domain.odrl_profile import Json
from api.domain.odrl_terms import Status
from api.domain.status import StatusOn


def event_iri(agreement_id: str, event_id: str) -> str:
    """An event of an agreement (a notice, its suspension)."""
    return f"urn:pactstore:event:{agreement_id}.{event_id}"


def odrl_status(agreement_id: str, result: StatusOn) -> Status:
    """The frame's status for the policies of `agreement_id`, from the status rule's answer."""
    qualifiers: Json = {"pactstore:statusCertain": result.certain}
    if result.since:
        qualifiers["pactstore:statusSince"] = result.since
    if result.may_have_changed:
        qualifiers["pactstore:mayHaveChanged"] = [
            event_iri(agreement_id, c.event) for c in result.may_have_changed if c.event
        ]
    pending = result.termination_pending
    if pending is not None:
        notice: Json = {"pactstore:notice": event_iri(agreement_id, pending.notice)}
        if pending.takes_effect_on is not None:
            notice["pactstore:takesEffectOn"] = pending.takes_effect_on.isoformat()
        qualifiers["pactstore:terminationPending"] = notice
    held = result.notice_suspended
    if held is not None:
        suspended: Json = {
            "pactstore:notice": event_iri(agreement_id, held.notice),
            "pactstore:suspension": event_iri(agreement_id, held.suspension),
        }
        if held.condition:
            suspended["pactstore:suspensionCondition"] = held.condition
        qualifiers["pactstore:noticeSuspended"] = suspended
    if result.evidence_until is not None:
        qualifiers["pactstore:evidenceUntil"] = result.evidence_until.label
    sentence = freshness(result.evidence_until, result.on)
    if sentence:
        qualifiers["pactstore:freshness"] = sentence
    return Status(status=result.status, on=result.on, qualifiers=qualifiers)
