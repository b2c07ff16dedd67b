"""The shapes the API answers with. They reuse schema/'s types for every curated value (kinds,
precisions, provisions), adding what the store derives: resolved citations, status, links.

A list answers `Page[T]` itself, not a subclass: Litestar 2.25 documents a subclass's inherited
`items` untyped, so each page type would have to declare `items` again. The list routes name each
page's component (`AgreementPage`) in `api/listing.py`."""

from __future__ import annotations

import datetime
from typing import Generic, TypeVar

import msgspec

from loaders.seeds_model import LeftOut, MissingSource
from schema.agreements import AgreementKind, Cause, EventKind, InstrumentLevel, RelationKind, Role
from schema.base import Actor, Precision
from schema.lifecycle import Status
from schema.parties import PartyKind
from schema.provisions import Basis, Provision

T = TypeVar("T")


class Out(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every response Struct."""


class SourceQuote(Out, frozen=True, kw_only=True):
    """A citation resolved in its source: the quote and where it stands. A news document gives
    `document_id` with paragraph and raw offsets; an official text gives `text_id`, the language
    version and the unit (article, item) the quote lies in. Offsets are into the cleaned text."""

    document_id: str | None
    text_id: str | None
    language: str | None
    instrument: str | None
    """For an official text: the instrument of the file the quote is in (the main agreement, a note, ...)."""
    unit_id: str | None
    unit_label: str | None
    """How the official text names the unit: "Article 9", "Artikel 9", "(iv)"."""
    quote: str
    text_kind: str
    """What the quoted text is: `verbatim`, `paraphrase` (a curator's retelling of a report, not the
    outlet's words), `translation` or `machine_translation`."""
    attribution: str
    """How the quote is credited: "Yonhap News Agency, 2014-12-29", "curator's paraphrase of Yonhap News
    Agency, 2019-11-22", "Dutch treaty database ..., undated (translation)"."""
    cited_as: str
    """The source named in full, as CSV exports show it: "document yonhap-2014-12-29 — Yonhap News Agency,
    2014-12-29", "text nato-1997-...-text, nl, Artikel 9 (art_9) — ... (translation)"."""
    paragraph: int | None
    clean_start: int
    clean_end: int
    raw_start: int | None
    raw_end: int | None
    url: str
    """Where to read the source: the document, or the cited unit of the official text."""


class Page(Out, Generic[T], frozen=True, kw_only=True):
    """One page of a list. `next`/`previous` are ready-to-follow links, null at the ends."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None
    previous: str | None


class PartyRef(Out, frozen=True, kw_only=True):
    """A party, named: its id, name, kind and the state it is or acts for."""

    id: str
    name: str
    kind: PartyKind
    state_id: str


class PendingNotice(Out, frozen=True, kw_only=True):
    """A termination notice that stands and has not yet taken effect: the event, and the first day out of force."""

    notice: str
    takes_effect_on: datetime.date | None
    """None when nothing in the store gives the day."""


class SuspendedNotice(Out, frozen=True, kw_only=True):
    """A termination notice whose effect is suspended: the notice and the suspension (event ids)."""

    notice: str
    suspension: str


class StatusPeriod(Out, frozen=True, kw_only=True):
    """A stretch of time with one status and the same qualifiers: from `valid_from` up to (not including)
    `valid_to`. Within the span of an imprecise date the status is the last certain one, `certain` is
    false and `may_have_changed` names the steps that may have moved it."""

    status: Status
    valid_from: datetime.date
    valid_to: datetime.date | None
    certain: bool
    since: str | None
    """The date of the step that put the agreement in this status, as precisely as it is known (`2012`)."""
    deciding_events: list[str]
    may_have_changed: list[str]
    termination_pending: PendingNotice | None
    notice_suspended: SuspendedNotice | None
    provisionally_applied: str | None


class EvidenceOut(Out, frozen=True, kw_only=True):
    """The latest fact the store holds on an agreement: the event, and its date as precisely as it is known."""

    event_id: str
    date: datetime.date
    precision: Precision
    label: str
    """The date as written with its precision: `2023-03-21`, `2016-11`, `2007`."""


class AgreementSummary(Out, frozen=True, kw_only=True):
    """An agreement as lists show it: its parties and its status on the request's date."""

    id: str
    short_name: str
    title: str
    kind: AgreementKind
    level: InstrumentLevel | None
    parties: list[str]
    status: Status
    """Status on the `on` date of the request (today by default): the last certain one."""
    status_since: str | None
    """The date of the step that put it in this status, as precisely as it is known (`2012`, `2016-11-23`)."""
    status_certain: bool
    """False when a step with an imprecise date may have changed the status by then (`may_have_changed`)."""
    may_have_changed: list[str]
    termination_pending: PendingNotice | None
    notice_suspended: SuspendedNotice | None
    provisionally_applied: str | None
    evidence_until: EvidenceOut | None
    freshness: str | None
    """Said when the date asked about lies beyond `evidence_until`."""
    first_date: datetime.date | None
    last_date: datetime.date | None
    provision_count: int
    url: str


class PartyRoleOut(Out, frozen=True, kw_only=True):
    """A party to an agreement and its roles, with sources."""

    party: PartyRef
    roles: list[Role]
    sources: list[SourceQuote]


class SignatoryOut(Out, frozen=True, kw_only=True):
    """Who signed an agreement for a party, and when."""

    id: str
    person: str
    office: str | None
    party: PartyRef
    signed: datetime.date | None
    signed_precision: Precision | None
    sources: list[SourceQuote]


class RelationOut(Out, frozen=True, kw_only=True):
    """How this agreement relates to another (relies on, revives, replaces ...)."""

    kind: RelationKind
    agreement_id: str
    agreement_short_name: str
    direction: str
    """`outgoing` (this agreement relies on / revives the other) or `incoming`."""
    note: str | None
    sources: list[SourceQuote]


class EventOut(Out, frozen=True, kw_only=True):
    """A dated step of an agreement's life, with its date's precision and its sources."""

    id: str
    agreement_id: str
    event_id: str
    kind: EventKind
    status: str
    date: datetime.date | None
    precision: Precision | None
    latest_date: datetime.date | None
    as_written: str | None
    resolved_against: str | None
    party_id: str | None
    place: str | None
    round: int | None
    approving_body: str | None
    causes: list[Cause]
    actors: list[Actor]
    status_after: Status | None
    takes_effect: datetime.date | None
    """For a notice: the first day out of force, when a source states it."""
    takes_effect_precision: Precision | None
    channel: str | None
    form: str | None
    notices: list[str]
    """For a suspension or withdrawal: the notices it acts on (event ids of the same agreement)."""
    condition: str | None
    reserved_right: str | None
    asserted_by: Actor | None
    disputes: str | None
    """Id of the event whose claim this one contests."""
    preferred: bool
    """Among claims that dispute each other, the one the status follows."""
    note: str | None
    sources: list[SourceQuote]


class ProvisionOut(Out, frozen=True, kw_only=True):
    """A typed provision of an agreement, its one-sentence summary, basis and sources."""

    id: str
    agreement_id: str
    provision_id: str
    kind: str
    label: str
    summary: str
    basis: Basis
    asserted_by: Actor | None
    disputes: str | None
    terms: Provision
    """The provision as curated, typed by its `kind`."""
    sources: list[SourceQuote]
    url: str


class NameOut(Out, frozen=True, kw_only=True):
    """Another name an agreement goes by, with sources."""

    name: str
    sources: list[SourceQuote]


class ClaimOut(Out, frozen=True, kw_only=True):
    """A curated value with the sources that state it."""

    value: str
    sources: list[SourceQuote]


class AgreementRecordOut(Out, frozen=True, kw_only=True):
    """Everything on one agreement that changes only when the database is rebuilt (the builder
    stores it precomputed, see api/domain/build.py)."""

    id: str
    short_name: str
    title: str
    kind: ClaimOut
    level: ClaimOut | None
    names: list[NameOut]
    status_history: list[StatusPeriod]
    parties: list[PartyRoleOut]
    signatories: list[SignatoryOut]
    relations: list[RelationOut]
    events: list[EventOut]
    provisions: list[ProvisionOut]
    sources: list[SourceQuote]
    note: str | None
    source_file: str


class PartyFactOut(Out, frozen=True, kw_only=True):
    """A fact the sources state about a party (how many agreements of a type it has ...)."""

    id: str
    kind: str
    count: int
    agreement_type: str
    as_of: datetime.date
    as_of_precision: Precision
    sources: list[SourceQuote]


class PartyOut(Out, frozen=True, kw_only=True):
    """A state or an organisation acting for one, with how many agreements it belongs to."""

    id: str
    kind: PartyKind
    name: str
    short_name: str | None
    iso_alpha2: str | None
    iso_alpha3: str | None
    acts_for: str | None
    state_id: str
    agreement_count: int
    url: str


class Membership(Out, frozen=True, kw_only=True):
    """An agreement a party belongs to, and as whom."""

    agreement: AgreementSummary
    as_party: str
    """The party id named in the agreement (the state itself or an organisation acting for it)."""
    roles: list[Role]


class PartyDetail(Out, frozen=True, kw_only=True):
    """A party with the organisations acting for it, its facts and its agreements."""

    party: PartyOut
    acting_for_it: list[PartyRef]
    facts: list[PartyFactOut]
    agreements: list[Membership]


class Health(Out, frozen=True, kw_only=True):
    """The service's version and the build of the database it serves."""

    status: str
    build_id: str
    built_at: str
    schema_version: int
    content_hash: str
    version: str
    counts: dict[str, int]
    partial: bool
    """True when the build lacked sources: `missing_sources` lists them, `left_out` the records that need them."""
    missing_sources: list[MissingSource]
    left_out: list[LeftOut]
