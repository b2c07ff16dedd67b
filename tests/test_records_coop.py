"""The records of batch coop: the centrifuge-enrichment treaties (Almelo 1970 with its interim security
agreement, the agreements with the United States of 1990, 1992 and 2011, Cardiff 2005) and the Dutch-US
homeland-security science agreement of 2012, checked against facts read in the official texts of the
source library (never totals)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlite_utils

from tests.store_rows import cited, event, relations

pytestmark = pytest.mark.library

ALMELO = "deu-gbr-nld-1970-treaty-of-almelo"
INTERIM = "deu-gbr-nld-1970-interim-security-agreement"
CENTRIFUGE_1990 = "deu-gbr-nld-usa-1990-centrifuge-information"
WASHINGTON_1992 = "deu-gbr-nld-usa-1992-uranium-enrichment"
PARIS_2011 = "fra-deu-gbr-nld-usa-2011-uranium-enrichment"
CARDIFF = "deu-fra-gbr-nld-2005-treaty-of-cardiff"
HOMELAND_2012 = "nld-usa-2012-homeland-security-science"
UK_US_1961 = "gbr-usa-1961-security-of-information"
NL_US_1960 = "nld-usa-1960-security-of-information"
DE_US_1960 = "deu-usa-1960-security-of-information"
CURATED = [ALMELO, CENTRIFUGE_1990, WASHINGTON_1992, PARIS_2011, CARDIFF, HOMELAND_2012]


def _provision(db: sqlite_utils.Database, agreement: str, provision: str) -> dict[str, Any]:
    (row,) = db.query(
        "select kind, binds, data from provisions where agreement_id = ? and provision_id = ?", [agreement, provision]
    )
    return {"kind": row["kind"], "binds": json.loads(row["binds"] or "[]"), **json.loads(row["data"])}


def _roles(db: sqlite_utils.Database, agreement: str) -> set[tuple[str, str]]:
    rows = db.query("select party_id, role from agreement_parties where agreement_id = ?", [agreement])
    return {(r["party_id"], r["role"]) for r in rows}


async def _status(client: httpx.AsyncClient, agreement: str, day: str) -> dict[str, Any]:
    return (await client.get(f"/api/v1/agreements/{agreement}/status?on={day}")).json()


def _markings(row: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for marking in row["markings"]:
        found.setdefault(marking["party"], set()).add(marking["marking"])
    return found


# --- every record: a complete ledger over its text ---------------------------------------------------


@pytest.mark.parametrize("agreement", CURATED)
def test_every_unit_of_the_text_is_in_the_ledger_or_inside_a_unit_that_is(
    db: sqlite_utils.Database, agreement: str
) -> None:
    (text,) = db.query("select id from texts where agreement_id = ?", [agreement])
    units = {
        (r["unit_id"]): r["parent_id"]
        for r in db.query("select unit_id, parent_id from text_units where text_id = ?", [text["id"]])
    }
    listed = {r["unit_id"] for r in db.query("select unit_id from text_ledger where agreement_id = ?", [agreement])}
    assert listed <= set(units), "the ledger names only units of the text"

    def accounted(unit: str | None) -> bool:
        while unit is not None:
            if unit in listed:
                return True
            unit = units.get(unit)
        return False

    assert [unit for unit in units if not accounted(unit)] == []


# --- the Treaty of Almelo (1970, Dutch text; Annex II) and the interim agreement it ends -------------


async def test_almelo_is_signed_and_waits_for_the_third_ratification(client: httpx.AsyncClient) -> None:
    assert (await _status(client, ALMELO, "1970-03-03"))["status"] == "unknown"
    signed = await _status(client, ALMELO, "1970-03-04")
    assert (signed["status"], signed["certain"]) == ("signed", True)
    assert [e["event_id"] for e in signed["deciding_events"]] == ["signed-at-almelo"]
    # No source in the store dates the third ratification: it stays signed.
    assert (await _status(client, ALMELO, "2026-12-01"))["status"] == "signed"


def test_almelo_signing_and_its_ratification_rule(db: sqlite_utils.Database) -> None:
    signing = event(db, ALMELO, "signed-at-almelo")
    assert (signing["kind"], signing["date"], signing["place"]) == ("signing", "1970-03-04", "Almelo")
    assert cited(db, ALMELO, "signed-at-almelo", "event") == {("nl", "final_clause")}
    rule = _provision(db, ALMELO, "on-deposit-of-the-third-ratification")
    assert (rule["instruments"], rule["deposits_required"], rule["depositary"]) == (["ratification"], 3, "nld")
    assert ("nld", "depositary") in _roles(db, ALMELO)
    assert {p for p, role in _roles(db, ALMELO) if role == "party"} == {"nld", "deu", "gbr"}


def test_almelo_denunciation_after_ten_years_keeps_the_information_protected(db: sqlite_utils.Database) -> None:
    denunciation = _provision(db, ALMELO, "one-year-notice-after-ten-years")
    assert (denunciation["notice"], denunciation["takes_effect_after"]) == ("written", {"value": 1, "unit": "years"})
    assert denunciation["information_protected_after"] is True
    assert {("nl", "art_15"), ("nl", "art_17")} <= cited(db, ALMELO, "one-year-notice-after-ten-years")
    assert _provision(db, ALMELO, "indefinite-until-denounced-or-ended-by-all")["indefinite"] is True


def test_almelo_grades_pair_the_three_national_markings(db: sqlite_utils.Database) -> None:
    rows = {row["level"]: row for row in _provision(db, ALMELO, "grades-nl-de-uk")["rows"]}
    assert _markings(rows["SECRET"]) == {"nld": {"GEHEIM"}, "deu": {"GEHEIM"}, "gbr": {"SECRET"}}
    assert _markings(rows["CONFIDENTIAL"])["nld"] == {"CONFIDENTIEEL", "VERTROUWELIJK"}
    assert _markings(rows["RESTRICTED"]) == {
        "nld": {"DIENSTGEHEIM"},
        "deu": {"VS-NUR FÜR DEN DIENSTGEBRAUCH"},
        "gbr": {"RESTRICTED"},
    }
    assert cited(db, ALMELO, "grades-nl-de-uk") >= {("nl", "annex_2__para_6")}


def test_almelo_loss_goes_to_the_state_of_origin_and_no_downgrading_without_it(db: sqlite_utils.Database) -> None:
    loss = _provision(db, ALMELO, "loss-reported-to-the-state-of-origin")
    assert (loss["notify"], loss["timing"], loss["report_results"]) == ("originator", "immediately", True)
    assert ("nl", "annex_2__para_9__item_a__item_i") in cited(db, ALMELO, "loss-reported-to-the-state-of-origin")
    change = _provision(db, ALMELO, "no-downgrading-without-the-state-of-origin")
    assert change["no_downgrade_without_consent"] is True
    assert _provision(db, ALMELO, "by-diplomatic-courier")["channels"] == ["diplomatic_courier"]


def test_almelo_supersedes_the_interim_security_agreement_stub(db: sqlite_utils.Database) -> None:
    assert ("supersedes", INTERIM) in relations(db, ALMELO)
    assert cited(db, ALMELO, "ends-the-interim-security-agreement") == {("nl", "art_5__para_2")}
    (stub,) = db.query("select record, provision_count from agreements where id = ?", [INTERIM])
    assert stub == {"record": "referenced", "provision_count": 0}
    signing = event(db, INTERIM, "signed-at-almelo")
    assert (signing["date"], signing["place"]) == ("1970-03-04", "Almelo")
    assert cited(db, INTERIM, "signed-at-almelo", "event") == {("nl", "preamble")}


# --- the 1990 agreement with the United States (Dutch text, English declaration) --------------------


async def test_1990_in_force_on_signature_and_extended_after_its_first_year(client: httpx.AsyncClient) -> None:
    assert (await _status(client, CENTRIFUGE_1990, "1990-04-10"))["status"] == "unknown"
    on = await _status(client, CENTRIFUGE_1990, "1990-04-11")
    assert (on["status"], on["certain"]) == ("in_force", True)
    assert [e["event_id"] for e in on["deciding_events"]] == ["in-force-on-signature"]
    last_day = await _status(client, CENTRIFUGE_1990, "1991-04-10")
    assert (last_day["status"], last_day["certain"], last_day["current_term"]["ends_on"]) == (
        "in_force",
        True,
        "1991-04-11",
    )


@pytest.mark.parametrize("day", ["1991-04-11", "1992-04-11", "2000-01-01"])
async def test_1990_extension_of_unstated_length_leaves_it_in_force_uncertain(
    client: httpx.AsyncClient, day: str
) -> None:
    # One year from signature (Article XI), extended in April 1991 for a time no source states (the 1992
    # preamble): it did not lapse after its first year, and no day is known when it did.
    status = await _status(client, CENTRIFUGE_1990, day)
    assert (status["status"], status["certain"], status["ended_by"]) == ("in_force", False, None)
    [possible] = status["may_have_changed"]
    assert (possible["kind"], possible["first"]) == ("expiry", "1991-04-11")
    assert possible["last"] == "9999-12-31"  # no day makes the end certain
    assert "1992-04-11" not in json.dumps({key: value for key, value in status.items() if key != "on"})


def test_1990_dates_come_from_the_1992_preamble(db: sqlite_utils.Database) -> None:
    signing = event(db, CENTRIFUGE_1990, "signed-at-washington")
    assert (signing["date"], signing["place"]) == ("1990-04-11", "Washington")
    (row,) = db.query(
        "select text_id, unit_id from citations where owner_id = ? and text_id != ?",
        [f"{CENTRIFUGE_1990}.signed-at-washington", f"{CENTRIFUGE_1990}-text"],
    )
    assert row == {"text_id": f"{WASHINGTON_1992}-text", "unit_id": "preamble"}
    extension = event(db, CENTRIFUGE_1990, "extended-in-april-1991")
    assert (extension["kind"], extension["date"], extension["precision"]) == ("renewal", "1991-04-01", "month")
    duration = _provision(db, CENTRIFUGE_1990, "one-year")
    assert duration["initial_term"] == {"value": 1, "unit": "years"}
    assert cited(db, CENTRIFUGE_1990, "on-signature") == {("nl", "art_11")}


def test_1990_us_protects_what_urenco_transfers(db: sqlite_utils.Database) -> None:
    assert ("relies_on", ALMELO) in relations(db, CENTRIFUGE_1990)
    change = _provision(db, CENTRIFUGE_1990, "no-us-downgrading-without-the-tripartite-authority")
    assert (change["no_downgrade_without_consent"], change["binds"]) == (True, ["usa"])
    assert cited(db, CENTRIFUGE_1990, "no-us-downgrading-without-the-tripartite-authority") == {("nl", "art_3__para_1")}
    authority = _provision(db, CENTRIFUGE_1990, "tripartite-authority-represents-the-three-governments")
    assert authority["for_party"] == "tripartite-authority"
    assert _provision(db, CENTRIFUGE_1990, "classified-information-for-peaceful-purposes-only")[
        "permitted_purposes"
    ] == ("peaceful purposes")
    loss = _provision(db, CENTRIFUGE_1990, "us-authority-tells-the-tripartite-authority-without-delay")
    assert (loss["notify"], loss["timing"]) == ("originator", "immediately")


# --- the 1992 agreement with the United States (Dutch text, annex, Agreed Minute) --------------------


async def test_1992_is_signed_at_washington_and_not_yet_dated_in_force(client: httpx.AsyncClient) -> None:
    assert (await _status(client, WASHINGTON_1992, "1992-07-23"))["status"] == "unknown"
    for day in ("1992-07-24", "2026-12-01"):
        body = await _status(client, WASHINGTON_1992, day)
        assert (body["status"], body["certain"]) == ("signed", True)


def test_1992_signatories_and_final_clause(db: sqlite_utils.Database) -> None:
    signatories = {
        r["party_id"]: r["person"]
        for r in db.query("select * from signatories where agreement_id = ?", [WASHINGTON_1992])
    }
    assert signatories == {
        "nld": "J. H. Meesman",
        "usa": "Robert T. Kennedy",
        "deu": "J. Ruhfus",
        "gbr": "Robin Renwick",
    }
    # The loader keeps the final clause inside the annex's paragraph 2 (see the text's manifest note).
    assert ("nl", "annex_1__para_2") in cited(db, WASHINGTON_1992, "signed-at-washington", "event")
    languages = _provision(db, WASHINGTON_1992, "dutch-german-and-english")["languages"]
    assert set(languages) == {"nl", "de", "en"}


def test_1992_enters_into_force_after_the_exchange_of_notes_for_thirty_years(db: sqlite_utils.Database) -> None:
    rule = _provision(db, WASHINGTON_1992, "second-month-after-the-exchange-of-notes")
    assert (rule["instruments"], rule["first_day_of_month_after"]) == (["notification"], 2)
    duration = _provision(db, WASHINGTON_1992, "thirty-years-tacitly-extended-fifteen")
    assert duration["initial_term"] == {"value": 30, "unit": "years"}
    assert (duration["renewal"], duration["renewal_period"]) == ("automatic", {"value": 15, "unit": "years"})
    assert duration["notice_before_term_end"] == {"value": 1, "unit": "years"}
    assert _provision(db, WASHINGTON_1992, "notice-a-year-before-the-extension")["information_protected_after"]


def test_1992_classified_information_terms(db: sqlite_utils.Database) -> None:
    assert {("relies_on", ALMELO), ("refers_to", CENTRIFUGE_1990)} <= relations(db, WASHINGTON_1992)
    retransfer = _provision(db, WASHINGTON_1992, "no-retransfer-outside-the-parties")
    assert (retransfer["restricted_recipients"], retransfer["unless_approved_by"]) == ("non_parties", "none")
    use = _provision(db, WASHINGTON_1992, "transferred-information-for-the-agreement-only")
    assert (use["unless_approved_by"], use["approval_form"]) == ("originator", "prior_written")
    bilateral = _provision(db, WASHINGTON_1992, "us-security-information-under-bilateral-security-agreements")
    assert bilateral["handled_under"] == ["security_agreement"]
    assert ("nl", "minute__sec_3") in cited(
        db, WASHINGTON_1992, "us-security-information-under-bilateral-security-agreements"
    )


@pytest.mark.parametrize(
    ("stub", "parties", "day", "as_written"),
    [
        (UK_US_1961, {"usa", "gbr"}, "1961-04-14", "getekend op 14 april 1961"),
        (DE_US_1960, {"usa", "deu"}, "1960-12-23", "getekend op 23 december 1960"),
    ],
)
def test_1992_relies_on_the_us_general_security_agreements_its_minute_names(
    db: sqlite_utils.Database, stub: str, parties: set[str], day: str, as_written: str
) -> None:
    assert ("relies_on", stub) in relations(db, WASHINGTON_1992)
    (record,) = db.query("select record, provision_count from agreements where id = ?", [stub])
    assert record == {"record": "referenced", "provision_count": 0}
    assert {p for p, role in _roles(db, stub) if role == "party"} == parties
    (signing,) = db.query("select * from events where agreement_id = ? and kind = 'signing'", [stub])
    assert (signing["date"], signing["as_written"]) == (day, as_written)
    assert cited(db, stub, signing["event_id"], "event") == {("nl", "minute__sec_3")}


def test_1992_relies_on_the_dutch_us_security_agreement_of_18_august_1960(db: sqlite_utils.Database) -> None:
    assert ("relies_on", NL_US_1960) in relations(db, WASHINGTON_1992)
    (record,) = db.query("select record from agreements where id = ?", [NL_US_1960])
    assert record == {"record": "referenced"}
    quotes = [
        r["quote"]
        for r in db.query(
            "select quote from citations where agreement_id = ? and owner_type = 'relation' and unit_id = ?",
            [WASHINGTON_1992, "minute__sec_3"],
        )
    ]
    assert any("18 augustus 1960" in quote for quote in quotes)


# --- the Treaty of Cardiff (2005, Dutch text; Annex II and the accompanying letter) ----------------


async def test_cardiff_is_signed_and_waits_for_the_last_note(client: httpx.AsyncClient) -> None:
    assert (await _status(client, CARDIFF, "2005-07-11"))["status"] == "unknown"
    assert (await _status(client, CARDIFF, "2005-07-12"))["status"] == "signed"
    assert (await _status(client, CARDIFF, "2026-12-01"))["status"] == "signed"


def test_cardiff_signatories_with_their_offices(db: sqlite_utils.Database) -> None:
    offices = {
        r["party_id"]: (r["person"], r["office"])
        for r in db.query("select * from signatories where agreement_id = ?", [CARDIFF])
    }
    assert offices["nld"] == ("Laurens Jan Brinkhorst", "Minister van Economische Zaken")
    assert offices["fra"] == ("Catherina Colonna", "Minister van Europese Zaken")
    signing = event(db, CARDIFF, "signed-at-cardiff")
    assert (signing["date"], signing["place"]) == ("2005-07-12", "Cardiff")
    assert cited(db, CARDIFF, "signed-at-cardiff", "event") == {("nl", "final_clause"), ("nl", "letter__final_clause")}


def test_cardiff_lifecycle_terms(db: sqlite_utils.Database) -> None:
    rule = _provision(db, CARDIFF, "first-month-after-the-last-note")
    assert (rule["instruments"], rule["first_day_of_month_after"], rule["depositary"]) == (["notification"], 1, "nld")
    duration = _provision(db, CARDIFF, "thirty-years-renewed-by-ten")
    assert duration["initial_term"] == {"value": 30, "unit": "years"}
    assert (duration["renewal"], duration["renewal_period"]) == ("automatic", {"value": 10, "unit": "years"})
    assert _provision(db, CARDIFF, "notice-a-year-before-renewal")["effect"] == "at_term_end"
    assert cited(db, CARDIFF, "amendment-accepted-by-every-government") == {("nl", "art_15")}


def test_cardiff_relies_on_almelo_and_france_applies_its_standards(db: sqlite_utils.Database) -> None:
    assert ("relies_on", ALMELO) in relations(db, CARDIFF)
    france = _provision(db, CARDIFF, "france-applies-the-almelo-security-standards")
    assert france["under_agreement"] == ALMELO
    assert ("nl", "letter__para_6__item_b") in cited(db, CARDIFF, "france-applies-the-almelo-security-standards")
    rows = {row["level"]: row for row in _provision(db, CARDIFF, "grades-nl-de-uk-fr")["rows"]}
    assert _markings(rows["TOP SECRET"])["fra"] == {"TRES SECRET DEFENSE"}
    assert _markings(rows["SECRET"]) == {
        "nld": {"GEHEIM"},
        "deu": {"GEHEIM"},
        "gbr": {"SECRET"},
        "fra": {"SECRET DEFENSE"},
    }


# --- the 2011 agreement with the United States (Dutch text, annex, Agreed Minute) --------------------


async def test_2011_is_signed_in_paris_and_not_yet_dated_in_force(client: httpx.AsyncClient) -> None:
    assert (await _status(client, PARIS_2011, "2011-02-23"))["status"] == "unknown"
    assert (await _status(client, PARIS_2011, "2011-02-24"))["status"] == "signed"
    assert (await _status(client, PARIS_2011, "2026-12-01"))["status"] == "signed"


def test_2011_french_depositary_and_entry_into_force_on_the_last_note(db: sqlite_utils.Database) -> None:
    assert ("fra", "depositary") in _roles(db, PARIS_2011)
    rule = _provision(db, PARIS_2011, "on-receipt-of-the-last-note-by-the-depositary")
    assert (rule["instruments"], rule["depositary"]) == (["notification"], "fra")
    duration = _provision(db, PARIS_2011, "thirty-years-renewed-by-fifteen")
    assert (duration["renewal"], duration["renewal_period"]) == ("automatic", {"value": 15, "unit": "years"})
    assert duration["notice_before_term_end"] == {"value": 1, "unit": "years"}
    assert set(_provision(db, PARIS_2011, "french-english-dutch-and-german")["languages"]) == {"fr", "en", "nl", "de"}


def test_2011_leaves_the_1992_agreement_in_place(db: sqlite_utils.Database) -> None:
    stated = relations(db, PARIS_2011)
    assert {("relies_on", CARDIFF), ("refers_to", ALMELO), ("refers_to", WASHINGTON_1992)} <= stated
    # It does not apply to the Eunice plant and does not prevent the 1992 agreement's implementation
    # (Article II(5)): it neither supersedes nor amends it.
    assert not {("supersedes", WASHINGTON_1992), ("amends", WASHINGTON_1992)} & stated
    assert ("nl", "art_2__para_5") in {
        (r["language"], r["unit_id"])
        for r in db.query(
            "select language, unit_id from citations where agreement_id = ? and owner_type = 'relation'", [PARIS_2011]
        )
    }


def test_2011_classified_information_terms(db: sqlite_utils.Database) -> None:
    transmission = _provision(db, PARIS_2011, "diplomatic-courier-or-approved-encryption")
    assert set(transmission["channels"]) == {"diplomatic_courier", "secure_electronic"}
    access = _provision(db, PARIS_2011, "cleared-persons-approved-by-the-authorities")
    assert access["clearance_required"] is True
    assert cited(db, PARIS_2011, "cleared-persons-approved-by-the-authorities") == {("nl", "art_9__para_1")}
    retransfer = _provision(db, PARIS_2011, "us-restricted-data-not-retransferred-without-us-consent")
    assert (retransfer["unless_approved_by"], retransfer["approval_form"]) == ("originator", "prior_written")
    assert set(retransfer["binds"]) == {"fra", "gbr", "nld", "deu"}


# --- the 2012 Dutch-US homeland-security science agreement (English, Dutch translation) -------------


async def test_2012_is_applied_provisionally_from_signature(client: httpx.AsyncClient) -> None:
    assert (await _status(client, HOMELAND_2012, "2012-11-28"))["status"] == "unknown"
    for day in ("2012-11-29", "2026-12-01"):
        body = await _status(client, HOMELAND_2012, day)
        assert (body["status"], body["certain"]) == ("signed", True)
        assert body["provisionally_applied"] is not None


def test_2012_signing_and_provisional_application_in_both_languages(db: sqlite_utils.Database) -> None:
    signing = event(db, HOMELAND_2012, "signed-at-washington")
    assert (signing["date"], signing["place"]) == ("2012-11-29", "Washington")
    assert cited(db, HOMELAND_2012, "signed-at-washington", "event") == {
        ("en", "final_clause"),
        ("nl", "final_clause"),
    }
    assert cited(db, HOMELAND_2012, "applied-provisionally-from-signature", "event") == {
        ("en", "art_20__para_2"),
        ("nl", "art_20__para_2"),
    }
    versions = {
        r["language"]: (r["text_kind"], r["authentic"])
        for r in db.query("select * from text_versions where text_id = ?", [f"{HOMELAND_2012}-text"])
    }
    assert versions == {"en": ("verbatim", 1), "nl": ("translation", 0)}


def test_2012_lifecycle_terms(db: sqlite_utils.Database) -> None:
    rule = _provision(db, HOMELAND_2012, "second-month-after-the-dutch-notification")
    assert (rule["instruments"], rule["first_day_of_month_after"]) == (["notification"], 2)
    notice = _provision(db, HOMELAND_2012, "six-months-written-notice")
    assert (notice["notice"], notice["takes_effect_after"]) == ("written", {"value": 6, "unit": "months"})
    assert notice["information_protected_after"] is True
    assert {("en", "art_20__para_4"), ("nl", "art_20__para_4")} <= cited(db, HOMELAND_2012, "six-months-written-notice")
    assert _provision(db, HOMELAND_2012, "until-terminated")["indefinite"] is True


def test_2012_article_eleven_terms_cite_english_and_dutch(db: sqlite_utils.Database) -> None:
    for provision in ("no-further-disclosure-without-consent", "investigate-and-inform-promptly"):
        languages = {language for language, unit in cited(db, HOMELAND_2012, provision)}
        assert languages == {"en", "nl"}, provision
    transfer = _provision(db, HOMELAND_2012, "no-third-party-transfer-without-prior-written-consent")
    assert transfer["approval_form"] == "prior_written"
    assert {("en", "art_16"), ("nl", "art_16")} <= {
        (language, unit.split("__")[0])
        for language, unit in cited(db, HOMELAND_2012, "no-third-party-transfer-without-prior-written-consent")
    }
