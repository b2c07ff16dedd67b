"""Agreements: the filtered list, one agreement's record (assembled once, by the build), its
detail on a date (the stored record plus its status) and its status with the deciding events."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Literal

import msgspec

from api.domain import records, summaries
from api.domain.csv_rows import StoredRow
from api.domain.errors import BadParameter, NotFound
from api.domain.models import (
    AgreementRecordOut,
    ClaimOut,
    NameOut,
    PartyRoleOut,
    RelationOut,
    SignatoryOut,
)
from api.domain.party_codes import party_agreements, resolve_parties
from api.domain.query import Database, Where
from api.domain.status import status_filter
from api.domain.status_answer import status_answer
from api.domain.status_models import AgreementDetail, AgreementStatus
from schema.agreements import Agreement, AgreementKind
from schema.lifecycle import Status

Sort = Literal["id", "-id", "short_name", "-short_name", "first_date", "-first_date", "last_date", "-last_date"]
ORDER = {
    "id": "id",
    "-id": "id desc",
    "short_name": "short_name, id",
    "-short_name": "short_name desc, id",
    "first_date": "first_date is null, first_date, id",
    "-first_date": "first_date is null, first_date desc, id",
    "last_date": "last_date is null, last_date, id",
    "-last_date": "last_date is null, last_date desc, id",
}
NOT_FOUND_HINT = "See /api/v1/agreements for the ids."
_record_decoder = msgspec.json.Decoder(Agreement)
_detail_decoder = msgspec.json.Decoder(AgreementDetail)


class AgreementFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a list of agreements may be narrowed to; several values of one filter mean any of them."""

    party: Sequence[str] | None = None
    kind: Sequence[AgreementKind] | None = None
    status: Sequence[Status] | None = None
    in_force_on: datetime.date | None = None
    q: str | None = None


def require_party(db: Database, party: str | None) -> None:
    """A bad parameter for a party filter that names no party."""
    if party is not None and not db.exists("parties", party):
        raise BadParameter("party", f"no party with id {party!r}; see /api/v1/parties")


def require_agreement(db: Database, agreement: str | None) -> None:
    """A bad parameter for an agreement filter that names no agreement (not found is for ids in the path)."""
    if agreement is not None and not db.exists("agreements", agreement):
        raise BadParameter("agreement", f"no agreement with id {agreement!r}; see /api/v1/agreements")


def require(db: Database, agreement_id: str) -> None:
    """Not found unless the agreement exists."""
    if not db.exists("agreements", agreement_id):
        raise NotFound("agreement", agreement_id, NOT_FOUND_HINT)


