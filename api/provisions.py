"""Provisions across agreements, and one provision by id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import msgspec
from litestar import get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api import records
from api.agreements import require_agreement, require_party
from api.errors import PROBLEM_RESPONSES, not_found
from api.listing import Limit, Offset, list_endpoint
from api.models import ProvisionOut, ProvisionPage
from api.params import PartyFilter
from api.store import Snapshot
from schema.base import SLUG
from schema.provisions import Basis, ProvisionKind

TAGS = ["provisions"]


@list_endpoint(
    "/api/v1/provisions",
    operation_id="listProvisions",
    summary="List provisions across agreements",
    description="Typed provisions of every agreement, filtered by kind, party, agreement and basis.",
    page_type=ProvisionPage,
    tags=TAGS,
)
def list_provisions(
    db: NamedDependency[Snapshot],
    limit: Limit = 50,
    offset: Offset = 0,
    kind: Annotated[ProvisionKind | None, QueryParameter(description="Only provisions of this kind.")] = None,
    party: PartyFilter = None,
    agreement: Annotated[
        str | None,
        QueryParameter(pattern=SLUG, max_length=64, description="Only this agreement's provisions."),
    ] = None,
    basis: Annotated[Basis | None, QueryParameter(description="How firm the term is.")] = None,
) -> tuple[Sequence[ProvisionOut | msgspec.Raw], int]:
    require_party(db, party)
    require_agreement(db, agreement)
    where, params = ["1 = 1"], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if party:
        where.append(f"agreement_id in ({records.PARTY_AGREEMENTS})")
        params += [party, party]
    if agreement:
        where.append("agreement_id = ?")
        params.append(agreement)
    if basis:
        where.append("basis = ?")
        params.append(basis)
    clause = " and ".join(where)
    total = db.value(f"select count(*) from provisions where {clause}", tuple(params))
    rows = db.rows(
        f"select * from provisions where {clause} order by agreement_id, rowid limit ? offset ?",
        (*params, limit, offset),
    )
    return records.provisions_for_page(db, rows), total


@get(
    "/api/v1/provisions/{provision_id:str}",
    operation_id="getProvision",
    summary="Get one provision",
    description="One typed provision by its id (`<agreement id>.<provision id>`), with its sources.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_provision(
    db: NamedDependency[Snapshot],
    provision_id: Annotated[str, PathParameter(max_length=130, description="`<agreement id>.<provision id>`.")],
) -> ProvisionOut:
    row = db.row("select * from provisions where id = ?", (provision_id,))
    if row is None:
        raise not_found(
            "provision",
            provision_id,
            "Provision ids look like `jpn-kor-gsomia-2016.no-third-country-transfer`.",
        )
    return records.provisions(db, [row])[0]
