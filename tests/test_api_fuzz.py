"""Property-based run of the OpenAPI spec (schemathesis): generated requests for every operation
never get a 5xx, and every response conforms to the spec (status, content type, schema)."""

from __future__ import annotations

import hypothesis
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from tests.conftest import SEEDS

_DB = None


def _app():  # type: ignore[no-untyped-def]
    # schemathesis needs the schema at import time, before fixtures exist: build a private copy.
    import tempfile
    from pathlib import Path

    from api.domain.build import build

    global _DB
    if _DB is None:
        _DB = Path(tempfile.mkdtemp(prefix="pactstore-fuzz-")) / "pactstore.db"
        build(SEEDS, _DB)
    return create_app(_DB)


schema = schemathesis.openapi.from_asgi("/schema/openapi.json", _app())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_conforms_to_its_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
