"""The Japan-ROK GSOMIA's terms as its official text pages state them (the library's English pages 4 and
10 and Japanese pages 2-3, 5-7 and 14), and the sharing evaluation using them: Korea -> Japan with a
classification, the markings of either party or the English level, and what the table leaves out."""

from __future__ import annotations

import datetime
import json
from typing import Any

import httpx
import pytest
import sqlite_utils

from api.domain.sharing import evaluate
from api.domain.sharing_answer import Channel, SharingAnswer
from api.store import Store
from tests.conftest import build_seeds, problem

pytestmark = pytest.mark.library  # the record cites its official text, which lives in the library

GSOMIA, TISA = "jpn-kor-gsomia-2016", "jpn-kor-usa-tisa-2014"
EN, JA = f"{GSOMIA}-text-en", f"{GSOMIA}-text-ja"
ON = datetime.date(2017, 12, 1)


def provision(db: sqlite_utils.Database, provision_id: str) -> dict[str, Any]:
    row = db["provisions"].get(f"{GSOMIA}.{provision_id}")
    return {**json.loads(row["record_json"]), "basis": row["basis"]}


def cited_units(db: sqlite_utils.Database, provision_id: str) -> set[tuple[str, str, str]]:
    rows = db["citations"].rows_where("owner_type = 'provision' and owner_id = ?", [f"{GSOMIA}.{provision_id}"])
    return {(r["text_id"], r["language"], r["unit_id"]) for r in rows if r["text_id"]}


# The record ---------------------------------------------------------------------------------------------


def test_duration_one_year_renewed_automatically_unless_ninety_days_written_notice(db: sqlite_utils.Database) -> None:
    term = provision(db, "one-year-renewed-annually")
    assert term["kind"] == "duration"
    assert term["initial_term"] == {"value": 1, "unit": "years"}
    assert (term["renewal"], term["renewal_period"]) == ("automatic", {"value": 1, "unit": "years"})
    assert term["notice_before_term_end"] == {"value": 90, "unit": "days"}
    assert (term["notice_form"], term["notice_channel"]) == ("written", "diplomatic_channel")
    assert term["basis"] == "agreement_text"
    assert cited_units(db, "one-year-renewed-annually") == {(EN, "en", "art_21__para_3")}


def test_termination_takes_effect_at_term_end_and_information_stays_protected(db: sqlite_utils.Database) -> None:
    term = provision(db, "notice-ninety-days-before-term-end")
    assert (term["kind"], term["effect"], term["channel"], term["notice"]) == (
        "denunciation",
        "at_term_end",
        "diplomatic_channel",
        "written",
    )
    assert term["information_protected_after"] is True
    assert cited_units(db, "notice-ninety-days-before-term-end") == {
        (EN, "en", "art_21__para_3"),
        (EN, "en", "art_21__para_4"),
    }


def test_equivalence_table_with_each_partys_markings_and_the_inferred_row(db: sqlite_utils.Database) -> None:
    table = provision(db, "equivalent-markings")
    assert (table["kind"], table["highest_level"], table["basis"]) == (
        "classification_equivalence",
        "SECRET",
        "agreement_text",
    )
    rows = {row["level"]: row for row in table["rows"]}
    assert list(rows) == ["SECRET", "CONFIDENTIAL"]
    marks = {level: {(m["party"], m["marking"]) for m in row["markings"]} for level, row in rows.items()}
    assert marks["SECRET"] == {("jpn", "極秘"), ("jpn", "特定秘密"), ("kor", "군사II급비밀")}
    assert marks["CONFIDENTIAL"] == {("jpn", "秘"), ("kor", "군사III급비밀")}
    assert rows["SECRET"]["inferred"] is False
    assert rows["CONFIDENTIAL"]["inferred"] is True
    assert "lost" in rows["CONFIDENTIAL"]["note"]
    # The inferred row cites the damaged table and the nearest statement: Japan's list of markings.
    row_units = {(c["unit"], c["quote"]) for c in rows["CONFIDENTIAL"]["citations"]}
    assert ("art_4__para_2", "군사III급비밀 CONFIDENTIAL") in row_units
    assert any(unit == "art_4__para_1__item_a" and "「秘」" in quote for unit, quote in row_units)
    assert {(JA, "ja", "art_4__para_2"), (JA, "ja", "art_4__para_1")} <= cited_units(db, "equivalent-markings")


