"""GET /api/v1/compare: two agreements' terms side by side by kind, against the real app over the seed
database. What the answer must say is worked out here from the database's own rows."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlite_utils

from tests.conftest import problem

TISA = "jpn-kor-usa-tisa-2014"
GSOMIA = "jpn-kor-gsomia-2016"
PAIRS = [
    (TISA, GSOMIA),
    (GSOMIA, TISA),
    ("kor-usa-gsomia-1987", "jpn-usa-gsomia-2007"),
    (GSOMIA, "jpn-kor-gsomia-2012"),
]


async def compared(client: httpx.AsyncClient, a: str, b: str, **params: str) -> dict[str, Any]:
    response = await client.get("/api/v1/compare", params={"a": a, "b": b, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def provisions(db: sqlite_utils.Database, agreement_id: str) -> list[dict[str, Any]]:
    cursor = db.execute("select id, kind, basis, data from provisions where agreement_id = ?", [agreement_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(("a", "b"), PAIRS)
async def test_kinds_are_sorted_into_only_a_only_b_and_both(
    client: httpx.AsyncClient, db: sqlite_utils.Database, a: str, b: str
) -> None:
    answer = await compared(client, a, b)
    mine = {p["kind"] for p in provisions(db, a)}
    theirs = {p["kind"] for p in provisions(db, b)}
    assert set(answer["only_a"]) == mine - theirs
    assert set(answer["only_b"]) == theirs - mine
    assert set(answer["same"]) | set(answer["different"]) == mine & theirs
    assert not set(answer["same"]) & set(answer["different"])
    by_kind = {k["kind"]: k for k in answer["kinds"]}
    assert set(by_kind) == mine | theirs
    for kind, entry in by_kind.items():
        assert {p["id"] for p in entry["a"]} == {p["id"] for p in provisions(db, a) if p["kind"] == kind}
        assert {p["id"] for p in entry["b"]} == {p["id"] for p in provisions(db, b) if p["kind"] == kind}
        assert entry["differs"] == (kind not in answer["same"])


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_a_field_differs_when_the_sides_state_different_values(
    client: httpx.AsyncClient, db: sqlite_utils.Database
) -> None:
    answer = await compared(client, TISA, GSOMIA)
    for kind in (k for k in answer["kinds"] if k["presence"] == "both"):
        for field in kind["fields"]:
            sides = []
            for agreement in (TISA, GSOMIA):
                stated = []
                for p in provisions(db, agreement):
                    if p["kind"] != kind["kind"]:
                        continue
                    value = (
                        p["basis"] if field["field"] == "basis" else json.loads(p["data"] or "{}").get(field["field"])
                    )
                    if value not in (None, [], {}):
                        stated.append(json.dumps(value, sort_keys=True))
                sides.append(set(stated) or {json.dumps(None)})
            assert {json.dumps(v, sort_keys=True) for v in field["a"]} == sides[0], field
            assert {json.dumps(v, sort_keys=True) for v in field["b"]} == sides[1], field
            assert field["same"] == (sides[0] == sides[1]), field
        assert kind["differs"] == (not all(f["same"] for f in kind["fields"]))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_scope_limited_to_subjects_in_one_and_not_the_other(client: httpx.AsyncClient) -> None:
    """The 2014 arrangement limits sharing to North Korea's nuclear and missile programmes; the 2016 GSOMIA names
    North Korea without limiting itself to it (the seeds' scope provisions)."""
    answer = await compared(client, TISA, GSOMIA)
    (scope,) = [k for k in answer["kinds"] if k["kind"] == "scope"]
    (limited,) = [f for f in scope["fields"] if f["field"] == "limited_to_subjects"]
    assert (limited["a"], limited["b"], limited["same"]) == ([True], [False], False)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_an_agreement_compared_with_itself_is_the_same_throughout(client: httpx.AsyncClient) -> None:
    answer = await compared(client, TISA, TISA)
    assert answer["only_a"] == answer["only_b"] == answer["different"] == []
    assert all(not k["differs"] for k in answer["kinds"])


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("on", ["2014-12-24", "2015-06-30"])
async def test_both_sides_carry_their_status_on_the_date(client: httpx.AsyncClient, on: str) -> None:
    answer = await compared(client, TISA, GSOMIA, on=on)
    assert answer["on"] == on
    for side, agreement in (("a", TISA), ("b", GSOMIA)):
        status = (await client.get(f"/api/v1/agreements/{agreement}/status", params={"on": on})).json()
        assert answer[side]["status"] == status["status"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"a": "no-such-agreement", "b": GSOMIA}, "a"),
        ({"a": TISA, "b": "no-such-agreement"}, "b"),
        ({"a": TISA}, "b"),
        ({"a": "Not A Slug", "b": GSOMIA}, "a"),
        ({"a": TISA, "b": GSOMIA, "on": "2016-13-01"}, "on"),
    ],
)
async def test_bad_parameters_are_400_problems_naming_them(
    client: httpx.AsyncClient, params: dict[str, str], name: str
) -> None:
    response = await client.get("/api/v1/compare", params=params)
    assert response.status_code == 400
    body = problem(response)
    assert [p["name"] for p in body["invalid_params"]] == [name]


async def test_the_comparison_is_documented(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/schema/openapi.json")).json()
    operation = spec["paths"]["/api/v1/compare"]["get"]
    assert operation["operationId"] == "compareAgreements"
    assert {p["name"] for p in operation["parameters"]} == {"a", "b", "on"}
    assert "400" in operation["responses"]
