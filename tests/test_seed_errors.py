"""Every way a hand-edited seed can be wrong: a clear error naming the file and the field path,
and the database that was there before left byte for byte as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.builder import BuildResult
from loaders.errors import SeedError, SeedErrors
from tests.conftest import build_seeds as build

TISA = "agreements/jpn-kor-usa-tisa-2014.yaml"
GSOMIA = "agreements/jpn-kor-gsomia-2016.yaml"


@pytest.fixture
def existing_db(built: BuildResult, tmp_path: Path) -> Path:
    target = tmp_path / "served.db"
    shutil.copyfile(built.path, target)
    return target


def edit(seeds: Path, name: str, old: str, new: str) -> None:
    path = seeds / name
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def failed_build(seeds: Path, db: Path) -> list[SeedError]:
    before = db.read_bytes()
    with pytest.raises(SeedErrors) as caught:
        build(seeds, db)
    assert db.read_bytes() == before, "a failed build must leave the existing database untouched"
    assert not list(db.parent.glob("*.building")), "a failed build must not leave temporary files"
    return caught.value.errors


def only(errors: list[SeedError], file: str) -> SeedError:
    assert len(errors) == 1, [str(e) for e in errors]
    (error,) = errors
    assert error.file == f"seeds/{file}"
    assert str(error).startswith(f"seeds/{file}:")
    return error


def test_malformed_yaml(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, TISA, "short_name: TISA", "short_name: [TISA")
    error = only(failed_build(seeds_copy, existing_db), TISA)
    assert "invalid YAML" in error.message
    assert error.line is not None
    assert error.line > 1


def test_a_file_cut_off_inside_a_key_points_at_its_last_line(seeds_copy: Path, existing_db: Path) -> None:
    # libyaml adds the missing final line break itself and marks the line after the last one.
    path = seeds_copy / TISA
    text = path.read_text()
    cut = text[: text.index("short_name:") + len("short_n")]
    path.write_text(cut)
    error = only(failed_build(seeds_copy, existing_db), TISA)
    assert "invalid YAML" in error.message
    assert error.line == cut.count("\n") + 1


def test_unknown_field(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, TISA, "    hub: usa-dod\n", "    hub: usa-dod\n    hubb: usa\n")
    error = only(failed_build(seeds_copy, existing_db), TISA)
    assert error.path == "$.provisions[0]"
    assert "unknown field `hubb`" in error.message
    assert error.line is not None


def test_wrong_type(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "round: 2", "round: second")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[2].round"
    assert "Expected `int | null`, got `str`" in error.message
    text = (seeds_copy / GSOMIA).read_text().splitlines()
    assert "round: second" in text[error.line - 1]


def test_unknown_provision_kind(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "kind: need_to_know_access", "kind: need_to_knw_access")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.provisions[1].kind"
    assert "Invalid value 'need_to_knw_access'" in error.message


def test_bad_date(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "when: {date: 2016-10-27}", "when: {date: 2016-10-32}")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[0].when.date"
    assert "date" in error.message.lower()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_date_that_contradicts_its_weekday(seeds_copy: Path, existing_db: Path) -> None:
    edit(
        seeds_copy,
        GSOMIA,
        "date: 2016-11-09\n      as_written: on Wednesday",
        "date: 2016-11-08\n      as_written: on Wednesday",
    )
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[2].when.date"
    assert "names a Wednesday, but 2016-11-08 is a Tuesday" in error.message


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_relative_date_needs_its_reference_document(seeds_copy: Path, existing_db: Path) -> None:
    edit(
        seeds_copy,
        GSOMIA,
        "      as_written: this month\n      resolved_against: our-bureau-2016-11-12\n",
        "      as_written: this month\n",
    )
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[8].when.resolved_against"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_duplicate_id(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "id: round-2\n", "id: round-1\n")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[2].id"
    assert "duplicate id 'round-1'" in error.message


def test_duplicate_agreement_id_across_files(seeds_copy: Path, existing_db: Path) -> None:
    shutil.copyfile(seeds_copy / GSOMIA, seeds_copy / "agreements" / "copy.yaml")
    errors = failed_build(seeds_copy, existing_db)
    messages = {str(e) for e in errors}
    assert any("copy.yaml" in m and "must match the file name" in m for m in messages)
    assert any("copy.yaml" in m and "duplicate agreement id" in m for m in messages)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_dangling_party_reference(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, TISA, "    hub: usa-dod", "    hub: usa-dodd")
    error = only(failed_build(seeds_copy, existing_db), TISA)
    assert error.path == "$.provisions[0].hub"
    assert "unknown party 'usa-dodd'; did you mean 'usa-dod'?" in error.message


def test_dangling_document_reference(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, "parties.yaml", "- doc: our-bureau-2016-11-12", "- doc: our-bureau-2016-11-13")
    error = only(failed_build(seeds_copy, existing_db), "parties.yaml")
    assert error.path == "$.parties[0].facts[0].citations[0].doc"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_dangling_agreement_reference(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "agreement: jpn-kor-gsomia-2012", "agreement: jpn-kor-gsomia-2011")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.relations[0].agreement"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_quote_not_found(seeds_copy: Path, existing_db: Path) -> None:
    edit(
        seeds_copy,
        GSOMIA,
        "quote: only permitted officials will gain access",
        "quote: only approved officials will gain access",
    )
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.provisions[1].citations[2].quote"
    assert "quote not found in our-bureau-2016-11-12" in error.message


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_quote_with_different_typography_names_the_fix(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, TISA, "quote: Japan‘s Vice Defense Minister", "quote: Japan's Vice Defense Minister")
    error = only(failed_build(seeds_copy, existing_db), TISA)
    assert "the document has it as 'Japan‘s Vice Defense Minister Masanori Nishi'" in error.message


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_quote_from_page_furniture_is_refused(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "quote: The talks were revived on Nov 1\n", "quote: Other news\n")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert "only in page furniture (tail)" in error.message


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_ambiguous_quote_asks_for_an_occurrence(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, GSOMIA, "quote: The talks were revived on Nov 1\n", "quote: North Korea\n")
    error = only(failed_build(seeds_copy, existing_db), GSOMIA)
    assert "quote more words or set `occurrence`" in error.message


def test_changed_source_document(seeds_copy: Path, existing_db: Path) -> None:
    path = seeds_copy / "documents" / "004_8e83d236b5fa4bf9.txt"
    path.write_bytes(path.read_bytes().replace(b"diplomatically", b"legally"))
    error = only(failed_build(seeds_copy, existing_db), "documents.yaml")
    assert error.path == "$.documents[4].sha256"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_every_error_of_a_run_is_reported_together(seeds_copy: Path, existing_db: Path) -> None:
    edit(seeds_copy, TISA, "    hub: usa-dod", "    hub: usa-dodd")
    edit(seeds_copy, GSOMIA, "round: 2", "round: second")
    edit(seeds_copy, GSOMIA, "kind: need_to_know_access", "kind: nope")
    edit(seeds_copy, "subjects.yaml", "broader: dprk\n", "broader: dprkk\n")
    errors = failed_build(seeds_copy, existing_db)
    where = sorted((e.file.split("/")[-1], e.path) for e in errors)
    assert where == [
        ("jpn-kor-gsomia-2016.yaml", "$.events[2].round"),
        ("jpn-kor-gsomia-2016.yaml", "$.provisions[1].kind"),
        ("jpn-kor-usa-tisa-2014.yaml", "$.provisions[0].hub"),
        ("subjects.yaml", "$.subjects[2].broader"),
    ]


def test_no_database_is_created_when_there_was_none(seeds_copy: Path, tmp_path: Path) -> None:
    edit(seeds_copy, GSOMIA, "round: 2", "round: second")
    target = tmp_path / "new.db"
    with pytest.raises(SeedErrors):
        build(seeds_copy, target)
    assert not target.exists()
