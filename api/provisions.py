"""Provision routes: provisions across agreements, and one provision by id."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api.domain import provisions
from api.domain.models import ProvisionOut, ProvisionPage
from api.domain.provisions import ProvisionFilters
from api.listing import Found, Paging, api_get, list_endpoint
from api.params import PartyFilter
from api.store import Snapshot
from schema.base import SLUG
from schema.provisions import Basis, ProvisionKind

OfAgreement = Annotated[
    str | None, QueryParameter(pattern=SLUG, max_length=64, description="Only this agreement's provisions.")
]
ProvisionId = Annotated[str, PathParameter(max_length=130, description="`<agreement id>.<provision id>`.")]


@list_endpoint("/provisions", "listProvisions", "List provisions across agreements", ProvisionPage)
def list_provisions(
    db: NamedDependency[Snapshot],
    paging: NamedDependency[Paging],
    kind: Annotated[ProvisionKind | None, QueryParameter(description="Only provisions of this kind.")] = None,
    party: PartyFilter = None,
    agreement: OfAgreement = None,
    basis: Annotated[Basis | None, QueryParameter(description="How firm the term is.")] = None,
) -> Found:
    """Typed provisions of every agreement, filtered by kind, party, agreement and basis."""
    filters = ProvisionFilters(kind=kind, party=party, agreement=agreement, basis=basis)
    return provisions.list_provisions(db, filters, paging.limit, paging.offset)


@api_get("/provisions/{provision_id:str}", "getProvision", "Get one provision")
def get_provision(db: NamedDependency[Snapshot], provision_id: ProvisionId) -> ProvisionOut:
    """One typed provision by its id (`<agreement id>.<provision id>`), with its sources."""
    return provisions.provision(db, provision_id)
