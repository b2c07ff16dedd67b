"""Agreements: the list with filters, one agreement in full, its provisions and its status on a date."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Annotated, Any, Literal

import msgspec
from litestar import MediaType, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api import records
from api.errors import PROBLEM_RESPONSES, bad_param, not_found
from api.listing import Limit, Offset, list_endpoint
from api.models import (
    AgreementDetail,
    AgreementPage,
    AgreementRecordOut,
    AgreementStatus,
    AgreementSummary,
    ClaimOut,
    NameOut,
    PartyRoleOut,
    ProvisionOut,
    ProvisionPage,
    RelationOut,
    SignatoryOut,
)
from api.params import OnDate, PartyFilter, TextQuery
from api.store import Snapshot
from schema.agreements import Agreement, AgreementKind
from schema.lifecycle import Status, status_on
from schema.provisions import ProvisionKind

TAGS = ["agreements"]
AgreementId = Annotated[str, PathParameter(max_length=64, description="An agreement id.")]
Sort = Literal["id", "-id", "short_name", "-short_name", "first_date", "-first_date", "last_date", "-last_date"]
_ORDER = {
    "id": "id",
    "-id": "id desc",
    "short_name": "short_name, id",
    "-short_name": "short_name desc, id",
    "first_date": "first_date is null, first_date, id",
    "-first_date": "first_date is null, first_date desc, id",
    "last_date": "last_date is null, last_date, id",
    "-last_date": "last_date is null, last_date desc, id",
}
_IN_STATUS = (
    "select agreement_id from agreement_status_periods where status = ? "
    "and valid_from <= ? and (valid_to is null or ? < valid_to)"
)
# With a party filter there are few candidates: check each one's periods by primary key
# (`+status` keeps SQLite off the status index, which would scan every agreement's periods).
_HAS_STATUS = (
    "exists (select 1 from agreement_status_periods s where s.agreement_id = agreements.id and +s.status = ? "
    "and s.valid_from <= ? and (s.valid_to is null or ? < s.valid_to))"
)
_record_decoder = msgspec.json.Decoder(Agreement)


def require_party(db: Snapshot, party: str | None) -> None:
    if party is not None and db.value("select 1 from parties where id = ?", (party,)) is None:
        raise bad_param("party", f"no party with id {party!r}; see /api/v1/parties")


def require_agreement(db: Snapshot, agreement: str | None) -> None:
    """A 400 for an agreement filter that names no agreement (a 404 is for ids in the path)."""
    if agreement is not None and db.value("select 1 from agreements where id = ?", (agreement,)) is None:
        raise bad_param("agreement", f"no agreement with id {agreement!r}; see /api/v1/agreements")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@list_endpoint(
    "/api/v1/agreements",
    operation_id="listAgreements",
    summary="List agreements",
    description="Agreements with their parties and their status on `on` (today by default), filtered and "
    "sorted, one page at a time.",
    page_type=AgreementPage,
    tags=TAGS,
)
def list_agreements(
    db: NamedDependency[Snapshot],
    limit: Limit = 50,
    offset: Offset = 0,
    party: PartyFilter = None,
    kind: Annotated[AgreementKind | None, QueryParameter(description="Kind of instrument.")] = None,
    status: Annotated[Status | None, QueryParameter(description="Status on the `on` date.")] = None,
    on: OnDate = None,
    in_force_on: Annotated[
        datetime.date | None, QueryParameter(description="Only agreements in force on this date.")
    ] = None,
    q: TextQuery = None,
    sort: Annotated[Sort, QueryParameter(description="Sort key; `-` for descending.")] = "id",
) -> tuple[list[AgreementSummary], int]:
    require_party(db, party)
    when = on or records.today()
    where, params = ["1 = 1"], []  # fixed SQL fragments only; every value is a bound parameter
    if party:
        where.append(f"id in ({records.PARTY_AGREEMENTS})")
        params += [party, party]
    in_status = _HAS_STATUS if party else f"id in ({_IN_STATUS})"
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if status == "unknown":
        where.append(
            "id not in (select agreement_id from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to))"
        )
        params += [when.isoformat(), when.isoformat()]
    elif status:
        where.append(in_status)
        params += [status, when.isoformat(), when.isoformat()]
    if in_force_on:
        where.append(in_status)
        params += ["in_force", in_force_on.isoformat(), in_force_on.isoformat()]
    if q:
        where.append(
            "(short_name like ? escape '\\' or title like ? escape '\\' or id in "
            "(select agreement_id from agreement_names where name like ? escape '\\'))"
        )
        params += [_like(q)] * 3
    clause = " and ".join(where)
    total = db.value(f"select count(*) from agreements where {clause}", tuple(params))
    rows = db.rows(
        f"select * from agreements where {clause} order by {_ORDER[sort]} limit ? offset ?",
        (*params, limit, offset),
    )
    return records.agreement_summaries(db, rows, when), total


def _agreement_row(db: Snapshot, agreement_id: str) -> Any:
    row = db.row("select * from agreements where id = ?", (agreement_id,))
    if row is None:
        raise not_found("agreement", agreement_id, "See /api/v1/agreements for the ids.")
    return row


def agreement_record(db: Snapshot, agreement_id: str) -> AgreementRecordOut:
    """The build-constant part of an agreement's detail, assembled from the tables."""
    row = _agreement_row(db, agreement_id)
    record = _record_decoder.decode(row["record_json"])
    aid = record.id
    periods = records.status_periods(db, [aid])[aid]
    party_ids = {p.party for p in record.parties} | {s.party for s in record.signatories}
    refs = records.party_refs(db, party_ids)
    cited = {
        kind: records.sources(db, kind, ids)
        for kind, ids in {
            "agreement": [aid],
            "agreement_kind": [aid],
            "agreement_level": [aid],
            "agreement_name": [f"{aid}:{n.name}" for n in record.names],
            "agreement_party": [f"{aid}:{p.party}" for p in record.parties],
            "signatory": [f"{aid}.signatory-{n + 1}" for n in range(len(record.signatories))],
        }.items()
    }
    relations = []
    for rel in db.rows(
        "select r.*, 'outgoing' as direction, a.short_name as other_name from relations r "
        "join agreements a on a.id = r.other_agreement_id where r.agreement_id = ? "
        "union all select r.*, 'incoming', a.short_name from relations r "
        "join agreements a on a.id = r.agreement_id where r.other_agreement_id = ?",
        (aid, aid),
    ):
        outgoing = rel["direction"] == "outgoing"
        owner = f"{rel['agreement_id']}:{rel['kind']}:{rel['other_agreement_id']}"
        relations.append(
            RelationOut(
                kind=rel["kind"],
                agreement_id=rel["other_agreement_id"] if outgoing else rel["agreement_id"],
                agreement_short_name=rel["other_name"],
                direction=rel["direction"],
                note=rel["note"],
                sources=records.sources(db, "relation", [owner])[owner],
            )
        )
    events = records.events(
        db, db.rows("select * from events where agreement_id = ? order by date is null, date, rowid", (aid,))
    )
    provisions = records.provisions(
        db, db.rows("select * from provisions where agreement_id = ? order by rowid", (aid,))
    )
    return AgreementRecordOut(
        id=aid,
        short_name=record.short_name,
        title=record.title,
        kind=ClaimOut(value=record.kind.value, sources=cited["agreement_kind"][aid]),
        level=ClaimOut(value=record.level.value, sources=cited["agreement_level"][aid]) if record.level else None,
        names=[NameOut(name=n.name, sources=cited["agreement_name"][f"{aid}:{n.name}"]) for n in record.names],
        status_history=periods,
        parties=[
            PartyRoleOut(party=refs[p.party], roles=p.roles, sources=cited["agreement_party"][f"{aid}:{p.party}"])
            for p in record.parties
        ],
        signatories=[
            SignatoryOut(
                id=f"{aid}.signatory-{n + 1}",
                person=s.person,
                office=s.office,
                party=refs[s.party],
                signed=s.signed.date if s.signed else None,
                signed_precision=s.signed.precision if s.signed else None,
                sources=cited["signatory"][f"{aid}.signatory-{n + 1}"],
            )
            for n, s in enumerate(record.signatories)
        ],
        relations=relations,
        events=events,
        provisions=provisions,
        sources=cited["agreement"][aid],
        note=record.note,
        source_file=row["source_file"],
    )


