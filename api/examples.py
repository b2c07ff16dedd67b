"""Response examples for the OpenAPI document, recorded from the real seed database.

Each operation's example is the API's own answer to a fixed request (EXAMPLE_REQUESTS), recorded
by `pactstore openapi` into `api/examples.json` and attached to the operation's 200 response
when the app is created. A test re-records them and fails when the committed file is stale, so
the examples shown in the docs are always real answers, never hand-written ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litestar import Response
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example

from api.settings import EXAMPLES_FILE


@dataclass
class RecordedExample(Example):
    """An example whose value is rendered as recorded, nulls included.

    Litestar renders spec objects by dropping every None it meets, inside an example's value too
    (`litestar.openapi.spec.base._normalize_value`), so a recorded `"next": null` vanished and 16 of 25
    examples failed their own schemas (a required, nullable field missing)."""

    def to_schema(self) -> dict[str, Any]:
        rendered = super().to_schema()
        rendered["value"] = self.value
        rendered.pop("id", None)  # the example's key in the document, not a field of an OpenAPI Example Object
        return rendered


_LISTS = {
    "listAgreements": "/api/v1/agreements?party=kor&on=2016-11-30&limit=2",
    "listAgreementProvisions": "/api/v1/agreements/jpn-kor-gsomia-2016/provisions?kind=loss_notification",
    "listProvisions": "/api/v1/provisions?kind=intermediary_routing",
    "listParties": "/api/v1/parties?kind=ministry&limit=2",
    "listEvents": "/api/v1/events?agreement=jpn-kor-gsomia-2016&kind=negotiation&status=occurred&limit=2",
    "listDocuments": "/api/v1/documents?limit=2",
    "searchDocuments": "/api/v1/documents/search?q=ratification",
    "search": "/api/v1/search?q=ratify&limit=3",
    "listDocumentCitations": "/api/v1/documents/oslo-times-2014-12-26/citations?limit=2",
}

EXAMPLE_REQUESTS: dict[str, str] = {
    **_LISTS,
    **{f"{op}Csv": url.replace("?", ".csv?", 1) for op, url in _LISTS.items()},
    "getAgreement": "/api/v1/agreements/jpn-kor-gsomia-2016?on=2016-11-30",
    "getAgreementStatus": "/api/v1/agreements/jpn-kor-gsomia-2016/status?on=2019-12-01",
    "getProvision": "/api/v1/provisions/jpn-kor-gsomia-2016.no-third-country-transfer",
    "getParty": "/api/v1/parties/chn?on=2016-11-30",
    "getDocument": "/api/v1/documents/oslo-times-2014-12-26",
    "getAgreementText": "/api/v1/agreements/nato-1997-security-of-information/text?language=en",
    "getAgreementTextUnit": "/api/v1/agreements/nato-1997-security-of-information/text/art_9",
    "getAgreementOdrl": "/api/v1/agreements/jpn-kor-gsomia-2016/odrl?on=2016-11-30",
    "evaluateSharing": "/api/v1/sharing?from=kor&to=jpn&on=2015-06-30&subject=dprk-missile-programme",
    "compareAgreements": "/api/v1/compare?a=jpn-kor-usa-tisa-2014&b=jpn-kor-gsomia-2016&on=2016-11-30",
}
"""operationId -> the request whose answer is its example. Every date is fixed, so answers do not
change with the day the examples are recorded."""


def load_examples(path: Path = EXAMPLES_FILE) -> dict[str, dict[str, Any]]:
    """The recorded examples, by operation id (none when the file is missing)."""
    if not path.is_file():
        return {}
    return json.loads(path.read_text())


def render_examples(examples: dict[str, dict[str, Any]]) -> str:
    """The examples as committed in api/examples.json."""
    return json.dumps(examples, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _example_id(handler: HTTPRouteHandler) -> str | None:
    """A list's example is named after its page (`agreementpage-example-1`), as Litestar names the others after
    their type; a page is a `Page[T]` and would otherwise be `page-example-1`."""
    page = handler.opt.get("page")
    return f"{page.lower()}-example-1" if page and not str(handler.operation_id).endswith("Csv") else None


def attach_examples(handlers: list[HTTPRouteHandler], examples: dict[str, dict[str, Any]]) -> None:
    """Give each handler with a recorded example a 200 response that carries it."""
    for handler in handlers:
        recorded = examples.get(str(handler.operation_id))
        if recorded is None:
            continue
        documented = (handler.responses or {}).get(200)
        returned = handler.parsed_fn_signature.return_type
        if documented is not None:  # a list route documents its page type (api/listing.py)
            container = documented.data_container
        elif returned.is_subclass_of(Response) and returned.inner_types:  # `Response[Model]`: the model
            container = returned.inner_types[0].annotation
        else:
            container = returned.annotation
        is_csv = str(handler.operation_id).endswith("Csv")
        spec = ResponseSpec(
            data_container=str if is_csv else container,
            description="CSV with a header row" if is_csv else "The answer",
            media_type="text/csv" if is_csv else str(handler.media_type or "application/json"),
            generate_examples=False,
            examples=[
                RecordedExample(id=_example_id(handler), summary=f"GET {recorded['request']}", value=recorded["value"])
            ],
        )
        handler.responses = {**(handler.responses or {}), 200: spec}


def record_examples(app: Any) -> dict[str, dict[str, Any]]:
    """Ask `app` every example request and keep its answers (a developer tool: needs httpx)."""
    from litestar.testing import TestClient

    recorded: dict[str, dict[str, Any]] = {}
    with TestClient(app) as client:
        for operation_id, url in EXAMPLE_REQUESTS.items():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"example request {url} answered {response.status_code}: {response.text}")
            value = response.text if url.split("?")[0].endswith(".csv") else response.json()
            recorded[operation_id] = {"request": url, "value": value}
    return recorded
