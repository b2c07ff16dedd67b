"""The hand-curated records of three library texts (batch eval-1): ESA 2002, the EU member states 2011 and
NATO atomic information 1964, with the 1955 agreement it supersedes as a stub. Each test checks facts read
in the text, on the database built from the real seeds and library, or on the real app."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import httpx
import pytest
import sqlite_utils

pytestmark = pytest.mark.library

ESA = "esa-2002-classified-information"
EU = "eu-2011-classified-information"
NATO = "nato-1964-atomic-information"
NATO_1955 = "nato-1955-atomic-information"


def _provision(db: sqlite_utils.Database, agreement: str, provision: str) -> dict:
    row = db["provisions"].get(f"{agreement}.{provision}")
    return {**json.loads(row["data"]), "kind": row["kind"]}


def _cited(db: sqlite_utils.Database, agreement: str, provision: str) -> set[tuple[str, str]]:
    """(language, unit) of every citation of a provision, rows of an equivalence table included."""
    rows = db["citations"].rows_where("owner_type = 'provision' and owner_id = ?", [f"{agreement}.{provision}"])
    return {(r["language"], r["unit_id"]) for r in rows}


def _ledger(db: sqlite_utils.Database, agreement: str) -> dict[str, dict]:
    return {r["unit_id"]: r for r in db["text_ledger"].rows_where("agreement_id = ?", [agreement])}


def _roles(db: sqlite_utils.Database, agreement: str) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = defaultdict(set)
    for row in db["agreement_parties"].rows_where("agreement_id = ?", [agreement]):
        roles[row["party_id"]].add(row["role"])
    return roles


async def _status(client: httpx.AsyncClient, agreement: str, on: str) -> str:
    response = await client.get(f"/api/v1/agreements/{agreement}/status?on={on}")
    assert response.status_code == 200, response.text
    return response.json()["status"]


@pytest.mark.parametrize("agreement", [ESA, NATO])
def test_every_term_of_a_bilingual_text_cites_the_same_units_in_english_and_dutch(
    db: sqlite_utils.Database, agreement: str
) -> None:
    for row in db["provisions"].rows_where("agreement_id = ?", [agreement]):
        cited = _cited(db, agreement, row["provision_id"])
        english = {unit for language, unit in cited if language == "en"}
        dutch = {unit for language, unit in cited if language == "nl"}
        assert english == dutch, row["provision_id"]


# --- ESA 2002 -------------------------------------------------------------------------------------


def test_esa_third_country_rule_needs_the_originators_prior_written_consent(db: sqlite_utils.Database) -> None:
    rule = _provision(db, ESA, "no-disclosure-outside-esa")
    assert rule["kind"] == "third_country_transfer"
    assert rule["restricted_recipients"] == "non_parties"
    assert (rule["unless_approved_by"], rule["approval_form"]) == ("originator", "prior_written")
    assert {("en", "art_2__para_4"), ("nl", "art_2__para_4")} <= _cited(db, ESA, "no-disclosure-outside-esa")


def test_esa_parties_are_the_member_states_and_the_agency_with_france_as_depositary(
    db: sqlite_utils.Database,
) -> None:
    roles = _roles(db, ESA)
    assert roles["esa-member-states"] == {"party"}
    assert roles["esa"] == {"party"}
    assert roles["fra"] == {"depositary"}
    assert _provision(db, ESA, "france-is-depositary")["depositary"] == "fra"


def test_esa_was_signed_in_paris_on_19_august_2002(db: sqlite_utils.Database) -> None:
    (signing,) = db["events"].rows_where("agreement_id = ? and kind = 'signing'", [ESA])
    assert (signing["date"], signing["place"]) == ("2002-08-19", "Paris")
    units = {(r["language"], r["unit_id"]) for r in db["citations"].rows_where("owner_id = ?", [signing["id"]])}
    assert units == {("en", "final_clause"), ("nl", "final_clause")}


async def test_esa_enters_into_force_by_rule_so_it_stays_signed(
    db: sqlite_utils.Database, client: httpx.AsyncClient
) -> None:
    rule = _provision(db, ESA, "thirty-days-after-two-deposits")
    assert (rule["deposits_required"], rule["days_after_deposit"], rule["depositary"]) == (2, 30, "fra")
    assert {("en", "art_10__para_2"), ("nl", "art_10__para_2")} <= _cited(db, ESA, "thirty-days-after-two-deposits")
    assert db["events"].count_where("agreement_id = ? and kind = 'entry_into_force'", [ESA]) == 0
    assert await _status(client, ESA, "2020-01-01") == "signed"


def test_esa_denunciation_takes_a_year_and_protection_survives(db: sqlite_utils.Database) -> None:
    term = _provision(db, ESA, "one-year-denunciation")
    assert (term["notice"], term["notice_to"]) == ("written", "depositary")
    assert term["takes_effect_after"] == {"value": 1, "unit": "years"}
    assert term["information_protected_after"] is True
    assert {("en", "art_12__para_2"), ("nl", "art_12__para_2")} <= _cited(db, ESA, "one-year-denunciation")


def test_esa_clearance_and_need_to_know_cite_article_4(db: sqlite_utils.Database) -> None:
    term = _provision(db, ESA, "cleared-with-a-need-to-know")
    assert term["access_limited_to"] == "need_to_know"
    assert term["clearance_required"] is True
    assert term["clearance_cooperation"] is True
    cited = _cited(db, ESA, "cleared-with-a-need-to-know")
    assert {(language, f"art_4__para_{n}") for language in ("en", "nl") for n in (1, 2, 4)} <= cited


def test_esa_immunity_is_waived_in_proceedings_on_unauthorised_disclosure(db: sqlite_utils.Database) -> None:
    waiver = _provision(db, ESA, "immunity-waived-in-disclosure-proceedings")
    assert (waiver["kind"], waiver["organisation"]) == ("immunity_waiver", "esa")
    assert "unauthorised disclosure" in waiver["in_proceedings_on"]
    assert _cited(db, ESA, "immunity-waived-in-disclosure-proceedings") == {("en", "art_7"), ("nl", "art_7")}
    ledger = _ledger(db, ESA)
    assert ledger["art_7"]["no_terms"] is None
    assert json.loads(ledger["art_7"]["provisions"]) == [f"{ESA}.immunity-waived-in-disclosure-proceedings"]
    assert f"{ESA}.one-year-denunciation" in json.loads(ledger["art_12"]["provisions"])


def test_esa_amendments_any_party_proposes_take_effect_when_france_has_every_acceptance(
    db: sqlite_utils.Database,
) -> None:
    amendment = _provision(db, ESA, "amendment-accepted-by-all-parties")
    assert (amendment["kind"], amendment["by"], amendment["proposed_through"]) == (
        "amendment",
        "all_parties",
        "any_party",
    )
    assert "thirty days after the Government of France" in amendment["takes_effect"]
    cited = _cited(db, ESA, "amendment-accepted-by-all-parties")
    assert {(language, f"art_9__para_{n}") for language in ("en", "nl") for n in (1, 2)} <= cited
    depositary = _provision(db, ESA, "france-is-depositary")
    assert "inform_of_amendments" in depositary["duties"]
    assert ("nl", "art_9__para_2") in _cited(db, ESA, "france-is-depositary")


# --- EU member states 2011 --------------------------------------------------------------------------


def _table(db: sqlite_utils.Database) -> dict[str, list[str]]:
    rows = db["text_units"].rows_where("text_id = ? and kind = 'table_row'", [f"{EU}-text"])
    return {r["unit_id"]: json.loads(r["cells"]) for r in rows}


# The first cell of each member state's row of the annex table, as printed (Sweden's carries a footnote mark).
ROW_OF = {
    "bel": "België", "bgr": "Bulgarije", "cze": "Tsjechië", "dnk": "Denemarken", "deu": "Duitsland",
    "est": "Estland", "irl": "Ierland", "grc": "Griekenland", "esp": "Spanje", "fra": "Frankrijk",
    "ita": "Italië", "cyp": "Cyprus", "lva": "Letland", "ltu": "Litouwen", "lux": "Luxemburg",
    "hun": "Hongarije", "mlt": "Malta", "nld": "Nederland", "aut": "Oostenrijk", "pol": "Polen",
    "prt": "Portugal", "rou": "Roemenië", "svn": "Slovenië", "svk": "Slowakije", "fin": "Finland",
    "swe": "Zweden4)", "gbr": "Verenigd Koninkrijk",
}  # fmt: skip


def _cells_of(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Each member state -> the cells of its row of the annex table."""
    by_label = {cells[0]: cells for cells in _table(db).values()}
    return {party: by_label[label] for party, label in ROW_OF.items()}


