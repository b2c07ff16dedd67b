"""Answers the build stores are the answers the request path would assemble: the agreements' list summaries
on any date, with their CSV rows; the detail document the stored record and the status make; the terms of
exchange sharing answers show."""

from __future__ import annotations

import datetime
import itertools

import msgspec
import pytest

from api.domain import csv_rows, records, summaries
from api.domain.agreements import agreement_detail_json, agreement_record
from api.domain.freshness import stored_evidence
from api.domain.models import AgreementSummary
from api.domain.status import period_on
from api.domain.status_answer import status_answer
from api.domain.status_models import AgreementDetail
from api.store import Store
from loaders.builder import BuildResult
from schema.agreements import Agreement

_DAY = datetime.timedelta(days=1)


def _dates(starts: list[datetime.date]) -> list[datetime.date]:
    """Each span's first day and the day before it, and the far ends of the calendar."""
    days = {datetime.date.min, datetime.date.max, datetime.date(2017, 1, 1)}
    for start in starts:
        days.add(start)
        if start > datetime.date.min:
            days.add(start - _DAY)
    return sorted(days)


def test_a_stored_summary_is_the_one_assembled_on_any_date(built: BuildResult) -> None:
    db = Store(built.path).snapshot()
    rows = db.rows("select * from agreements order by id")
    ids = [row["id"] for row in rows]
    periods, evidence = records.status_periods(db, ids), stored_evidence(db, ids)
    header = csv_rows.columns(AgreementSummary)
    decode = msgspec.json.Decoder(AgreementSummary)
    checked = 0
    for row in rows:
        aid = row["id"]
        parties = list(
            dict.fromkeys(
                r["party_id"]
                for r in db.rows("select party_id from agreement_parties where agreement_id = ? order by rowid", (aid,))
            )
        )
        for day in _dates(summaries.span_starts(periods[aid], evidence[aid])):
            live = summaries.assemble(row, parties, period_on(periods[aid], day), evidence[aid], day)
            (stored,) = summaries.stored(db, [aid], day)
            assert decode.decode(stored.body) == live, (aid, day)
            assert stored.csv == csv_rows.line(live, header), (aid, day)
            checked += 1
    assert checked > len(rows)
    # Exactly one span holds on any date: the spans of an agreement follow one another without a gap.
    for aid in ids:
        spans = db.rows(
            "select valid_from, valid_to from agreement_summaries where agreement_id = ? order by valid_from", (aid,)
        )
        assert spans[0]["valid_from"] == datetime.date.min.isoformat()
        assert spans[-1]["valid_to"] is None
        assert all(a["valid_to"] == b["valid_from"] for a, b in itertools.pairwise(spans))


def test_the_detail_document_is_the_detail_encoded(built: BuildResult) -> None:
    db = Store(built.path).snapshot()
    decode = msgspec.json.Decoder(Agreement)
    for row in db.rows("select id, record_json from agreements order by id"):
        record = agreement_record(db, row["id"])
        for on in (datetime.date(1990, 1, 1), datetime.date(2016, 11, 30), datetime.date.max):
            status = status_answer(db, decode.decode(row["record_json"]), on)
            detail = AgreementDetail(
                **msgspec.structs.asdict(record), status=status.status, status_on=on, status_detail=status
            )
            assert agreement_detail_json(db, row["id"], on) == msgspec.json.encode(detail), (row["id"], on)


@pytest.mark.library  # the agreements with conditions of exchange cite the source library
def test_stored_sharing_terms_are_the_one_assembly(built: BuildResult) -> None:
    from api.domain.sharing_world import World

    db = Store(built.path).snapshot()
    world = World(db)
    stored = {r["agreement_id"]: bytes(r["body"]) for r in db.rows("select * from sharing_terms")}
    agreements = world.load_all()
    assert sorted(stored) == sorted(a.id for a in agreements)
    assert any(world.conditions(a)[0] for a in agreements), "no agreement has a condition of exchange"
    for agreement in agreements:
        assert stored[agreement.id] == msgspec.json.encode(world.assemble_terms(agreement)), agreement.id
        assert world.conditions(agreement) == (
            world.assemble_terms(agreement).conditions,
            world.assemble_terms(agreement).binding,
        )
