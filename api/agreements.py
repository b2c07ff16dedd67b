"""Agreement routes: the list with filters, one agreement in full, its status on a date and its provisions."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from litestar import Response
from litestar.di import NamedDependency
from litestar.enums import MediaType
from litestar.params import PathParameter, QueryParameter

from api.domain import agreements, provisions
from api.domain.agreements import AgreementFilters, Sort
from api.domain.models import AgreementSummary, ProvisionOut
from api.domain.status import today
from api.domain.status_models import AgreementDetail, AgreementStatus
from api.listing import Found, Paging, api_get, list_endpoint
from api.params import OnDate, PartyFilter, TextQuery, any_of
from api.store import Snapshot
from schema.agreements import AgreementKind
from schema.lifecycle import Status
from schema.provisions import ProvisionKind

AgreementId = Annotated[str, PathParameter(max_length=64, description="An agreement id.")]
InForceOn = Annotated[datetime.date | None, QueryParameter(description="Only agreements in force on this date.")]


@list_endpoint("/agreements", "listAgreements", "List agreements", AgreementSummary, page="AgreementPage")
def list_agreements(
    db: NamedDependency[Snapshot],
    paging: NamedDependency[Paging],
    party: PartyFilter = None,
    kind: Annotated[list[AgreementKind] | None, any_of("Kind of instrument.")] = None,
    status: Annotated[list[Status] | None, any_of("Status on the `on` date.")] = None,
    on: OnDate = None,
    in_force_on: InForceOn = None,
    q: TextQuery = None,
    sort: Annotated[Sort, QueryParameter(description="Sort key; `-` for descending.")] = "id",
) -> Found:
    """Agreements with their parties and their status on `on` (today by default), filtered and sorted, one page at
    a time."""
    filters = AgreementFilters(party=party, kind=kind, status=status, in_force_on=in_force_on, q=q)
    return agreements.list_agreements(db, filters, on or today(), sort, paging.limit, paging.offset)


@api_get("/agreements/{agreement_id:str}", "getAgreement", "Get one agreement")
def get_agreement(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None
) -> Response[AgreementDetail]:
    """Everything the store holds on one agreement: names, parties and roles, signatories, relations, the dated
    events, its status on `on` and its status history, and its typed provisions, every fact with its sources."""
    # The document is the stored record with the status appended (api/domain/agreements.py), already encoded:
    # decoding it into an AgreementDetail only to encode it again was most of the answer's time.
    body: Any = agreements.agreement_detail_json(db, agreement_id, on or today())
    return Response(body, media_type=MediaType.JSON)


@api_get("/agreements/{agreement_id:str}/status", "getAgreementStatus", "An agreement's status on a date")
def get_agreement_status(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None
) -> AgreementStatus:
    """The status on `on` (today by default) and the events that decide it. Only events that had certainly happened
    by then count; events whose imprecise date may fall on either side are listed as undecided."""
    return agreements.agreement_status(db, agreement_id, on or today())


@list_endpoint(
    "/agreements/{agreement_id:str}/provisions",
    "listAgreementProvisions",
    "An agreement's provisions",
    ProvisionOut,
    page="ProvisionPage",
)
def list_agreement_provisions(
    db: NamedDependency[Snapshot],
    agreement_id: AgreementId,
    paging: NamedDependency[Paging],
    kind: Annotated[
        list[ProvisionKind] | None,
        any_of("Only provisions of this kind."),
    ] = None,
) -> Found:
    """The typed provisions of one agreement, optionally of some kinds, with their sources."""
    return provisions.agreement_provisions(db, agreement_id, kind, paging.limit, paging.offset)