def _footnote_marks(text: str) -> str:
    return re.sub(r"(?<=[^\W\d])\d\)", "", text)


def test_eu_parties_are_the_member_states_as_a_group_with_the_council_secretary_general_as_depositary(
    db: sqlite_utils.Database,
) -> None:
    roles = _roles(db, EU)
    assert roles["eu-member-states"] == {"party"}
    assert roles["eu-council-secretary-general"] == {"depositary"}
    assert "nld" not in roles  # the member states are the group; the annex table names them, one row each


def test_eu_the_equivalence_cites_every_row_of_the_annex_table(db: sqlite_utils.Database) -> None:
    cited = {unit for _, unit in _cited(db, EU, "eu-and-national-markings")}
    assert set(_table(db)) <= cited
    assert {cells[0] for cells in _table(db).values()} == {"EU", *ROW_OF.values()}


def test_eu_every_marking_is_in_its_states_cell_under_its_level(db: sqlite_utils.Database) -> None:
    header = next(cells for cells in _table(db).values() if cells[0] == "EU")
    cells_of = _cells_of(db)
    equivalence = _provision(db, EU, "eu-and-national-markings")
    assert [row["level"] for row in equivalence["rows"]] == header[1:]
    assert equivalence["highest_level"] == "TRES SECRET UE/EU TOP SECRET"
    for row in equivalence["rows"]:
        column = header.index(row["level"])
        for marking in row["markings"]:
            assert marking["marking"] in _footnote_marks(cells_of[marking["party"]][column]), (row["level"], marking)
        marked = {m["party"] for m in row["markings"]}
        unmarked = {party for party, cells in cells_of.items() if cells[column].startswith("zie voetnoot")}
        assert marked == set(ROW_OF) - unmarked, row["level"]


