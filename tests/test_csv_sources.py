"""Every citation column of every CSV names its source in full: document or text, language, unit and
attribution (a paraphrase credited as one); Datasette shows status, parties and dates with their precision."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from schema.base import date_with_precision


def table(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.library  # the official texts are the library's
async def test_official_text_citations_name_text_language_and_article(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    rows = list(
        db.query(
            "select * from citations where owner_type = 'provision' and text_id is not null and unit_label is not null"
        )
    )
    assert rows
    cited = rows[0]
    provisions = table(await client.get(f"/api/v1/provisions.csv?agreement={cited['agreement_id']}"))
    sources = next(p["sources"] for p in provisions if p["id"] == cited["owner_id"])
    assert "None:" not in sources
    expected = f"text {cited['text_id']}, {cited['language']}, {cited['unit_label']} ({cited['unit_id']}) — "
    assert f'{expected}{cited["attribution"]}: "{cited["quote"]}"' in sources


async def test_document_citations_name_the_document_and_its_credit(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    cited = next(db.query("select * from citations where owner_type = 'event' and document_id is not null limit 1"))
    events = table(await client.get(f"/api/v1/events.csv?agreement={cited['agreement_id']}"))
    sources = next(e["sources"] for e in events if e["id"] == cited["owner_id"])
    assert f'document {cited["document_id"]} — {cited["attribution"]}: "{cited["quote"]}"' in sources


def test_paraphrases_are_credited_in_every_citation(db) -> None:  # type: ignore[no-untyped-def]
    for row in db.query("select c.cited_as, c.text_kind, c.attribution from citations c"):
        assert row["cited_as"].endswith(row["attribution"])
        if row["text_kind"] == "paraphrase":
            assert "curator's paraphrase of" in row["cited_as"]


def test_provision_quotes_carry_their_sources(db) -> None:  # type: ignore[no-untyped-def]
    for row in db.query("select p.id, p.quotes from provisions p where p.quotes != ''"):
        cited = list(
            db.query(
                "select quote, cited_as from citations where owner_id = ? and owner_type = 'provision'", [row["id"]]
            )
        )
        for c in cited:
            assert f'"{c["quote"]}" ({c["cited_as"]})' in row["quotes"]


def test_dates_as_written_keep_their_precision(db) -> None:  # type: ignore[no-untyped-def]
    import datetime

    checked = 0
    for row in db.query("select date, precision, date_as_written from events where date is not null"):
        day = datetime.date.fromisoformat(row["date"])
        assert row["date_as_written"] == date_with_precision(day, row["precision"])
        checked += 1
    assert checked
    years = list(db.query("select date_as_written from events where precision = 'year'"))
    assert all(len(r["date_as_written"]) == 4 for r in years)


def test_agreements_show_parties_and_status_today(db) -> None:  # type: ignore[no-untyped-def]
    from api.domain.query import connect
    from api.domain.status import today
    from api.domain.summaries import agreement_summaries

    store = connect(db.conn.execute("pragma database_list").fetchone()[2])
    summaries = {s.id: s for s in agreement_summaries(store, store.rows("select * from agreements"), today())}
    for row in db.query("select id, status_today, parties from agreements_today"):
        assert row["status_today"] == summaries[row["id"]].status
        assert row["parties"].split("; ") == list(dict.fromkeys(summaries[row["id"]].parties))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_sharing_canned_query_lists_conditions_with_quotes(built) -> None:  # type: ignore[no-untyped-def]
    from litestar import Litestar

    from api.datasette_app import datasette_mount
    from tests.conftest import ROOT

    app = Litestar(route_handlers=[datasette_mount(built.path, ROOT / "metadata.yml")])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        params = {"from": "kor", "to": "jpn", "on": "2015-06-30", "_shape": "array"}
        rows = (await client.get("/data/pactstore/sharing_routes.json", params=params)).json()
    assert rows
    for row in rows:
        assert row["conditions"]
        assert "—" in row["quotes"]


async def test_citations_of_a_document_carry_its_credit(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    (doc,) = list(db.query("select document_id from citations where document_id is not null limit 1"))
    rows = table(await client.get(f"/api/v1/documents/{doc['document_id']}/citations.csv"))
    assert rows
    for row in rows:
        assert row["cited_as"] == f"document {doc['document_id']} — {row['attribution']}"
