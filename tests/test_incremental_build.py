"""Rebuilds with the build cache: an edited copy of the real seeds, rebuilt from the cache of an earlier build,
gives the database a full build of the same edited seeds gives (compared by bench/build.py's canonical dump),
and a rebuild that fails reports the located error and leaves the previous database byte for byte."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from api.domain.build import build
from cli import main
from loaders.errors import SeedErrors
from tests.conftest import LIBRARY, SEEDS, bench_module

pytestmark = pytest.mark.library


def _copy_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    return seeds


def _referenced_elsewhere(seeds: Path, agreement_id: str) -> bool:
    others = [p for p in seeds.rglob("*.yaml") if p.stem != agreement_id]
    return any(re.search(rf"\b{re.escape(agreement_id)}\b", p.read_text(encoding="utf-8")) for p in others)


def _standalone(seeds: Path) -> list[Path]:
    """Agreement files no other seed file names (no relation or official text points at them)."""
    return [p for p in sorted((seeds / "agreements").glob("*.yaml")) if not _referenced_elsewhere(seeds, p.stem)]


def _mappings(value: object) -> list[dict[str, object]]:
    """Every mapping in a parsed YAML value, nested ones included."""
    if isinstance(value, dict):
        return [value, *(m for v in value.values() for m in _mappings(v))]
    if isinstance(value, list):
        return [m for v in value for m in _mappings(v)]
    return []


def _build(seeds: Path, db: Path, library: Path = LIBRARY, **options: object):  # type: ignore[no-untyped-def]
    return build(seeds, db, sources=(library,), strict=True, **options)  # type: ignore[arg-type]


def test_a_rebuild_from_the_cache_gives_the_full_builds_database(tmp_path: Path) -> None:
    seeds = _copy_seeds(tmp_path)
    cache = tmp_path / "cache"
    db = tmp_path / "incremental.db"
    first = _build(seeds, db, cache_dir=cache)
    assert "0 of" in first.how  # a cold cache reuses nothing

    standalone = _standalone(seeds)
    assert standalone, "the test needs an agreement nothing else refers to"
    removed = standalone[0]
    files = [p for p in sorted((seeds / "agreements").glob("*.yaml")) if p != removed]
    texts = (seeds / "texts.yaml").read_text("utf-8")
    # Renamed: one that another record relates to, whose stored answers show the name and must be rebuilt too.
    changed = next(p for p in files if any(f"agreement: {p.stem}\n" in o.read_text("utf-8") for o in files if o != p))
    template = next(p for p in files[1:] if f"agreement: {p.stem}\n" not in texts)  # no official text to follow it
    text = changed.read_text(encoding="utf-8")
    short_name = re.search(r"^short_name: (.+)$", text, re.M)
    assert short_name is not None
    changed.write_text(text.replace(short_name.group(0), "short_name: A renamed agreement (edited)"), "utf-8")
    removed.unlink()
    added = seeds / "agreements" / f"{template.stem}-copy.yaml"
    added.write_text(
        re.sub(rf"^id: {re.escape(template.stem)}$", f"id: {added.stem}", template.read_text("utf-8"), flags=re.M),
        "utf-8",
    )

    again = _build(seeds, db, cache_dir=cache)
    files = len(list((seeds / "agreements").glob("*.yaml")))
    assert f"Agreement {files - 2:,} of {files:,} reused" in again.how  # all but the edited and the added file
    assert "documents and official texts kept from the incremental.db it replaced" in again.how
    full = _build(seeds, tmp_path / "full.db")
    assert full.how == "full build (no cache)"

    dump = bench_module("build").canonical_dump
    incremental, reference = dump(db), dump(tmp_path / "full.db")
    assert incremental.keys() == reference.keys()
    for table in reference:
        assert incremental[table] == reference[table], table
    names = [row for row in reference["agreements"] if "A renamed agreement (edited)" in row]
    assert len(names) == 1
    assert sum("A renamed agreement (edited)" in row for row in reference["agreement_details"]) >= 2
    answers = re.search(r"stored answers ([\d,]+) of ([\d,]+) reused", again.how)
    assert answers is not None, again.how
    reused, of = (int(n.replace(",", "")) for n in answers.groups())
    assert 0 < reused <= of - 3  # not the renamed, the related and the added one
    assert any(f"'{added.stem}'" in row for row in reference["agreements"])
    assert not any(f"'{removed.stem}'" in row for row in reference["agreements"])


def test_a_failed_rebuild_names_the_quote_and_keeps_the_database(tmp_path: Path) -> None:
    seeds = _copy_seeds(tmp_path)
    cache = tmp_path / "cache"
    db = tmp_path / "store.db"
    _build(seeds, db, cache_dir=cache)
    before = db.read_bytes()

    record = next(p for p in sorted((seeds / "agreements").glob("*.yaml")) if "quote: " in p.read_text("utf-8"))
    text = record.read_text("utf-8")
    quote = re.search(r"^(\s*)quote: (\S.{20,})$", text, re.M)
    assert quote is not None
    line = text[: quote.start()].count("\n") + 1
    record.write_text(
        text.replace(quote.group(0), f"{quote.group(1)}quote: A sentence no source holds at all"), "utf-8"
    )

    with pytest.raises(SeedErrors) as failed:
        _build(seeds, db, cache_dir=cache)
    located = [e for e in failed.value.errors if e.file.endswith(record.name)]
    assert located, failed.value.report()
    assert located[0].line == line
    assert located[0].path is not None
    assert located[0].path.endswith(".quote")
    assert db.read_bytes() == before


def test_a_changed_library_document_is_checked_again(tmp_path: Path) -> None:
    """A document whose file changed (its new sha256 recorded) is cleaned and its quotes located again: a
    quote the old file held and the new one does not is an error, not a cache hit."""
    seeds, library = _copy_seeds(tmp_path), tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    cache = tmp_path / "cache"
    db = tmp_path / "store.db"
    _build(seeds, db, library, cache_dir=cache)
    before = db.read_bytes()

    manifest_path = seeds / "documents.yaml"
    entries = yaml.safe_load(manifest_path.read_text("utf-8"))["documents"]
    cited = {
        (value["doc"], value["quote"])
        for p in (seeds / "agreements").glob("*.yaml")
        for value in _mappings(yaml.safe_load(p.read_text("utf-8")))
        if "doc" in value and "quote" in value
    }
    entry, quote = next((e, q) for e in entries if e.get("library") for doc, q in sorted(cited) if doc == e["id"])
    document = library / entry["library"]
    raw = document.read_text("utf-8")
    words = quote.split()
    pattern = re.compile(r"\s+".join(map(re.escape, words)))  # quotes match up to whitespace
    assert pattern.search(raw)
    # A word inserted after the quote's first word, in every place the quote stands.
    edited = pattern.sub(lambda m: m.group(0).replace(words[0], f"{words[0]} altered", 1), raw)
    document.write_bytes(edited.encode())
    digest = hashlib.sha256(edited.encode()).hexdigest()
    manifest_path.write_text(manifest_path.read_text("utf-8").replace(entry["sha256"], digest), "utf-8")

    with pytest.raises(SeedErrors) as failed:
        _build(seeds, db, library, cache_dir=cache)
    assert any(e.path and e.path.endswith(".quote") for e in failed.value.errors), failed.value.report()
    assert db.read_bytes() == before


def test_the_build_command_says_what_it_reused(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    command = ["build", "--seeds", str(SEEDS), "--db", str(db), "--sources", str(LIBRARY), "--strict"]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    assert (tmp_path / ".cache").is_dir()  # beside the database by default
    second = CliRunner().invoke(main, command)
    assert second.exit_code == 0, second.output
    files = len(list((SEEDS / "agreements").glob("*.yaml")))
    assert f"Agreement {files:,} of {files:,} reused" in second.stderr
    forced = CliRunner().invoke(main, [*command, "--full"])
    assert forced.exit_code == 0, forced.output
    assert "--full" in forced.stderr
    assert "reused" not in forced.stderr