def test_eu_dutch_markings_and_the_states_without_a_restricted_marking(db: sqlite_utils.Database) -> None:
    rows = {row["level"]: row for row in _provision(db, EU, "eu-and-national-markings")["rows"]}
    dutch = {level: [m["marking"] for m in row["markings"] if m["party"] == "nld"] for level, row in rows.items()}
    assert dutch == {
        "TRES SECRET UE/EU TOP SECRET": ["Stg. ZEER GEHEIM"],
        "SECRET UE/EU SECRET": ["Stg. GEHEIM"],
        "CONFIDENTIEL UE/EU CONFIDENTIAL": ["Stg. CONFIDENTIEEL"],
        "RESTREINT UE/EU RESTRICTED": ["Dep. VERTROUWELIJK"],
    }
    restricted = {m["party"] for m in rows["RESTREINT UE/EU RESTRICTED"]["markings"]}
    assert "bel" not in restricted
    assert "fra" not in restricted
    assert {"bel", "fra"} <= {m["party"] for m in rows["CONFIDENTIEL UE/EU CONFIDENTIAL"]["markings"]}
    footnotes = {unit for _, unit in _cited(db, EU, "eu-and-national-markings") if unit.startswith("annex_1__para")}
    assert {"annex_1__para_1", "annex_1__para_3"} <= footnotes


