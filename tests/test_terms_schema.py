"""The kinds of term and lifecycle event written for real agreement texts: each decodes from a fixture
record, builds into its view with a readable summary, and is in the generated JSON Schema; the
lifecycle checks refuse what the schema alone cannot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from loaders.errors import SeedErrors
from schema.formats import json_schema
from schema.provisions import PROVISION_KINDS
from tests.conftest import ROOT, SEEDS, build_seeds, load_test_seeds

FIXTURE = Path(__file__).parent / "fixtures" / "terms-fixture.yaml"
NEW_KINDS = [
    "duration",
    "classification_equivalence",
    "classification_change",
    "dispute_settlement",
    "visits",
    "transmission",
    "reproduction_translation",
    "destruction_return",
    "contractors",
    "costs",
    "territorial_application",
    "intellectual_property",
    "compensation_waiver",
    "immunity_waiver",
    "legal_change_notification",
    "amendment",
]


@pytest.fixture
def with_fixture(seeds_copy: Path) -> Path:
    shutil.copyfile(FIXTURE, seeds_copy / "agreements" / FIXTURE.name)
    return seeds_copy


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    """The seeds with the fixture record, built once for the tests that only read the result."""
    where = tmp_path_factory.mktemp("terms")
    shutil.copytree(SEEDS, where / "seeds")
    shutil.copyfile(FIXTURE, where / "seeds" / "agreements" / FIXTURE.name)
    return sqlite_utils.Database(build_seeds(where / "seeds", where / "terms.db").path)


def _provision(db: sqlite_utils.Database, provision_id: str) -> dict:  # type: ignore[type-arg]
    return db["provisions"].get(f"terms-fixture.{provision_id}")


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_every_new_kind_is_in_the_schema_the_json_schema_and_the_guide(kind: str) -> None:
    assert kind in PROVISION_KINDS
    assert f'"{kind}"' in json.dumps(json_schema("agreement"))
    assert f"`{kind}`" in (ROOT / "docs" / "curating.md").read_text()


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_every_new_kind_builds_into_its_view(fixture_db: sqlite_utils.Database, kind: str) -> None:
    rows = list(fixture_db.view(f"provisions_{kind}").rows_where("agreement_id = ?", ["terms-fixture"]))
    assert len(rows) == 1
    assert rows[0]["summary"]


def test_duration_summary(fixture_db: sqlite_utils.Database) -> None:
    assert _provision(fixture_db, "one-year-renewed")["summary"] == (
        "In force for 1 year, renewed automatically by 1 year unless a party gives written notice through "
        "the diplomatic channel 90 days before a term ends."
    )


def test_equivalence_rows_keep_each_partys_own_script(fixture_db: sqlite_utils.Database) -> None:
    row = next(fixture_db.view("provisions_classification_equivalence").rows_where("agreement_id = 'terms-fixture'"))
    rows = json.loads(row["rows"])
    assert [(m["party"], m["marking"], m["reading"]) for m in rows[0]["markings"]] == [
        ("jpn", "極秘", "Gokuhi"),
        ("kor", "군사II급비밀", None),
    ]
    assert rows[1]["inferred"] is True
    assert json.loads(row["excluded_levels"]) == ["TOP SECRET"]
    summary = _provision(fixture_db, "equivalence")["summary"]
    assert "SECRET = 極秘 = 군사II급비밀" in summary
    assert "not covered: TOP SECRET" in summary
    # The inferred row's own citation is stored with the field it supports.
    fields = {r["field"] for r in fixture_db["citations"].rows_where("owner_id = 'terms-fixture.equivalence'")}
    assert "rows[1]" in fields


def test_entry_into_force_after_every_partys_notification(fixture_db: sqlite_utils.Database) -> None:
    assert _provision(fixture_db, "second-month-after-notifications")["summary"] == (
        "Enters into force on the first day of the second month after the last of every party's notifications."
    )


def test_loss_notification_with_investigation(fixture_db: sqlite_utils.Database) -> None:
    assert _provision(fixture_db, "loss")["summary"] == (
        "If information is lost or compromised, the originator must be notified immediately; the circumstances "
        "are investigated and the results reported."
    )


def test_purpose_limitation_with_an_approval_rule(fixture_db: sqlite_utils.Database) -> None:
    assert _provision(fixture_db, "purpose")["summary"] == (
        "Information may be used only for the purposes for which it was provided, unless the originating party "
        "gives prior written approval."
    )


def test_lifecycle_events_are_stored(fixture_db: sqlite_utils.Database) -> None:
    record = json.loads(fixture_db["agreements"].get("terms-fixture")["record_json"])
    events = {e["id"]: e for e in record["events"]}
    assert events["notice"]["takes_effect"]["date"] == "2019-11-23"
    assert events["suspended"]["notices"] == ["notice"]
    assert events["lapse"]["status"] == "averted"
    assert events["withdrawn"]["notices"] == ["notice", "suspended"]


def _errors(seeds: Path) -> list[str]:
    with pytest.raises(SeedErrors) as caught:
        load_test_seeds(seeds)
    return [str(e) for e in caught.value.errors]


def _edit(seeds: Path, old: str, new: str) -> None:
    path = seeds / "agreements" / FIXTURE.name
    text = path.read_text()
    assert old in text, f"test setup: {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_a_suspension_names_the_notice_it_suspends(with_fixture: Path) -> None:
    _edit(with_fixture, "    notices: [notice]\n", "")
    (error,) = _errors(with_fixture)
    assert "$.events[2].notices: a notice_suspended names the notices it acts on" in error


def test_a_suspension_acts_on_a_termination_notice(with_fixture: Path) -> None:
    _edit(with_fixture, "    notices: [notice]\n", "    notices: [signed]\n")
    (error,) = _errors(with_fixture)
    assert "'signed' is a signing, not a termination_notice" in error


def test_an_unknown_event_reference_is_named(with_fixture: Path) -> None:
    _edit(with_fixture, "    notices: [notice]\n", "    notices: [notise]\n")
    (error,) = _errors(with_fixture)
    assert "unknown event 'notise'; did you mean 'notice'?" in error


def test_disputing_claims_need_exactly_one_preferred(with_fixture: Path) -> None:
    _edit(
        with_fixture,
        "  - id: lapse\n",
        "  - id: signed-elsewhere\n    kind: signing\n    disputes: signed\n    when: {date: 2016-11-24}\n"
        "    citations:\n      - doc: our-bureau-2016-11-12\n"
        "        quote: the General Security of Military Information Agreement (GSOMIA)\n  - id: lapse\n",
    )
    (error,) = _errors(with_fixture)
    assert "the claims signed, signed-elsewhere dispute each other: mark exactly one `preferred: true`" in error


def test_an_inferred_row_says_why(with_fixture: Path) -> None:
    _edit(
        with_fixture,
        "        note: The cell is lost in the source table; the level follows from the statement cited.\n",
        "",
    )
    (error,) = _errors(with_fixture)
    assert "$.provisions[2].rows[1]: an inferred row needs a `note`" in error


def test_an_enum_error_lists_the_allowed_values(with_fixture: Path) -> None:
    _edit(with_fixture, "    renewal: automatic\n", "    renewal: automatik\n")
    (error,) = _errors(with_fixture)
    assert "Invalid enum value 'automatik'; did you mean 'automatic'? Allowed: automatic, by_agreement, none" in error
