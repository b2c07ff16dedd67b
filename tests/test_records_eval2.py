"""Batch eval-2: the hand-curated records of the NATO secrecy-of-inventions agreement (1960), its
Dutch-German supplement (1961) and the NATO security agreement (1997) with the 1952 agreement it
supersedes. Every fact checked here is read in the official texts of the source library."""

from __future__ import annotations

import json

import httpx
import pytest
import sqlite_utils

pytestmark = pytest.mark.library  # the three official texts live in the source library

NATO_1960 = "nato-1960-secrecy-of-inventions"
DEU_NLD_1961 = "deu-nld-1961-secrecy-of-inventions"
NATO_1997 = "nato-1997-security-of-information"
NATO_1952 = "nato-1952-security-agreement"
NATO_PROCEDURE = "nato-1960-secrecy-of-inventions-procedures"


def provision(db: sqlite_utils.Database, agreement_id: str, provision_id: str) -> tuple[dict, dict, set[tuple]]:
    """The provision's row, its typed fields and the (language, unit) pairs its citations name."""
    row = db["provisions"].get(f"{agreement_id}.{provision_id}")
    cited = {
        (c["language"], c["unit_id"])
        for c in db["citations"].rows_where("owner_type = 'provision' and owner_id = ?", [row["id"]])
    }
    return row, json.loads(row["data"]), cited


def languages_cited_per_provision(db: sqlite_utils.Database, agreement_id: str) -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for row in db["citations"].rows_where("agreement_id = ? and owner_type = 'provision'", [agreement_id]):
        cited.setdefault(row["owner_id"], set()).add(row["language"])
    return cited


# --- NATO 1960: secrecy of inventions relating to defence -----------------------------------------------


def test_nato_1960_parties_are_the_fourteen_governments_the_preamble_names(db: sqlite_utils.Database) -> None:
    roles = {(r["party_id"], r["role"]) for r in db["agreement_parties"].rows_where("agreement_id = ?", [NATO_1960])}
    named = ["bel", "can", "dnk", "fra", "deu", "grc", "ita", "lux", "nld", "nor", "prt", "tur", "gbr", "usa"]
    assert {(state, "party") for state in named} <= roles
    assert ("usa", "depositary") in roles
    assert ("nato-parties", "party") not in roles  # the text lists its parties; no group stands for them


def test_nato_1960_signed_in_paris_and_in_force_by_rule_only(db: sqlite_utils.Database) -> None:
    signed = db["events"].get(f"{NATO_1960}.signed-in-paris")
    assert (signed["kind"], signed["date"], signed["place"]) == ("signing", "1960-09-21", "Paris")
    assert db["events"].count_where("agreement_id = ? and kind = 'entry_into_force'", [NATO_1960]) == 0
    row, terms, cited = provision(db, NATO_1960, "thirty-days-after-two-deposits")
    assert row["kind"] == "entry_into_force_rule"
    assert (terms["deposits_required"], terms["days_after_deposit"], terms["depositary"]) == (2, 30, "usa")
    assert terms["instruments"] == ["ratification", "approval"]
    assert cited == {("en", "art_6"), ("nl", "art_6")}


def test_nato_1960_secrecy_is_removed_only_at_the_originators_request(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, NATO_1960, "secrecy-removed-only-at-originators-request")
    assert row["kind"] == "classification_change"
    assert terms["changed_by"] == "originator"
    assert terms["no_downgrade_without_consent"] is True
    assert cited == {("en", "art_4"), ("nl", "art_4")}
    assert (terms["notify"], terms["notice"]) == (True, {"value": 6, "unit": "weeks"})  # "six weeks' notice"