def test_eu_release_to_a_third_state_needs_prior_written_consent_and_a_security_agreement(
    db: sqlite_utils.Database,
) -> None:
    rule = _provision(db, EU, "no-release-without-consent-and-a-security-agreement")
    assert rule["kind"] == "third_country_transfer"
    assert (rule["unless_approved_by"], rule["approval_form"]) == ("originator", "prior_written")
    assert rule["requires_security_agreement"] is True
    assert ("nl", "art_4__para_1__item_c") in _cited(db, EU, "no-release-without-consent-and-a-security-agreement")
    change = _provision(db, EU, "no-downgrading-without-consent")
    assert (change["changed_by"], change["no_downgrade_without_consent"]) == ("originator", True)
    assert change["notify"] is None  # art 4(1)(a) says nothing of telling the recipient
    assert ("nl", "art_4__para_1__item_a") in _cited(db, EU, "no-downgrading-without-consent")


def test_eu_clearance_from_confidentiel_ue_and_immediate_notice_of_loss(db: sqlite_utils.Database) -> None:
    access = _provision(db, EU, "need-to-know-and-clearance")
    assert access["clearance_threshold"] == "CONFIDENTIEL UE/EU CONFIDENTIAL"
    assert access["clearance_recognition"] is True
    assert {("nl", "art_5__para_2"), ("nl", "art_5__para_6")} <= _cited(db, EU, "need-to-know-and-clearance")
    loss = _provision(db, EU, "investigate-and-notify-the-originator-immediately")
    assert (loss["notify"], loss["timing"], loss["report_results"]) == ("originator", "immediately", True)
    assert ("nl", "art_9__para_2") in _cited(db, EU, "investigate-and-notify-the-originator-immediately")


async def test_eu_signed_in_brussels_and_not_dated_in_force_by_any_citable_source(
    db: sqlite_utils.Database, client: httpx.AsyncClient
) -> None:
    (signing,) = db["events"].rows_where("agreement_id = ? and kind = 'signing'", [EU])
    assert (signing["date"], signing["place"]) == ("2011-05-25", "Brussels")
    # The database's "Treedt in werking per 01-12-2015" is furniture the loader drops: the rule stays a term.
    assert db["events"].count_where("agreement_id = ? and kind in ('entry_into_force', 'in_force_attested')", [EU]) == 0
    rule = _provision(db, EU, "second-month-after-the-last-notification")
    assert rule["depositary"] == "eu-council-secretary-general"
    # "op de eerste dag van de tweede maand volgende op die waarin de laatste Partij ... meedeelt": every Party's notice
    assert (rule["instruments"], rule["deposits_required"], rule["first_day_of_month_after"]) == (
        ["notification"],
        None,
        2,
    )
    assert {("nl", "art_13__para_1"), ("nl", "art_13__para_2")} <= _cited(
        db, EU, "second-month-after-the-last-notification"
    )
    assert await _status(client, EU, "2016-01-01") == "signed"


def test_eu_authentic_in_the_twenty_three_languages_of_article_14(db: sqlite_utils.Database) -> None:
    languages = _provision(db, EU, "twenty-three-languages")["languages"]
    assert len(languages) == len(set(languages)) == 23
    assert {"nl", "ga", "mt", "en", "fr", "de"} <= set(languages)
    assert _cited(db, EU, "twenty-three-languages") == {("nl", "art_14")}


def test_eu_security_laws_on_request_and_amendment_by_written_agreement(db: sqlite_utils.Database) -> None:
    laws = _provision(db, EU, "security-laws-on-request")
    assert (laws["kind"], laws["on_request"]) == ("legal_change_notification", True)
    assert "security laws" in laws["laws"]
    assert _cited(db, EU, "security-laws-on-request") == {("nl", "art_8")}
    amendment = _provision(db, EU, "amendment-by-written-mutual-agreement")
    assert (amendment["kind"], amendment["by"]) == ("amendment", "mutual_written_consent")
    assert "13(2)" in amendment["takes_effect"]
    assert _cited(db, EU, "amendment-by-written-mutual-agreement") == {("nl", "art_11")}
    ledger = _ledger(db, EU)
    assert json.loads(ledger["art_8"]["provisions"]) == [f"{EU}.security-laws-on-request"]
    assert json.loads(ledger["art_11"]["provisions"]) == [f"{EU}.amendment-by-written-mutual-agreement"]
    assert "art_5__para_6" not in ledger  # the recognition of clearances is a field of the access term now
    assert json.loads(ledger["annex_1"]["provisions"]) == [f"{EU}.eu-and-national-markings"]


