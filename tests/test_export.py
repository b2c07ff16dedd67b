"""Versioned bulk releases: `pactstore export DIR` and /downloads. The codebook covers every column of every
CSV, the sums hold, the article texts are withheld, the dyad-years come from the sharing rule, and the
changelog is the records' difference from the previous release."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.domain.dyads import expand
from api.domain.query import connect
from api.domain.sharing import evaluate
from api.export.release import read_manifest
from cli import main
from loaders.builder import BuildResult
from tests.conftest import build_seeds


def export(db: Path, releases: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["export", str(releases), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    (written,) = re.findall(r"wrote (\S+)", result.output)
    return Path(written)


@pytest.fixture(scope="module")
def release(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(built.path, tmp_path_factory.mktemp("releases"))


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert "pactstore export build/releases" in result.output


def test_version_is_package_and_content_hash(release: Path, built: BuildResult) -> None:
    manifest = read_manifest(release)
    assert manifest is not None
    assert manifest.version == f"{manifest.package_version}+{built.content_hash[:12]}" + (
        ".partial" if built.partial else ""
    )
    assert release.name == f"pactstore-{manifest.version}"


def test_sums_and_manifest_hold(release: Path) -> None:
    manifest = read_manifest(release)
    assert manifest is not None
    listed = {f.name for f in manifest.files}
    on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert on_disk == listed | {"manifest.json", "SHA256SUMS"}
    for line in (release / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_one_csv_per_table_and_view(release: Path) -> None:
    with sqlite3.connect(release / "pactstore.sqlite") as db:
        names = {n for (n,) in db.execute("select name from sqlite_master where type in ('table', 'view')")}
    csvs = {p.stem for p in (release / "csv").glob("*.csv")}
    assert {"agreements", "events", "provisions", "citations", "agreements_today", "provisions_scope"} <= csvs
    assert csvs <= names
    left = {
        n
        for n in names - csvs
        if "_fts" not in n and not n.startswith(("search_porter", "search_stemmed", "search_trigram"))
    }
    assert left <= {"agreement_details", "agreement_summaries", "sharing_terms", "provision_details"}, left


def test_codebook_covers_every_column_of_every_csv(release: Path) -> None:
    book = {(r["file"], r["column"]): r for r in rows(release / "codebook.csv")}
    for path in [*release.glob("*.csv"), *(release / "csv").glob("*.csv")]:
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        for column in header:
            entry = book.get((path.stem, column))
            assert entry is not None, (path.name, column)
            assert entry["meaning"], (path.name, column)
            assert entry["type"], (path.name, column)


def test_codebook_allowed_values_come_from_the_schema(release: Path) -> None:
    from schema.agreements import EventKind
    from schema.base import Precision

    book = {(r["file"], r["column"]): r for r in rows(release / "codebook.csv")}
    assert book[("events", "kind")]["allowed_values"].split("; ") == list(EventKind.__args__)
    assert book[("documents", "published_precision")]["allowed_values"].split("; ") == list(Precision.__args__)
    assert book[("dyad_years", "channel")]["allowed_values"] == "yes; unknown"


def test_article_texts_are_withheld(release: Path) -> None:
    with sqlite3.connect(release / "pactstore.sqlite") as db:
        assert db.execute("select count(*) from documents where raw_text != '' or clean_text != ''").fetchone() == (0,)
        indexed = db.execute("select count(*) from documents_fts where documents_fts match 'clean_text: pact'")
        assert indexed.fetchone() == (0,)
        quotes = db.execute("select count(*) from citations where quote != ''").fetchone()[0]
    assert quotes > 0
    assert all(r["raw_text"] == "" for r in rows(release / "csv" / "documents.csv"))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_dyad_years_follow_the_sharing_rule(release: Path, built: BuildResult) -> None:
    dyads = rows(release / "dyad_years.csv")
    assert dyads
    db = connect(built.path)
    for row in [r for r in dyads if r["channel"] == "yes"][:20]:
        import datetime

        answer = evaluate(db, row["state_a"], row["state_b"], datetime.date.fromisoformat(row["first_day"]))
        assert answer.channel_exists, row
        assert {c.agreement.id for c in answer.channels} & set(row["agreements"].split("; ")), row
    pairs = {(r["state_a"], r["state_b"]) for r in dyads}
    assert all(a != b for a, b in pairs)


def test_groups_expand_only_where_members_are_recorded() -> None:
    state_of = {"g": "g", "h": "h", "a": "a", "a-mod": "a", "b": "b"}
    kinds = {"g": "group", "h": "group", "a": "state", "b": "state"}
    assert expand("g", state_of, kinds, {"g": ["a-mod", "b"]}) == ["a", "b"]
    assert expand("h", state_of, kinds, {}) == []
    assert expand("a-mod", state_of, kinds, {}) == ["a"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_changelog_against_the_previous_release(
    release: Path, built: BuildResult, seeds_copy: Path, tmp_path: Path
) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    first = export(built.path, releases)
    records = sorted((seeds_copy / "agreements").glob("*.yaml"))
    texts = {p: p.read_text() for p in records}
    # A record no other names: another's row may carry the title of an agreement it relates to.
    record = next(
        p
        for p in records
        if re.search("^title: ", texts[p], re.M) and not any(p.stem in texts[q] for q in records if q != p)
    )
    record.write_text(re.sub(r"^(title: .*)$", r"\1 (retitled)", record.read_text(), count=1, flags=re.M))
    changed = build_seeds(seeds_copy, tmp_path / "changed.db")
    second = export(changed.path, releases)
    assert second != first
    manifest = read_manifest(second)
    assert manifest is not None
    assert manifest.previous == read_manifest(first).version  # type: ignore[union-attr]
    changes = rows(second / "changelog.csv")
    (entry,) = [c for c in changes if c["table"] == "agreements"]
    assert (entry["id"], entry["change"]) == (record.stem, "changed")
    assert "title" in entry["columns"].split("; ")
    assert not [c for c in changes if c["change"] != "changed"], "nothing was added or removed"
    explicit = export(changed.path, tmp_path / "other", "--previous", str(first))
    assert read_manifest(explicit).previous == read_manifest(first).version  # type: ignore[union-attr]


async def test_downloads_offers_the_release_and_its_codebook(built: BuildResult, release: Path) -> None:
    from api.app import create_app

    app = create_app(built.path, release.parent)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        listing = (await client.get("/downloads.json")).json()["releases"]
        latest = next(r for r in listing if r["latest"])
        page = await client.get("/downloads")
        assert page.status_code == 200
        assert latest["manifest"]["version"] in page.text
        book = await client.get(f"{latest['url']}codebook.csv")
        covered = {(r["file"], r["column"]) for r in csv.DictReader(io.StringIO(book.text))}
        for file in latest["manifest"]["files"]:
            if file["name"].endswith(".csv"):
                served = await client.get(latest["url"] + file["name"])
                assert served.status_code == 200
                assert hashlib.sha256(served.content).hexdigest() == file["sha256"]
                header = next(csv.reader(io.StringIO(served.text)))
                stem = Path(file["name"]).stem
                assert [c for c in header if (stem, c) not in covered] == [], file["name"]
        hostile = ("..%2f..%2fpactstore.db", "..%2fmanifest.json", "csv%2f..%2f..%2fx", "%2fetc%2fpasswd", "nope.csv")
        for path in hostile:
            assert (await client.get(latest["url"] + path)).status_code == 404, path
        assert (await client.get("/downloads/pactstore-0.0.0/manifest.json")).status_code == 404


async def test_downloads_without_a_release_says_how_to_make_one(built: BuildResult, tmp_path: Path) -> None:
    from api.app import create_app

    app = create_app(built.path, tmp_path / "none")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/downloads.json")).json()["releases"] == []
        assert "pactstore export" in (await client.get("/downloads")).text
