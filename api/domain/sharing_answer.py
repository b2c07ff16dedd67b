"""The shapes of the sharing answer (api/domain/sharing.py): channels, their hops and terms, the
agreements looked at and why they do not apply, and the onward-transfer rules."""

from __future__ import annotations

import datetime
from typing import Literal

import msgspec

from api.domain.models import EvidenceOut, Out, PartyRef, SourceQuote
from api.domain.status_models import AgreementStatus
from schema.base import Actor
from schema.lifecycle import Status

Verdict = Literal[
    "allowed", "prohibited", "originator_approval_required", "all_parties_approval_required", "not_stated"
]
Reason = Literal[
    "not_in_force", "out_of_scope", "classification_not_covered", "no_route", "leg_not_in_force", "members_not_listed"
]


class AgreementRef(Out, frozen=True, kw_only=True):
    """An agreement, named."""

    id: str
    short_name: str
    kind: str
    level: str | None
    url: str


class StatusOut(AgreementStatus, frozen=True, kw_only=True):
    """An agreement's status on the date from the status rule, with the events that decide it and its
    qualifiers (a pending or suspended termination notice, steps that may have changed it, how far
    the store's evidence reaches)."""


class Condition(Out, frozen=True, kw_only=True):
    """A term that binds the exchange: a typed provision, in one sentence, with its sources."""

    provision_id: str
    kind: str
    summary: str
    basis: str
    binds: list[str]
    sources: list[SourceQuote]


class BindingClaim(Out, frozen=True, kw_only=True):
    """How binding the agreement is, as someone claims it."""

    provision_id: str
    legally_binding: bool | None
    binding_nature: str | None
    binding_under_international_law: bool | None
    ratification_required: bool | None
    asserted_by: Actor | None
    disputes: str | None
    sources: list[SourceQuote]


class MarkingOut(Out, frozen=True, kw_only=True):
    """One party's classification marking, in its own script as the text prints it."""

    party: str
    marking: str
    reading: str | None


class ClassificationMatch(Out, frozen=True, kw_only=True):
    """The classification asked about, read under one agreement of the channel: the row of its
    equivalence table the marking names, every party's marking for that level, and the sources."""

    provision_id: str
    level: str
    """The English or NATO name of the level."""
    markings: list[MarkingOut]
    protected_as: list[MarkingOut]
    """Where the recipient protects the level as a higher marking of its own."""
    inferred: bool
    """The row is a curator's reading of a damaged source table (see `note`)."""
    note: str | None
    basis: str
    sources: list[SourceQuote]


class Hop(Out, frozen=True, kw_only=True):
    """One leg of a channel: who passes the information to whom, under which agreement."""

    sender: PartyRef
    recipient: PartyRef
    under: AgreementRef
    """The agreement this leg rests on."""
    approval_from: PartyRef | None
    """Whose approval the sender needs before passing the information on."""


class Channel(Out, frozen=True, kw_only=True):
    """A way the information may travel under one agreement: directly, or hop by hop through a hub."""

    agreement: AgreementRef
    route: Literal["direct", "via_hub"]
    hops: list[Hop]
    status: StatusOut
    conditions: list[Condition]
    """The terms that govern the transfer (release, use, access, protection, marking, loss, copies,
    destruction...); terms about the instrument itself (entry into force, duration, denunciation,
    languages...) are not conditions."""
    binding: list[BindingClaim]
    classification: list[ClassificationMatch]
    """With a `classification`: how each agreement of the channel that has an equivalence table reads it."""
    notes: list[str]


class Considered(Out, frozen=True, kw_only=True):
    """An agreement that bears on the pair but gives no channel on the date, and why."""

    agreement: AgreementRef
    status: Status
    reason: Reason
    explanation: str


class OnwardRule(Out, frozen=True, kw_only=True):
    """May the recipient pass the information on to `onward_to`, under this agreement's terms?"""

    agreement: AgreementRef
    agreement_in_force: bool
    verdict: Verdict
    explanation: str
    sources: list[SourceQuote]


class SharingAnswer(Out, frozen=True, kw_only=True):
    """May `sender` pass information to `recipient` on `on`: every channel, and what was looked at."""

    sender: PartyRef
    recipient: PartyRef
    on: datetime.date
    subject: str | None
    classification: str | None
    onward_to: PartyRef | None
    channel_exists: bool
    channels: list[Channel]
    considered: list[Considered]
    onward: list[OnwardRule]
    evidence_until: EvidenceOut | None = None
    """The earliest of the latest facts the store holds on the agreements the channels rest on (every
    hop's), or on those looked at when there is no channel: the answer may be stale from then on."""
    freshness: list[str] = msgspec.field(default_factory=list)
    """One sentence per agreement the answer rests on whose evidence ends before `on`."""