def test_eu_protection_is_under_national_law_at_the_level_of_the_council_rules(db: sqlite_utils.Database) -> None:
    protection = _provision(db, EU, "protect-classified-information-exchanged-in-the-eu-interest")
    assert protection["handled_under"] == ["national_law", "organisation_rules"]
    assert ("nl", "art_3__para_1") in _cited(db, EU, "protect-classified-information-exchanged-in-the-eu-interest")
    assert _provision(db, EU, "protected-in-transit-and-in-systems")["maintain_classification"] is None
    # "die wordt bekendgemaakt in het Publicatieblad": published, the text does not say by whom
    assert _provision(db, EU, "council-secretary-general-is-depositary")["duties"] == ["receive_instruments"]
    assert ("nl", "art_13__para_3") in _cited(db, EU, "council-secretary-general-is-depositary")


def test_eu_marking_notes_say_what_the_annex_table_adds(db: sqlite_utils.Database) -> None:
    rows = {row["level"]: row for row in _provision(db, EU, "eu-and-national-markings")["rows"]}
    notes = {(level, m["party"], m["marking"]): m.get("note") for level, row in rows.items() for m in row["markings"]}
    top, confidential = "TRES SECRET UE/EU TOP SECRET", "CONFIDENTIEL UE/EU CONFIDENTIAL"
    assert "Loi 11.12.1998" in notes[(top, "bel", "Très Secret")]
    assert "Wet 11.12.1998" in notes[(top, "bel", "Zeer Geheim")]
    assert "Verschlusssache" in notes[(confidential, "deu", "VS - VERTRAULICH")]
    assert "defence authorities" in notes[(top, "swe", "HEMLIG/TOP SECRET")]
    assert "other authorities" in notes[(top, "swe", "HEMLIG AV SYNNERLIG BETYDELSE FÖR RIKETS SÄKERHET")]
    assert "ΑΑΠ" in notes[(top, "grc", "Άκρως Απόρρητο")]
    assert (notes[(top, "fin", "ERITTÄIN SALAINEN")], notes[(top, "fin", "YTTERST HEMLIG")]) == ("Finnish", "Swedish")
    assert notes[(top, "nld", "Stg. ZEER GEHEIM")] is None  # the Dutch cell adds nothing
    cells_of = _cells_of(db)  # what the notes say is in the state's cell of the table
    assert {"Loi 11.12.1998", "Wet 11.12.1998"} <= set(re.findall(r"\w+ \d+\.\d+\.\d+", cells_of["bel"][1]))
    assert "ΑΑΠ" in cells_of["grc"][1]


# --- NATO atomic information 1964, and the 1955 agreement it supersedes ----------------------------------


def test_nato_1964_supersedes_the_1955_agreement_a_referenced_stub(db: sqlite_utils.Database) -> None:
    assert db["relations"].get((NATO, "supersedes", NATO_1955))
    assert db["agreements"].get(NATO_1955)["record"] == "referenced"
    assert db["provisions"].count_where("agreement_id = ?", [NATO_1955]) == 0
    (signing,) = db["events"].rows_where("agreement_id = ? and kind = 'signing'", [NATO_1955])
    assert (signing["date"], signing["place"], signing["as_written"]) == ("1955-06-22", "Paris", "22nd June, 1955")
    assert signing["resolved_against"] is None  # a date written out in full is relative to nothing
    assert _roles(db, NATO_1955) == {"nato-parties": {"party"}}  # the group alone: the citing text lists no one
    assert db["parties"].get("nato-parties")["kind"] == "group"
    supersession = _provision(db, NATO, "supersedes-1955-atomic-information-agreement")
    assert "22 June 1955" in supersession["supersedes"]
    assert {("en", "art_11"), ("nl", "art_11")} <= _cited(db, NATO, "supersedes-1955-atomic-information-agreement")
    relation_cited = {
        (r["language"], r["unit_id"])
        for r in db.query(
            "select language, unit_id from citations where agreement_id = ? and owner_type = 'relation'", [NATO]
        )
    }
    assert {("en", "art_11"), ("nl", "art_11")} <= relation_cited


