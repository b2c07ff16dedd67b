"""Parameters: repeated filters mean any of, never cut; party ids in any case and as ISO 3166 codes; unknown
values are problems that say where the known ones are; a one-value parameter given twice is a 400."""

from __future__ import annotations

import json

import httpx
import pycountry
import pytest
from litestar import Litestar

from api.spec import render_openapi
from tests.conftest import problem


async def ids(client: httpx.AsyncClient, url: str, key: str = "id") -> set[str]:
    response = await client.get(url)
    assert response.status_code == 200, response.text
    return {item[key] for item in response.json()["items"]}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_repeated_agreements_are_any_of(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    a, b = [r["id"] for r in db.query("select id from agreements where event_count > 0 order by id limit 2")]
    both = await ids(client, f"/api/v1/events?agreement={a}&agreement={b}&limit=500", "agreement_id")
    assert both == {a, b}
    assert await ids(client, f"/api/v1/events?agreement={a}&limit=500", "agreement_id") == {a}


async def test_repeated_parties_are_any_of(client: httpx.AsyncClient) -> None:
    kor = await ids(client, "/api/v1/agreements?party=kor&limit=500")
    jpn = await ids(client, "/api/v1/agreements?party=jpn&limit=500")
    assert await ids(client, "/api/v1/agreements?party=kor&party=jpn&limit=500") == kor | jpn


async def test_repeated_kinds_are_any_of(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    kinds = [r["kind"] for r in db.query("select distinct kind from provisions order by kind limit 2")]
    url = "/api/v1/provisions?" + "&".join(f"kind={k}" for k in kinds) + "&limit=500"
    assert {p["kind"] for p in (await client.get(url)).json()["items"]} == set(kinds)


@pytest.mark.parametrize("code", ["kor", "KOR", "Kor", "KR", "kr"])
async def test_party_ids_and_iso_codes_in_any_case(client: httpx.AsyncClient, code: str) -> None:
    assert await ids(client, f"/api/v1/agreements?party={code}&limit=500") == await ids(
        client, "/api/v1/agreements?party=kor&limit=500"
    )
    assert (await client.get(f"/api/v1/parties/{code}")).json()["party"]["id"] == "kor"


async def test_every_state_is_found_by_its_codes(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    for row in db.query("select id, iso_alpha2, iso_alpha3 from parties where iso_alpha2 is not null"):
        country = pycountry.countries.get(alpha_3=row["iso_alpha3"])
        assert country.alpha_2 == row["iso_alpha2"]
        for code in (row["iso_alpha2"].lower(), row["iso_alpha3"]):
            party = (await client.get(f"/api/v1/parties/{code}")).json()["party"]
            assert party["id"] == row["id"]


async def test_unknown_values_say_where_the_known_ones_are(client: httpx.AsyncClient) -> None:
    body = problem(await client.get("/api/v1/agreements?party=kor&party=zz"))
    assert body["invalid_params"][0]["name"] == "party"
    assert "/api/v1/parties" in body["detail"]
    kenya = problem(await client.get("/api/v1/agreements?party=KEN"))
    assert "Kenya" in kenya["detail"]
    agreement = problem(await client.get("/api/v1/provisions?agreement=no-such-pact"))
    assert "/api/v1/agreements" in agreement["detail"]
    kind = problem(await client.get("/api/v1/provisions?kind=scope&kind=nope"))
    assert kind["invalid_params"][0]["name"] == "kind"
    from schema.provisions import PROVISION_KINDS

    assert all(k in kind["invalid_params"][0]["reason"] for k in PROVISION_KINDS), "the known kinds are named"


async def test_too_many_values_are_refused_not_cut(client: httpx.AsyncClient) -> None:
    from api.settings import MAX_ANY_OF

    url = "/api/v1/agreements?" + "&".join("party=kor" for _ in range(MAX_ANY_OF + 1))
    assert problem(await client.get(url))["invalid_params"][0]["name"] == "party"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/agreements?on=2015-01-01&on=2016-01-01", "/api/v1/events?limit=1&limit=2", "/api/v1/search?q=a&q=b"],
)
async def test_a_one_value_parameter_given_twice_is_a_400(client: httpx.AsyncClient, url: str) -> None:
    body = problem(await client.get(url))
    assert "once" in body["detail"]


def test_the_spec_documents_repeatable_filters(app: Litestar) -> None:
    spec = json.loads(render_openapi(app))
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/provisions"]["get"]["parameters"]}
    for name in ("party", "agreement", "kind", "basis"):
        schema = parameters[name]["schema"]
        assert schema["maxItems"] > 1, name
        assert any(o.get("type") == "array" for o in schema["oneOf"]), name
        assert "any of" in parameters[name]["description"], name
    assert parameters["party"]["schema"]["items"]["pattern"]
