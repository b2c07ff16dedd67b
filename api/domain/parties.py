"""Parties: states and the organisations acting for them, with their agreements."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from api.domain import records
from api.domain.errors import BadParameter, NotFound
from api.domain.models import Membership, PartyDetail, PartyFactOut, PartyOut, PartyRef
from api.domain.party_codes import resolve_party
from api.domain.query import Database, Where, page, placeholders
from api.domain.summaries import agreement_summaries
from schema.parties import PartyKind


def list_parties(db: Database, kind: Sequence[PartyKind] | None, limit: int, offset: int) -> tuple[list[PartyOut], int]:
    """A page of parties (of any of the kinds, when given), each state followed by the organisations acting for
    it."""
    rows, total = page(
        db,
        "parties p",
        Where().any_of("p.kind", kind),
        columns=records.PARTY_COLUMNS,
        order_by="p.state_id, p.acts_for is not null, p.id",
        limit=limit,
        offset=offset,
    )
    return [records.party(row) for row in rows], total


def party_detail(db: Database, party_id: str, on: datetime.date) -> PartyDetail:
    """A party, who acts for it, what the sources state about it and its agreements' status on `on`."""
    row = db.row(f"select {records.PARTY_COLUMNS} from parties p where p.id = ?", (party_id,))
    if row is None:
        try:  # a state's ISO 3166 code, or an id in capitals
            party_id = resolve_party(db, party_id, "party_id")
        except BadParameter:
            raise NotFound("party", party_id, "See /api/v1/parties for the ids.") from None
        row = db.one(f"select {records.PARTY_COLUMNS} from parties p where p.id = ?", (party_id,))
    agents = db.rows("select id, name, kind, state_id from parties where acts_for = ? order by id", (party_id,))
    facts = db.rows("select * from party_facts where party_id = ? order by id", (party_id,))
    fact_sources = records.sources(db, "party_fact", [f["id"] for f in facts])
    roles = db.rows(
        "select agreement_id, party_id, group_concat(role, ',') as roles from agreement_parties "
        "where party_id = ? or state_id = ? group by agreement_id, party_id order by agreement_id",
        (party_id, party_id),
    )
    ids = sorted({r["agreement_id"] for r in roles})
    agreements = db.rows(f"select * from agreements where id in ({placeholders(ids)})", ids) if ids else []
    summaries = {s.id: s for s in agreement_summaries(db, agreements, on)}
    return PartyDetail(
        party=records.party(row),
        acting_for_it=[records.convert(a, PartyRef) for a in agents],
        facts=[records.convert(f, PartyFactOut, sources=fact_sources[f["id"]]) for f in facts],
        agreements=[
            Membership(agreement=summaries[r["agreement_id"]], as_party=r["party_id"], roles=r["roles"].split(","))
            for r in roles
        ],
    )
