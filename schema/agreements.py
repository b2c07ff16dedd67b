"""The agreement record: one human-edited file per agreement under `seeds/agreements/`."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from schema.base import (
    Actor,
    AgreementId,
    Citations,
    DocId,
    EventRef,
    Id,
    Note,
    NoticeChannel,
    NoticeForm,
    PartyId,
    ProvisionRef,
    Record,
    ShortText,
    UnitRef,
    When,
)
from schema.provisions import Provision

AgreementKind = Literal["treaty", "agreement", "memorandum_of_understanding", "arrangement"]
InstrumentLevel = Literal["intergovernmental", "interministerial"]
Role = Literal["party", "intermediary", "depositary"]


class KindClaim(Record, frozen=True, kw_only=True):
    value: AgreementKind
    citations: Citations


class LevelClaim(Record, frozen=True, kw_only=True):
    value: InstrumentLevel
    citations: Citations


class Name(Record, frozen=True, kw_only=True):
    """A name the sources give the agreement ("General Security of Military Information Agreement")."""

    name: ShortText
    citations: Citations


class PartyRole(Record, frozen=True, kw_only=True):
    """A party to the agreement and what it does in it (a hub is both `party` and `intermediary`)."""

    party: PartyId
    roles: Annotated[list[Role], msgspec.Meta(min_length=1)]
    citations: Citations


class Signatory(Record, frozen=True, kw_only=True):
    person: ShortText
    office: ShortText | None = None
    """As the text states it; most final clauses give only the name and whom they sign for."""
    party: PartyId
    signed: When | None = None
    citations: Citations


RelationKind = Literal[
    "relies_on", "revives", "supersedes", "complements", "supplements", "implements", "amends", "refers_to"
]
"""How this agreement stands to the other: it relies on it (its legs, its security rules), revives it,
supersedes it, complements it, supplements it (adds to its scope: the 1961 Dutch-German agreement to the
1960 NATO one), implements it, amends it, or only refers to it."""


class Relation(Record, frozen=True, kw_only=True):
    """How this agreement stands to another one in the store."""

    kind: RelationKind
    agreement: AgreementId
    citations: Citations
    note: Note | None = None


EventKind = Literal[
    "proposal",
    "announcement",
    "negotiation",
    "talks_resumed",
    "initialling",
    "legal_review",
    "approval",
    "signing",
    "entry_into_force",
    "in_force_attested",
    "parliament_notification",
    "consultations",
    "opposition",
    "suspension",
    "termination",
    "abandonment",
    "termination_notice",
    "notice_suspended",
    "notice_withdrawn",
    "provisional_application",
    "notification",
    "exchange_of_notes",
    "ratification",
    "accession",
    "withdrawal",
    "renewal",
    "decision",
]
"""The steps of an agreement's life. Lifecycle steps of their own (docs/curating.md, "Event kinds"):
`termination_notice` (a party gives notice to end it; `takes_effect` says when, or the duration and
denunciation terms do), `notice_suspended` / `notice_withdrawn` (the `notices` they act on),
`provisional_application`, `notification` (one party's completed internal procedures), `ratification`
and `approval` per party, `accession` and `withdrawal` per party of a multilateral agreement,
`renewal` (evidence that a renewal happened: renewal itself follows from the duration terms) and
`decision` (a government decides to do something it has not yet done)."""

EventStatus = Literal["occurred", "planned", "averted"]
"""`planned`: a source said it would happen; `averted`: a planned step that did not happen (the
termination due on 2019-11-23, say). Neither changes the status."""

Cause = Literal[
    "domestic_opposition",
    "secrecy_of_negotiations",
    "haste",
    "historical_disputes",
    "security_threat",
]


class Event(Record, frozen=True, kw_only=True):
    """A dated step in an agreement's life. Only `occurred` events change the agreement's status;
    `planned` ones are what a source said would happen, `averted` ones planned steps that did not.

    Where sources disagree about a step (entry into force "immediately" or "after the exchange of
    notifications"), each claim is its own event with `asserted_by`; the contesting one names the
    other in `disputes`, and the curator marks exactly one claim of the set `preferred`: the status
    rule uses it, and answers show the others as disputed."""

    id: Id
    kind: EventKind
    status: EventStatus = "occurred"
    when: When | None = None
    party: PartyId | None = None
    """The party that acted, where the step is one party's (its signing, its notice, its ratification)."""
    place: ShortText | None = None
    round: Annotated[int, msgspec.Meta(ge=1)] | None = None
    approving_body: ShortText | None = None
    causes: list[Cause] = msgspec.field(default_factory=list)
    actors: list[Actor] = msgspec.field(default_factory=list)
    takes_effect: When | None = None
    """For a termination notice or a withdrawal: the day it takes effect, the first day out of force,
    when a source states it; otherwise the duration and denunciation terms give it."""
    channel: NoticeChannel | None = None
    form: NoticeForm | None = None
    notices: list[EventRef] = msgspec.field(default_factory=list)
    """For `notice_suspended` and `notice_withdrawn`: the notices (events of this agreement) acted on."""
    condition: ShortText | None = None
    """For `notice_suspended`: the condition it is subject to."""
    reserved_right: ShortText | None = None
    """A right the acting party reserves ("to end the agreement's effect at any time")."""
    asserted_by: Actor | None = None
    disputes: EventRef | None = None
    """Id of an event of this agreement whose claim this one contests."""
    preferred: bool = False
    """Among claims that dispute each other, the one the status rule uses (exactly one)."""
    citations: Citations
    note: Note | None = None


class LedgerEntry(Record, frozen=True, kw_only=True):
    """One unit of the agreement's official text and what the record makes of it: the provisions that
    cite it (or units inside it), or `no_terms` with the reason it holds none ("definitions",
    "outside scope: customs"). An entry speaks for the unit and every unit inside it that has no entry
    of its own."""

    unit: UnitRef
    text: DocId | None = None
    """The official text the unit is in, when the agreement has more than one."""
    provisions: list[ProvisionRef] = msgspec.field(default_factory=list)
    no_terms: ShortText | None = None


RecordKind = Literal["curated", "referenced"]
"""`curated`: a record of the agreement's terms and life. `referenced`: a stub for an agreement that a
text in the store names but whose own text the store lacks (its id, title, date as stated and the
citing quote; no terms)."""


class Agreement(Record, frozen=True, kw_only=True):
    """One agreement, with every fact cited. The file name is `<id>.yaml`."""

    id: Id
    record: RecordKind = "curated"
    short_name: ShortText
    """A short label (GSOMIA, TISA); names the sources use go in `names`."""
    title: ShortText
    """A descriptive title chosen by the curator."""
    kind: KindClaim
    level: LevelClaim | None = None
    names: list[Name] = msgspec.field(default_factory=list)
    parties: Annotated[list[PartyRole], msgspec.Meta(min_length=1)]
    """At least two, or one group party (the Parties to the North Atlantic Treaty) that stands for several."""
    signatories: list[Signatory] = msgspec.field(default_factory=list)
    relations: list[Relation] = msgspec.field(default_factory=list)
    events: list[Event] = msgspec.field(default_factory=list)
    provisions: list[Provision] = msgspec.field(default_factory=list)
    ledger: list[LedgerEntry] = msgspec.field(default_factory=list)
    """Every unit of the agreement's official text, once (docs/curating.md, "The unit ledger")."""
    citations: Citations
    """Quotes that establish the agreement exists (or was pursued)."""
    note: Note | None = None
