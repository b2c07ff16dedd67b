"""Security headers on every response, a content security policy the pages work under, and a read-only service.

The pages are checked against their own policy without a browser: every inline script of a page must be
allowed by a hash in its policy, and pages whose policy has no 'unsafe-inline' must carry no inline style
or event handler. (tests/test_browser.py loads the same pages in Chromium, where a violation is a console
error.)
"""

from __future__ import annotations

import base64
import hashlib
import re
import sqlite3

import httpx
import pytest
from litestar import Litestar

from api.security import DATASETTE_CSP, PAGE_CSP, datasette_script_hashes, swagger_style_hashes

HTML_PAGES = [
    "/",
    "/agreements/jpn-kor-gsomia-2016",
    "/agreements/no-such-agreement",  # a problem page
    "/parties/kor",
    "/compare?a=jpn-kor-usa-tisa-2014&b=jpn-kor-gsomia-2016",
    "/compare",
    "/schema/swagger",
    "/data/",
    "/data/pactstore",
    "/data/pactstore/agreements",
    "/data/pactstore/agreements?_facet=kind",
    "/data/pactstore/agreements/jpn-kor-gsomia-2016",
    "/data/pactstore/agreement_timeline",
    "/data/pactstore?sql=select+id+from+agreements",
    "/data/pactstore/no_such_table",
]
OTHER = [
    "/api/v1/health",
    "/api/v1/agreements",
    "/api/v1/agreements.csv",
    "/api/v1/nope",
    "/schema/openapi.json",
    "/static/pactstore/swagger-init.js",
    "/data/pactstore/agreements.json",
    "/data/pactstore/agreements.csv",
    "/data/-/static/app.css",
    "/api/v1/agreements?x=" + "a" * 5000,  # refused by api/security.py before routing
]
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [p.split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("url", HTML_PAGES + OTHER)
async def test_every_response_has_the_security_headers(client: httpx.AsyncClient, url: str) -> None:
    response = await client.get(url)
    assert response.status_code < 500
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert "server" not in response.headers
    policy = _directives(response.headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    for directive in ("default-src", "script-src"):
        assert "'unsafe-eval'" not in policy.get(directive, [])
        assert "'unsafe-inline'" not in policy.get(directive, [])
        assert "*" not in policy.get(directive, [])


@pytest.mark.parametrize("url", HTML_PAGES)
async def test_pages_work_under_their_policy(client: httpx.AsyncClient, url: str) -> None:
    response = await client.get(url)
    assert response.headers["content-type"].startswith("text/html")
    page, policy = response.text, _directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    scripts = policy.get("script-src", policy["default-src"])
    for found in _SCRIPT.finditer(page):
        if "src=" in found["attrs"]:
            source = re.search(r'src="([^"]+)"', found["attrs"])
            assert source, found["attrs"]
            assert source[1].startswith("/"), f"a script from elsewhere: {found['attrs']}"
        else:
            assert _hash(found["body"]) in scripts, f"inline script not allowed by the policy: {found['body'][:80]!r}"
    styles = policy.get("style-src", policy["default-src"])
    if "'unsafe-inline'" not in styles:
        assert not re.search(r"<style[\s>]|\sstyle=", page), "inline style on a page whose policy forbids it"
    assert not re.search(r"<[^>]+\son[a-z]+=", page), "an inline event handler"
    assert "javascript:" not in page


async def test_datasette_pages_get_their_own_policy(client: httpx.AsyncClient) -> None:
    landing = (await client.get("/")).headers["content-security-policy"]
    table = (await client.get("/data/pactstore/agreements")).headers["content-security-policy"]
    assert landing == PAGE_CSP
    assert "'unsafe-inline'" not in landing
    assert table == DATASETTE_CSP
    assert _directives(table)["style-src"] == ["'self'", "'unsafe-inline'"]


def test_datasette_script_hashes_follow_the_templates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.html").write_text("<script>one()</script><script src='x.js'></script>")
    (tmp_path / "b.html").write_text("<script>x = {{ datasette_allow_facet }};</script><script>{{ other }}</script>")
    assert datasette_script_hashes(tmp_path) == sorted([_hash("one()"), _hash("x = true;"), _hash("x = false;")])
    assert len(datasette_script_hashes()) >= 4


def test_swagger_style_hashes_follow_its_scripts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "swagger-ui-bundle.js").write_text('a.createElement("style",null,".x{fill:#fff}"),b.style={}')
    assert swagger_style_hashes(tmp_path) == [_hash(".x{fill:#fff}")]
    installed = swagger_style_hashes()
    assert installed, "Swagger UI 5 renders its logo's colours in a <style> element"
    assert all(h in PAGE_CSP for h in installed)


async def test_an_injected_script_would_not_be_allowed(client: httpx.AsyncClient) -> None:
    """The Datasette policy lists hashes, not 'unsafe-inline': a script it does not know is refused."""
    response = await client.get("/data/pactstore/agreements", params={"_search": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text
    scripts = _directives(response.headers["content-security-policy"])["script-src"]
    assert _hash("alert(1)") not in scripts


# --- read-only ---------------------------------------------------------------------------------


def test_no_route_accepts_writes(app: Litestar) -> None:
    for route in app.routes:
        methods = getattr(route, "methods", set())
        assert methods <= {"GET", "HEAD", "OPTIONS"}, f"{route.path} accepts {methods}"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/", "/api/v1/agreements/jpn-kor-gsomia-2016", "/data/pactstore/agreements"])
async def test_writes_are_refused_everywhere(client: httpx.AsyncClient, method: str, url: str) -> None:
    response = await client.request(method, url)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "GET" in response.headers["allow"]


def test_the_store_connection_is_read_only(app: Litestar) -> None:
    snapshot = app.state.store.snapshot()
    for sql in ("delete from agreements", "create table t (x)", "update build_info set build_id = 'x'"):
        with pytest.raises(sqlite3.Error):
            snapshot.connection.execute(sql)
    assert snapshot.value("select count(*) from agreements") > 0