@get(
    "/api/v1/agreements/{agreement_id:str}",
    operation_id="getAgreement",
    summary="Get one agreement",
    description="Everything the store holds on one agreement: names, parties and roles, signatories, relations, "
    "the dated events, its status on `on` and its status history, and its typed provisions, every fact with "
    "its sources.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_agreement(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None
) -> Response[AgreementDetail]:
    # The build-constant part is stored as JSON by the builder; only the status on the date is
    # added here, by appending the last two fields to the object (AgreementDetail puts them last).
    stored = db.row("select body from agreement_details where agreement_id = ?", (agreement_id,))
    # Without a stored answer (a database built by the loaders alone), assemble it live.
    body = stored["body"] if stored is not None else msgspec.json.encode(agreement_record(db, agreement_id))
    when = on or records.today()
    status, _ = records.status_at(records.status_periods(db, [agreement_id])[agreement_id], when)
    tail = msgspec.json.encode({"status": status, "status_on": when})
    return Response(content=bytes(body[:-1]) + b"," + tail[1:], media_type=MediaType.JSON)


@get(
    "/api/v1/agreements/{agreement_id:str}/status",
    operation_id="getAgreementStatus",
    summary="An agreement's status on a date",
    description="The status on `on` (today by default) and the events that decide it. Only events that had "
    "certainly happened by then count; events whose imprecise date may fall on either side are listed as "
    "undecided.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_agreement_status(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None
) -> AgreementStatus:
    row = _agreement_row(db, agreement_id)
    record = _record_decoder.decode(row["record_json"])
    when = on or records.today()
    result = status_on(record.events, when)
    wanted = [f"{record.id}.{e}" for e in (*result.deciding_events, *result.undecided_events)]
    rows = db.rows(f"select * from events where id in ({records.placeholders(wanted)})", wanted) if wanted else []
    by_id = {e.event_id: e for e in records.events(db, rows)}
    return AgreementStatus(
        agreement_id=record.id,
        on=when,
        status=result.status,
        deciding_events=[by_id[e] for e in result.deciding_events],
        undecided_events=[by_id[e] for e in result.undecided_events],
    )


@list_endpoint(
    "/api/v1/agreements/{agreement_id:str}/provisions",
    operation_id="listAgreementProvisions",
    summary="An agreement's provisions",
    description="The typed provisions of one agreement, optionally of one kind, with their sources.",
    page_type=ProvisionPage,
    tags=TAGS,
)
def list_agreement_provisions(
    db: NamedDependency[Snapshot],
    agreement_id: AgreementId,
    limit: Limit = 50,
    offset: Offset = 0,
    kind: Annotated[ProvisionKind | None, QueryParameter(description="Only provisions of this kind.")] = None,
) -> tuple[Sequence[ProvisionOut | msgspec.Raw], int]:
    _agreement_row(db, agreement_id)
    where, params = "agreement_id = ?", [agreement_id]
    if kind:
        where += " and kind = ?"
        params.append(kind)
    total = db.value(f"select count(*) from provisions where {where}", tuple(params))
    rows = db.rows(f"select * from provisions where {where} order by rowid limit ? offset ?", (*params, limit, offset))
    return records.provisions_for_page(db, rows), total
