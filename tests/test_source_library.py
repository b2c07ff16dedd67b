"""The source library: read by manifest and sha256, never copied in, read safely, and a build without
it is partial, says so, and leaves out whole records only."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import sqlite_utils

from loaders.errors import SeedError, SeedErrors
from loaders.seeds import load_seeds
from schema.base import Citation
from tests.conftest import LIBRARY, ROOT, SEEDS, build_seeds, load_test_seeds

NATO = "nato-1997-security-of-information"


def _errors(seeds: Path, **options: object) -> list[SeedError]:
    with pytest.raises(SeedErrors) as caught:
        load_test_seeds(seeds, **options)
    return caught.value.errors


# --- nothing of the library is committed ----------------------------------------------------


@pytest.mark.library
def test_no_committed_file_is_a_copy_of_a_library_file() -> None:
    library = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in LIBRARY.rglob("*") if p.is_file()}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copies = []
    for name in filter(None, tracked.decode().split("\0")):
        path = ROOT / name
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() in library:
            copies.append(f"{name} = {library[hashlib.sha256(path.read_bytes()).hexdigest()].relative_to(LIBRARY)}")
    assert copies == []


@pytest.mark.library
def test_records_quote_at_most_a_fifth_of_any_library_file() -> None:
    """Quotes are citations, not copies: per library file, the characters all records quote from it
    (each distinct quote once) stay under a fifth of the file."""
    seeds = load_test_seeds(SEEDS)
    quoted: dict[str, set[str]] = defaultdict(set)
    records = [*seeds.agreements.values(), *seeds.parties.values()]
    from loaders.walk import walk

    for record in records:
        for _path, value, _target in walk(record):
            if isinstance(value, Citation):
                quoted[value.doc].add(" ".join(value.quote.split()))
    sources = {**seeds.documents, **seeds.texts}
    too_much = {}
    for doc_id, quotes in quoted.items():
        entry = sources[doc_id].entry
        if entry.library is None:
            continue  # the five seed articles are the project's own starting material
        size = len(" ".join(sources[doc_id].raw.split()))
        share = sum(len(q) for q in quotes) / size
        if share > 0.2:
            too_much[entry.library] = round(share, 3)
    assert too_much == {}


# --- a build without the library ------------------------------------------------------------


def test_without_the_library_the_build_is_partial_and_says_what_it_lacks(tmp_path: Path) -> None:
    result = build_seeds(SEEDS, tmp_path / "partial.db", sources=(), strict=False)
    assert result.partial
    missing = {m.id: m for m in result.missing_sources}
    assert missing[f"{NATO}-text"].location == "library:nl-treaties/BWBV0001372.md"
    assert missing[f"{NATO}-text"].url == "https://wetten.overheid.nl/BWBV0001372"
    left_out = {r.id: r for r in result.left_out}
    assert left_out[NATO].kind == "agreement"
    assert f"{NATO}-text" in left_out[NATO].because
    db = sqlite_utils.Database(result.path)
    info = db["build_info"].get(1)
    assert info["partial"] == 1
    assert f"{NATO}-text" in info["missing_sources"]
    assert NATO in info["left_out"]
    # Whole records only: the NATO record is absent, not present without its provisions.
    assert db["agreements"].count_where("id = ?", [NATO]) == 0
    assert db["provisions"].count_where("agreement_id = ?", [NATO]) == 0
    assert db["citations"].count_where("agreement_id = ?", [NATO]) == 0
    # A record citing only the seed articles is there.
    assert db["agreements"].count_where("id = ?", ["chn-kor-military-information-proposal"]) == 1
    assert "jpn-kor-usa-tisa-2014-text" in left_out["jpn-kor-usa-tisa-2014"].because


def test_a_record_that_refers_to_a_left_out_record_is_left_out_too(seeds_copy: Path, tmp_path: Path) -> None:
    record = seeds_copy / "agreements" / "chn-kor-military-information-proposal.yaml"
    text = record.read_text()
    assert "\nrelations:" not in text, "test setup: the record has no relations yet"
    relation = (
        "relations:\n  - kind: relies_on\n    agreement: nato-1997-security-of-information\n    citations:\n"
        "      - doc: joongang-daily-2016-11-09\n        quote: Most of the draft was already negotiated in 2012\n"
    )
    record.write_text(text.replace("\nevents:", f"\n{relation}events:", 1))
    result = build_seeds(seeds_copy, tmp_path / "p.db", sources=(), strict=False)
    because = {r.id: r.because for r in result.left_out}
    assert because["chn-kor-military-information-proposal"] == f"refers to agreement {NATO}, which is left out"


def test_strict_turns_a_missing_source_into_an_error(tmp_path: Path) -> None:
    errors = _errors(SEEDS, sources=(), strict=True)
    (error,) = [e for e in errors if e.file == "seeds/texts.yaml" and "BWBV0001372.md" in e.message]
    assert error.path.endswith(".library")
    assert "nl-treaties/BWBV0001372.md is not in the source library" in error.message
    assert error.line is not None


@pytest.mark.library
def test_with_the_library_the_nato_record_loads_article_by_article(db: sqlite_utils.Database) -> None:
    info = db["build_info"].get(1)
    assert info["partial"] == 0
    units = {(r["language"], r["unit_id"]) for r in db["text_units"].rows_where("text_id = ?", [f"{NATO}-text"])}
    assert {("en", "art_1__item_iv"), ("nl", "art_1__item_iv"), ("en", "art_9"), ("nl", "annex_1")} <= units
    cited = {r["unit_id"] for r in db["citations"].rows_where("agreement_id = ? and text_id is not null", [NATO])}
    assert "art_1__item_iv" in cited
    versions = {r["language"]: r for r in db["text_versions"].rows_where("text_id = ?", [f"{NATO}-text"])}
    assert versions["en"]["authentic"] == 1
    assert versions["nl"]["text_kind"] == "translation"
    assert versions["nl"]["authentic"] == 0


# --- the library is read by sha256, safely ------------------------------------------------------


def _library_copy(tmp_path: Path) -> Path:
    """A private copy of the library (the tests may break it)."""
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    return library


@pytest.mark.library
def test_a_changed_library_file_names_the_file_and_both_hashes(seeds_copy: Path, tmp_path: Path) -> None:
    library = _library_copy(tmp_path)
    changed = library / "nl-treaties" / "BWBV0001372.md"
    changed.write_bytes(changed.read_bytes() + b"\n")
    errors = _errors(seeds_copy, sources=(library,))
    (error,) = [e for e in errors if e.path.endswith(".sha256")]
    assert "BWBV0001372.md has sha256 " + hashlib.sha256(changed.read_bytes()).hexdigest() in error.message
    assert "the entry says 9b8fbb4986ad82deebe66b7016e105dce994a8cb5e15cbf3181f8f7f707a9db7" in error.message


@pytest.mark.library
def test_a_second_library_root_is_searched_in_order(seeds_copy: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    seeds = load_seeds(seeds_copy, sources=(empty, _library_copy(tmp_path)), strict=True)
    assert f"{NATO}-text" in seeds.texts


@pytest.mark.library
@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_library_link_out_of_the_library_is_refused(seeds_copy: Path, tmp_path: Path, target: str) -> None:
    library = _library_copy(tmp_path)
    (library / "nl-treaties" / "BWBV0001372.md").unlink()
    (library / "nl-treaties" / "BWBV0001372.md").symlink_to(target)
    errors = _errors(seeds_copy, sources=(library,), strict=True)
    (error,) = [e for e in errors if e.path.endswith(".library")]
    assert f"it is a link to {target}" in error.message


def test_a_record_linked_from_outside_the_seeds_is_refused(seeds_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    record = seeds_copy / "agreements" / "jpn-usa-gsomia-2007.yaml"
    outside.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(outside)
    errors = _errors(seeds_copy)
    (error,) = [e for e in errors if e.file == "seeds/agreements/jpn-usa-gsomia-2007.yaml"]
    assert "outside the seeds" in error.message
    # Records that refer to it now refer to an unknown agreement: reported as such, nothing more.
    assert all("unknown agreement 'jpn-usa-gsomia-2007'" in e.message for e in errors if e is not error)


def test_a_seed_document_that_is_not_a_regular_file_is_refused(seeds_copy: Path) -> None:
    document = seeds_copy / "documents" / "003_a4f50618728cf43a.txt"
    document.unlink()
    os.mkfifo(document)  # a reader that opened it would wait forever
    errors = _errors(seeds_copy)
    (error,) = [e for e in errors if e.file == "seeds/documents.yaml" and e.path.endswith(".file")]
    assert "not a regular file" in error.message


def test_an_oversized_source_is_refused_before_it_is_read(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.manifests

    monkeypatch.setattr(loaders.manifests, "MAX_SOURCE_BYTES", 1000)
    errors = _errors(seeds_copy)
    assert any("bytes; the limit is 1000" in e.message for e in errors), [str(e) for e in errors]


def test_an_entry_needs_exactly_one_location(seeds_copy: Path) -> None:
    manifest = seeds_copy / "documents.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace("    file: 003_a4f50618728cf43a.txt\n", "", 1))
    errors = _errors(seeds_copy)
    assert any("give exactly one of `file`" in e.message for e in errors), [str(e) for e in errors]


# --- what the service says of a partial build, and how it credits its sources -------------------


async def test_health_and_landing_page_say_the_build_is_partial(tmp_path: Path) -> None:
    import httpx

    from api.app import create_app

    result = build_seeds(SEEDS, tmp_path / "partial.db", sources=(), strict=False)
    app = create_app(result.path)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        health = (await http.get("/api/v1/health")).json()
        page = (await http.get("/")).text
    assert health["partial"] is True
    assert {m["id"]: m["url"] for m in health["missing_sources"]}[
        f"{NATO}-text"
    ] == "https://wetten.overheid.nl/BWBV0001372"
    assert NATO in {r["id"] for r in health["left_out"]}
    assert "This is a partial build." in page
    assert f'data-left-out="{NATO}"' in page


@pytest.mark.library  # the test database is complete only with the library
async def test_a_complete_build_says_nothing_of_the_kind(client) -> None:  # type: ignore[no-untyped-def]
    health = (await client.get("/api/v1/health")).json()
    page = (await client.get("/")).text
    assert not health["partial"]
    assert health["missing_sources"] == []
    assert "partial build" not in page


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_every_source_quote_carries_its_attribution_and_text_kind(client) -> None:  # type: ignore[no-untyped-def]
    body = (await client.get("/api/v1/agreements/jpn-kor-usa-tisa-2014")).json()
    quotes = [q for p in body["provisions"] for q in p["sources"]]
    assert quotes
    assert all(q["text_kind"] == "verbatim" for q in quotes)
    assert {q["attribution"] for q in quotes if q["document_id"] == "yonhap-2014-12-29"} == {
        "Yonhap News Agency, 2014-12-29"
    }


@pytest.mark.library
async def test_official_text_quotes_say_which_version_is_a_translation(client) -> None:  # type: ignore[no-untyped-def]
    body = (await client.get(f"/api/v1/agreements/{NATO}")).json()
    by_language = {q["language"]: q for p in body["provisions"] for q in p["sources"] if q["text_id"]}
    assert by_language["en"]["attribution"].endswith("(authentic text)")
    assert by_language["nl"]["text_kind"] == "translation"
    assert "(translation)" in by_language["nl"]["attribution"]
