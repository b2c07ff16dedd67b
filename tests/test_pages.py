"""The readable pages: an agreement's (`/agreements/{id}`), a party's (`/parties/{id}`) and the comparison
(`/compare`), against the real app over the database built from the real seeds. Every expectation is read
from the database or from the API's own answer in the test, never written down, so the tests hold as
records are added; the few ids named are seed records the pages are about."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
import sqlite_utils

from api.domain.models import EvidenceOut
from api.domain.status_models import AgreementStatus
from api.pages.events_view import qualifiers
from loaders.yamlfile import read_yaml
from schema.base import date_with_precision
from tests.conftest import build_seeds, problem
from tests.html_tree import Element, parse

GSOMIA = "jpn-kor-gsomia-2016"
TISA = "jpn-kor-usa-tisa-2014"
NATO = "nato-1997-security-of-information"  # its official text is in the source library


async def page(client: httpx.AsyncClient, url: str, status: int = 200) -> Element:
    response = await client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def rows(db: sqlite_utils.Database, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


# --- the agreement page -------------------------------------------------------------------------


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_agreement_page_links_its_json_and_csv_twins(client: httpx.AsyncClient) -> None:
    doc = await page(client, f"/agreements/{GSOMIA}")
    twins = {a.get("data-twin"): a.get("href") for a in doc.find_all("a", data_twin=None)}
    assert twins["json"] == f"/api/v1/agreements/{GSOMIA}"
    assert twins["csv"] == f"/api/v1/provisions.csv?agreement={GSOMIA}"
    for href in twins.values():
        assert (await client.get(str(href))).status_code == 200, href


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("on", ["2014-12-24", "2014-12-27", "2015-06-30", "2016-11-30"])
async def test_agreement_page_shows_the_status_rule_answer_on_the_date(client: httpx.AsyncClient, on: str) -> None:
    answer = (await client.get(f"/api/v1/agreements/{TISA}/status", params={"on": on})).json()
    doc = await page(client, f"/agreements/{TISA}?on={on}")
    shown = doc.by_id("status").find(cls="status-line").find("span", data_status=None)
    assert shown.get("data-status") == answer["status"]
    links = doc.by_id("status").find(cls="status-panel").links()
    for event in answer["deciding_events"]:
        assert f"#e-{event['event_id']}" in links


def test_status_qualifiers_are_shown_whatever_they_are() -> None:
    """Fields the status answer gains (termination pending, evidence until ...) appear without a page change."""

    class Qualified(AgreementStatus, frozen=True, kw_only=True):
        a_new_qualifier: bool
        another_one: datetime.date
        a_false_flag: bool = False

    answer = Qualified(
        agreement_id=GSOMIA,
        on=datetime.date(2019, 11, 30),
        status="in_force",
        certain=True,
        since="2016-11-23",
        deciding_events=[],
        may_have_changed=[],
        termination_pending=None,
        notice_suspended=None,
        provisionally_applied=None,
        current_term=None,
        ended_by=None,
        disputed=[],
        evidence_until=EvidenceOut(
            event_id="notes-withdrawn", date=datetime.date(2023, 3, 21), precision="day", label="2023-03-21"
        ),
        freshness=None,
        a_new_qualifier=True,
        another_one=datetime.date(2023, 3, 21),
    )
    shown = {f.name: f.value for f in qualifiers(answer)}
    # A false flag is not news; the latest fact is shown as a date with its precision.
    assert shown == {"a new qualifier": "yes", "another one": "2023-03-21", "evidence until": "2023-03-21"}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_timeline_dates_carry_their_precision(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    events = rows(db, "select event_id, date, precision from events where agreement_id = ?", (GSOMIA,))
    assert any(e["precision"] not in (None, "day") for e in events), "the seeds changed: pick another agreement"
    doc = await page(client, f"/agreements/{GSOMIA}")
    for e in events:
        shown = doc.by_id(f"e-{e['event_id']}").find(cls="event-date").text()
        if e["date"] is None:
            assert shown == "undated"
        else:
            assert shown == date_with_precision(datetime.date.fromisoformat(e["date"]), e["precision"] or "day")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_terms_are_grouped_by_kind_with_their_quotes(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    doc = await page(client, f"/agreements/{GSOMIA}")
    for p in rows(db, "select id, provision_id, kind, summary from provisions where agreement_id = ?", (GSOMIA,)):
        article = doc.by_id(f"p-{p['provision_id']}")
        assert article.parent is not None
        assert article.parent.get("id") == f"kind-{p['kind']}"
        assert article.find(cls="summary").text() == p["summary"]
        quoted = [q.text() for q in article.find_all(cls="quote-text")]
        query = "select quote, attribution, document_id, text_id, unit_id from citations where owner_id = ?"
        for c in rows(db, query, (p["id"],)):
            assert " ".join(c["quote"].split()) in quoted
            item = next(li for li in article.find_all("li", cls="quote") if " ".join(c["quote"].split()) in li.text())
            assert c["attribution"] in item.find(cls="credit").text()
            if c["document_id"]:
                assert f"/api/v1/documents/{c['document_id']}" in item.links()
            else:  # a quote of the official text links to its unit
                assert c["text_id"]
                assert any(c["unit_id"] in link for link in item.links()), item.links()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_parties_and_signatories_link_to_party_pages(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    doc = await page(client, f"/agreements/{TISA}")
    section = doc.by_id("parties")
    for party in {
        r["party_id"] for r in rows(db, "select party_id from agreement_parties where agreement_id = ?", (TISA,))
    }:
        assert f"/parties/{party}" in section.find("tr", data_party=party).links()
    for s in rows(db, "select person, party_id from signatories where agreement_id = ?", (TISA,)):
        row = next(
            tr
            for tr in section.find_all("tr")
            if tr.find_all("th") and tr.find_all("th")[0].text().startswith(s["person"])
        )
        assert f"/parties/{s['party_id']}" in row.links()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_contested_claims_are_side_by_side(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    disputes = rows(db, "select id, disputes from provisions where agreement_id = ? and disputes is not null", (TISA,))
    assert disputes, "the seeds changed: pick an agreement with contested claims"
    doc = await page(client, f"/agreements/{TISA}")
    points = doc.by_id("contested").find_all(cls="contested-point")
    for d in disputes:
        (point,) = [p for p in points if d["id"] in {c.get("data-claim") for c in p.find_all(data_claim=None)}]
        claims = [c.get("data-claim") for c in point.find(cls="side-by-side").find_all("article", data_claim=None)]
        assert claims.index(d["disputes"]) < claims.index(d["id"])  # the disputed claim first
        assert f"#p-{d['id'].partition('.')[2]}" in point.links()


@pytest.mark.library
async def test_quotes_of_the_official_text_link_to_their_article(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    doc = await page(client, f"/agreements/{NATO}")
    cited = rows(
        db,
        "select c.owner_id, c.quote, c.language, c.unit_id, c.attribution from citations c "
        "where c.agreement_id = ? and c.owner_type = 'provision' and c.text_id is not null",
        (NATO,),
    )
    assert cited
    shown_language = doc.by_id("text").find("div", cls="articles").get("lang")
    for c in cited:
        article = doc.by_id(f"p-{c['owner_id'].partition('.')[2]}")
        quote = " ".join(c["quote"].split())
        item = next(li for li in article.find_all("li", cls="quote") if quote in li.text())
        assert c["attribution"] in item.text()  # "(authentic text)" or "(translation)"
        (link,) = item.find(cls="credit").links()
        assert link.endswith(f"#u-{c['unit_id']}")
        if c["language"] == shown_language:
            unit = doc.by_id(f"u-{c['unit_id']}")
            assert quote in " ".join(m.text() for m in unit.find_all("mark"))
        else:
            assert f"language={c['language']}" in link


@pytest.mark.library
async def test_each_article_lists_the_provisions_citing_it(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    doc = await page(client, f"/agreements/{NATO}")
    (text_id,) = [r["id"] for r in rows(db, "select id from texts where agreement_id = ?", (NATO,))]
    language = doc.by_id("text").find("div", cls="articles").get("lang")
    top = rows(
        db,
        "select unit_id from text_units where text_id = ? and language = ? and parent_id is null",
        (text_id, language),
    )
    citing = rows(
        db,
        "select distinct owner_id, unit_id from citations where text_id = ? and owner_type = 'provision'",
        (text_id,),
    )
    for unit in (u["unit_id"] for u in top):
        row = next(r for r in doc.find_all(cls="article-row") if r.find(cls="unit-depth-0").get("id") == f"u-{unit}")
        listed = {href.removeprefix("#p-") for href in row.find("aside").links()}
        expected = {
            c["owner_id"].partition(".")[2]
            for c in citing
            if c["unit_id"] == unit or c["unit_id"].startswith(f"{unit}__")
        }
        assert listed == expected, unit


@pytest.mark.library
def test_a_paraphrase_is_credited_as_the_curators(tmp_path: Path, seeds_copy: Path) -> None:
    """No seed record cites a paraphrase yet: cite one (a sentence of a library paraphrase) in a copy."""
    from litestar.testing import TestClient

    from api.app import create_app

    record_file = seeds_copy / "agreements" / f"{TISA}.yaml"
    document, errors = read_yaml(record_file, record_file.name)  # as the build reads it (dates stay text)
    assert document is not None, errors
    record = document.data
    provision = next(p for p in record["provisions"] if p["id"] == "binding-diplomatic-only")
    sentence = "The nine-point arrangement is not legally binding"
    provision["citations"].append({"doc": "the-hill-paraphrase-2014-12", "quote": sentence})
    record_file.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    built = build_seeds(seeds_copy, tmp_path / "copy.db")
    with TestClient(create_app(built.path)) as client:
        doc = parse(client.get(f"/agreements/{TISA}").text)
    article = doc.by_id("p-binding-diplomatic-only")
    (item,) = [li for li in article.find_all("li", cls="quote") if sentence in li.text()]
    assert "paraphrase" in item.classes
    assert item.get("data-text-kind") == "paraphrase"
    assert item.find_all("q") == []  # never shown as the outlet's words
    assert item.find(cls="credit").text().startswith("— curator's paraphrase of The Hill")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/agreements/no-such-agreement", 404),
        ("/agreements/" + "x" * 200, 404),
        (f"/agreements/{GSOMIA}?on=not-a-date", 400),
        (f"/agreements/{GSOMIA}?on=2016-02-30", 400),
        (f"/agreements/{GSOMIA}?language=klingon-", 400),
        ("/parties/no-such-party", 404),
        ("/parties/kor?on=yesterday", 400),
        ("/compare?a=no-such-agreement&b=" + GSOMIA, 400),
        ("/compare?a=" + GSOMIA + "&b=Bad%20Id", 400),
    ],
)
async def test_bad_ids_and_parameters_are_problem_pages(client: httpx.AsyncClient, url: str, status: int) -> None:
    doc = await page(client, url, status)
    section = doc.find("section", cls="problem")
    assert section.get("data-status") == str(status)
    assert section.find(cls="detail").text()
    assert "Traceback" not in section.text()


@pytest.mark.library
async def test_the_official_text_in_another_language(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    (text_id,) = [r["id"] for r in rows(db, "select id from texts where agreement_id = ?", (NATO,))]
    languages = [r["language"] for r in rows(db, "select language from text_versions where text_id = ?", (text_id,))]
    assert len(languages) > 1
    for language in languages:
        doc = await page(client, f"/agreements/{NATO}?language={language}")
        assert doc.by_id("text").find("div", cls="articles").get("lang") == language
        first = rows(
            db,
            "select unit_id, text from text_units where text_id = ? and language = ? and parent_id is null "
            "and heading is null order by ord limit 1",
            (text_id, language),
        )[0]
        assert " ".join(first["text"].split())[:60] in doc.by_id(f"u-{first['unit_id']}").text()


# --- the party page -----------------------------------------------------------------------------


async def test_party_page_lists_its_agreements_and_twins(client: httpx.AsyncClient) -> None:
    detail = (await client.get("/api/v1/parties/kor", params={"on": "2016-11-30"})).json()
    doc = await page(client, "/parties/kor?on=2016-11-30")
    table = doc.by_id("agreements").find("table")
    for membership in detail["agreements"]:
        row = table.find("tr", data_agreement=membership["agreement"]["id"])
        assert f"/agreements/{membership['agreement']['id']}?on=2016-11-30" in row.links()
        assert row.find(cls="status").text() == membership["agreement"]["status"].replace("_", " ")
    twins = {a.get("data-twin"): a.get("href") for a in doc.find_all("a", data_twin=None)}
    assert twins["json"] == "/api/v1/parties/kor?on=2016-11-30"
    assert twins["csv"] == "/api/v1/agreements.csv?party=kor&on=2016-11-30"


@pytest.mark.parametrize("on", ["2014-12-24", "2015-06-30", "2016-11-30"])
async def test_party_page_shares_as_the_sharing_rule_says(
    client: httpx.AsyncClient, db: sqlite_utils.Database, on: str
) -> None:
    doc = await page(client, f"/parties/kor?on={on}")
    section = doc.by_id("sharing")
    shown_open = {tr.get("data-partner") for tr in section.find_all("tr", data_partner=None) if tr.get("data-open")}
    states = [r["id"] for r in rows(db, "select id from parties where kind = 'state' and id != 'kor'")]
    for state in states:
        answer = (await client.get("/api/v1/sharing", params={"from": "kor", "to": state, "on": on})).json()
        assert (state in shown_open) == answer["channel_exists"], (state, on)


async def test_an_organisations_page_shares_as_its_state(client: httpx.AsyncClient) -> None:
    doc = await page(client, "/parties/kor-mnd?on=2015-06-30")
    assert "/parties/kor?on=2015-06-30" in doc.find("header").links()
    state = await page(client, "/parties/kor?on=2015-06-30")
    partners = [tr.get("data-partner") for tr in doc.by_id("sharing").find_all("tr", data_partner=None)]
    assert partners == [tr.get("data-partner") for tr in state.by_id("sharing").find_all("tr", data_partner=None)]


# --- the comparison page ------------------------------------------------------------------------


def kinds(db: sqlite_utils.Database, agreement_id: str) -> set[str]:
    return {r["kind"] for r in rows(db, "select kind from provisions where agreement_id = ?", (agreement_id,))}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_comparison_marks_a_kind_present_in_one_agreement_only(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    a, b = kinds(db, TISA), kinds(db, GSOMIA)
    assert a - b, "the seeds changed: pick agreements with kinds of their own"
    assert b - a, "the seeds changed: pick agreements with kinds of their own"
    doc = await page(client, f"/compare?a={TISA}&b={GSOMIA}")
    shown = {tr.get("data-kind"): tr for tr in doc.find_all("tr", data_kind=None)}
    assert set(shown) == a | b
    for kind, row in shown.items():
        expected = "both" if kind in a & b else ("only_a" if kind in a else "only_b")
        assert row.get("data-presence") == expected, kind
        if expected != "both":
            absent = row.find("td", cls="absent")
            assert absent.get("data-side") == ("b" if expected == "only_a" else "a")
            assert "differs" in row.classes


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_comparison_highlights_fields_that_differ(client: httpx.AsyncClient) -> None:
    answer = (await client.get("/api/v1/compare", params={"a": TISA, "b": GSOMIA})).json()
    doc = await page(client, f"/compare?a={TISA}&b={GSOMIA}")
    for kind in (k for k in answer["kinds"] if k["presence"] == "both"):
        row = doc.find("tr", data_kind=kind["kind"])
        differing = {f["field"].replace("_", " ") for f in kind["fields"] if not f["same"]}
        for side in ("a", "b"):
            cell = row.find("td", data_side=side)
            marked = {dd.parent.find("dt").text() for dd in cell.find_all("dd", data_different=None) if dd.parent}
            assert marked == differing, (kind["kind"], side)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_compare_page_without_both_ids_is_a_chooser(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    doc = await page(client, f"/compare?a={TISA}")
    form = doc.find("form", cls="compare-form")
    options = {o.get("value") for o in form.find("select", name="a").find_all("option") if o.get("value")}
    assert options == {r["id"] for r in rows(db, "select id from agreements")}
    assert [o.get("value") for o in form.find("select", name="a").find_all("option", selected=None)] == [TISA]
    assert doc.find_all("table", cls="compare") == []


# --- links to the pages -------------------------------------------------------------------------


async def test_landing_page_links_the_pages(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    doc = await page(client, "/")
    table = doc.find("table", cls="agreements")
    for r in rows(db, "select id from agreements"):
        assert f"/agreements/{r['id']}" in table.find("tr", data_agreement=r["id"]).links()
    graph = doc.find("svg", cls="share-graph")
    for node in graph.find_all("g", cls="sg-node"):
        assert node.links() == [f"/parties/{node.get('data-state')}"]
    timeline = doc.find("svg", cls="timeline")
    assert {f"/agreements/{r['id']}" for r in rows(db, "select id from agreements")} <= set(timeline.links())


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_datasette_cells_link_the_pages(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    table = parse((await client.get("/data/pactstore/agreements")).text)
    for r in rows(db, "select id, short_name from agreements"):
        (cell,) = [td for td in table.find_all("td", cls="col-short_name") if td.text() == r["short_name"]]
        assert cell.links() == [f"/agreements/{r['id']}"]
    parties = parse((await client.get("/data/pactstore/parties/kor")).text)
    assert "/parties/kor" in parties.find("td", cls="col-name").links()
    canned = parse((await client.get("/data/pactstore/in_force_on", params={"on": "2015-06-30"})).text)
    ids = list(canned.find_all("td", cls="col-agreement_id"))
    assert ids
    assert all(td.links() == [f"/agreements/{td.text()}"] for td in ids)


async def test_the_api_answers_problems_not_pages(client: httpx.AsyncClient) -> None:
    assert problem(await client.get("/api/v1/agreements/no-such-agreement"))["status"] == 404
    body = problem(await client.get("/api/v1/compare", params={"a": "no-such-agreement", "b": GSOMIA}))
    assert body["invalid_params"][0]["name"] == "a"
    msgspec.json.decode((await client.get("/api/v1/compare", params={"a": TISA, "b": GSOMIA})).content)


async def test_every_record_has_a_page(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    for r in rows(db, "select id, short_name from agreements"):
        doc = await page(client, f"/agreements/{r['id']}")
        assert doc.find("h1").text() == " ".join(r["short_name"].split())
    for r in rows(db, "select id, name from parties"):
        doc = await page(client, f"/parties/{r['id']}")
        assert doc.find("h1").text() == " ".join(r["name"].split())


# --- every page's head ---------------------------------------------------------------------------


async def _readable_pages(client: httpx.AsyncClient) -> list[str]:
    """One page of each kind the store can show (ids read from the API: a build without the library holds one
    agreement, and the list grows with the records)."""
    ids = [a["id"] for a in (await client.get("/api/v1/agreements", params={"limit": 2})).json()["items"]]
    parties = [p["id"] for p in (await client.get("/api/v1/parties", params={"limit": 1})).json()["items"]]
    pages = ["/", "/downloads", *(f"/parties/{p}" for p in parties)]
    pages += [f"/agreements/{ids[0]}", f"/agreements/{ids[0]}?on=2016-11-30"] if ids else []
    pages += [f"/compare?a={ids[0]}&b={ids[1]}"] if len(ids) > 1 else []
    return pages


async def test_every_page_names_its_json_and_csv_twins_in_its_head(client: httpx.AsyncClient) -> None:
    for url in await _readable_pages(client):
        doc = await page(client, url)
        alternates = [(link.get("type"), link.get("href")) for link in doc.find_all("link", rel="alternate")]
        assert any(kind == "application/json" for kind, _ in alternates), url
        shown = {a.get("href") for a in doc.find_all("a", data_twin=None) if a.get("data-twin") in ("json", "csv")}
        assert shown <= {href for _, href in alternates}, (url, shown, alternates)  # the visible twins, all of them
        for kind, href in alternates:
            response = await client.get(str(href))
            assert response.status_code == 200, (url, href)
            assert response.headers["content-type"].startswith(str(kind)), (url, href, response.headers)
