"""The agreement record: one human-edited file per agreement under `seeds/agreements/`."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from schema.base import (
    Actor,
    AgreementId,
    Citations,
    Id,
    Note,
    PartyId,
    Record,
    ShortText,
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
    office: ShortText
    party: PartyId
    signed: When | None = None
    citations: Citations


RelationKind = Literal["relies_on", "revives", "supersedes", "complements"]


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
]

Cause = Literal[
    "domestic_opposition",
    "secrecy_of_negotiations",
    "haste",
    "historical_disputes",
    "security_threat",
]


class Event(Record, frozen=True, kw_only=True):
    """A dated step in an agreement's life. `planned` events are what a source said would happen;
    they never change the agreement's status."""

    id: Id
    kind: EventKind
    status: Literal["occurred", "planned"] = "occurred"
    when: When | None = None
    party: PartyId | None = None
    """The party that acted, where the step is one party's (its signing, its cabinet's approval)."""
    place: ShortText | None = None
    round: Annotated[int, msgspec.Meta(ge=1)] | None = None
    approving_body: ShortText | None = None
    causes: list[Cause] = msgspec.field(default_factory=list)
    actors: list[Actor] = msgspec.field(default_factory=list)
    citations: Citations
    note: Note | None = None


class Agreement(Record, frozen=True, kw_only=True):
    """One agreement, with every fact cited. The file name is `<id>.yaml`."""

    id: Id
    short_name: ShortText
    """A short label (GSOMIA, TISA); names the sources use go in `names`."""
    title: ShortText
    """A descriptive title chosen by the curator."""
    kind: KindClaim
    level: LevelClaim | None = None
    names: list[Name] = msgspec.field(default_factory=list)
    parties: Annotated[list[PartyRole], msgspec.Meta(min_length=2)]
    signatories: list[Signatory] = msgspec.field(default_factory=list)
    relations: list[Relation] = msgspec.field(default_factory=list)
    events: list[Event] = msgspec.field(default_factory=list)
    provisions: list[Provision] = msgspec.field(default_factory=list)
    citations: Citations
    """Quotes that establish the agreement exists (or was pursued)."""
    note: Note | None = None