def test_entry_into_force_on_the_later_notification_and_amendment_by_consent(db: sqlite_utils.Database) -> None:
    rule = provision(db, "in-force-on-the-later-notification")
    assert (rule["kind"], rule["instruments"], rule["deposits_required"]) == (
        "entry_into_force_rule",
        ["notification"],
        None,
    )
    assert cited_units(db, "in-force-on-the-later-notification") == {(EN, "en", "art_21__para_1")}
    amendment = provision(db, "amended-by-mutual-written-consent")
    assert (amendment["kind"], amendment["by"]) == ("amendment", "mutual_written_consent")
    assert cited_units(db, "amended-by-mutual-written-consent") == {(EN, "en", "art_21__para_2")}


def test_disputes_are_settled_only_by_consultation(db: sqlite_utils.Database) -> None:
    term = provision(db, "consultation-only")
    assert (term["kind"], term["means"], term["exclusive"]) == ("dispute_settlement", ["consultation"], True)
    assert term["protection_continues"] is True
    assert cited_units(db, "consultation-only") == {(EN, "en", "art_20__para_1"), (EN, "en", "art_20__para_2")}


def test_loss_or_compromise_is_notified_at_once_investigated_and_reported(db: sqlite_utils.Database) -> None:
    term = provision(db, "notify-loss-immediately")
    assert (term["kind"], term["triggers"], term["timing"]) == (
        "loss_notification",
        ["loss", "compromise"],
        "immediately",
    )
    assert (term["investigation"], term["report_results"], term["basis"]) == (True, True, "agreement_text")
    assert cited_units(db, "notify-loss-immediately") == {(JA, "ja", "art_17")}


def test_classification_change_destruction_and_access_cite_both_languages(db: sqlite_utils.Database) -> None:
    change = provision(db, "originator-changes-classification")
    assert (change["changed_by"], change["form"], change["timing"], change["recipient_follows"]) == (
        "originator",
        "written",
        "promptly",
        True,
    )
    assert cited_units(db, "originator-changes-classification") == {
        (EN, "en", "art_6__item_g"),
        (JA, "ja", "art_6__item_g"),
    }
    destroy = provision(db, "return-or-destroy")
    assert (destroy["options"], destroy["when"]) == (["return", "destroy"], ["no_longer_needed"])
    assert {(EN, "en", "art_6__item_h"), (JA, "ja", "art_6__item_h")} <= cited_units(db, "return-or-destroy")
    access = provision(db, "permitted-officials-only")
    assert (access["access_limited_to"], access["clearance_required"]) == ("need_to_know", True)
    assert cited_units(db, "permitted-officials-only") == {(EN, "en", "art_7__para_2"), (JA, "ja", "art_7__para_2")}


def test_claims_the_text_pages_do_not_hold_stay_claims(db: sqlite_utils.Database) -> None:
    assert provision(db, "no-third-country-transfer")["basis"] == "agreed_in_negotiation"
    assert provision(db, "contractor-precautions-assessed")["basis"] == "reported"
    assert cited_units(db, "no-third-country-transfer") == set()


def test_every_unit_of_both_text_pages_is_in_the_ledger(db: sqlite_utils.Database) -> None:
    for text_id in (EN, JA):
        units = {r["unit_id"] for r in db["text_units"].rows_where("text_id = ?", [text_id])}
        listed = {
            r["unit_id"]: r for r in db["text_ledger"].rows_where("agreement_id = ? and text_id = ?", [GSOMIA, text_id])
        }
        assert units
        assert set(listed) <= units
        for unit in units:  # each unit is listed, or inside a listed one
            assert unit in listed or any(unit.startswith(f"{entry}__") for entry in listed), unit
    art_21 = {
        r["unit_id"]: json.loads(r["provisions"] or "[]") for r in db["text_ledger"].rows_where("text_id = ?", [EN])
    }
    assert art_21["art_21__para_1"] == [f"{GSOMIA}.in-force-on-the-later-notification"]
    assert art_21["art_21__para_2"] == [f"{GSOMIA}.amended-by-mutual-written-consent"]


def test_the_other_texts_each_have_a_complete_ledger(db: sqlite_utils.Database) -> None:
    for agreement in ("jpn-kor-gsomia-2012", "kor-usa-gsomia-1987", TISA):
        units = {r["unit_id"] for r in db["text_units"].rows_where("text_id = ?", [f"{agreement}-text"])}
        listed = {r["unit_id"] for r in db["text_ledger"].rows_where("agreement_id = ?", [agreement])}
        assert units, agreement
        assert all(u in listed or any(u.startswith(f"{e}__") for e in listed) for u in units), agreement
    tisa = {
        r["unit_id"]: json.loads(r["provisions"] or "[]")
        for r in db["text_ledger"].rows_where("agreement_id = ?", [TISA])
    }
    assert tisa["para_4"] == [f"{TISA}.routing-through-us"]
    assert tisa["para_8"] == [f"{TISA}.not-legally-binding-per-text"]


