"""The sharing evaluation reads a classification under the classification terms of every agreement a
channel rests on (api/domain/markings.py), and lists as conditions only the terms that govern a
transfer. Generic behaviour, on fixture agreements written into a copy of the seeds: the rules come
from the records, not from code."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from api.domain import markings, terms
from api.domain.errors import BadParameter
from api.domain.sharing import evaluate
from api.domain.sharing_answer import SharingAnswer
from api.store import Store
from schema.provisions import PROVISION_KINDS
from tests.conftest import build_seeds

ON = datetime.date(2016, 6, 30)
TABLE, SILENT, PLANNED = "chn-usa-test-table", "chn-usa-test-silent", "chn-usa-test-planned"
CITE = """
  citations: &c
    - doc: our-bureau-2016-11-12
      quote: It has recently asked China to start negotiations on such a pact
"""


def fixture(agreement_id: str, provisions: str) -> str:
    """A pact between the US and China, in force since 2016, with the provisions given."""
    return f"""
id: {agreement_id}
short_name: {agreement_id}
title: A bilateral pact written for a test
kind:
  value: agreement{CITE}
parties:
  - {{party: usa, roles: [party], citations: *c}}
  - {{party: chn, roles: [party], citations: *c}}
events:
  - {{id: in-force, kind: entry_into_force, when: {{date: 2016-01-01}}, citations: *c}}
provisions:
{provisions}
citations: *c
"""


TABLE_TERMS = """
  - kind: classification_equivalence
    id: table
    basis: agreement_text
    highest_level: SECRET
    excluded_levels: [RESTRICTED]
    rows:
      - level: SECRET
        markings:
          - {party: usa, marking: SECRET}
          - {party: chn, marking: 机密, reading: Jimi}
      - level: CONFIDENTIAL
        markings:
          - {party: usa, marking: CONFIDENTIAL}
          - {party: chn, marking: 秘密, reading: Mimi}
        inferred: true
        note: A cell of the table is lost; written for the test.
        citations: *c
    citations: *c
  - {kind: third_country_transfer, id: no-release, basis: agreement_text, citations: *c}
  - {kind: destruction_return, id: destroy, options: [destroy], basis: agreement_text, citations: *c}
  - {kind: reproduction_translation, id: copies, markings_retained: true, basis: agreement_text, citations: *c}
  - {kind: duration, id: term, initial_term: {value: 1, unit: years}, renewal: automatic, citations: *c}
  - {kind: denunciation, id: leave, notice: written, notice_to: other_parties, citations: *c}
  - {kind: dispute_settlement, id: talk, means: [consultation], exclusive: true, citations: *c}
  - {kind: entry_into_force_rule, id: start, instruments: [signature], citations: *c}
  - {kind: authentic_languages, id: english, languages: [en], citations: *c}
"""
SILENT_TERMS = """
  - {kind: scope, id: any-form, limited_to_subjects: false, information_forms: [any], citations: *c}
"""
PLANNED_TERMS = """
  - kind: classification_equivalence
    id: planned-table
    basis: planned
    rows:
      - level: SECRET
        markings: [{party: usa, marking: SECRET}]
    citations: *c
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    import shutil

    from tests.conftest import SEEDS

    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    for agreement_id, provisions in ((TABLE, TABLE_TERMS), (SILENT, SILENT_TERMS), (PLANNED, PLANNED_TERMS)):
        (seeds / "agreements" / f"{agreement_id}.yaml").write_text(fixture(agreement_id, provisions))
    target = tmp_path_factory.mktemp("db") / "terms.db"
    build_seeds(seeds, target)
    return Store(target)


def ask(store: Store, classification: str | None, sender: str = "usa", recipient: str = "chn") -> SharingAnswer:
    return evaluate(store.snapshot(), sender, recipient, ON, classification=classification)


def channels(answer: SharingAnswer) -> dict[str, object]:
    return {c.agreement.id: c for c in answer.channels}


def refused(answer: SharingAnswer) -> dict[str, str]:
    return {c.agreement.id: c.explanation for c in answer.considered if c.reason == "classification_not_covered"}


@pytest.mark.parametrize("marking", ["SECRET", "secret", "Secret", "ＳＥＣＲＥＴ", "机密", "jimi"])
def test_any_partys_marking_or_the_english_level_names_the_row(store: Store, marking: str) -> None:
    answer = ask(store, marking)
    channel = next(c for c in answer.channels if c.agreement.id == TABLE)
    (read,) = channel.classification
    assert read.level == "SECRET"
    assert read.provision_id == f"{TABLE}.table"
    assert {(m.party, m.marking) for m in read.markings} == {("usa", "SECRET"), ("chn", "机密")}
    assert read.inferred is False
    assert read.sources
    assert all(s.document_id == "our-bureau-2016-11-12" for s in read.sources)
    assert any(f"{TABLE}.table" in note for note in channel.notes)


def test_an_inferred_row_says_so(store: Store) -> None:
    (read,) = channels(ask(store, "秘密"))[TABLE].classification  # type: ignore[attr-defined]
    assert (read.level, read.inferred) == ("CONFIDENTIAL", True)
    assert read.note == "A cell of the table is lost; written for the test."


def test_a_level_above_the_highest_is_refused_and_says_why(store: Store) -> None:
    answer = ask(store, "TOP SECRET")
    why = refused(answer)[TABLE]
    assert "has no level TOP SECRET" in why
    assert "it covers SECRET, CONFIDENTIAL" in why
    assert "nothing above SECRET" in why
    assert TABLE not in channels(answer)


