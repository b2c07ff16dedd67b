"""Parties: states and the organisations acting for them, with their agreements."""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api import records
from api.errors import PROBLEM_RESPONSES, not_found
from api.listing import Limit, Offset, list_endpoint
from api.models import Membership, PartyDetail, PartyFactOut, PartyOut, PartyPage, PartyRef
from api.params import OnDate
from api.store import Snapshot
from schema.parties import PartyKind

TAGS = ["parties"]


@list_endpoint(
    "/api/v1/parties",
    operation_id="listParties",
    summary="List parties",
    description="States (with ISO 3166 codes) and the organisations that act for them, with how many "
    "agreements each belongs to.",
    page_type=PartyPage,
    tags=TAGS,
)
def list_parties(
    db: NamedDependency[Snapshot],
    limit: Limit = 50,
    offset: Offset = 0,
    kind: Annotated[PartyKind | None, QueryParameter(description="Only parties of this kind.")] = None,
) -> tuple[list[PartyOut], int]:
    where, params = ("p.kind = ?", (kind,)) if kind else ("1 = 1", ())
    total = db.value(f"select count(*) from parties p where {where}", params)
    rows = db.rows(
        f"select {records.PARTY_COLUMNS} from parties p where {where} order by p.state_id, p.acts_for is not null, "
        "p.id limit ? offset ?",
        (*params, limit, offset),
    )
    return [records.party(row) for row in rows], total


@get(
    "/api/v1/parties/{party_id:str}",
    operation_id="getParty",
    summary="Get one party",
    description="A party, the organisations acting for it, the facts the sources state about it, and every "
    "agreement it belongs to (directly or through an organisation acting for it) with its roles and the "
    "agreement's status on `on`.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_party(
    db: NamedDependency[Snapshot],
    party_id: Annotated[str, PathParameter(max_length=64, description="A party id (`kor`, `usa-dod`).")],
    on: OnDate = None,
) -> PartyDetail:
    row = db.row(f"select {records.PARTY_COLUMNS} from parties p where p.id = ?", (party_id,))
    if row is None:
        raise not_found("party", party_id, "See /api/v1/parties for the ids.")
    agents = db.rows("select id, name, kind, state_id from parties where acts_for = ? order by id", (party_id,))
    facts = db.rows("select * from party_facts where party_id = ? order by id", (party_id,))
    fact_sources = records.sources(db, "party_fact", [f["id"] for f in facts])
    roles = db.rows(
        "select agreement_id, party_id, group_concat(role, ',') as roles from agreement_parties "
        "where party_id = ? or state_id = ? group by agreement_id, party_id order by agreement_id",
        (party_id, party_id),
    )
    ids = sorted({r["agreement_id"] for r in roles})
    agreements = db.rows(f"select * from agreements where id in ({records.placeholders(ids)})", ids) if ids else []
    summaries = {s.id: s for s in records.agreement_summaries(db, agreements, on or records.today())}
    return PartyDetail(
        party=records.party(row),
        acting_for_it=[PartyRef(id=a["id"], name=a["name"], kind=a["kind"], state_id=a["state_id"]) for a in agents],
        facts=[
            PartyFactOut(
                id=f["id"],
                kind=f["kind"],
                count=f["count"],
                agreement_type=f["agreement_type"],
                as_of=f["as_of"],
                as_of_precision=f["as_of_precision"],
                sources=fact_sources[f["id"]],
            )
            for f in facts
        ],
        agreements=[
            Membership(agreement=summaries[r["agreement_id"]], as_party=r["party_id"], roles=r["roles"].split(","))
            for r in roles
        ],
    )