def test_nato_1964_parties_act_also_for_nato_and_the_united_states_is_depositary(db: sqlite_utils.Database) -> None:
    roles = _roles(db, NATO)
    assert roles["nato-parties"] == {"party"}
    assert roles["nato"] == {"party"}
    assert roles["usa"] == {"party", "depositary"}


async def test_nato_1964_runs_until_ended_by_unanimous_agreement_and_stays_signed(
    db: sqlite_utils.Database, client: httpx.AsyncClient
) -> None:
    duration = _provision(db, NATO, "until-terminated-by-unanimous-agreement")
    assert duration["indefinite"] is True
    assert "unanimous agreement" in duration["ends_with"]
    assert {("en", "art_10__para_3"), ("nl", "art_10__para_3")} <= _cited(
        db, NATO, "until-terminated-by-unanimous-agreement"
    )
    assert db["provisions"].count_where("agreement_id = ? and kind = 'denunciation'", [NATO]) == 0
    rule = _provision(db, NATO, "on-receipt-of-every-notification")
    assert rule["depositary"] == "usa"
    assert (rule["instruments"], rule["deposits_required"]) == (["notification"], None)  # from all Parties
    assert (
        "inform_of_entry_into_force"
        in _provision(db, NATO, "united-states-government-informs-and-keeps-the-original")["duties"]
    )
    assert {("en", "art_10__para_1"), ("nl", "art_10__para_1")} <= _cited(db, NATO, "on-receipt-of-every-notification")
    (signing,) = db["events"].rows_where("agreement_id = ? and kind = 'signing'", [NATO])
    assert (signing["date"], signing["place"]) == ("1964-06-18", "Paris")
    assert await _status(client, NATO, "1970-01-01") == "signed"


def test_nato_1964_atomic_information_serves_nato_defence_plans_only(db: sqlite_utils.Database) -> None:
    purpose = _provision(db, NATO, "nato-defence-plans-only")
    assert "NATO defence plans" in purpose["permitted_purposes"]
    assert purpose["unless_approved_by"] == "none"
    cited = _cited(db, NATO, "nato-defence-plans-only")
    assert {("en", "art_4__para_3"), ("nl", "art_4__para_3"), ("en", "art_7__para_1"), ("nl", "art_7__para_1")} <= cited


def test_nato_1964_article_5_terms(db: sqlite_utils.Database) -> None:
    protection = _provision(db, NATO, "full-security-protection")
    assert protection["handled_under"] == ["nato_security_rules", "security_arrangements", "national_law"]
    assert protection["maintain_classification"] is None
    channels = _provision(db, NATO, "existing-or-agreed-channels")
    assert (channels["channels"], channels["other_channels_by_agreement"]) == (["agreed_channels"], True)
    council = _provision(db, NATO, "north-atlantic-council-security-programme")
    assert (council["authority"], council["for_party"]) == ("North Atlantic Council", "nato")
    transfer = _provision(db, NATO, "not-beyond-nato-jurisdiction")
    assert transfer["restricted_recipients"] == "non_parties"
    assert {("en", "art_5__para_4"), ("nl", "art_5__para_5")} <= _cited(db, NATO, "not-beyond-nato-jurisdiction")
    ledger = _ledger(db, NATO)
    assert "warranty" in ledger["art_7__para_2"]["no_terms"]
    assert "atomic weapon" in ledger["art_9__item_a"]["no_terms"]
