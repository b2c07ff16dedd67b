"""A draft record (what `pactstore propose` writes) is refused until every proposal is reviewed and every
gap filled: the curator accepts an item by deleting its `review: proposed` mark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.errors import SeedErrors
from tests.conftest import load_test_seeds

FIXTURE = Path(__file__).parent / "fixtures" / "terms-fixture.yaml"


@pytest.fixture
def draft(seeds_copy: Path) -> Path:
    text = FIXTURE.read_text()
    text = text.replace(
        "  - kind: costs\n    id: own-costs\n", "  - kind: costs\n    review: proposed\n    id: own-costs\n"
    )
    text = text.replace(
        "    territories: [the territory of each party]\n", "    territories: [TODO which territories]\n"
    )
    path = seeds_copy / "agreements" / FIXTURE.name
    path.write_text(text)
    return path


def test_a_draft_is_refused_with_every_mark_and_gap_located(draft: Path) -> None:
    with pytest.raises(SeedErrors) as caught:
        load_test_seeds(draft.parent.parent)
    errors = caught.value.errors
    assert [e.file for e in errors] == ["seeds/agreements/terms-fixture.yaml"] * 2
    lines = draft.read_text().splitlines()
    proposal, gap = errors
    assert lines[proposal.line - 1].strip() == "review: proposed"  # type: ignore[operator]
    assert "delete this `review: proposed` line to accept it" in proposal.message
    assert "TODO which territories" in lines[gap.line - 1]  # type: ignore[operator]
    assert "fill it in or delete the field" in gap.message


def test_a_reviewed_draft_builds(draft: Path) -> None:
    text = draft.read_text().replace("    review: proposed\n", "").replace("TODO which territories", "each party")
    draft.write_text(text)
    seeds = load_test_seeds(draft.parent.parent)
    assert "terms-fixture" in seeds.agreements


def test_the_word_todo_inside_a_value_is_not_a_gap(seeds_copy: Path) -> None:
    shutil.copyfile(FIXTURE, seeds_copy / "agreements" / FIXTURE.name)
    path = seeds_copy / "agreements" / FIXTURE.name
    path.write_text(
        path.read_text().replace(
            "    rule: each_party_own\n", "    rule: each_party_own\n    note: Nothing TODO here.\n"
        )
    )
    assert "terms-fixture" in load_test_seeds(seeds_copy).agreements
