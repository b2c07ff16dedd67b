"""The fast path for clean YAML (loaders/yaml_plain.py) gives exactly the data PyYAML's safe constructor gives,
and leaves everything unusual to the careful path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.yaml_plain import plain_data
from loaders.yamlfile import _Loader, read_yaml
from tests.conftest import SEEDS


def _careful(text: str) -> object:
    loader = _Loader(text)
    try:
        return loader.construct_document(yaml.compose(text, Loader=_Loader))
    finally:
        loader.dispose()


@pytest.mark.parametrize("path", sorted(SEEDS.rglob("*.yaml")), ids=lambda p: str(p.relative_to(SEEDS)))
def test_every_seed_file_reads_the_same_either_way(path: Path) -> None:
    text = path.read_text()
    fast = plain_data(yaml.compose(text, Loader=_Loader))
    assert fast is not None, "a seed file should be clean enough for the fast path"
    data, _may_be_draft = fast
    assert data == _careful(text)
    assert repr(data) == repr(_careful(text))  # the same types too (True is not 1, 1.0 is not 1)


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key
        "1: one\n",  # a key that is not a field name
        "n: 99999999999999999999\n",  # beyond SQLite's integers
        "d: !!binary aGVsbG8=\n",  # a tag the seeds never use
    ],
)
def test_the_unusual_takes_the_careful_path(text: str) -> None:
    assert plain_data(yaml.compose(text, Loader=_Loader)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mode: 0755\n", {"mode": 493}),  # YAML 1.1 octal, as the safe constructor reads it
        ("n: 1_000\n", {"n": 1000}),
        ("n: -5\n", {"n": -5}),
        ("x: 1.5\n", {"x": 1.5}),
        ("flag: false\nnorway: NO\n", {"flag": False, "norway": "NO"}),
        ("when: 2016-11-23\n", {"when": "2016-11-23"}),
        ("empty:\n", {"empty": None}),
    ],
)
def test_scalars_read_as_the_safe_constructor_reads_them(text: str, expected: dict[str, object]) -> None:
    fast = plain_data(yaml.compose(text, Loader=_Loader))
    assert fast is not None
    assert fast[0] == expected == _careful(text)


def test_a_clean_file_keeps_its_text_and_finds_lines_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("id: x\nprovisions:\n  - kind: scope\n    id: s\n")
    doc, errors = read_yaml(path, "record.yaml")
    assert errors == []
    assert doc is not None
    assert doc.may_be_draft is False
    assert doc.line_of("$.provisions[0].id") == 4


def test_a_file_with_aliases_is_read_the_careful_way(tmp_path: Path) -> None:
    # Aliases can share and multiply nodes (alias bombs, cycles): read_yaml checks them on the tree and keeps it.
    path = tmp_path / "aliases.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\n")
    doc, errors = read_yaml(path, "aliases.yaml")
    assert errors == []
    assert doc is not None
    assert doc.data == {"a": [1, 2], "b": [1, 2]}
    assert doc.may_be_draft is True  # the careful path always runs the draft check


def test_a_draft_mark_sends_the_file_to_the_draft_check(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text("id: x\nnote: TODO fill in\n")
    doc, _errors = read_yaml(path, "draft.yaml")
    assert doc is not None
    assert doc.may_be_draft is True
