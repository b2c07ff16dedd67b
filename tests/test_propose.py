"""`pactstore propose` end to end on a library text whose record was curated by hand (ESA 2002): facts of
the proposal, and a draft that validates once its marks and TODOs are resolved mechanically."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from cli import main
from loaders.errors import SeedErrors
from loaders.official_text import split_official_text
from loaders.propose import propose
from loaders.propose.draft import render_draft
from schema.provisions import PROVISION_KINDS
from tests.conftest import LIBRARY, ROOT, build_seeds

ESA = LIBRARY / "nl-treaties" / "BWBV0001724.md"
pytestmark = pytest.mark.library


@pytest.fixture(scope="module")
def proposal():  # type: ignore[no-untyped-def]
    return propose(ESA, seeds_dir=ROOT / "seeds")


def _unit_text(language: str, unit: str) -> str:
    versions = split_official_text(ESA.read_text(encoding="utf-8"))
    return next(v for v in versions if v.language == language).unit(unit).text


def test_release_restriction_pinned_to_its_paragraph_in_both_languages(proposal) -> None:  # type: ignore[no-untyped-def]
    found = {p.language: p for p in proposal.provisions() if p.kind == "third_country_transfer"}
    assert set(found) == {"en", "nl"}
    for language, item in found.items():
        assert item.unit == "art_2__para_4"
        assert item.quote in _unit_text(language, "art_2__para_4")
        assert item.fields["approval_form"] == "prior_written"
    assert found["en"].article_label == "Article 2"
    assert found["nl"].article_label == "Artikel 2"


def test_denunciation_and_signing(proposal) -> None:  # type: ignore[no-untyped-def]
    denunciations = [p for p in proposal.provisions() if p.kind == "denunciation" and p.unit == "art_12__para_1"]
    assert {p.language for p in denunciations} == {"en", "nl"}
    assert all(p.fields.get("takes_effect_after") == {"value": 1, "unit": "years"} for p in denunciations)
    assert proposal.signed.date == "2002-08-19"
    assert proposal.signed.place == "Paris"
    assert {c.language for c in proposal.signed.citations} == {"en", "nl"}


def test_parties_resolved_and_the_depositary(proposal) -> None:  # type: ignore[no-untyped-def]
    by_id = {p.party: p for p in proposal.parties}
    assert {"esa", "esa-member-states", "fra"} <= set(by_id)
    assert "depositary" in by_id["fra"].roles
    assert not any(p.new for p in proposal.parties)


def _filler(info: Any) -> Any:
    """A value of the field's type (a msgspec type_info), as a curator resolving a TODO would write one."""
    if isinstance(info, msgspec.inspect.Metadata):
        if isinstance(info.type, msgspec.inspect.StrType) and (info.extra or {}).get("ref") == "party":
            return "esa"
        return _filler(info.type)
    if isinstance(info, msgspec.inspect.ListType):
        return [_filler(info.item_type)]
    if isinstance(info, msgspec.inspect.LiteralType):
        return info.values[0]
    if isinstance(info, msgspec.inspect.StrType):
        return "filled in by the test"
    raise AssertionError(f"no filler for {info}")


def _fields(kind: str | None) -> dict[str, Any]:
    if kind is None:
        return {}
    info = msgspec.inspect.type_info(PROVISION_KINDS[kind])
    assert isinstance(info, msgspec.inspect.StructType)
    return {f.name: f.type for f in info.fields}


def _resolve(node: Any, kind: str | None = None) -> Any:
    """Delete every review mark; fill every TODO of a required field, delete the others."""
    if isinstance(node, list):
        return [_resolve(item, kind) for item in node]
    if not isinstance(node, dict):
        return node
    tag = node.get("kind")
    kind = tag if isinstance(tag, str) and tag in PROVISION_KINDS else kind
    resolved = {}
    for key, value in node.items():
        if key == "review":
            continue
        if isinstance(value, str) and value.startswith("TODO"):
            fields = _fields(kind)
            if key in fields:
                resolved[key] = _filler(fields[key])
            elif key in ("short_name", "no_terms"):
                resolved[key] = "filled in by the test"
            continue
        resolved[key] = _resolve(value, kind)
    return resolved


def test_the_draft_is_refused_as_it_is_and_validates_once_resolved(proposal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = render_draft(proposal)
    record = next(yaml.safe_load_all(draft))
    assert record["id"] == "esa-2002-classified-information"
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    target = seeds / "agreements" / "esa-2002-classified-information.yaml"
    target.write_text(draft.split("\n---\n")[0], encoding="utf-8")
    with pytest.raises(SeedErrors, match="awaiting review"):
        build_seeds(seeds, tmp_path / "refused.db")
    # Every mark accepted but the gaps left: still a draft.
    unmarked = "\n".join(line for line in draft.split("\n---\n")[0].splitlines() if line.strip() != "review: proposed")
    target.write_text(unmarked, encoding="utf-8")
    with pytest.raises(SeedErrors, match="a gap left by the draft") as refused:
        build_seeds(seeds, tmp_path / "refused.db")
    assert "awaiting review" not in str(refused.value)
    assert not (tmp_path / "refused.db").exists()
    resolved = _resolve(record)
    target.write_text(yaml.safe_dump(resolved, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = build_seeds(seeds, tmp_path / "draft.db")
    pinned = sqlite_utils.Database(built.path).query(
        "select p.kind, c.language, c.unit_id from citations c join provisions p on p.id = c.owner_id "
        "where c.owner_type = 'provision' and p.agreement_id = ?",
        ["esa-2002-classified-information"],
    )
    languages: dict[tuple[str, str], set[str]] = {}
    for row in pinned:
        languages.setdefault((row["kind"], row["unit_id"]), set()).add(row["language"])
    # The typed terms are in the built store, pinned to their articles in both languages.
    for term in [
        ("third_country_transfer", "art_2__para_4"),
        ("denunciation", "art_12__para_1"),
        ("entry_into_force_rule", "art_10__para_2"),
    ]:
        assert languages.get(term) == {"en", "nl"}, term
    assert any(kind == "authentic_languages" for kind, _unit in languages)


def test_cli_json_and_against(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["propose", str(ESA), "--json", "--language", "nl"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert {"instruments", "parties", "signed"} <= set(document)
    provisions = document["instruments"][0]["provisions"]
    assert provisions
    assert {p["language"] for p in provisions} == {"nl"}
    assert {"kind", "unit", "article_label", "language", "quote", "fields", "confidence", "rule"} <= set(provisions[0])
    record = ROOT / "seeds" / "agreements" / "esa-2002-classified-information.yaml"
    against = runner.invoke(main, ["propose", str(ESA), "--against", str(record)])
    assert against.exit_code == 0, against.output
    assert "The text states, the record lacks:" in against.output
    draft = tmp_path / "draft.yaml"
    draft.write_text(runner.invoke(main, ["propose", str(ESA)]).output.split("\n---\n")[0], encoding="utf-8")
    refused = runner.invoke(main, ["propose", str(ESA), "--against", str(draft)])
    assert refused.exit_code == 1
    assert "is no record to compare with" in refused.output
    assert "awaiting review" in refused.output


def test_a_language_the_text_or_the_tables_lack_is_refused() -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["propose", str(ESA), "--language", "fr"])
    assert missing.exit_code == 2
    assert "has no 'fr' version: it has en, nl" in missing.output
    unknown = runner.invoke(main, ["propose", str(ESA), "--language", "xx"])
    assert unknown.exit_code == 2
    assert "no table for 'xx'" in unknown.output