def test_an_excluded_level_is_refused(store: Store) -> None:
    assert "excludes RESTRICTED" in refused(ask(store, "restricted"))[TABLE]


def test_an_agreement_without_classification_terms_passes_with_a_note(store: Store) -> None:
    for marking in ("SECRET", "TOP SECRET"):
        channel = channels(ask(store, marking))[SILENT]
        assert channel.classification == []  # type: ignore[attr-defined]
        assert f"{SILENT} states no classification terms in the store: {marking} is not checked against it." in (
            channel.notes  # type: ignore[attr-defined]
        )


def test_a_planned_table_is_a_note_never_a_refusal(store: Store) -> None:
    answer = ask(store, "CONFIDENTIAL")
    assert PLANNED not in refused(answer)
    channel = channels(answer)[PLANNED]
    assert channel.classification == []  # type: ignore[attr-defined]
    assert any("planned classification table does not name CONFIDENTIAL" in n for n in channel.notes)  # type: ignore[attr-defined]


def test_without_a_classification_nothing_is_read(store: Store) -> None:
    channel = channels(ask(store, None))[TABLE]
    assert channel.classification == []  # type: ignore[attr-defined]
    assert channel.notes == []  # type: ignore[attr-defined]


def test_a_marking_no_agreement_names_is_a_bad_parameter_listing_the_known_ones(store: Store) -> None:
    with pytest.raises(BadParameter) as raised:
        ask(store, "NOFORN")
    assert raised.value.name == "classification"
    assert {"SECRET", "CONFIDENTIAL", "机密", "秘密", "Jimi", "RESTRICTED", "TOP SECRET"} <= set(raised.value.allowed)
    assert "'NOFORN'" in raised.value.reason
    assert "机密" in raised.value.reason


def test_conditions_are_the_terms_of_a_transfer_not_of_the_instrument(store: Store) -> None:
    channel = channels(ask(store, None))[TABLE]
    kinds = {c.kind for c in channel.conditions}  # type: ignore[attr-defined]
    assert kinds == {
        "classification_equivalence",
        "third_country_transfer",
        "destruction_return",
        "reproduction_translation",
    }


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_a_leg_of_a_route_refuses_a_marking_its_table_lacks(seeds_copy: Path, tmp_path: Path) -> None:
    path = seeds_copy / "agreements" / "jpn-usa-gsomia-2007.yaml"
    text = path.read_text()
    assert text.endswith("\ncitations: *concluded\n")
    table = """
provisions:
  - kind: classification_equivalence
    id: test-table
    basis: agreement_text
    highest_level: CONFIDENTIAL
    rows:
      - level: CONFIDENTIAL
        markings: [{party: jpn, marking: 秘}, {party: usa, marking: CONFIDENTIAL}]
    citations: *concluded
citations: *concluded
"""
    path.write_text(text.removesuffix("\ncitations: *concluded\n") + table)
    target = tmp_path / "legs.db"
    build_seeds(seeds_copy, target)
    snapshot = Store(target).snapshot()
    on = datetime.date(2015, 6, 30)
    secret = evaluate(snapshot, "kor", "jpn", on, "dprk-missile-programme", "SECRET")
    why = refused(secret)["jpn-kor-usa-tisa-2014"]
    assert why.startswith(
        "the leg usa-dod -> jpn-mod rests on US–Japan military intelligence pact, and its classification"
    )
    assert "has no level SECRET" in why
    assert "nothing above CONFIDENTIAL" in why
    confidential = evaluate(snapshot, "kor", "jpn", on, "dprk-missile-programme", "confidential")
    (channel,) = confidential.channels
    assert [r.provision_id for r in channel.classification] == ["jpn-usa-gsomia-2007.test-table"]
    assert any("US–ROK military intelligence pact states no classification terms" in n for n in channel.notes)


# The matching rule's pieces, and the partition of provision kinds.


def test_markings_are_compared_normalised_and_case_folded() -> None:
    assert markings.fold("군사Ⅱ급비밀") == markings.fold("군사II급비밀")
    assert markings.fold("ＳＥＣＲＥＴ") == markings.fold("secret") == markings.fold(" Secret ")
    assert markings.fold("TOP  SECRET") == "top secret"
    assert markings.fold("極秘") != markings.fold("秘")


@pytest.mark.parametrize(
    ("level", "rank"),
    [
        ("TOP SECRET", 0),
        ("COSMIC TOP SECRET", 0),
        ("EU TOP SECRET", 0),
        ("NATO SECRET", 1),
        ("secret", 1),
        ("NATO CONFIDENTIAL", 2),
        ("NATO RESTRICTED", 3),
        ("second-rate military secrets", None),
        ("極秘", None),
    ],
)
def test_english_levels_rank_highest_first(level: str, rank: int | None) -> None:
    assert markings.rank(level) == rank


def test_every_provision_kind_is_either_a_transfer_term_or_not() -> None:
    groups = [terms.TRANSFER_KINDS, terms.INSTRUMENT_KINDS, terms.ROUTING_KINDS]
    assert set().union(*groups) == set(PROVISION_KINDS)
    assert sum(len(g) for g in groups) == len(PROVISION_KINDS), "a kind is in two groups"
