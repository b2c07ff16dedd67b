"""The spec's OpenAPI links lead somewhere: followed from each operation's example answer, a link that takes a
value from the answer leads to a 200 (the record it names), and one to a sub-resource to a 200 or, for a part
not every record has (an official text), a 404. A null field is no link to follow. (schemathesis's stateful run
follows them with generated requests, tests/test_api_fuzz.py.)"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from litestar import Litestar

from api.examples import EXAMPLE_REQUESTS


def _pointer(document: Any, pointer: str) -> Any:
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def _path_parameters(template: str, path: str) -> dict[str, str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    match = re.fullmatch(pattern, path)
    assert match, (template, path)
    return match.groupdict()


@pytest.fixture(scope="module")
def spec(app: Litestar) -> dict[str, Any]:
    return app.openapi_schema.to_schema()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_every_link_leads_to_an_answer(client: httpx.AsyncClient, spec: dict[str, Any]) -> None:
    paths = {item["get"]["operationId"]: path for path, item in spec["paths"].items()}
    followed, failures = set(), []
    for path, item in spec["paths"].items():
        operation = item["get"]
        links = operation["responses"]["200"].get("links", {})
        example = EXAMPLE_REQUESTS.get(operation["operationId"])
        if not links or example is None:
            continue
        answer = (await client.get(example)).json()
        request_path = _path_parameters(path, urlsplit(example).path)
        for name, link in links.items():
            target = paths[link["operationId"]]
            values = {
                parameter: request_path[expression.removeprefix("$request.path.")]
                if expression.startswith("$request.path.")
                else _pointer(answer, expression.removeprefix("$response.body#"))
                for parameter, expression in link["parameters"].items()
            }
            if None in values.values():
                continue
            for parameter, value in values.items():
                target = target.replace("{" + parameter + "}", quote(str(value), safe=""))
            response = await client.get(target)
            followed.add((operation["operationId"], name))
            sub_resource = all(e.startswith("$request.path.") for e in link["parameters"].values())
            if response.status_code != 200 and not (sub_resource and response.status_code == 404):
                failures.append(f"{operation['operationId']} -> {name}: GET {target} answered {response.status_code}")
    assert len(followed) >= 15
    assert not failures, "\n".join(failures)


def test_lists_link_to_their_items_and_details_to_their_parts(spec: dict[str, Any]) -> None:
    def links(path: str) -> dict[str, Any]:
        return spec["paths"][path]["get"]["responses"]["200"].get("links", {})

    assert links("/api/v1/agreements")["getAgreement"]["parameters"] == {"agreement_id": "$response.body#/items/0/id"}
    assert links("/api/v1/agreements/{agreement_id}")["getAgreementStatus"]["parameters"] == {
        "agreement_id": "$request.path.agreement_id"
    }
    # A provision's `provision_id` is its id within its agreement; the link takes its full `id`.
    assert links("/api/v1/agreements/{agreement_id}/provisions")["getProvision"]["parameters"] == {
        "provision_id": "$response.body#/items/0/id"
    }
    assert "getDocument" in links("/api/v1/documents/search")
    assert not any(links(path) for path in spec["paths"] if path.endswith(".csv"))
