"""HEAD wherever GET (RFC 9110 §9.3.2): the same status and headers as GET, and no content, on every operation of
the spec, the landing page, the docs, the favicon, static files and Datasette."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from litestar import Litestar

from api.examples import EXAMPLE_REQUESTS

PAGES = [
    "/",
    "/schema/swagger",
    "/schema/openapi.json",
    "/favicon.ico",
    "/static/pactstore/landing.css",
    "/static/pactstore/odrl/odrl.jsonld",
    "/static/swagger/swagger-ui-bundle.js",
    "/data/",
    "/data/pactstore/agreements.json",
    "/data/pactstore/agreements.csv",
]


@pytest.fixture(scope="module")
def spec_requests(app: Litestar) -> list[str]:
    """For every GET operation of the spec: its example request (api/examples.py) or, without parameters in its
    path, the path itself; and with them, a request for a record that does not exist."""
    spec: dict[str, Any] = app.openapi_schema.to_schema()
    urls = []
    for path, item in spec["paths"].items():
        example = EXAMPLE_REQUESTS.get(item["get"]["operationId"])
        if example or "{" not in path:
            urls.append(example or path)
        if "{" in path:
            urls.append(path.replace("{", "no-such-").replace("}", ""))
    return urls


def _headers(response: httpx.Response) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in response.headers.multi_items() if k != "date")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_head_is_get_without_the_content(client: httpx.AsyncClient, spec_requests: list[str]) -> None:
    urls = spec_requests + PAGES
    statuses = set()
    for url in urls:
        get, head = await client.get(url), await client.head(url)
        assert head.status_code == get.status_code, url
        assert head.content == b"", url
        assert _headers(head) == _headers(get), url
        statuses.add(get.status_code)
    assert statuses == {200, 404}


async def test_conditional_head(client: httpx.AsyncClient) -> None:
    tag = (await client.head("/api/v1/agreements")).headers["etag"]
    again = await client.head("/api/v1/agreements", headers={"If-None-Match": tag})
    assert again.status_code == 304


@pytest.mark.parametrize("url", ["/api/v1/agreements", "/", "/favicon.ico", "/static/pactstore/landing.css"])
async def test_a_405_allows_head_wherever_it_allows_get(client: httpx.AsyncClient, url: str) -> None:
    response = await client.post(url)
    assert response.status_code == 405
    allowed = [m.strip() for m in response.headers["allow"].split(",")]
    assert "GET" in allowed
    assert "HEAD" in allowed
    assert "HEAD" in response.json()["detail"]
