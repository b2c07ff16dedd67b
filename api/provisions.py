"""Provision routes: provisions across agreements, and one provision by id."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import PathParameter

from api.domain import provisions
from api.domain.models import ProvisionOut
from api.domain.provisions import ProvisionFilters
from api.listing import Found, Paging, api_get, list_endpoint
from api.params import AgreementFilter, PartyFilter, any_of
from api.store import Snapshot
from schema.provisions import Basis, ProvisionKind

ProvisionId = Annotated[str, PathParameter(max_length=130, description="`<agreement id>.<provision id>`.")]


@list_endpoint("/provisions", "listProvisions", "List provisions across agreements", ProvisionOut, page="ProvisionPage")
def list_provisions(
    db: NamedDependency[Snapshot],
    paging: NamedDependency[Paging],
    kind: Annotated[
        list[ProvisionKind] | None,
        any_of("Only provisions of this kind."),
    ] = None,
    party: PartyFilter = None,
    agreement: AgreementFilter = None,
    basis: Annotated[list[Basis] | None, any_of("How firm the term is.")] = None,
) -> Found:
    """Typed provisions of every agreement, filtered by kind, party, agreement and basis."""
    filters = ProvisionFilters(kind=kind, party=party, agreement=agreement, basis=basis)
    return provisions.list_provisions(db, filters, paging.limit, paging.offset)


@api_get("/provisions/{provision_id:str}", "getProvision", "Get one provision")
def get_provision(db: NamedDependency[Snapshot], provision_id: ProvisionId) -> ProvisionOut:
    """One typed provision by its id (`<agreement id>.<provision id>`), with its sources."""
    return provisions.provision(db, provision_id)
