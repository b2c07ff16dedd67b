"""Content negotiation by `Accept` (RFC 9110 §12.5.1): media types are case-insensitive, `q=0` rules a type out,
the most specific range decides a type's quality, a tie goes to JSON, and a 406 says what the route has when
`Accept` rules out all of it."""

from __future__ import annotations

import httpx
import pytest

from api.negotiation import best_media_type
from tests.conftest import problem

LIST = "/api/v1/agreements"
DETAIL = "/api/v1/agreements/jpn-kor-gsomia-2016"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("text/csv", "text/csv"),
        ("TEXT/CSV", "text/csv"),
        ("Text/Csv; Q=1", "text/csv"),
        ("text/*", "text/csv"),
        ("text/csv, application/json", "application/json"),  # a tie: JSON first
        ("application/json;q=0.5, text/csv", "text/csv"),
        ("text/csv;q=0.5, application/json", "application/json"),
        ("text/csv;q=0, */*", "application/json"),
        ("*/*;q=0.9, text/csv", "text/csv"),
        ("application/*;q=0.1, text/csv;q=0.2", "text/csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json"),  # a browser
        ("garbage", "application/json"),  # nothing readable: as if absent
        ("text/csv;q=0", None),
        ("text/html", None),
        ("application/json;q=0, text/csv;q=0", None),
        ("*/*;q=0", None),
    ],
)
def test_best_media_type(accept: str | None, expected: str | None) -> None:
    assert best_media_type(accept, ["application/json", "text/csv"]) == expected


@pytest.mark.parametrize(
    ("accept", "csv"),
    [("TEXT/CSV", True), ("text/*", True), ("text/csv;q=0, */*", False), ("*/*;q=0.1, text/csv", True)],
)
async def test_a_list_answers_what_accept_prefers(client: httpx.AsyncClient, accept: str, csv: bool) -> None:
    response = await client.get(LIST, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv" if csv else "application/json")
    assert response.headers["vary"] == "Accept"
    if csv:
        assert response.text.startswith("id,")
    else:
        assert response.json()["items"]


@pytest.mark.parametrize(
    ("url", "accept", "available"),
    [
        (LIST, "text/csv;q=0", "application/json or text/csv"),
        (LIST, "text/html", "application/json or text/csv"),
        (DETAIL, "text/csv", "application/json"),
        (f"{LIST}.csv", "application/json", "text/csv"),
        (f"{DETAIL}/odrl", "application/json", "application/ld+json"),
        ("/api/v1/health", "application/xml", "application/json"),
    ],
)
async def test_nothing_acceptable_is_a_406(client: httpx.AsyncClient, url: str, accept: str, available: str) -> None:
    response = await client.get(url, headers={"Accept": accept})
    assert response.status_code == 406
    assert available in problem(response)["detail"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(
    ("url", "accept"),
    [(DETAIL, "application/*"), (f"{LIST}.csv", "text/*"), (f"{DETAIL}/odrl", "application/ld+json, */*;q=0.1")],
)
async def test_ranges_that_cover_the_route(client: httpx.AsyncClient, url: str, accept: str) -> None:
    assert (await client.get(url, headers={"Accept": accept})).status_code == 200
