"""The API's contract: the committed OpenAPI spec, problem details, caching, CORS, read-only."""

from __future__ import annotations

import datetime
import json

import httpx
import pytest
from litestar import Litestar

from api.spec import render_openapi
from tests.conftest import ROOT, problem


def test_committed_openapi_matches_the_app(app: Litestar) -> None:
    committed = (ROOT / "docs" / "openapi.json").read_text()
    assert committed == render_openapi(app), "run `.venv/bin/pactstore openapi` and commit docs/openapi.json"


def test_every_operation_has_an_id_a_summary_and_problem_responses(app: Litestar) -> None:
    spec = json.loads(render_openapi(app))
    assert spec["openapi"].startswith("3.1")
    seen = set()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("operationId"), (path, method)
            assert operation["operationId"] not in seen
            seen.add(operation["operationId"])
            assert operation.get("summary"), (path, method)
            assert operation.get("description"), (path, method)
            if "{" in path or operation.get("parameters"):
                assert "application/problem+json" in json.dumps(operation["responses"]), path


async def test_openapi_json_and_offline_docs_page(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/schema/openapi.json")).json()
    assert "/api/v1/agreements" in spec["paths"]
    page = await client.get("/schema/swagger")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert "http://" not in page.text
    assert "https://" not in page.text
    for asset in (
        "/static/swagger/swagger-ui-bundle.js",
        "/static/swagger/swagger-ui.css",
        "/static/pactstore/swagger-init.js",
    ):
        assert asset in page.text
        assert (await client.get(asset)).status_code == 200


async def test_health_names_the_build(client: httpx.AsyncClient, built, db) -> None:  # type: ignore[no-untyped-def]
    body = (await client.get("/api/v1/health")).json()
    assert body["status"] == "ok"
    assert body["build_id"] == built.build_id
    assert body["counts"]["agreements"] == db["agreements"].count


async def test_etag_and_304(client: httpx.AsyncClient, built) -> None:  # type: ignore[no-untyped-def]
    first = await client.get("/api/v1/agreements")
    tag = first.headers["etag"]
    today = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d")
    # Answers without `on` give the status today, so the date is part of the tag.
    assert tag == f'"{built.build_id}-{today}-json"'
    assert first.headers["cache-control"] == "public, max-age=60"
    again = await client.get("/api/v1/agreements", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    csv_tag = (await client.get("/api/v1/agreements.csv")).headers["etag"]
    assert csv_tag != tag
    stale = await client.get("/api/v1/agreements", headers={"If-None-Match": '"other-json"'})
    assert stale.status_code == 200


async def test_errors_carry_no_etag(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/agreements/nope")
    assert "etag" not in response.headers


async def test_cors_allows_get_from_any_origin(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/health", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = await client.options(
        "/api/v1/agreements",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code in (200, 204)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_the_api_is_read_only(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/api/v1/agreements", content=b"{}")
    assert response.status_code == 405
    body = problem(response)
    assert "read-only" in body["detail"]
    assert "GET" in response.headers["allow"]


@pytest.mark.library  # the examples are recorded from the whole store
def test_examples_are_the_apis_real_answers(app: Litestar) -> None:
    from api.examples import EXAMPLE_REQUESTS, EXAMPLES_FILE, record_examples, render_examples

    assert EXAMPLES_FILE.read_text() == render_examples(record_examples(app)), "run `pactstore openapi`"
    spec = json.loads(render_openapi(app))
    operations = {op["operationId"]: op for item in spec["paths"].values() for op in item.values()}
    for operation_id in EXAMPLE_REQUESTS:
        content = next(iter(operations[operation_id]["responses"]["200"]["content"].values()))  # then CSV by Accept
        assert content["examples"], operation_id


async def test_the_served_spec_is_valid_openapi(client: httpx.AsyncClient) -> None:
    from openapi_spec_validator import validate

    validate((await client.get("/schema/openapi.json")).json())
    validate(json.loads((ROOT / "docs" / "openapi.json").read_text()))


async def test_every_example_in_the_served_spec_fits_its_schema(client: httpx.AsyncClient) -> None:
    """Validated as the spec is served (Litestar's rendering dropped the nulls of recorded answers)."""
    from openapi_schema_validator import OAS31Validator

    spec = (await client.get("/schema/openapi.json")).json()
    checked, failures = 0, []
    for path, item in spec["paths"].items():
        for operation in item.values():
            for status, response in operation["responses"].items():
                for media_type, content in response.get("content", {}).items():
                    for name, example in (content.get("examples") or {}).items():
                        schema = {**content["schema"], "components": spec["components"]}
                        errors = list(OAS31Validator(schema).iter_errors(example["value"]))
                        checked += 1
                        if errors:
                            where = "/".join(map(str, errors[0].absolute_path))
                            failures.append(f"{path} {status} {media_type} {name}: {errors[0].message} at {where}")
    assert checked >= 20
    assert not failures, "\n".join(failures)


def test_the_example_check_can_fail() -> None:
    from openapi_schema_validator import OAS31Validator

    schema = {"type": "object", "required": ["next"], "properties": {"next": {"type": ["string", "null"]}}}
    assert not list(OAS31Validator(schema).iter_errors({"next": None}))
    assert list(OAS31Validator(schema).iter_errors({}))