def test_nato_1960_denunciation_and_languages(db: sqlite_utils.Database) -> None:
    _, terms, cited = provision(db, NATO_1960, "one-year-denunciation")
    assert terms["takes_effect_after"] == {"value": 1, "unit": "years"}
    assert (terms["notice"], terms["notice_to"], terms["obligations_survive"]) == ("written", "depositary", True)
    assert cited == {("en", "art_7"), ("nl", "art_7")}
    _, languages, _ = provision(db, NATO_1960, "english-and-french")
    assert languages["languages"] == ["en", "fr"]
    versions = {r["language"]: r for r in db["text_versions"].rows_where("text_id = ?", [f"{NATO_1960}-text"])}
    assert (versions["en"]["authentic"], versions["nl"]["text_kind"], versions["nl"]["authentic"]) == (
        1,
        "translation",
        0,
    )


def test_nato_1960_the_protecting_government_may_demand_a_waiver_of_compensation(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, NATO_1960, "applicant-may-be-required-to-waive-compensation")
    assert row["kind"] == "compensation_waiver"
    assert (terms["by"], terms["may_be_required"]) == ("applicant", True)  # "entitled to demand ... a waiver"
    assert "imposition of secrecy" in terms["for_what"]
    assert cited == {("en", "art_3"), ("nl", "art_3")}
    ledger = {r["unit_id"]: r for r in db["text_ledger"].rows_where("agreement_id = ?", [NATO_1960])}
    assert json.loads(ledger["art_3"]["provisions"]) == [f"{NATO_1960}.applicant-may-be-required-to-waive-compensation"]
    assert ledger["art_1"]["no_terms"] is None
    _, protection, _ = provision(db, NATO_1960, "safeguard-secrecy-of-inventions")
    assert protection["maintain_classification"] is None  # the text speaks of secrecy, not of a classification


def test_nato_1960_every_term_cites_english_and_dutch(db: sqlite_utils.Database) -> None:
    cited = languages_cited_per_provision(db, NATO_1960)
    assert cited
    assert {owner: languages for owner, languages in cited.items() if languages != {"en", "nl"}} == {}


# --- the Dutch-German supplement of 1961 and its procedure arrangement --------------------------------------


def test_1961_supplements_and_implements_the_nato_agreement(db: sqlite_utils.Database) -> None:
    relations = {
        (r["kind"], r["other_agreement_id"]) for r in db["relations"].rows_where("agreement_id = ?", [DEU_NLD_1961])
    }
    assert {("supplements", NATO_1960), ("implements", NATO_1960), ("refers_to", NATO_PROCEDURE)} <= relations
    stub = db["agreements"].get(NATO_PROCEDURE)
    assert (stub["record"], stub["kind"], stub["provision_count"]) == ("referenced", "arrangement", 0)


def test_1961_ends_with_the_nato_agreement_and_may_be_denounced_at_a_years_notice(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, DEU_NLD_1961, "ends-with-the-nato-agreement")
    assert row["kind"] == "duration"
    assert "NATO agreement of 21 September 1960" in terms["ends_with"]
    assert cited == {("nl", "art_6__para_1")}
    _, denunciation, cited = provision(db, DEU_NLD_1961, "one-year-denunciation")
    assert denunciation["takes_effect_after"] == {"value": 1, "unit": "years"}
    assert denunciation["notice_to"] == "other_parties"
    assert (denunciation["obligations_survive"], denunciation["rights_survive"]) == (True, True)
    assert {("nl", "art_6__para_1"), ("nl", "art_6__para_2")} <= cited


def test_1961_entry_into_force_waits_for_the_nato_agreement(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, DEU_NLD_1961, "one-month-after-dutch-notification")
    assert row["kind"] == "entry_into_force_rule"
    assert cited == {("nl", "art_5__para_1")}
    # "een maand na de dag waarop de Regering van het Koninkrijk der Nederlanden ... mededeelt": the one Dutch notice
    assert (terms["instruments"], terms["deposits_required"]) == (["notification"], 1)
    assert terms["after"] == {"value": 1, "unit": "months"}
    assert "not before the day the NATO agreement" in terms["condition"]
    assert db["events"].count_where("agreement_id = ? and kind = 'entry_into_force'", [DEU_NLD_1961]) == 0


