"""How far the store's evidence on an agreement reaches, and the sentence that says when a date lies
beyond it. Every answer about a date carries `evidence_until` (the latest fact the store holds on the
agreement) and, when the date asked about (today by default) is later, `freshness`: "The latest fact
the store holds on this agreement is of 2023-03-21; its status after that is not known to the store."

The latest fact is the latest dated event that occurred, or that was averted (a step known not to
have happened on its date), whatever its kind: a reported renewal or a present-tense attestation
counts as much as a signing. Planned steps are not facts about their dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import msgspec

from api.domain.models import EvidenceOut
from api.domain.query import Database, placeholders
from schema.agreements import Event
from schema.base import Precision, When, date_with_precision

FACTS = ("occurred", "averted")
"""Event statuses that are facts about their date."""


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """The latest fact the store holds on an agreement: an event, its date and precision."""

    event: str
    date: datetime.date
    precision: Precision
    label: str
    latest: datetime.date
    """The last day the fact's date allows."""


def evidence_until(facts: Iterable[tuple[str, When]]) -> Evidence | None:
    """The latest of some facts (event id, date), by the last day each date allows."""
    latest = max(facts, key=lambda fact: (fact[1].latest(), fact[1].date), default=None)
    if latest is None:
        return None
    event, when = latest
    label = date_with_precision(when.date, when.precision)
    return Evidence(event=event, date=when.date, precision=when.precision, label=label, latest=when.latest())


def record_evidence(events: Sequence[Event]) -> Evidence | None:
    """The latest fact of a record: its latest dated event that occurred (or was averted)."""
    return evidence_until((e.id, e.when) for e in events if e.when is not None and e.status in FACTS)


def freshness(evidence: Evidence | None, on: datetime.date, subject: str = "this agreement") -> str | None:
    """A sentence saying that `on` lies beyond the latest fact the store holds, or None when it does not."""
    if evidence is None:
        return f"The store holds no dated fact on {subject}; its status on any date is not known to the store."
    if on <= evidence.latest:
        return None
    return (
        f"The latest fact the store holds on {subject} is of {evidence.label}; "
        "its status after that is not known to the store."
    )


def stored_evidence(db: Database, agreement_ids: Sequence[str]) -> dict[str, Evidence | None]:
    """The latest fact of many agreements, from their stored events (the same facts as `record_evidence`)."""
    facts: dict[str, list[tuple[str, When]]] = {a: [] for a in agreement_ids}
    if not agreement_ids:
        return {}
    for row in db.rows(
        f"select agreement_id, event_id, date, precision from events where agreement_id in "
        f"({placeholders(agreement_ids)}) and status in ('occurred', 'averted') and date is not null",
        tuple(agreement_ids),
    ):
        when = When(date=datetime.date.fromisoformat(row["date"]), precision=row["precision"] or "day")
        facts[row["agreement_id"]].append((row["event_id"], when))
    return {a: evidence_until(found) for a, found in facts.items()}


def evidence_out(evidence: Evidence | None) -> EvidenceOut | None:
    """The latest fact as answers show it."""
    if evidence is None:
        return None
    return EvidenceOut(event_id=evidence.event, date=evidence.date, precision=evidence.precision, label=evidence.label)
