"""GET /api/v1/parties and one party with its agreements."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import problem


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_list_parties_states_first_then_their_organisations(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    body = (await client.get("/api/v1/parties?limit=500")).json()
    assert body["total"] == db["parties"].count
    order = [p["id"] for p in body["items"]]
    assert order.index("kor") < order.index("kor-mnd")
    kor = next(p for p in body["items"] if p["id"] == "kor")
    korean = db.execute(
        "select count(distinct agreement_id) from agreement_parties where party_id = 'kor' or state_id = 'kor'"
    ).fetchone()[0]
    assert (kor["iso_alpha2"], kor["iso_alpha3"], kor["agreement_count"]) == ("KR", "KOR", korean)
    assert korean >= 5  # the 1987, 2012, 2014 and 2016 pacts and the request to China


async def test_filter_parties_by_kind(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/parties?kind=ministry&limit=500")).json()
    assert {"jpn-mod", "kor-mnd", "usa-dod"} <= {p["id"] for p in body["items"]}
    assert {p["kind"] for p in body["items"]} == {"ministry"}
    by_id = {p["id"]: p["state_id"] for p in body["items"]}
    assert (by_id["jpn-mod"], by_id["kor-mnd"], by_id["usa-dod"]) == ("jpn", "kor", "usa")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_a_state_with_its_ministry_facts_and_agreements(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/parties/kor?on=2015-06-30")).json()
    assert [a["id"] for a in body["acting_for_it"]] == ["kor-mnd"]
    (fact,) = body["facts"]
    assert (fact["count"], fact["as_of"]) == (32, "2016-11-12")
    assert "32 countries" in fact["sources"][0]["quote"]
    memberships = {m["agreement"]["id"]: m for m in body["agreements"]}
    assert memberships["jpn-kor-usa-tisa-2014"]["as_party"] == "kor-mnd"
    assert memberships["jpn-kor-usa-tisa-2014"]["agreement"]["status"] == "in_force"
    assert memberships["kor-usa-gsomia-1987"]["as_party"] == "kor"
    assert len(memberships) == 5


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_the_hub_has_its_role(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/parties/usa-dod")).json()
    (membership,) = body["agreements"]
    assert sorted(membership["roles"]) == ["intermediary", "party"]


async def test_unknown_party_and_bad_kind(client: httpx.AsyncClient) -> None:
    assert problem(await client.get("/api/v1/parties/atlantis"))["status"] == 404
    response = await client.get("/api/v1/parties?kind=empire")
    assert response.status_code == 400
    assert problem(response)["invalid_params"][0]["name"] == "kind"