def test_1961_secrecy_grades_pair_german_and_dutch_markings(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, DEU_NLD_1961, "secrecy-grades-de-nl")
    assert row["kind"] == "classification_equivalence"
    pairs = {
        row["level"]: {(m["party"], m["marking"]) for m in row["markings"]} for row in terms["rows"]
    }  # each row: the German and the Dutch grade at the same place in the table
    assert pairs["TOP SECRET"] == {("deu", "STRENG GEHEIM"), ("nld", "ZEER GEHEIM")}
    assert pairs["CONFIDENTIAL"] == {("deu", "VS-VERTRAULICH"), ("nld", "CONFIDENTIEEL"), ("nld", "VERTROUWELIJK")}
    assert pairs["RESTRICTED"] == {("deu", "VS-NUR FÜR DEN DIENSTGEBRAUCH"), ("nld", "DIENSTGEHEIM")}
    assert all(r["inferred"] and r["note"] for r in terms["rows"])  # the library copy runs the rows together
    assert ("nl", "procedure__para_6__table_1__row_2") in cited


def test_1961_terms_cite_their_articles_and_paragraphs(db: sqlite_utils.Database) -> None:
    expected = {
        "by-diplomatic-courier-through-the-embassy": ("transmission", "procedure__para_2"),
        "ministers-of-defence-competent": ("security_authority", "procedure__para_1__item_b"),
        "only-to-qualified-representatives": ("need_to_know_access", "procedure__para_3__item_c"),
        "returned-if-recipient-not-qualified": ("destruction_return", "procedure__para_5__item_c"),
        "notice-of-removal-of-secrecy": ("classification_change", "procedure__para_10"),
        "technical-data-under-contracts-with-firms-and-persons": ("contractors", "art_2__item_b"),
        "whole-kingdom-unless-excluded": ("territorial_application", "art_5__para_2"),
    }
    for provision_id, (kind, unit) in expected.items():
        row, _, cited = provision(db, DEU_NLD_1961, provision_id)
        assert row["kind"] == kind, provision_id
        assert ("nl", unit) in cited, provision_id
    _, transmission, _ = provision(db, DEU_NLD_1961, "by-diplomatic-courier-through-the-embassy")
    assert transmission["channels"] == ["diplomatic_courier"]
    _, returned, _ = provision(db, DEU_NLD_1961, "returned-if-recipient-not-qualified")
    assert (returned["options"], returned["when"]) == (["return"], ["recipient_not_entitled"])
    _, territory, _ = provision(db, DEU_NLD_1961, "whole-kingdom-unless-excluded")
    assert territory["exclusion_by_declaration"] is True  # parts outside Europe, with the notification of art 5(1)


def test_1961_signed_at_the_hague_by_luns_and_loens(db: sqlite_utils.Database) -> None:
    signed = db["events"].get(f"{DEU_NLD_1961}.signed-in-the-hague")
    assert (signed["date"], signed["place"]) == ("1961-05-16", "The Hague")
    signers = {
        (s["person"], s["party_id"], s["signed"])
        for s in db["signatories"].rows_where("agreement_id = ?", [DEU_NLD_1961])
    }
    assert signers == {("J. Luns", "nld", "1961-05-16"), ("Dr. J. Löns", "deu", "1961-05-16")}
    (version,) = db["text_versions"].rows_where("text_id = ? and instrument = 'procedure'", [f"{DEU_NLD_1961}-text"])
    assert (version["language"], version["authentic"]) == ("nl", 1)


def test_1961_changes_in_national_law_are_told_without_delay(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, DEU_NLD_1961, "changes-in-national-law-without-delay")
    assert row["kind"] == "legal_change_notification"
    assert terms["on_request"] is False  # "onverwijld", unasked
    assert "national law" in terms["laws"]
    assert cited == {("nl", "art_4")}