def like(text: str) -> str:
    """`text` as a LIKE pattern that matches it anywhere, its wildcards escaped (with `escape '\\'`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_agreements(
    db: Database, filters: AgreementFilters, on: datetime.date, sort: Sort, limit: int, offset: int
) -> tuple[list[StoredRow], int]:
    """A page of agreements with their status on `on` (each as the build stored it for the date), and how
    many match."""
    parties = resolve_parties(db, filters.party)
    where = Where().any_of("kind", filters.kind)
    if parties:
        where.condition(f"id in ({party_agreements(parties)})", *parties, *parties)
    few = parties is not None
    if filters.status:
        where.either(
            [status_filter(Where(), status, on, few_candidates=few) for status in dict.fromkeys(filters.status)]
        )
    if filters.in_force_on:
        status_filter(where, "in_force", filters.in_force_on, few_candidates=few)
    if filters.q:
        where.condition(
            "(short_name like ? escape '\\' or title like ? escape '\\' or id in "
            "(select agreement_id from agreement_names where name like ? escape '\\'))",
            *[like(filters.q)] * 3,
        )
    return summaries.listed(db, where, order_by=ORDER[sort], limit=limit, offset=offset, on=on)


def _relations(db: Database, agreement_id: str) -> list[RelationOut]:
    rows = db.rows(
        "select r.*, 'outgoing' as direction, r.other_agreement_id as other, a.short_name as other_name "
        "from relations r join agreements a on a.id = r.other_agreement_id where r.agreement_id = ? "
        "union all select r.*, 'incoming', r.agreement_id, a.short_name from relations r "
        "join agreements a on a.id = r.agreement_id where r.other_agreement_id = ?",
        (agreement_id, agreement_id),
    )
    owners = [f"{r['agreement_id']}:{r['kind']}:{r['other_agreement_id']}" for r in rows]
    cited = records.sources(db, "relation", owners)
    return [
        records.convert(
            row, RelationOut, agreement_id=row["other"], agreement_short_name=row["other_name"], sources=cited[owner]
        )
        for row, owner in zip(rows, owners, strict=True)
    ]


def agreement_record(db: Database, agreement_id: str) -> AgreementRecordOut:
    """The build-constant part of an agreement's detail, assembled from the tables (by the build)."""
    row = db.row("select * from agreements where id = ?", (agreement_id,))
    if row is None:
        raise NotFound("agreement", agreement_id, NOT_FOUND_HINT)
    record = _record_decoder.decode(row["record_json"])
    aid = record.id
    signatory_ids = [f"{aid}.signatory-{n + 1}" for n in range(len(record.signatories))]
    refs = records.party_refs(db, {p.party for p in record.parties} | {s.party for s in record.signatories})
    cited = {
        kind: records.sources(db, kind, ids)
        for kind, ids in {
            "agreement": [aid],
            "agreement_kind": [aid],
            "agreement_level": [aid],
            "agreement_name": [f"{aid}:{n.name}" for n in record.names],
            "agreement_party": [f"{aid}:{p.party}" for p in record.parties],
            "signatory": signatory_ids,
        }.items()
    }
    events = db.rows("select * from events where agreement_id = ? order by date is null, date, rowid", (aid,))
    provisions = db.rows("select * from provisions where agreement_id = ? order by rowid", (aid,))
    return AgreementRecordOut(
        id=aid,
        short_name=record.short_name,
        title=record.title,
        kind=ClaimOut(value=record.kind.value, sources=cited["agreement_kind"][aid]),
        level=ClaimOut(value=record.level.value, sources=cited["agreement_level"][aid]) if record.level else None,
        names=[NameOut(name=n.name, sources=cited["agreement_name"][f"{aid}:{n.name}"]) for n in record.names],
        status_history=records.status_periods(db, [aid])[aid],
        parties=[
            PartyRoleOut(party=refs[p.party], roles=p.roles, sources=cited["agreement_party"][f"{aid}:{p.party}"])
            for p in record.parties
        ],
        signatories=[
            SignatoryOut(
                id=sid,
                person=s.person,
                office=s.office,
                party=refs[s.party],
                signed=s.signed.date if s.signed else None,
                signed_precision=s.signed.precision if s.signed else None,
                sources=cited["signatory"][sid],
            )
            for sid, s in zip(signatory_ids, record.signatories, strict=True)
        ],
        relations=_relations(db, aid),
        events=records.events(db, events),
        provisions=records.provisions(db, provisions),
        sources=cited["agreement"][aid],
        note=record.note,
        source_file=row["source_file"],
    )


def _record(db: Database, agreement_id: str) -> Agreement:
    row = db.row("select record_json from agreements where id = ?", (agreement_id,))
    if row is None:
        raise NotFound("agreement", agreement_id, NOT_FOUND_HINT)
    return _record_decoder.decode(row["record_json"])


class _StatusOnDate(msgspec.Struct, frozen=True, kw_only=True):
    """The fields AgreementDetail adds to the stored record, in its order: its status on the request's date."""

    status: Status
    status_on: datetime.date
    status_detail: AgreementStatus


def agreement_detail_json(db: Database, agreement_id: str, on: datetime.date) -> bytes:
    """One agreement in full as JSON (an AgreementDetail): the record the build stored, sent as stored, with
    its status on `on` from the rule appended. The stored record is an object whose fields AgreementDetail
    begins with, so appending its last three fields gives the document encoding an AgreementDetail would."""
    stored = db.row("select body from agreement_details where agreement_id = ?", (agreement_id,))
    if stored is None:
        raise NotFound("agreement", agreement_id, NOT_FOUND_HINT)
    status = status_answer(db, _record(db, agreement_id), on)
    added = msgspec.json.encode(_StatusOnDate(status=status.status, status_on=on, status_detail=status))
    body: bytes = stored["body"]
    return body[:-1] + b"," + added[1:]


def agreement_detail(db: Database, agreement_id: str, on: datetime.date) -> AgreementDetail:
    """One agreement in full, decoded (for answers and pages that read it)."""
    return _detail_decoder.decode(agreement_detail_json(db, agreement_id, on))


def agreement_status(db: Database, agreement_id: str, on: datetime.date) -> AgreementStatus:
    """The status on `on`, the events that decide it and its qualifiers, from the rule itself."""
    return status_answer(db, _record(db, agreement_id), on)