# Sharing with the terms ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def in_force(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seeds with the GSOMIA's record as curated, and an entry into force on signature as Kyodo reports
    it: the record's 2016-2023 history is curated apart, and these tests are about its terms."""
    import shutil

    from tests.conftest import SEEDS

    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    path = seeds / "agreements" / f"{GSOMIA}.yaml"
    text = path.read_text()
    assert "\nevents:\n" in text
    event = """  - id: test-entry-into-force
    kind: entry_into_force
    when: {date: 2016-11-23}
    citations:
      - doc: kyodo-paraphrase-2016-11-23
        quote: the pact takes effect immediately
"""
    path.write_text(text.replace("\nevents:\n", "\nevents:\n" + event, 1))
    target = tmp_path_factory.mktemp("db") / "in-force.db"
    build_seeds(seeds, target)
    return Store(target)


def korea_to_japan(store: Store, classification: str | None) -> SharingAnswer:
    return evaluate(store.snapshot(), "kor", "jpn", ON, classification=classification)


def gsomia_channel(answer: SharingAnswer) -> Channel:
    (channel,) = [c for c in answer.channels if c.agreement.id == GSOMIA]
    return channel


@pytest.mark.parametrize("marking", ["SECRET", "secret", "군사II급비밀", "군사Ⅱ급비밀", "極秘", "特定秘密", "Gokuhi"])
def test_secret_in_either_script_finds_the_direct_channel(in_force: Store, marking: str) -> None:
    channel = gsomia_channel(korea_to_japan(in_force, marking))
    assert channel.route == "direct"
    assert [(h.sender.id, h.recipient.id) for h in channel.hops] == [("kor", "jpn")]
    (read,) = channel.classification
    assert (read.provision_id, read.level, read.inferred) == (f"{GSOMIA}.equivalent-markings", "SECRET", False)
    assert ("kor", "군사II급비밀") in {(m.party, m.marking) for m in read.markings}
    quotes = {(s.unit_id, s.quote) for s in read.sources}
    assert ("art_4__para_2", "極秘/特定秘密 군사II급비밀 SECRET") in quotes
    assert ("art_4__para_2", "군사III급비밀 CONFIDENTIAL") not in quotes, "another row's sources"


def test_confidential_reads_the_inferred_row(in_force: Store) -> None:
    (read,) = gsomia_channel(korea_to_japan(in_force, "秘")).classification
    assert (read.level, read.inferred) == ("CONFIDENTIAL", True)
    assert read.note
    assert "lost" in read.note


def test_top_secret_finds_no_channel_under_the_gsomia_and_says_why(in_force: Store) -> None:
    answer = korea_to_japan(in_force, "TOP SECRET")
    assert GSOMIA not in {c.agreement.id for c in answer.channels}
    (considered,) = [c for c in answer.considered if c.agreement.id == GSOMIA]
    assert considered.reason == "classification_not_covered"
    assert "has no level TOP SECRET" in considered.explanation
    assert "nothing above SECRET" in considered.explanation
    # The hub route's agreements state no classification terms for it: they pass it, and say so.
    (tisa,) = [c for c in answer.channels if c.agreement.id == TISA]
    assert any("states no classification terms in the store: TOP SECRET" in note for note in tisa.notes)


def test_the_channels_conditions_are_the_transfer_terms(in_force: Store) -> None:
    channel = gsomia_channel(korea_to_japan(in_force, "SECRET"))
    kinds = {c.kind for c in channel.conditions}
    assert {"third_country_transfer", "purpose_limitation", "need_to_know_access", "loss_notification"} <= kinds
    assert {"destruction_return", "classification_change", "protection_of_classified_information"} <= kinds
    instrument = {"duration", "denunciation", "dispute_settlement", "authentic_languages", "entry_into_force_rule"}
    assert not kinds & (instrument | {"amendment", "legal_change_notification"})
    loss = next(c for c in channel.conditions if c.kind == "loss_notification")
    assert "investigated and the results reported" in loss.summary
    assert all(c.sources for c in channel.conditions)


async def test_an_unknown_marking_is_a_400_naming_the_known_ones(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/sharing?from=kor&to=jpn&on=2017-12-01&classification=HIMITSU-X")
    assert response.status_code == 400
    body = problem(response)
    (param,) = body["invalid_params"]
    assert param["name"] == "classification"
    assert {"SECRET", "CONFIDENTIAL", "TOP SECRET", "極秘", "特定秘密", "秘", "군사II급비밀", "군사III급비밀"} <= set(
        param["allowed"]
    )
    assert "HIMITSU-X" in body["detail"]
    assert "군사II급비밀" in body["detail"]
