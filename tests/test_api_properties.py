"""Hypothesis over every parameter of every operation of the spec, with any value at all: any text (control
characters, any script, very long), numbers far out of range, dates of every era, the spec's own values and known
hostile ones, each parameter present or absent, along with any `Accept` and `If-None-Match`. Whatever the request,
the answer is a 2xx that fits the operation's documented schema, a 304, or a 4xx problem; never a 5xx.

schemathesis (tests/test_api_fuzz.py) draws values from the schemas themselves; this draws them from outside them.
A new operation is covered without touching this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import hypothesis.strategies as st
import pytest
from hypothesis import given
from litestar.testing import TestClient
from openapi_schema_validator import OAS31Validator

from tests.fuzzing import fuzz_app, fuzz_settings, seeded
from tests.test_hostile_requests import HOSTILE, _check

APP = fuzz_app()
SPEC: dict[str, Any] = APP.openapi_schema.to_schema()
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
ACCEPT = st.sampled_from(["*/*", "application/json", "text/csv", "TEXT/CSV;q=0.5", "text/html", "x", "", "*/*;q=0"])


def _operations() -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        yield path, item["get"]


def _own_values(parameter: dict[str, Any]) -> list[str]:
    """The values the spec itself names for a parameter: its enum members, bounds and examples."""
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    values = [v for o in options for v in o.get("enum", []) if v is not None]
    values += [o[k] for o in options for k in ("minimum", "maximum") if k in o]
    values += [v for o in options for v in o.get("examples", [])]
    return [str(v) for v in values] or ["x"]


def _value(parameter: dict[str, Any]) -> st.SearchStrategy[str | None]:
    anything = st.one_of(
        TEXT,
        st.sampled_from(HOSTILE),
        st.sampled_from(_own_values(parameter)),
        st.integers(-(10**30), 10**30).map(str),
        st.dates().map(lambda d: d.isoformat()),
    )
    if parameter["in"] == "path":
        return anything.filter(bool)  # an empty path segment is another route
    return st.none() | anything


def _request(path: str, operation: dict[str, Any]) -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    parameters = operation.get("parameters", [])

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
        url, query = path, []
        for parameter in parameters:
            value = draw(_value(parameter), label=parameter["name"])
            if value is None:
                continue
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", quote(value, safe=""))
            else:
                query.append(f"{quote(parameter['name'])}={quote(value, safe='')}")
        headers = {"accept": draw(ACCEPT, label="Accept")}
        if draw(st.booleans(), label="conditional"):
            headers["if-none-match"] = draw(st.sampled_from(["*", 'W/"x"', '"x", *', "garbage"]))
        return url + ("?" + "&".join(query) if query else ""), headers

    return build()


def _schema(operation: dict[str, Any], status: int, media_type: str) -> dict[str, Any] | None:
    content = operation["responses"].get(str(status), {}).get("content", {})
    documented = content.get(media_type.split(";")[0])
    return None if documented is None else {**documented["schema"], "components": SPEC["components"]}


@pytest.fixture(scope="module")
def http() -> TestClient[Any]:
    # Not entered, so it starts no lifespan of its own beside schemathesis's (tests/fuzzing.py); each request
    # gets a portal of its own instead.
    return TestClient(APP, raise_server_exceptions=False)


@pytest.mark.parametrize(("path", "operation"), list(_operations()), ids=[o["operationId"] for _, o in _operations()])
def test_any_value_of_any_parameter(http: TestClient[Any], path: str, operation: dict[str, Any]) -> None:
    @given(request=_request(path, operation))
    @fuzz_settings(10)
    @seeded
    def check(request: tuple[str, dict[str, str]]) -> None:
        url, headers = request
        response = http.get(url, headers=headers)
        url = url if len(url) < 200 else f"{url[:200]}... ({len(url)} characters)"
        assert (problem := _check(response, f"GET {url} {headers}")) is None, problem  # type: ignore[arg-type]
        if response.status_code in (200, 304):
            assert response.status_code == 200 or "if-none-match" in headers
        media_type = response.headers.get("content-type", "")
        if response.status_code == 200:
            schema = _schema(operation, 200, media_type)
            assert schema is not None, f"GET {url}: 200 as {media_type}, which the spec does not document"
            if "json" in media_type:
                errors = list(OAS31Validator(schema).iter_errors(response.json()))
                assert not errors, f"GET {url}: {errors[0].message} at {list(errors[0].absolute_path)}"
        elif response.status_code >= 400:
            assert str(response.status_code) in operation["responses"], f"GET {url}: {response.status_code}"

    check()
