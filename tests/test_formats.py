"""schema/ is the one source of truth: the committed JSON Schemas are generated from it, and it
depends on nothing else in the project."""

from __future__ import annotations

import ast
import json

import pytest

from schema.formats import FORMATS, render_json_schema
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_committed_json_schema_is_current(name: str) -> None:
    committed = (ROOT / "docs" / "schema" / f"{name}.schema.json").read_text()
    assert committed == render_json_schema(name), "run `make schema` and commit the result"


def test_agreement_schema_keeps_the_provision_discriminator() -> None:
    schema = json.loads(render_json_schema("agreement"))
    provisions = schema["$defs"]["Agreement"]["properties"]["provisions"]["items"]
    assert provisions["discriminator"]["propertyName"] == "kind"
    assert "third_country_transfer" in provisions["discriminator"]["mapping"]
    assert schema["$defs"]["Citation"]["additionalProperties"] is False


def test_schema_imports_nothing_from_api_or_loaders() -> None:
    for path in (ROOT / "schema").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"api", "loaders", "cli"}, f"{path.name} imports {name}"


def test_provision_kind_filter_lists_every_provision_type() -> None:
    import typing

    from schema.provisions import PROVISION_KINDS, ProvisionKind

    assert set(typing.get_args(ProvisionKind)) == set(PROVISION_KINDS)
