"""The defence-cooperation records of batch defence-2: eight agreements of the Netherlands (and the
European Air Group's), each with its classified-information article, its identity and its lifecycle,
checked against facts read in the official texts of the source library (never totals)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlite_utils

pytestmark = pytest.mark.library

EAG = "fra-gbr-1998-european-air-group"
BRAZIL = "bra-nld-2011-defence-cooperation"
MOROCCO = "mar-nld-2013-military-cooperation"
JORDAN = "jor-nld-2014-troop-deployment"
SWITZERLAND = "che-nld-2007-military-exercises"
GERMANY_2006 = "deu-nld-2006-defence-cooperation"
GERMANY_2001 = "deu-nld-2001-classified-information"
CORPS = "deu-nld-1997-german-netherlands-corps"
EUROGENDFOR = "eurogendfor-2007"


def _provision(db: sqlite_utils.Database, agreement: str, provision: str) -> dict[str, Any]:
    (row,) = db.query(
        "select kind, data from provisions where agreement_id = ? and provision_id = ?", [agreement, provision]
    )
    return {"kind": row["kind"], **json.loads(row["data"])}


def _cited(db: sqlite_utils.Database, agreement: str, provision: str) -> set[tuple[str, str]]:
    """(language, unit) of every citation of one provision."""
    rows = db.query(
        "select language, unit_id from citations where agreement_id = ? and owner_type = 'provision' and owner_id = ?",
        [agreement, f"{agreement}.{provision}"],
    )
    return {(r["language"], r["unit_id"]) for r in rows}


def _event(db: sqlite_utils.Database, agreement: str, event: str) -> dict[str, Any]:
    (row,) = db.query("select * from events where agreement_id = ? and event_id = ?", [agreement, event])
    return row


def _event_units(db: sqlite_utils.Database, agreement: str, event: str) -> set[tuple[str, str]]:
    rows = db.query(
        "select language, unit_id from citations where agreement_id = ? and owner_type = 'event' and owner_id = ?",
        [agreement, f"{agreement}.{event}"],
    )
    return {(r["language"], r["unit_id"]) for r in rows}


def _roles(db: sqlite_utils.Database, agreement: str) -> set[tuple[str, str]]:
    rows = db.query("select party_id, role from agreement_parties where agreement_id = ?", [agreement])
    return {(r["party_id"], r["role"]) for r in rows}


def _ledger(db: sqlite_utils.Database, agreement: str, unit: str) -> dict[str, Any]:
    (row,) = db.query("select * from text_ledger where agreement_id = ? and unit_id = ?", [agreement, unit])
    return row


# --- the European Air Group (France, United Kingdom; consolidated text, en and nl) -------------------


def test_eag_classified_documents_are_joint_property_under_nato_rules(db: sqlite_utils.Database) -> None:
    protection = _provision(db, EAG, "joint-property-marked-eag-parties-eyes-only")
    assert protection["kind"] == "protection_of_classified_information"
    assert protection["maintain_classification"] is True
    assert any("EAG PARTIES EYES ONLY" in c for c in protection["covers"])
    assert {("en", "art_11__para_1"), ("en", "art_11__para_2"), ("nl", "art_11__para_2")} <= _cited(
        db, EAG, "joint-property-marked-eag-parties-eyes-only"
    )


def test_eag_hands_its_documents_to_the_nato_rules_of_c_m_55_15(db: sqlite_utils.Database) -> None:
    protection = _provision(db, EAG, "joint-property-marked-eag-parties-eyes-only")
    assert protection["handled_under"] == ["nato_security_rules"]
    assert protection["under_agreement"] == "nato-1952-security-agreement"
    (relation,) = db.query(
        "select kind, other_agreement_id from relations where agreement_id = ? and other_agreement_id = ?",
        [EAG, "nato-1952-security-agreement"],
    )
    assert relation["kind"] == "relies_on"
    quotes = db.query(
        "select language, unit_id, quote from citations where agreement_id = ? and owner_type = 'relation'", [EAG]
    )
    assert any("CM (55) 15 (Final)" in q["quote"] and q["unit_id"] == "art_11__para_2" for q in quotes)
    amendment = _provision(db, EAG, "amendment-by-mutual-written-agreement")
    assert (amendment["kind"], amendment["by"]) == ("amendment", "mutual_written_consent")
    assert _cited(db, EAG, "amendment-by-mutual-written-agreement") == {("en", "art_32"), ("nl", "art_32")}


def test_eag_storage_at_high_wycombe_follows_the_host_s_rules(db: sqlite_utils.Database) -> None:
    # "all EAG personnel and visitors are to abide by the United Kingdom security rules": the host's law
    storage = _provision(db, EAG, "uk-rules-and-secure-storage-at-high-wycombe")
    assert (storage["handled_under"], storage["under_agreement"]) == (["national_law"], None)
    assert storage["maintain_classification"] is None
    assert {("en", "art_12__para_1"), ("nl", "art_12__para_1")} <= _cited(
        db, EAG, "uk-rules-and-secure-storage-at-high-wycombe"
    )
    (dutch,) = db.query(
        "select quote from citations where owner_id = ? and language = 'nl' and quote like '%Verenigd Koninkrijk%'",
        [f"{EAG}.uk-rules-and-secure-storage-at-high-wycombe"],
    )
    assert "veiligheidsregels en -voorschriften van het Verenigd Koninkrijk" in dutch["quote"]


def test_eag_loss_or_unauthorised_disclosure_is_reported_promptly(db: sqlite_utils.Database) -> None:
    loss = _provision(db, EAG, "loss-or-disclosure-reported-promptly")
    assert loss["kind"] == "loss_notification"
    assert set(loss["triggers"]) == {"loss", "unauthorised_disclosure"}
    assert loss["timing"] == "promptly"
    assert loss["report_results"] is True
    assert {("en", "art_11__para_4"), ("nl", "art_11__para_4")} <= _cited(
        db, EAG, "loss-or-disclosure-reported-promptly"
    )


def test_eag_withdrawal_and_accession_go_through_the_uk_as_depositary(db: sqlite_utils.Database) -> None:
    assert {("fra", "party"), ("gbr", "party"), ("gbr", "depositary")} <= _roles(db, EAG)
    withdrawal = _provision(db, EAG, "withdrawal-six-months-notice-to-depositary")
    assert withdrawal["notice_to"] == "depositary"
    assert withdrawal["takes_effect_after"] == {"value": 6, "unit": "months"}
    accession = _provision(db, EAG, "open-to-invited-states")
    assert (accession["deposit_with"], accession["days_after_deposit"]) == ("gbr", 30)
    duration = _provision(db, EAG, "indefinite-unless-ended")
    assert duration["indefinite"] is True
    assert ("nl", "art_34__para_1") in _cited(db, EAG, "indefinite-unless-ended")


def test_eag_chief_of_staff_answers_for_security_in_the_building(db: sqlite_utils.Database) -> None:
    authority = _provision(db, EAG, "chief-of-staff-responsible-for-security")
    assert (authority["established_by"], authority["for_party"]) == ("organisation", "eag")
    (party,) = db.query("select kind, short_name from parties where id = 'eag'")
    assert party == {"kind": "international_organisation", "short_name": "EAG"}


# --- Brazil (2011, Dutch text; interim rules of Article 5) ----------------------------------------


async def test_brazil_is_signed_in_brasilia_and_not_yet_dated_in_force(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{BRAZIL}/status?on=2012-06-30")).json()
    assert body["status"] == "signed"
    assert [e["event_id"] for e in body["deciding_events"]] == ["signed-in-brasilia"]


def test_brazil_signing_event(db: sqlite_utils.Database) -> None:
    signing = _event(db, BRAZIL, "signed-in-brasilia")
    assert (signing["kind"], signing["date"], signing["place"]) == ("signing", "2011-12-07", "Brasilia")
    assert _event_units(db, BRAZIL, "signed-in-brasilia") == {("nl", "final_clause")}


def test_brazil_interim_rules_on_release_and_downgrading(db: sqlite_utils.Database) -> None:
    release = _provision(db, BRAZIL, "no-release-to-third-parties")
    assert (release["unless_approved_by"], release["approval_form"]) == ("originator", "prior_written")
    assert _cited(db, BRAZIL, "no-release-to-third-parties") == {("nl", "art_5__para_2__item_b")}
    change = _provision(db, BRAZIL, "upgrades-notified-no-downgrading")
    assert change["no_downgrade_without_consent"] is True
    assert {("nl", "art_5__para_2__item_f"), ("nl", "art_5__para_2__item_g")} <= _cited(
        db, BRAZIL, "upgrades-notified-no-downgrading"
    )


def test_brazil_enters_into_force_on_the_first_day_of_the_second_month_after_the_last_notice(
    db: sqlite_utils.Database,
) -> None:
    rule = _provision(db, BRAZIL, "second-month-after-last-notification")
    assert (rule["instruments"], rule["deposits_required"]) == (["notification"], None)  # each party's notice
    assert rule["first_day_of_month_after"] == 2
    assert _cited(db, BRAZIL, "second-month-after-last-notification") == {("nl", "art_11__para_1")}
    amendment = _provision(db, BRAZIL, "amendment-in-writing-through-diplomatic-channels")
    assert (amendment["by"], amendment["proposed_through"]) == ("mutual_written_consent", "diplomatic_channel")
    assert ("nl", "art_10__para_1") in _cited(db, BRAZIL, "amendment-in-writing-through-diplomatic-channels")


def test_brazil_termination_after_ninety_days_leaves_the_information_protected(db: sqlite_utils.Database) -> None:
    termination = _provision(db, BRAZIL, "termination-ninety-days")
    assert termination["takes_effect_after"] == {"value": 90, "unit": "days"}
    assert (termination["channel"], termination["information_protected_after"]) == ("diplomatic_channel", True)
    assert {("nl", "art_11__para_2"), ("nl", "art_5__para_2__item_h")} <= _cited(db, BRAZIL, "termination-ninety-days")
    assert f"{BRAZIL}.termination-ninety-days" in json.loads(_ledger(db, BRAZIL, "art_5")["provisions"])


# --- Morocco (2013, French and Dutch; provisionally applied from signature) ---------------------------


def test_morocco_is_applied_provisionally_from_signature_in_rabat(db: sqlite_utils.Database) -> None:
    signing = _event(db, MOROCCO, "signed-in-rabat")
    assert (signing["date"], signing["place"]) == ("2013-05-21", "Rabat")
    provisional = _event(db, MOROCCO, "applied-provisionally-from-signature")
    assert (provisional["kind"], provisional["date"]) == ("provisional_application", "2013-05-21")
    assert provisional["status_after"] is None, "provisional application does not put it in force"
    assert _event_units(db, MOROCCO, "applied-provisionally-from-signature") == {
        ("fr", "art_7__para_2"),
        ("nl", "art_7__para_2"),
    }


def test_morocco_five_years_renewed_tacitly_six_months_notice(db: sqlite_utils.Database) -> None:
    duration = _provision(db, MOROCCO, "five-years-tacitly-renewed")
    assert duration["initial_term"] == {"value": 5, "unit": "years"}
    assert (duration["renewal"], duration["renewal_period"]) == ("automatic", {"value": 5, "unit": "years"})
    notice = _provision(db, MOROCCO, "six-months-notice-at-any-time")
    assert (notice["notice"], notice["takes_effect_after"]) == ("written", {"value": 6, "unit": "months"})
    assert {("fr", "art_7__para_3"), ("nl", "art_7__para_3")} <= _cited(db, MOROCCO, "six-months-notice-at-any-time")


def test_morocco_enters_into_force_on_the_first_of_the_month_after_two_months(db: sqlite_utils.Database) -> None:
    rule = _provision(db, MOROCCO, "month-after-two-months-from-notifications")
    assert (rule["instruments"], rule["deposits_required"]) == (["notification"], None)
    # "le premier jour du mois qui suit l'expiration d'une période de deux mois": two months from any day of a
    # month end in the second month after it, so the day is the first of the third month
    assert rule["first_day_of_month_after"] == 3
    assert {("fr", "art_7__para_2"), ("nl", "art_7__para_2")} <= _cited(
        db, MOROCCO, "month-after-two-months-from-notifications"
    )
    amendment = _provision(db, MOROCCO, "amendment-by-written-mutual-agreement")
    assert amendment["by"] == "mutual_written_consent"
    assert _cited(db, MOROCCO, "amendment-by-written-mutual-agreement") == {
        ("fr", "art_7__para_4"),
        ("nl", "art_7__para_4"),
    }
    protection = _provision(db, MOROCCO, "protected-and-classified-under-national-law")
    assert (protection["handled_under"], protection["maintain_classification"]) == (["national_law"], None)


def test_morocco_information_needs_prior_written_consent_in_both_languages(db: sqlite_utils.Database) -> None:
    transfer = _provision(db, MOROCCO, "no-transfer-without-prior-written-consent")
    assert transfer["approval_form"] == "prior_written"
    assert _cited(db, MOROCCO, "no-transfer-without-prior-written-consent") == {
        ("fr", "art_6__para_1"),
        ("nl", "art_6__para_1"),
    }


# --- Jordan (2014, English; in force on signature, at most a year) -----------------------------------


async def test_jordan_is_in_force_from_its_signature(client: httpx.AsyncClient) -> None:
    before = (await client.get(f"/api/v1/agreements/{JORDAN}/status?on=2014-10-01")).json()
    assert before["status"] == "unknown"
    on = (await client.get(f"/api/v1/agreements/{JORDAN}/status?on=2014-10-02")).json()
    assert on["status"] == "in_force"
    assert [e["event_id"] for e in on["deciding_events"]] == ["in-force-on-signature"]


def test_jordan_entry_into_force_and_signatories(db: sqlite_utils.Database) -> None:
    assert _event_units(db, JORDAN, "in-force-on-signature") == {("en", "art_13__para_1")}
    assert _event(db, JORDAN, "signed-in-amman")["place"] == "Amman"
    offices = {
        r["party_id"]: r["office"] for r in db.query("select * from signatories where agreement_id = ?", [JORDAN])
    }
    assert offices["nld"] == "Ambassador of the Kingdom of the Netherlands"
    assert "Joint Chiefs of Staff" in offices["jor"]


def test_jordan_rule_is_entry_into_force_on_signature_and_national_security_laws(db: sqlite_utils.Database) -> None:
    rule = _provision(db, JORDAN, "in-force-on-signature")
    assert (rule["kind"], rule["instruments"]) == ("entry_into_force_rule", ["signature"])
    assert _cited(db, JORDAN, "in-force-on-signature") == {("en", "art_13__para_1")}
    protection = _provision(db, JORDAN, "handled-under-national-security-laws")
    assert (protection["handled_under"], protection["maintain_classification"]) == (["national_law"], None)


def test_jordan_release_to_third_parties_and_its_one_year_cap(db: sqlite_utils.Database) -> None:
    release = _provision(db, JORDAN, "no-release-to-third-parties-even-after-the-mission")
    assert (release["unless_approved_by"], release["approval_form"]) == ("originator", "prior_written")
    assert _cited(db, JORDAN, "no-release-to-third-parties-even-after-the-mission") == {("en", "art_11__para_2")}
    duration = _provision(db, JORDAN, "until-end-of-mission-at-most-one-year")
    assert duration["maximum"] == {"value": 1, "unit": "years"}
    assert "Mission" in duration["ends_with"]
    assert _provision(db, JORDAN, "two-months-written-notice")["takes_effect_after"] == {"value": 2, "unit": "months"}


# --- Switzerland (2007, English authentic, Dutch translation; a referral clause) -------------------


def test_switzerland_refers_classified_information_to_the_security_arrangements(db: sqlite_utils.Database) -> None:
    assert {("en", "art_15"), ("nl", "art_15"), ("en", "art_12__para_7"), ("nl", "art_12__para_7")} == _cited(
        db, SWITZERLAND, "handled-under-swiss-dutch-security-arrangements"
    )
    assert _ledger(db, SWITZERLAND, "art_12")["no_terms"]
    assert _ledger(db, SWITZERLAND, "art_12__para_7")["provisions"]
    referral = _provision(db, SWITZERLAND, "handled-under-swiss-dutch-security-arrangements")
    assert referral["handled_under"] == ["security_arrangements"]
    assert (referral["under_agreement"], referral["maintain_classification"]) == (None, None)  # none is named


def test_switzerland_enters_into_force_when_both_have_notified(db: sqlite_utils.Database) -> None:
    rule = _provision(db, SWITZERLAND, "on-mutual-notification-of-constitutional-procedures")
    assert (rule["instruments"], rule["deposits_required"], rule["first_day_of_month_after"]) == (
        ["notification"],
        None,
        None,
    )
    amendment = _provision(db, SWITZERLAND, "amendment-by-agreement-in-force-on-notification")
    assert amendment["by"] == "all_parties"
    assert "constitutional procedures" in amendment["takes_effect"]
    assert {("en", "art_18__para_2"), ("nl", "art_18__para_2")} == _cited(
        db, SWITZERLAND, "amendment-by-agreement-in-force-on-notification"
    )


def test_switzerland_dates_and_languages(db: sqlite_utils.Database) -> None:
    signing = _event(db, SWITZERLAND, "signed-in-the-hague")
    assert (signing["date"], signing["place"]) == ("2007-04-12", "The Hague")
    assert _event(db, SWITZERLAND, "applied-provisionally")["date"] == "2007-06-01"
    versions = {
        r["language"]: (r["text_kind"], r["authentic"])
        for r in db.query("select * from text_versions where text_id = ?", [f"{SWITZERLAND}-text"])
    }
    assert versions == {"en": ("verbatim", 1), "nl": ("translation", 0)}
    assert _provision(db, SWITZERLAND, "six-months-written-notice")["takes_effect_after"] == {
        "value": 6,
        "unit": "months",
    }


# --- Germany 2006 and the 2001 classified-information treaty it relies on ----------------------------


def test_germany_2006_relies_on_the_2001_treaty_stub(db: sqlite_utils.Database) -> None:
    (relation,) = db.query("select kind, other_agreement_id from relations where agreement_id = ?", [GERMANY_2006])
    assert relation == {"kind": "relies_on", "other_agreement_id": GERMANY_2001}
    (stub,) = db.query("select record, provision_count from agreements where id = ?", [GERMANY_2001])
    assert stub == {"record": "referenced", "provision_count": 0}
    dated = _event(db, GERMANY_2001, "dated-18-april-2001")
    assert (dated["date"], dated["as_written"], dated["resolved_against"]) == ("2001-04-18", "van 18 april 2001", None)
    assert {
        r["party_id"] for r in db.query("select party_id from agreement_parties where agreement_id = ?", [GERMANY_2001])
    } == {"nld", "deu"}
    assert _cited(db, GERMANY_2006, "dutch-german-2001-treaty-applies") == {("nl", "art_9")}
    referral = _provision(db, GERMANY_2006, "dutch-german-2001-treaty-applies")
    assert (referral["handled_under"], referral["under_agreement"]) == (["security_agreement"], GERMANY_2001)
    assert referral["maintain_classification"] is None


def test_germany_2006_entry_into_force_and_amendments_on_the_last_notice(db: sqlite_utils.Database) -> None:
    rule = _provision(db, GERMANY_2006, "second-month-after-last-notification")
    assert (rule["instruments"], rule["first_day_of_month_after"]) == (["notification"], 2)
    amendment = _provision(db, GERMANY_2006, "amendment-by-mutual-agreement")
    assert amendment["by"] == "all_parties"
    assert _cited(db, GERMANY_2006, "amendment-by-mutual-agreement") == {("nl", "art_11__para_3")}
    assert f"{GERMANY_2006}.amendment-by-mutual-agreement" in json.loads(
        _ledger(db, GERMANY_2006, "art_11")["provisions"]
    )


def test_germany_2006_signed_in_munster_applied_provisionally_twelve_months_notice(db: sqlite_utils.Database) -> None:
    assert (_event(db, GERMANY_2006, "signed-in-munster")["place"]) == "Münster"
    provisional = _event(db, GERMANY_2006, "applied-provisionally-from-signature")
    assert provisional["date"] == "2006-11-08"
    assert _event_units(db, GERMANY_2006, "applied-provisionally-from-signature") == {("nl", "art_11__para_2")}
    notice = _provision(db, GERMANY_2006, "twelve-months-written-notice")
    assert (notice["notice_to"], notice["takes_effect_after"]) == ("other_parties", {"value": 12, "unit": "months"})


# --- the German/Netherlands Corps (1997 convention and Protocol) ------------------------------------


def test_corps_signed_at_bergen_convention_and_protocol(db: sqlite_utils.Database) -> None:
    signing = _event(db, CORPS, "signed-in-bergen")
    assert (signing["date"], signing["place"]) == ("1997-10-06", "Bergen")
    assert _event_units(db, CORPS, "signed-in-bergen") == {("nl", "final_clause"), ("nl", "protocol__final_clause")}
    assert _event(db, CORPS, "applied-provisionally-from-1-december-1997")["date"] == "1997-12-01"


def test_corps_lifecycle_terms(db: sqlite_utils.Database) -> None:
    assert _provision(db, CORPS, "reviewed-every-five-years")["review_every"] == {"value": 5, "unit": "years"}
    assert _provision(db, CORPS, "twelve-months-written-notice")["takes_effect_after"] == {
        "value": 12,
        "unit": "months",
    }
    assert _cited(db, CORPS, "succeeds-the-1994-corps-agreements") == {("nl", "protocol__sec_1")}
    assert _cited(db, CORPS, "handled-under-security-agreements") == {("nl", "art_11")}
    assert _ledger(db, CORPS, "protocol__sec_2")["no_terms"]


def test_corps_referral_english_prevails_and_written_amendments(db: sqlite_utils.Database) -> None:
    referral = _provision(db, CORPS, "handled-under-security-agreements")
    assert referral["handled_under"] == ["security_agreement", "security_arrangements"]
    assert referral["under_agreement"] is None  # "multilaterale of bilaterale overeenkomsten": none named
    languages = _provision(db, CORPS, "dutch-german-english")
    assert (languages["languages"], languages["prevails"]) == (["nl", "de", "en"], "en")
    rule = _provision(db, CORPS, "second-month-after-last-notification")
    assert (rule["instruments"], rule["first_day_of_month_after"]) == (["notification"], 2)
    amendment = _provision(db, CORPS, "supplemented-or-amended-in-writing")
    assert amendment["by"] == "mutual_written_consent"
    assert _cited(db, CORPS, "supplemented-or-amended-in-writing") == {("nl", "art_15__para_3")}


@pytest.mark.parametrize(("agreement", "prevails"), [(BRAZIL, "en"), (MOROCCO, "fr"), (CORPS, "en")])
def test_the_prevailing_text_is_a_field(db: sqlite_utils.Database, agreement: str, prevails: str) -> None:
    (row,) = db.query(
        "select data from provisions where agreement_id = ? and kind = 'authentic_languages'", [agreement]
    )
    languages = json.loads(row["data"])
    assert languages["prevails"] == prevails
    assert prevails in languages["languages"]


@pytest.mark.parametrize("agreement", [BRAZIL, MOROCCO, SWITZERLAND, GERMANY_2006, CORPS])
def test_signatories_have_no_office_where_the_final_clause_names_only_the_person(
    db: sqlite_utils.Database, agreement: str
) -> None:
    signatories = list(db.query("select person, office from signatories where agreement_id = ?", [agreement]))
    assert signatories
    assert {s["person"]: s["office"] for s in signatories} == {s["person"]: None for s in signatories}


# --- EUROGENDFOR (2007, Dutch text; Chapter V) ---------------------------------------------------


def test_eurogendfor_parties_and_italian_depositary(db: sqlite_utils.Database) -> None:
    roles = _roles(db, EUROGENDFOR)
    assert {p for p, role in roles if role == "party"} == {"esp", "fra", "ita", "nld", "prt"}
    assert ("ita", "depositary") in roles
    signing = _event(db, EUROGENDFOR, "signed-in-velsen")
    assert (signing["date"], signing["place"]) == ("2007-10-18", "Velsen")


def test_eurogendfor_chapter_five_and_its_final_clauses(db: sqlite_utils.Database) -> None:
    chapter = json.loads(_ledger(db, EUROGENDFOR, "chp_5")["provisions"])
    assert f"{EUROGENDFOR}.third-states-only-under-specific-security-agreements" in chapter
    assert {("nl", "art_12__para_3"), ("nl", "art_7__para_3__item_l")} == _cited(
        db, EUROGENDFOR, "third-states-only-under-specific-security-agreements"
    )
    transfer = _provision(db, EUROGENDFOR, "third-states-only-under-specific-security-agreements")
    assert transfer["requires_security_agreement"] is True
    protection = _provision(db, EUROGENDFOR, "protect-eurogendfor-classified-information")
    assert protection["handled_under"] == ["national_law", "security_agreement"]
    denunciation = _provision(db, EUROGENDFOR, "twelve-months-after-notice-to-depositary")
    assert (denunciation["notice_to"], denunciation["takes_effect_after"]) == (
        "depositary",
        {"value": 12, "unit": "months"},
    )
    rule = _provision(db, EUROGENDFOR, "second-month-after-last-instrument")
    assert (set(rule["instruments"]), rule["depositary"]) == ({"ratification", "acceptance", "approval"}, "ita")
    assert (rule["deposits_required"], rule["first_day_of_month_after"]) == (None, 2)  # the last instrument
    amendment = _provision(db, EUROGENDFOR, "amendment-proposed-by-a-party-accepted-by-all")
    assert (amendment["by"], amendment["proposed_through"]) == ("all_parties", "any_party")
    assert {("nl", "art_40__para_1"), ("nl", "art_40__para_2")} == _cited(
        db, EUROGENDFOR, "amendment-proposed-by-a-party-accepted-by-all"
    )
