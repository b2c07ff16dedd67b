"""Conditional GET (RFC 9110 §13): only an answer that would be 2xx becomes a 304; If-None-Match compares weakly,
so a tag a proxy weakened (`W/"..."`, as gzip proxies do) still matches; a 304 has no content."""

from __future__ import annotations

import httpx
import pytest

from api.examples import EXAMPLE_REQUESTS
from tests.conftest import problem

NOT_2XX = [
    ("/api/v1/agreements/no-such-agreement", 404),
    ("/api/v1/documents/no-such-document/citations", 404),
    ("/api/v1/agreements?limit=0", 400),
    ("/api/v1/agreements?on=2016-02-30", 400),
    ("/api/v1/no-such-route", 404),
]


async def _tag(client: httpx.AsyncClient, url: str) -> str:
    response = await client.get(url)
    assert response.status_code == 200, url
    return response.headers["etag"]


@pytest.mark.parametrize(("url", "status"), NOT_2XX)
async def test_only_a_2xx_becomes_a_304(client: httpx.AsyncClient, url: str, status: int) -> None:
    current = await _tag(client, "/api/v1/agreements")  # every JSON answer of this build today has this tag
    for offered in ("*", current, f"W/{current}", f'"other", {current}'):
        response = await client.get(url, headers={"If-None-Match": offered})
        assert response.status_code == status, (url, offered)
        problem(response)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("url", sorted(set(EXAMPLE_REQUESTS.values())))
async def test_a_matching_tag_is_a_304_strong_or_weak(client: httpx.AsyncClient, url: str) -> None:
    tag = await _tag(client, url)
    assert not tag.startswith("W/")
    for offered in (tag, f"W/{tag}", f'"other", W/{tag}', f'W/"other",{tag}', "*"):
        response = await client.get(url, headers={"If-None-Match": offered})
        assert response.status_code == 304, offered
        assert response.content == b""
        assert response.headers["etag"] == tag
        assert response.headers["vary"] == "Accept"
        assert "cache-control" in response.headers
        assert "content-type" not in response.headers
    for offered in ('"other"', 'W/"other"', tag.replace('"', "")):
        assert (await client.get(url, headers={"If-None-Match": offered})).status_code == 200, offered


async def test_each_representation_has_its_own_tag(client: httpx.AsyncClient) -> None:
    json_tag = await _tag(client, "/api/v1/agreements")
    csv = await client.get("/api/v1/agreements", headers={"Accept": "text/csv", "If-None-Match": json_tag})
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["etag"] != json_tag
    assert csv.headers["etag"] == await _tag(client, "/api/v1/agreements.csv")


@pytest.mark.parametrize("url", ["/static/pactstore/landing.css", "/favicon.ico"])
async def test_files_keep_their_own_tags(client: httpx.AsyncClient, url: str) -> None:
    """A file changes with a release, not with a build: its tag is the file's (Litestar's), not the build's."""
    build_tag = await _tag(client, "/api/v1/agreements")
    tag = await _tag(client, url)
    assert tag != build_tag
    assert (await client.get(url, headers={"If-None-Match": f"W/{tag}"})).status_code == 304
    assert (await client.get(url, headers={"If-None-Match": build_tag})).status_code == 200
