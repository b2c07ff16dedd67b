"""The unit ledger: every unit of an agreement's official text is accounted for once, with the
provisions that cite it or the reason it holds none; referenced stubs hold no terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import SeedErrors
from tests.conftest import load_test_seeds

pytestmark = pytest.mark.library  # the NATO 1997 text, whose ledger these tests edit, is in the library
RECORD = Path("agreements") / "nato-1997-security-of-information.yaml"


def _edit(seeds: Path, old: str, new: str) -> None:
    path = seeds / RECORD
    text = path.read_text()
    assert old in text, f"test setup: {old!r}"
    path.write_text(text.replace(old, new, 1))


def _errors(seeds: Path) -> list[str]:
    with pytest.raises(SeedErrors) as caught:
        load_test_seeds(seeds)
    return [str(e) for e in caught.value.errors]


def test_the_nato_ledger_is_complete(seeds_copy: Path) -> None:
    seeds = load_test_seeds(seeds_copy)
    ledger = {e.unit: e for e in seeds.agreements["nato-1997-security-of-information"].ledger}
    assert ledger["art_1"].provisions == [
        "protect-and-safeguard",
        "treaty-purposes-only",
        "no-disclosure-to-non-nato-parties",
    ]
    assert ledger["annex_2"].no_terms


def test_a_missing_unit_is_named(seeds_copy: Path) -> None:
    _edit(seeds_copy, "  - {unit: art_5, provisions: [other-agreements-permitted]}\n", "")
    errors = _errors(seeds_copy)
    assert any("the ledger of nato-1997-security-of-information-text is incomplete: list art_5" in e for e in errors)
    assert any("$.ledger" in e and "'art_5' is also cited by" not in e for e in errors)


def test_a_unit_listed_twice(seeds_copy: Path) -> None:
    _edit(seeds_copy, "  - {unit: art_7,", "  - {unit: art_5, no_terms: twice}\n  - {unit: art_7,")
    assert any("'art_5' is listed twice" in e for e in _errors(seeds_copy))


def test_a_unit_the_text_does_not_have(seeds_copy: Path) -> None:
    _edit(seeds_copy, "  - {unit: art_7,", "  - {unit: art_77, no_terms: none}\n  - {unit: art_7,")
    assert any("has no unit 'art_77'" in e for e in _errors(seeds_copy))


def test_a_citing_provision_must_be_listed(seeds_copy: Path) -> None:
    _edit(
        seeds_copy,
        "  - {unit: art_9, provisions: [us-government-is-depositary, one-year-denunciation]}",
        "  - {unit: art_9, provisions: [one-year-denunciation]}",
    )
    assert any("'art_9' is also cited by us-government-is-depositary: list it here" in e for e in _errors(seeds_copy))


def test_a_listed_provision_must_cite_the_unit(seeds_copy: Path) -> None:
    _edit(
        seeds_copy,
        "  - {unit: art_5, provisions: [other-agreements-permitted]}",
        "  - {unit: art_5, provisions: [other-agreements-permitted, open-to-new-nato-parties]}",
    )
    assert any("'open-to-new-nato-parties' cites no unit of 'art_5'" in e for e in _errors(seeds_copy))


def test_no_terms_for_a_cited_unit_is_refused(seeds_copy: Path) -> None:
    _edit(
        seeds_copy,
        "  - {unit: art_5, provisions: [other-agreements-permitted]}",
        "  - {unit: art_5, no_terms: nothing here}",
    )
    assert any(
        "'art_5' is cited by other-agreements-permitted: list them instead of `no_terms`" in e
        for e in _errors(seeds_copy)
    )


def test_an_entry_needs_provisions_or_a_reason(seeds_copy: Path) -> None:
    _edit(seeds_copy, "  - {unit: art_5, provisions: [other-agreements-permitted]}", "  - {unit: art_5}")
    assert any("give the provisions that cite the unit, or `no_terms`" in e for e in _errors(seeds_copy))


def test_a_referenced_stub_holds_no_terms(seeds_copy: Path) -> None:
    stub = seeds_copy / "agreements" / "nato-1952-security-agreement.yaml"
    stub.write_text(
        "id: nato-1952-security-agreement\nrecord: referenced\nshort_name: C-M(55)15\n"
        "title: Security Agreement by the Parties to the North Atlantic Treaty Organization (1952)\n"
        "kind: {value: agreement, citations: &cite [{doc: nato-1997-security-of-information-text, language: en,"
        ' unit: art_6__item_c, quote: "on 19th April, 1952, and subsequently incorporated"}]}\n'
        "parties:\n  - {party: nato-parties, roles: [party], citations: *cite}\n"
        "  - {party: nato, roles: [party], citations: *cite}\n"
        "provisions:\n  - {kind: costs, id: costs, rule: each_party_own, citations: *cite}\n"
        "citations: *cite\n"
    )
    assert _errors(seeds_copy) == [
        "seeds/agreements/nato-1952-security-agreement.yaml:10: $.provisions: a referenced stub has no terms: its text "
        "is not in the store"
    ]