def test_1961_the_applicant_waives_compensation_from_the_other_state(db: sqlite_utils.Database) -> None:
    row, terms, cited = provision(db, DEU_NLD_1961, "applicant-waives-compensation-from-the-other-state")
    assert row["kind"] == "compensation_waiver"
    assert (terms["by"], terms["may_be_required"]) == ("applicant", False)  # the procedure requires it every time
    assert "other state" in terms["for_what"]
    assert ("nl", "procedure__para_3__item_b") in cited


def test_1961_ledger_covers_the_procedure_and_the_waiver(db: sqlite_utils.Database) -> None:
    ledger = {r["unit_id"]: r for r in db["text_ledger"].rows_where("agreement_id = ?", [DEU_NLD_1961])}
    assert json.loads(ledger["procedure__para_3"]["provisions"]) == [
        f"{DEU_NLD_1961}.applicant-waives-compensation-from-the-other-state"
    ]
    assert "procedure__para_3__item_b" not in ledger  # its article's entry speaks for it
    assert json.loads(ledger["art_4"]["provisions"]) == [f"{DEU_NLD_1961}.changes-in-national-law-without-delay"]
    assert set(json.loads(ledger["procedure__para_6"]["provisions"])) == {
        f"{DEU_NLD_1961}.secrecy-imposed-at-corresponding-grade",
        f"{DEU_NLD_1961}.secrecy-grades-de-nl",
    }


# --- NATO 1997 completed, and the 1952 agreement it supersedes ----------------------------------------------


def test_nato_1997_every_term_cites_english_and_dutch(db: sqlite_utils.Database) -> None:
    cited = languages_cited_per_provision(db, NATO_1997)
    assert f"{NATO_1997}.one-year-denunciation" in cited
    assert {owner: languages for owner, languages in cited.items() if languages != {"en", "nl"}} == {}


def test_nato_1997_supersedes_the_1952_stub(db: sqlite_utils.Database) -> None:
    relation = db["relations"].get((NATO_1997, "supersedes", NATO_1952))
    assert relation["other_agreement_id"] == NATO_1952
    cited = {
        (c["language"], c["unit_id"])
        for c in db["citations"].rows_where("agreement_id = ? and owner_type = 'relation'", [NATO_1997])
    }
    assert cited == {("en", "art_6__item_c"), ("nl", "art_6__item_c")}
    stub = db["agreements"].get(NATO_1952)
    assert (stub["record"], stub["provision_count"]) == ("referenced", 0)
    approved = {
        (e["date"], e["as_written"], e["resolved_against"])
        for e in db["events"].rows_where("agreement_id = ? and kind = 'approval'", [NATO_1952])
    }
    assert approved == {("1952-04-19", "19th April, 1952", None), ("1955-03-02", "2nd March, 1955", None)}
    parties = {r["party_id"] for r in db["agreement_parties"].rows_where("agreement_id = ?", [NATO_1952])}
    assert parties == {"nato-parties"}  # "by the Parties to the North Atlantic Treaty Organization", as a group


def test_nato_1997_depositary_receives_the_instruments_of_article_6(db: sqlite_utils.Database) -> None:
    _, terms, cited = provision(db, NATO_1997, "us-government-is-depositary")
    assert "receive_instruments" in terms["duties"]
    assert {("en", "art_6__item_a"), ("nl", "art_6__item_a")} <= cited


async def test_the_stub_is_served_as_a_stub_without_terms(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{NATO_1952}")).json()
    assert body["provisions"] == []
    assert {s["unit_id"] for s in body["kind"]["sources"]} == {"art_6__item_c"}
    listed = (await client.get("/api/v1/agreements?on=1970-01-01&limit=100")).json()["items"]
    status = {a["id"]: a["status"] for a in listed}
    assert status[NATO_1960] == "signed"  # no source dates its entry into force
    assert status[DEU_NLD_1961] == "signed"
