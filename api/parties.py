"""Party routes: states and the organisations acting for them, with their agreements."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import PathParameter

from api.domain import parties
from api.domain.models import PartyDetail, PartyOut
from api.domain.status import today
from api.listing import Found, Paging, api_get, list_endpoint
from api.params import OnDate, any_of
from api.store import Snapshot
from schema.parties import PartyKind

PartyId = Annotated[
    str, PathParameter(max_length=64, description="A party id (`kor`, `usa-dod`) or a state's ISO 3166 code (`KR`).")
]
OfKind = Annotated[list[PartyKind] | None, any_of("Only parties of this kind.")]


@list_endpoint("/parties", "listParties", "List parties", PartyOut, page="PartyPage")
def list_parties(db: NamedDependency[Snapshot], paging: NamedDependency[Paging], kind: OfKind = None) -> Found:
    """States (with ISO 3166 codes) and the organisations that act for them, with how many agreements each belongs
    to."""
    return parties.list_parties(db, kind, paging.limit, paging.offset)


@api_get("/parties/{party_id:str}", "getParty", "Get one party")
def get_party(db: NamedDependency[Snapshot], party_id: PartyId, on: OnDate = None) -> PartyDetail:
    """A party, the organisations acting for it, the facts the sources state about it, and every agreement it
    belongs to (directly or through an organisation acting for it) with its roles and the agreement's status on
    `on`."""
    return parties.party_detail(db, party_id, on or today())
