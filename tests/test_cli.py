"""The `pactstore` command: build, validate and schema, each with an example in --help."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from cli import main
from tests.conftest import ROOT, SEEDS, SOURCES


@pytest.mark.parametrize("command", ["build", "validate", "schema", "propose"])
def test_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"pactstore {command}" in result.output


def _sources() -> list[str]:
    return [arg for root in SOURCES for arg in ("--sources", str(root))]


def test_build_prints_progress_and_a_summary(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["build", "--seeds", str(SEEDS), "--db", str(target), *_sources()])
    assert result.exit_code == 0, result.output
    assert "checking references, dates and quotes" in result.stderr
    db = sqlite_utils.Database(target)
    summary = f"{db['agreements'].count} agreements, {db['provisions'].count} provisions"
    assert summary in result.stdout


def test_build_without_the_library_says_what_it_left_out(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["build", "--seeds", str(SEEDS), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert "Partial build:" in result.stdout
    # The NATO 1997 record cites its official text, which lives in the library.
    assert "library:nl-treaties/BWBV0001372.md  https://wetten.overheid.nl/BWBV0001372" in result.stdout
    assert "agreement nato-1997-security-of-information" in result.stdout
    db = sqlite_utils.Database(target)
    assert db["agreements"].count_where("id = ?", ["nato-1997-security-of-information"]) == 0
    assert db["agreements"].count_where("id = ?", ["chn-kor-military-information-proposal"]) == 1


def test_strict_build_without_the_library_fails_and_names_the_source(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["build", "--seeds", str(SEEDS), "--db", str(target), "--strict"])
    assert result.exit_code == 1
    assert "texts.yaml:" in result.stderr
    assert "nl-treaties/BWBV0001372.md is not in the source library" in result.stderr
    assert not target.exists()


@pytest.mark.library
def test_build_with_the_library_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["build", "--seeds", str(SEEDS), "--db", str(target), *_sources(), "--strict"])
    assert result.exit_code == 0, result.output
    assert "Partial build" not in result.stdout
    info = sqlite_utils.Database(target)["build_info"].get(1)
    assert info["partial"] == 0
    assert info["missing_sources"] == "[]"


def test_validate_reports_all_errors_and_fails(seeds_copy: Path) -> None:
    path = seeds_copy / "agreements" / "jpn-kor-gsomia-2016.yaml"
    path.write_text(path.read_text().replace("round: 2", "round: two").replace("hub:", "hub:"))
    subjects = seeds_copy / "subjects.yaml"
    subjects.write_text(subjects.read_text().replace("broader: dprk\n", "broader: nowhere\n", 1))
    result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds_copy)])
    assert result.exit_code == 1
    assert "2 errors in the seeds" in result.stderr
    assert "jpn-kor-gsomia-2016.yaml:" in result.stderr
    assert "subjects.yaml:" in result.stderr


def test_validate_passes_on_the_real_seeds() -> None:
    result = CliRunner().invoke(main, ["validate", "--seeds", str(SEEDS), *_sources()])
    assert result.exit_code == 0
    assert "is valid" in result.stdout


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "docs" / "schema", tmp_path / "schema")
    assert CliRunner().invoke(main, ["schema", "--check", "--out", str(tmp_path / "schema")]).exit_code == 0
    (tmp_path / "schema" / "parties.schema.json").write_text("{}")
    result = CliRunner().invoke(main, ["schema", "--check", "--out", str(tmp_path / "schema")])
    assert result.exit_code == 1
    assert "parties.schema.json" in result.stderr
