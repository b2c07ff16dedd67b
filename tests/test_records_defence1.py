"""The Dutch-US defence records of batch defence-1: five agreements of the Netherlands and the United States
(1954 offshore procurement, 1955 patents and technical information, 1959 atomic energy for defense, 1959
classified patent applications, 1978 defence equipment MOU) and the two agreements they name that the store
holds only as stubs (the 1950 Mutual Defense Assistance Agreement, the 1960 General Security of Information
Agreement), checked against facts read in the official texts of the source library (never totals)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlite_utils

from tests.store_rows import cited, event, relations

pytestmark = pytest.mark.library

OFFSHORE = "nld-usa-1954-offshore-procurement"
PATENTS = "nld-usa-1955-patents-and-technical-information"
ATOMIC = "nld-usa-1959-atomic-energy-for-defense"
FILING = "nld-usa-1959-classified-patent-applications"
MOU = "nld-usa-1978-defence-equipment-mou"
ASSISTANCE = "nld-usa-1950-mutual-defense-assistance"
SECURITY = "nld-usa-1960-security-of-information"
CURATED = [OFFSHORE, PATENTS, ATOMIC, FILING, MOU]

A = "provisional"
"""The status qualifier: applied provisionally on the day (None: no qualifier)."""


def _provision(db: sqlite_utils.Database, agreement: str, provision: str) -> dict[str, Any]:
    (row,) = db.query(
        "select kind, data from provisions where agreement_id = ? and provision_id = ?", [agreement, provision]
    )
    return {"kind": row["kind"], **json.loads(row["data"])}


def _ledger(db: sqlite_utils.Database, agreement: str, unit: str) -> dict[str, Any]:
    (row,) = db.query("select * from text_ledger where agreement_id = ? and unit_id = ?", [agreement, unit])
    return row


def _versions(db: sqlite_utils.Database, agreement: str) -> dict[str, tuple[str, int]]:
    rows = db.query("select language, text_kind, authentic from text_versions where text_id = ?", [f"{agreement}-text"])
    return {r["language"]: (r["text_kind"], r["authentic"]) for r in rows}


# --- the status on the days the texts date ---------------------------------------------------------------

# (agreement, day, status, qualifier), written from the texts: the notes' dates, the final clauses, the
# entry-into-force clauses (a date only where the text fixes it) and the provisional application clauses.
STATUSES = [
    # Note No. 447 of 15 April 1954; the Dutch reply of 7 May 1954 applies it "with effect as from this day";
    # entry into force on a notice of Dutch approval that the file does not date.
    (OFFSHORE, "1954-04-14", "unknown", None),
    (OFFSHORE, "1954-04-15", "signed", None),
    (OFFSHORE, "1954-05-06", "signed", None),
    (OFFSHORE, "1954-05-07", "signed", A),
    (OFFSHORE, "1990-01-01", "signed", A),
    # "Gedaan te 's-Gravenhage ... de 29ste April 1955", applied provisionally from signature (IX(b)).
    (PATENTS, "1955-04-28", "unknown", None),
    (PATENTS, "1955-04-29", "signed", A),
    (PATENTS, "1990-01-01", "signed", A),
    # "DONE at The Hague ... this 6th day of May, 1959"; in force on both written notifications, undated.
    (ATOMIC, "1959-05-05", "unknown", None),
    (ATOMIC, "1959-05-06", "signed", None),
    (ATOMIC, "2026-12-01", "signed", None),
    # Note No. 181 and the reply, both of 8 October 1959; in force on the receipt of the reply, undated.
    (FILING, "1959-10-07", "unknown", None),
    (FILING, "1959-10-08", "signed", None),
    # Signed for the US on 25 July 1978, for the Netherlands on 24 August 1978; in effect on the last signature.
    (MOU, "1978-07-24", "unknown", None),
    (MOU, "1978-07-25", "signed", None),
    (MOU, "1978-08-23", "signed", None),
    (MOU, "1978-08-24", "in_force", None),
    (MOU, "1982-04-09", "in_force", None),
]


@pytest.mark.parametrize(("agreement", "day", "status", "qualifier"), STATUSES)
async def test_the_status_on_the_days_the_text_dates(
    client: httpx.AsyncClient, agreement: str, day: str, status: str, qualifier: str | None
) -> None:
    body = (await client.get(f"/api/v1/agreements/{agreement}/status?on={day}")).json()
    assert (body["status"], body["certain"]) == (status, True)
    assert (body["provisionally_applied"] is not None) == (qualifier == A)


async def test_the_mou_renews_itself_for_five_years_after_its_first_ten(client: httpx.AsyncClient) -> None:
    first = (await client.get(f"/api/v1/agreements/{MOU}/status?on=1988-08-23")).json()["current_term"]
    assert (first["number"], first["started_on"]) == (1, "1978-08-24")
    second = (await client.get(f"/api/v1/agreements/{MOU}/status?on=1988-08-24")).json()["current_term"]
    assert (second["number"], second["started_on"], second["ends_on"]) == (2, "1988-08-24", "1993-08-24")


async def test_the_mous_latest_dated_fact_is_the_last_signature_of_annex_eight(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{MOU}/status?on=2000-01-01")).json()
    assert body["evidence_until"]["date"] == "1993-01-06"
    assert "1993-01-06" in body["freshness"]


async def test_sharing_from_the_netherlands_to_the_us_runs_under_the_mou(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/sharing?from=nld&to=usa&on=1990-01-01")).json()
    assert MOU in {c["agreement"]["id"] for c in body["channels"]}
    considered = {c["agreement"]["id"]: c for c in body["considered"]}
    assert (considered[ATOMIC]["status"], considered[ATOMIC]["reason"]) == ("signed", "not_in_force")
    assert considered[SECURITY]["reason"] == "not_in_force", "the stub carries no entry into force"


# --- 1954: offshore procurement (exchange of notes, en and nl; the Model Contract in en only) -----------


def test_offshore_notes_are_the_signing_steps(db: sqlite_utils.Database) -> None:
    note = event(db, OFFSHORE, "note-no-447-of-the-united-states")
    assert (note["kind"], note["party_id"], note["date"], note["place"]) == (
        "signing",
        "usa",
        "1954-04-15",
        "The Hague",
    )
    reply = event(db, OFFSHORE, "reply-of-the-netherlands")
    assert (reply["kind"], reply["party_id"], reply["date"]) == ("signing", "nld", "1954-05-07")
    assert cited(db, OFFSHORE, "reply-of-the-netherlands", "event") == {("en", "note_2"), ("nl", "note_2")}
    assert cited(db, OFFSHORE, "applied-provisionally-from-the-reply", "event") >= {("en", "note_2"), ("nl", "note_2")}


def test_offshore_enters_into_force_on_notice_of_dutch_approval(db: sqlite_utils.Database) -> None:
    rule = _provision(db, OFFSHORE, "in-force-on-notice-of-dutch-approval")
    assert (rule["kind"], rule["instruments"], rule["deposits_required"]) == (
        "entry_into_force_rule",
        ["notification"],
        1,
    )
    assert cited(db, OFFSHORE, "in-force-on-notice-of-dutch-approval") == {
        ("en", "para_17"),
        ("en", "note_2"),
        ("nl", "para_17"),
        ("nl", "note_2"),
    }
    assert not list(db.query("select 1 from events where agreement_id = ? and kind = 'entry_into_force'", [OFFSHORE]))


def test_offshore_security_paragraph_military_use_and_no_other_nation(db: sqlite_utils.Database) -> None:
    release = _provision(db, OFFSHORE, "not-to-another-nation-without-consent")
    assert (release["restricted_recipients"], release["unless_approved_by"]) == ("third_countries", "originator")
    assert cited(db, OFFSHORE, "not-to-another-nation-without-consent") == {
        ("en", "para_7"),
        ("en", "contract__sec_17"),
        ("nl", "para_7"),
    }
    assert _provision(db, OFFSHORE, "military-purposes-only")["permitted_purposes"] == "military purposes"
    grades = _provision(db, OFFSHORE, "grades-of-the-united-states")
    assert grades["levels"] == ["Top Secret", "Secret", "Confidential", "Restricted"]
    assert cited(db, OFFSHORE, "grades-of-the-united-states") == {("en", "contract__sec_17")}


def test_offshore_amendment_and_termination_after_consultation(db: sqlite_utils.Database) -> None:
    amendment = _provision(db, OFFSHORE, "amendment-after-consultation-on-contracts")
    assert (amendment["kind"], amendment["by"], amendment["proposed_through"]) == (
        "amendment",
        "all_parties",
        "any_party",
    )
    assert {("en", "para_17"), ("en", "note_2"), ("nl", "para_17"), ("nl", "note_2")} <= cited(
        db, OFFSHORE, "amendment-after-consultation-on-contracts"
    )
    termination = _provision(db, OFFSHORE, "consultation-before-amendment-or-termination")
    assert (termination["takes_effect_after"], termination["obligations_survive"]) == (None, True)


def test_offshore_text_is_english_with_a_dutch_rendering(db: sqlite_utils.Database) -> None:
    assert _versions(db, OFFSHORE) == {"en": ("verbatim", 0), "nl": ("translation", 0)}
    assert ("refers_to", ASSISTANCE) in relations(db, OFFSHORE)


# --- 1955: patents and technical information (agreement in nl; notes in en and nl) ----------------------


def test_patents_signed_in_the_hague_by_three_signatories(db: sqlite_utils.Database) -> None:
    signing = event(db, PATENTS, "signed-in-the-hague")
    assert (signing["date"], signing["place"]) == ("1955-04-29", "The Hague")
    assert cited(db, PATENTS, "signed-in-the-hague", "event") == {("nl", "final_clause")}
    signatories = {
        r["person"]: (r["party_id"], r["office"])
        for r in db.query("select * from signatories where agreement_id = ?", [PATENTS])
    }
    assert signatories["J. W. Beyen"] == ("nld", "Minister for Foreign Affairs")
    assert signatories["H. Freeman Matthews"][0] == "usa"


def test_patents_in_force_on_notice_of_dutch_approval_and_applied_meanwhile(db: sqlite_utils.Database) -> None:
    rule = _provision(db, PATENTS, "in-force-on-notice-of-dutch-approval")
    assert (rule["instruments"], rule["deposits_required"]) == (["notification"], 1)
    assert cited(db, PATENTS, "in-force-on-notice-of-dutch-approval") == {("nl", "art_9__item_b")}
    assert event(db, PATENTS, "applied-provisionally-from-signature")["date"] == "1955-04-29"


def test_patents_end_with_the_1950_agreement_or_six_months_after_notice(db: sqlite_utils.Database) -> None:
    notice = _provision(db, PATENTS, "six-months-after-notice")
    assert (notice["takes_effect_after"], notice["obligations_survive"]) == ({"value": 6, "unit": "months"}, True)
    duration = _provision(db, PATENTS, "ends-with-the-mutual-defense-assistance-agreement")
    assert "27 January 1950" in duration["ends_with"]
    assert _provision(db, PATENTS, "the-realm-in-europe")["territories"] == ["the territory of the Realm in Europe"]
    assert _provision(db, PATENTS, "dutch-and-english")["languages"] == ["nl", "en"]
    assert relations(db, PATENTS) >= {("implements", ASSISTANCE), ("relies_on", ASSISTANCE)}


def test_patents_classified_terms_are_articles_one_three_and_eight(db: sqlite_utils.Database) -> None:
    secret = _provision(db, PATENTS, "secret-patent-applications-treated-alike")
    assert (secret["kind"], secret["maintain_classification"]) == ("protection_of_classified_information", True)
    assert cited(db, PATENTS, "secret-patent-applications-treated-alike") == {("nl", "art_3")}
    assert cited(db, PATENTS, "security-arrangements-unaffected") == {("nl", "art_8__item_e")}
    assert _ledger(db, PATENTS, "art_8__item_d")["no_terms"], "atomic energy is excluded, not a term"
    assert _ledger(db, PATENTS, "note_1")["no_terms"]


# --- 1959: atomic energy for mutual defense purposes (English only) --------------------------------------


def test_atomic_enters_into_force_on_both_notifications_and_lasts_until_ended_together(
    db: sqlite_utils.Database,
) -> None:
    rule = _provision(db, ATOMIC, "in-force-on-both-notifications")
    assert (rule["instruments"], rule["deposits_required"]) == (["notification"], None)
    assert cited(db, ATOMIC, "in-force-on-both-notifications") == {("en", "art_11")}
    assert _provision(db, ATOMIC, "until-terminated-by-agreement")["indefinite"] is True
    assert _versions(db, ATOMIC) == {"en": ("verbatim", 1)}
    assert _provision(db, ATOMIC, "english-only")["languages"] == ["en"]


def test_atomic_dissemination_only_with_the_originators_authorization(db: sqlite_utils.Database) -> None:
    release = _provision(db, ATOMIC, "not-beyond-jurisdiction-without-the-originator")
    assert (release["restricted_recipients"], release["unless_approved_by"]) == ("non_parties", "originator")
    assert {("en", "art_5__item_c"), ("en", "art_6"), ("en", "art_6__item_a")} <= cited(
        db, ATOMIC, "not-beyond-jurisdiction-without-the-originator"
    )
    assert _provision(db, ATOMIC, "through-agreed-channels")["channels"] == ["agreed_channels"]
    assert cited(db, ATOMIC, "defense-plans-only") == {("en", "art_4__item_c"), ("en", "art_9")}
    assert "Atomic" in _provision(db, ATOMIC, "dutch-designations")["levels"]
    assert "Restricted Data" in _provision(db, ATOMIC, "us-designations")["levels"]


# --- 1959: procedures for classified patent applications (notes and procedures, en and nl) -------------


def test_filing_procedures_implement_article_three_of_1955(db: sqlite_utils.Database) -> None:
    assert relations(db, FILING) == {("implements", PATENTS)}
    rule = _provision(db, FILING, "on-receipt-of-the-netherlands-confirmation")
    assert (rule["instruments"], rule["deposits_required"]) == (["acceptance"], 1)
    assert cited(db, FILING, "on-receipt-of-the-netherlands-confirmation") == {("en", "note_1"), ("nl", "note_1")}
    assert _versions(db, FILING) == {"en": ("verbatim", 0), "nl": ("translation", 0)}


def test_filing_secrecy_removed_at_the_originators_request_on_six_weeks_notice(db: sqlite_utils.Database) -> None:
    change = _provision(db, FILING, "secrecy-removed-only-at-the-originators-request")
    assert (change["changed_by"], change["notice"]) == ("originator", {"value": 6, "unit": "weeks"})
    assert cited(db, FILING, "secrecy-removed-only-at-the-originators-request") == {
        ("en", "para_5__item_a"),
        ("en", "para_5__item_b"),
        ("nl", "para_5__item_a"),
        ("nl", "para_5__item_b"),
    }


def test_filing_applicant_waives_compensation_for_mere_secrecy_both_ways(db: sqlite_utils.Database) -> None:
    waiver = _provision(db, FILING, "applicant-waives-compensation-for-mere-secrecy")
    assert (waiver["kind"], waiver["by"], waiver["may_be_required"]) == ("compensation_waiver", "applicant", True)
    assert cited(db, FILING, "applicant-waives-compensation-for-mere-secrecy") == {
        (language, unit) for language in ("en", "nl") for unit in ("para_2__item_b__item_3", "para_3__item_b__item_2")
    }
    notice = _provision(db, FILING, "changes-in-law-through-the-technical-property-committee")
    assert (notice["kind"], notice["on_request"]) == ("legal_change_notification", False)
    assert cited(db, FILING, "changes-in-law-through-the-technical-property-committee") == {
        ("en", "para_6"),
        ("nl", "para_6"),
    }


def test_filing_communications_through_diplomatic_channels_and_cleared_agents(db: sqlite_utils.Database) -> None:
    assert "diplomatic_channel" in _provision(db, FILING, "diplomatic-or-other-secure-channels")["channels"]
    assert ("nl", "para_1__item_i") in cited(db, FILING, "diplomatic-or-other-secure-channels")
    assert _provision(db, FILING, "cleared-patent-agents")["personnel_clearance_required"] is True
    assert _ledger(db, FILING, "para_1__item_e")["no_terms"]


# --- 1978: the defence equipment MOU, its annexes and the Security Protocol (English) --------------------


def test_mou_signatures_and_entry_into_force_on_the_last_of_them(db: sqlite_utils.Database) -> None:
    assert event(db, MOU, "signed-for-the-united-states")["date"] == "1978-07-25"
    netherlands = event(db, MOU, "signed-for-the-netherlands")
    assert (netherlands["date"], netherlands["place"]) == ("1978-08-24", "The Hague")
    in_force = event(db, MOU, "in-effect-on-the-last-signature")
    assert (in_force["kind"], in_force["date"]) == ("entry_into_force", "1978-08-24")
    assert cited(db, MOU, "in-effect-on-the-last-signature", "event") == {("en", "art_8")}
    offices = {r["party_id"]: r["office"] for r in db.query("select * from signatories where agreement_id = ?", [MOU])}
    assert offices == {"nld": "Minister of Defense", "usa": "Secretary of Defense"}


def test_mou_duration_governs_its_annexes_too(db: sqlite_utils.Database) -> None:
    duration = _provision(db, MOU, "ten-years-then-five-year-extensions")
    assert (duration["initial_term"], duration["renewal"], duration["renewal_period"]) == (
        {"value": 10, "unit": "years"},
        "automatic",
        {"value": 5, "unit": "years"},
    )
    assert cited(db, MOU, "ten-years-then-five-year-extensions") == {
        ("en", "art_7__para_1"),
        ("en", "annex_4__sec_8"),
        ("en", "annex_6__item_ix"),
        ("en", "annex_8__item_viii"),
    }
    notice = _provision(db, MOU, "six-months-written-notice")
    assert (notice["notice"], notice["takes_effect_after"]) == ("written", {"value": 6, "unit": "months"})
    supersession = _provision(db, MOU, "annex-vi-replaces-the-1985-audit-annex")
    assert "18 April 1985" in supersession["supersedes"]


def test_mou_security_protocol_implements_the_1960_agreement(db: sqlite_utils.Database) -> None:
    protocol = _provision(db, MOU, "security-protocol-under-the-1960-agreement")
    assert (protocol["handled_under"], protocol["under_agreement"]) == (["security_agreement"], SECURITY)
    assert relations(db, MOU) >= {("implements", SECURITY), ("relies_on", ASSISTANCE)}
    contractors = _provision(db, MOU, "cleared-contractors-no-third-country-control")
    assert (contractors["foreign_controlled_excluded"], contractors["subcontracts_need_approval"]) == (True, True)
    loss = _provision(db, MOU, "loss-or-compromise-investigated-and-reported")
    assert (loss["investigation"], loss["report_results"]) == (True, True)
    assert cited(db, MOU, "loss-or-compromise-investigated-and-reported") == {("en", "annex_5__item_j")}


def test_mou_table_of_equivalent_classifications(db: sqlite_utils.Database) -> None:
    table = _provision(db, MOU, "netherlands-us-equivalent-classifications")
    rows = {row["level"]: {(m["party"], m["marking"]) for m in row["markings"]} for row in table["rows"]}
    assert rows["TOP SECRET"] == {("nld", "ZEER GEHEIM"), ("usa", "TOP SECRET")}
    assert rows["SECRET"] == {("nld", "GEHEIM"), ("usa", "SECRET")}
    assert {("nld", "CONFIDENTIEEL"), ("nld", "VERTROUWELIJK")} <= rows["CONFIDENTIAL"]
    assert ("nld", "DIENSTGEHEIM") in rows["RESTRICTED"]


# --- the stubs, the relations to them, and the ledgers ------------------------------------------------


def test_the_stubs_are_referenced_records_without_terms(db: sqlite_utils.Database) -> None:
    for stub in (ASSISTANCE, SECURITY):
        (row,) = db.query("select record, provision_count from agreements where id = ?", [stub])
        assert row == {"record": "referenced", "provision_count": 0}
        assert not list(db.query("select 1 from text_ledger where agreement_id = ?", [stub]))
    signing = event(db, ASSISTANCE, "signed-in-washington")
    assert (signing["date"], signing["place"]) == ("1950-01-27", "Washington")
    security = event(db, SECURITY, "entered-into-18-august-1960")
    assert (security["date"], security["as_written"]) == ("1960-08-18", "entered into on August 18th, 1960")


def test_every_curated_record_but_the_filing_procedures_names_the_1950_agreement(db: sqlite_utils.Database) -> None:
    citing = {
        r["agreement_id"]
        for r in db.query("select agreement_id from relations where other_agreement_id = ?", [ASSISTANCE])
    }
    assert {OFFSHORE, PATENTS, ATOMIC, MOU} <= citing
    assert FILING not in citing


@pytest.mark.parametrize("agreement", CURATED)
def test_the_ledger_accounts_for_every_unit_once(db: sqlite_utils.Database, agreement: str) -> None:
    """Every unit of the text, in every language, is covered by its own ledger entry or its nearest
    ancestor's; every unit a provision cites has an entry (its own or an ancestor's) that lists it."""
    ledger = {r["unit_id"]: r for r in db.query("select * from text_ledger where agreement_id = ?", [agreement])}
    parents = {
        r["unit_id"]: r["parent_id"]
        for r in db.query("select unit_id, parent_id from text_units where text_id = ?", [f"{agreement}-text"])
    }

    def entry(unit: str) -> dict[str, Any] | None:
        while unit is not None and unit not in ledger:
            unit = parents.get(unit)
        return ledger.get(unit) if unit else None

    assert set(ledger) <= set(parents), "the ledger names only units the text has"
    assert [unit for unit in parents if entry(unit) is None] == []
    citing = db.query(
        "select owner_id, unit_id from citations where agreement_id = ? and owner_type = 'provision'", [agreement]
    )
    for row in citing:
        found = entry(row["unit_id"])
        assert found is not None, row["unit_id"]
        assert row["owner_id"] in json.loads(found["provisions"] or "[]"), (row["owner_id"], row["unit_id"])
