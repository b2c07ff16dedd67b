"""GET /api/v1/agreements and its sub-resources, against the real seed database."""

from __future__ import annotations

import httpx
import pytest
import sqlite_utils

from tests.conftest import problem

TISA = "jpn-kor-usa-tisa-2014"


async def ids(client: httpx.AsyncClient, query: str) -> list[str]:
    response = await client.get(f"/api/v1/agreements?{query}")
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["items"]]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_list_reports_total_and_status(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    body = (await client.get("/api/v1/agreements?on=2015-06-30")).json()
    assert body["total"] == db["agreements"].count
    by_id = {a["id"]: a for a in body["items"]}
    assert by_id[TISA]["status"] == "in_force"
    assert by_id[TISA]["status_since"] == "2014-12-29"
    assert by_id[TISA]["parties"] == ["kor-mnd", "jpn-mod", "usa-dod"]
    assert by_id["jpn-kor-gsomia-2016"]["status"] == "unknown"
    assert by_id["jpn-kor-gsomia-2012"]["status"] == "abandoned"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_pagination_first_last_and_past_the_end(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    every = sorted(row["id"] for row in db["agreements"].rows)
    first = (await client.get("/api/v1/agreements?limit=4")).json()
    assert len(first["items"]) == 4
    assert first["previous"] is None
    assert first["next"] == "/api/v1/agreements?limit=4&offset=4"
    pages, page = [first], first
    while page["next"]:
        page = (await client.get(page["next"])).json()
        pages.append(page)
    assert [a["id"] for p in pages for a in p["items"]] == every
    assert len(pages[-1]["items"]) == len(every) - 4 * (len(pages) - 1)
    assert pages[1]["previous"] == "/api/v1/agreements?limit=4&offset=0"
    beyond = (await client.get(f"/api/v1/agreements?offset={len(every) + 100}")).json()
    assert beyond["items"] == []
    assert beyond["total"] == len(every)
    assert beyond["next"] is None


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_next_link_keeps_the_filters(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/agreements?party=kor&limit=1")).json()
    assert body["next"] == "/api/v1/agreements?party=kor&limit=1&offset=1"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "party=kor",
            [
                "chn-kor-military-information-proposal",
                "jpn-kor-gsomia-2012",
                "jpn-kor-gsomia-2016",
                TISA,
                "kor-usa-gsomia-1987",
            ],
        ),
        ("party=usa-dod", [TISA]),
        ("party=chn", ["chn-kor-military-information-proposal"]),
        ("kind=memorandum_of_understanding&party=kor", [TISA]),
        ("status=in_force&on=2015-06-30&party=kor", [TISA, "kor-usa-gsomia-1987"]),
        ("status=initialled&on=2016-11-20", ["jpn-kor-gsomia-2016"]),
        (
            "status=unknown&on=2014-01-01&party=kor",
            ["chn-kor-military-information-proposal", "jpn-kor-gsomia-2016", TISA],
        ),
        ("in_force_on=2013-06-30&party=kor", []),
        ("in_force_on=2016-11-30&party=jpn", ["jpn-kor-gsomia-2016", TISA, "jpn-usa-gsomia-2007"]),
        ("q=gsomia", ["jpn-kor-gsomia-2012", "jpn-kor-gsomia-2016"]),
        ("q=Japan-Korea", ["jpn-kor-gsomia-2016"]),
        ("q=100%25", []),
    ],
)
async def test_filters(client: httpx.AsyncClient, query: str, expected: list[str]) -> None:
    assert await ids(client, query) == expected


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_sorting(client: httpx.AsyncClient, db: sqlite_utils.Database) -> None:
    body = (await client.get("/api/v1/agreements?sort=-first_date&limit=500")).json()
    dates = [a["first_date"] for a in body["items"]]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated)), "undated agreements come last"
    order = [a["id"] for a in body["items"]]
    known = ["jpn-kor-gsomia-2016", TISA, "jpn-kor-gsomia-2012", "jpn-usa-gsomia-2007", "kor-usa-gsomia-1987"]
    assert sorted(known, key=order.index) == known
    assert (await ids(client, "sort=-id"))[0] == max(row["id"] for row in db["agreements"].rows)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("on=2015-13-01", "on"),
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-5", "offset"),
        ("kind=pact", "kind"),
        ("status=alive", "status"),
        ("sort=random", "sort"),
        ("party=nobody", "party"),
        ("in_force_on=yesterday", "in_force_on"),
    ],
)
async def test_malformed_parameters_are_400_naming_the_parameter(
    client: httpx.AsyncClient, query: str, parameter: str
) -> None:
    response = await client.get(f"/api/v1/agreements?{query}")
    assert response.status_code == 400
    body = problem(response)
    assert f"`{parameter}`" in body["detail"]
    assert [p["name"] for p in body["invalid_params"]] == [parameter]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_detail_has_everything_cited(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{TISA}?on=2015-06-30")).json()
    assert body["status"] == "in_force"
    assert [p["status"] for p in body["status_history"]] == ["signed", "in_force"]
    assert body["kind"]["value"] == "memorandum_of_understanding"
    assert body["level"]["value"] == "interministerial"
    roles = {p["party"]["id"]: p["roles"] for p in body["parties"]}
    assert roles["usa-dod"] == ["party", "intermediary"]
    assert {s["person"]: s["signed"] for s in body["signatories"]} == {
        "Baek Seung-joo": "2014-12-26",
        "Robert Work": "2014-12-23",
        "Masanori Nishi": "2014-12-26",
    }
    assert {(r["kind"], r["agreement_id"], r["direction"]) for r in body["relations"]} == {
        ("relies_on", "kor-usa-gsomia-1987", "outgoing"),
        ("relies_on", "jpn-usa-gsomia-2007", "outgoing"),
    }
    kinds = {p["kind"] for p in body["provisions"]}
    assert kinds >= {"binding_status", "classification_levels", "intermediary_routing", "scope"}
    routing = next(p for p in body["provisions"] if p["kind"] == "intermediary_routing")
    assert routing["terms"]["hub"] == "usa-dod"
    cited = [
        body["kind"],
        *body["parties"],
        *body["signatories"],
        *body["relations"],
        *body["events"],
        *body["provisions"],
        body,
    ]
    for fact in cited:
        assert fact["sources"], fact
        for source in fact["sources"]:
            if source["document_id"]:
                assert source["url"] == f"/api/v1/documents/{source['document_id']}"
            else:  # a quote of the official text links to the unit it lies in
                assert source["url"].startswith(f"/api/v1/agreements/{TISA}/text/{source['unit_id']}?language=")
            assert source["clean_end"] > source["clean_start"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_relations_show_from_both_ends(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/agreements/kor-usa-gsomia-1987")).json()
    assert [(r["agreement_id"], r["direction"]) for r in body["relations"]] == [(TISA, "incoming")]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(
    ("agreement", "on", "status", "deciding", "undecided"),
    [
        ("jpn-kor-gsomia-2016", "2016-11-20", "initialled", ["tentative-signing"], []),
        ("jpn-kor-gsomia-2016", "2016-11-10", "under_negotiation", ["round-1", "round-2"], []),
        ("jpn-kor-gsomia-2012", "2012-01-15", "unknown", [], ["negotiated"]),
        ("jpn-kor-gsomia-2012", "2012-07-01", "abandoned", ["scrapped"], []),
        (TISA, "2013-06-30", "unknown", [], []),
    ],
)
async def test_status_on_a_date_with_the_deciding_events(
    client: httpx.AsyncClient, agreement: str, on: str, status: str, deciding: list[str], undecided: list[str]
) -> None:
    body = (await client.get(f"/api/v1/agreements/{agreement}/status?on={on}")).json()
    assert body["status"] == status
    assert [e["event_id"] for e in body["deciding_events"]] == deciding
    assert [c["event"]["event_id"] for c in body["may_have_changed"]] == undecided
    assert body["certain"] is not undecided
    for event in body["deciding_events"]:
        assert event["sources"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_an_agreements_provisions_by_kind(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{TISA}/provisions?kind=binding_status")).json()
    assert body["total"] == len(body["items"])
    assert {p["kind"] for p in body["items"]} == {"binding_status"}
    disputed = next(p for p in body["items"] if p["disputes"])
    assert disputed["asserted_by"]["name"] == "Jin Sung-Joon"
    assert disputed["disputes"] == f"{TISA}.no-ratification-per-defense-minister"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/agreements/nope",
        "/api/v1/agreements/nope/status",
        "/api/v1/agreements/nope/provisions",
        "/api/v1/provisions/nope.nope",
        "/api/v1/nothing-here",
    ],
)
async def test_unknown_ids_are_404_problems(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert problem(response)["instance"] == path


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_detail_ends_with_the_status_on_the_date(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/api/v1/agreements/{TISA}?on=2013-06-30")
    assert response.headers["content-type"].startswith("application/json")
    assert '"status":"unknown","status_on":"2013-06-30","status_detail":{' in response.text
    body = response.json()
    assert body["status_history"][0]["valid_from"] == "2014-12-23"
    assert (body["status_detail"]["status"], body["status_detail"]["on"]) == ("unknown", "2013-06-30")


def test_stored_details_are_the_one_assembly(built) -> None:  # type: ignore[no-untyped-def]
    import msgspec

    from api.domain.agreements import agreement_record
    from api.domain.records import provisions
    from api.store import Store

    db = Store(built.path).snapshot()
    stored = {r["agreement_id"]: bytes(r["body"]) for r in db.rows("select * from agreement_details")}
    ids = [r["id"] for r in db.rows("select id from agreements")]
    assert sorted(stored) == sorted(ids)
    for agreement_id in ids:
        assert stored[agreement_id] == msgspec.json.encode(agreement_record(db, agreement_id))
    live = {p.id: msgspec.json.encode(p) for p in provisions(db, db.rows("select * from provisions"))}
    stored_provisions = {r["provision_id"]: bytes(r["body"]) for r in db.rows("select * from provision_details")}
    assert stored_provisions == live


async def test_a_database_without_stored_answers_is_not_served(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.app import create_app
    from loaders.builder import build
    from tests.conftest import SEEDS

    plain = tmp_path / "plain.db"
    build(SEEDS, plain)  # the loaders' build alone: no status periods, no stored answers
    app = create_app(plain)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        response = await http.get(f"/api/v1/agreements/{TISA}?on=2015-06-30")
    assert response.status_code == 503
    assert "pactstore build" in problem(response)["detail"]
