"""The seed database holds what the five sources state, and the build is safe to rerun."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from loaders.builder import BuildResult
from schema import SCHEMA_VERSION
from tests.conftest import SEEDS
from tests.conftest import build_seeds as build


def events(db: sqlite_utils.Database, agreement: str) -> dict[str, dict]:
    return {e["event_id"]: e for e in db["events"].rows_where("agreement_id = ?", [agreement])}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_2014_arrangement_signatories_and_dates(db: sqlite_utils.Database) -> None:
    signed = {
        (s["person"], s["office"], s["party_id"], s["signed"])
        for s in db["signatories"].rows_where("agreement_id = 'jpn-kor-usa-tisa-2014'")
    }
    assert signed == {
        ("Baek Seung-joo", "Vice Defense Minister", "kor-mnd", "2014-12-26"),
        ("Robert Work", "Deputy Secretary of Defense", "usa-dod", "2014-12-23"),
        ("Masanori Nishi", "Vice Defense Minister", "jpn-mod", "2014-12-26"),
    }
    tisa = events(db, "jpn-kor-usa-tisa-2014")
    assert tisa["entry-into-force"]["date"] == "2014-12-29"
    assert tisa["parliament-notified"]["date"] == "2014-12-29"
    # The Oslo Times' announced Monday signing is kept as a plan beside Yonhap's actual dates.
    assert tisa["signing-announced-for-monday"]["status"] == "planned"
    assert tisa["follow-up-consultations"]["status"] == "planned"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_2014_arrangement_rests_on_the_1987_and_2007_pacts(db: sqlite_utils.Database) -> None:
    relations = {
        (r["kind"], r["other_agreement_id"])
        for r in db["relations"].rows_where("agreement_id = 'jpn-kor-usa-tisa-2014'")
    }
    assert relations == {("relies_on", "kor-usa-gsomia-1987"), ("relies_on", "jpn-usa-gsomia-2007")}
    assert events(db, "kor-usa-gsomia-1987")["concluded"]["date"] == "1987-01-01"
    assert events(db, "kor-usa-gsomia-1987")["concluded"]["precision"] == "year"
    assert events(db, "jpn-usa-gsomia-2007")["concluded"]["latest_date"] == "2007-12-31"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_2014_arrangement_kind_level_and_hub(db: sqlite_utils.Database) -> None:
    tisa = db["agreements"].get("jpn-kor-usa-tisa-2014")
    assert (tisa["kind"], tisa["level"]) == ("memorandum_of_understanding", "interministerial")
    roles = {
        (r["party_id"], r["role"], r["state_id"])
        for r in db["agreement_parties"].rows_where("agreement_id = 'jpn-kor-usa-tisa-2014'")
    }
    assert ("usa-dod", "intermediary", "usa") in roles
    assert ("kor-mnd", "party", "kor") in roles


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_2016_talks_round_by_round(db: sqlite_utils.Database) -> None:
    gsomia = events(db, "jpn-kor-gsomia-2016")
    rounds = sorted(
        (e["round"], e["date"], e["place"])
        for e in gsomia.values()
        if e["kind"] == "negotiation" and e["status"] == "occurred"
    )
    assert rounds == [
        (1, "2016-11-01", "Tokyo"),
        (2, "2016-11-09", "Ministry of National Defense, Seoul"),
        (3, "2016-11-14", "Tokyo"),
    ]
    assert gsomia["tentative-signing"]["kind"] == "initialling"
    assert gsomia["tentative-signing"]["date"] == "2016-11-14"
    assert gsomia["resumption-announced"]["date"] == "2016-10-27"
    steps_ahead = {e["approving_body"] for e in gsomia.values() if e["kind"] == "approval"}
    assert steps_ahead == {"related vice ministers", "Cabinet", "President"}
    assert all(e["status"] == "planned" for e in gsomia.values() if e["kind"] == "approval")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_2012_collapse_and_why(db: sqlite_utils.Database) -> None:
    scrapped = events(db, "jpn-kor-gsomia-2012")["scrapped"]
    assert scrapped["kind"] == "abandonment"
    assert scrapped["status_after"] == "abandoned"
    assert set(json.loads(scrapped["causes"])) == {
        "domestic_opposition",
        "secrecy_of_negotiations",
        "haste",
        "historical_disputes",
    }
    # Each source's account is kept with its own citation.
    sources = {
        c["document_id"]
        for c in db["citations"].rows_where("owner_type = 'event' and owner_id = 'jpn-kor-gsomia-2012.scrapped'")
    }
    assert sources == {
        "oslo-times-2014-12-26",
        "joongang-daily-2016-11-09",
        "our-bureau-2016-11-12",
        "unattributed-2016-11-14",
        "yonhap-2014-12-29",
        "chsj2580-tistory-paraphrase-2016-11",
    }
    revives = db["relations"].get(("jpn-kor-gsomia-2016", "revives", "jpn-kor-gsomia-2012"))
    assert revives["kind"] == "revives"


def test_the_wider_facts(db: sqlite_utils.Database) -> None:
    (fact,) = db["party_facts"].rows_where("party_id = 'kor'")
    assert (fact["count"], fact["as_of"]) == (32, "2016-11-12")
    proposal = events(db, "chn-kor-military-information-proposal")["request-to-negotiate"]
    assert (proposal["kind"], proposal["party_id"], proposal["precision"]) == (
        "proposal",
        "kor",
        "on_or_before",
    )


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_documents_are_searchable(db: sqlite_utils.Database) -> None:
    hits = [r["id"] for r in db["documents"].search("ratification")]
    assert "yonhap-2014-12-29" in hits
    assert "oslo-times-2014-12-26" not in hits  # it never says the word
    provision_hits = {r["id"] for r in db["provisions"].search("third country")}
    assert "jpn-kor-gsomia-2016.no-third-country-transfer" in provision_hits


def test_build_info(db: sqlite_utils.Database, built: BuildResult) -> None:
    info = db["build_info"].get(1)
    assert info["build_id"] == built.build_id
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["content_hash"] == built.content_hash
    assert json.loads(info["counts"])["agreements"] == db["agreements"].count


def test_foreign_keys_hold(built: BuildResult) -> None:
    connection = sqlite3.connect(built.path)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rebuild_replaces_the_file_and_keeps_the_content_hash(built: BuildResult, tmp_path: Path) -> None:
    target = tmp_path / "again.db"
    first = build(SEEDS, target)
    inode = target.stat().st_ino
    second = build(SEEDS, target)
    assert second.content_hash == first.content_hash == built.content_hash
    assert target.stat().st_ino != inode  # a new file swapped in, not an in-place rewrite
    assert not list(tmp_path.glob("*.building"))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_status_periods_make_in_force_on_a_date_a_range_lookup(db: sqlite_utils.Database) -> None:
    def in_force(on: str) -> set[str]:
        rows = db.query(
            "select agreement_id from agreement_status_periods where status = 'in_force' "
            "and valid_from <= :on and (valid_to is null or :on < valid_to)",
            {"on": on},
        )
        return {r["agreement_id"] for r in rows}

    # Facts of these agreements, not the whole store's answer (other records may be in force then too).
    assert in_force("2013-06-30").isdisjoint({"jpn-kor-usa-tisa-2014", "jpn-kor-gsomia-2012", "jpn-kor-gsomia-2016"})
    assert {"jpn-kor-usa-tisa-2014", "kor-usa-gsomia-1987", "jpn-usa-gsomia-2007"} <= in_force("2015-06-30")
    assert in_force("2015-06-30").isdisjoint({"jpn-kor-gsomia-2012", "jpn-kor-gsomia-2016"})
    periods = list(
        db["agreement_status_periods"].rows_where("agreement_id = 'jpn-kor-gsomia-2016'", order_by="valid_from")
    )
    # From the sources: talks from 1 November, tentatively signed 14 November, signed and in force 23 November
    # 2016; a notice of 23 August 2019 to take effect 23 November, suspended on 22 November; withdrawn 21 March 2023.
    assert [(p["status"], p["valid_from"], p["valid_to"]) for p in periods] == [
        ("under_negotiation", "2016-11-01", "2016-11-14"),
        ("initialled", "2016-11-14", "2016-11-23"),
        ("in_force", "2016-11-23", "2019-08-23"),
        ("in_force", "2019-08-23", "2019-11-22"),
        ("in_force", "2019-11-22", "2023-03-21"),
        ("in_force", "2023-03-21", None),
    ]
    assert [json.loads(p["termination_pending"] or "null") for p in periods][3] == {
        "notice": "termination-notice",
        "takes_effect_on": "2019-11-23",
    }
    assert [json.loads(p["notice_suspended"] or "null") for p in periods][4] == {
        "notice": "termination-notice",
        "suspension": "notice-suspended",
    }
    assert {p["certain"] for p in periods} == {1}


def test_the_content_hash_reads_a_yaml_file_as_large_as_the_yaml_limit_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The benchmark raises the YAML limit for its generated manifests (66 MB at global scale), and the hash
    # of the seeds must then read them too.
    from loaders import yamlfile
    from loaders.files import MAX_SOURCE_BYTES
    from loaders.seeds import content_hash

    large = tmp_path / "documents.yaml"
    large.write_bytes(b"# " + b"x" * MAX_SOURCE_BYTES + b"\n")
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 2 * MAX_SOURCE_BYTES)
    first = content_hash(tmp_path)
    large.write_bytes(b"# " + b"y" * MAX_SOURCE_BYTES + b"\n")
    assert content_hash(tmp_path) != first
