"""Parties: states, and the organisations that act for them."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from schema.base import Citations, Id, Note, PartyId, Record, ShortText, When

PartyKind = Literal["state", "ministry", "agency", "international_organisation", "group"]


class Iso3166(Record, frozen=True, kw_only=True):
    alpha2: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    alpha3: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$")]


class AgreementCount(Record, tag="agreement_count", tag_field="kind", frozen=True, kw_only=True):
    """A source's count of the agreements of one type a party has ("pacts with 32 countries")."""

    count: Annotated[int, msgspec.Meta(ge=0)]
    agreement_type: ShortText
    as_of: When
    citations: Citations


PartyFact = AgreementCount
"""Typed statements about a party as a whole; a union once there is more than one kind."""


class Party(Record, frozen=True, kw_only=True):
    """A state (with its ISO 3166 codes), or an organisation that acts for one (`acts_for`)."""

    id: Id
    kind: PartyKind
    name: ShortText
    short_name: ShortText | None = None
    iso3166: Iso3166 | None = None
    acts_for: PartyId | None = None
    members: list[PartyId] = msgspec.field(default_factory=list)
    facts: list[PartyFact] = msgspec.field(default_factory=list)
    note: Note | None = None


class PartiesFile(Record, frozen=True, kw_only=True):
    """`seeds/parties.yaml`."""

    parties: list[Party] = msgspec.field(default_factory=list)
