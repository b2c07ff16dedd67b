"""Property-based runs of the OpenAPI spec (schemathesis): generated requests, valid and invalid, for every
operation, and sequences of requests that follow the spec's links (a list's first item to its detail, a detail
to its sub-resources, a reference to its record). No 5xx, and every response conforms to the spec (status,
content type, schema). Bounded and seeded here; `bench/fuzz.py` runs them longer for a release."""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzzing import EXAMPLES, fuzz_app, fuzz_settings, seeded

schema = schemathesis.openapi.from_asgi("/schema/openapi.json", fuzz_app())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@fuzz_settings(6)
@seeded
def test_api_conforms_to_its_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Follows the spec's links from answer to answer, checking every answer."""

    followed = 0

    def step(self, input: Any) -> Any:
        if input.transition is not None:
            type(self).followed += 1
        return super().step(input)

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        case.validate_response(response, checks=CHECKS)


def test_stateful_run_over_the_links() -> None:
    Workflow.followed = 0
    Workflow.run(settings=fuzz_settings(5, stateful_step_count=10 if EXAMPLES else 5))
    assert Workflow.followed > 0, "the stateful run followed no link: has the spec lost its links?"
