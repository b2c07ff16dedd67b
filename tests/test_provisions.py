"""Each provision kind the sources state exists, typed, on the agreement the sources attach it to,
with citations the loader located in the documents."""

from __future__ import annotations

import json

import pytest
import sqlite_utils


def provisions(db: sqlite_utils.Database, agreement: str, kind: str) -> list[dict]:
    rows = list(db["provisions"].rows_where("agreement_id = ? and kind = ?", [agreement, kind]))
    for row in rows:
        row["data"] = json.loads(row["data"])
        row["citations"] = list(db["citations"].rows_where("owner_type = 'provision' and owner_id = ?", [row["id"]]))
    return rows


def assert_cited(db: sqlite_utils.Database, row: dict) -> None:
    assert row["citations"], row["id"]
    for citation in row["citations"]:
        if citation["text_id"]:
            # text_versions has one row per instrument and language: the citation names its instrument.
            (version,) = db["text_versions"].rows_where(
                "text_id = ? and language = ? and instrument = ?",
                [citation["text_id"], citation["language"], citation["instrument"]],
            )
            quoted = version["clean_text"][citation["clean_start"] : citation["clean_end"]]
            assert " ".join(quoted.split()) == " ".join(citation["quote"].split())
            continue
        text = db["documents"].get(citation["document_id"])
        # The stored offsets point at the quote in both texts (whitespace aside).
        clean = text["clean_text"][citation["clean_start"] : citation["clean_end"]]
        raw = text["raw_text"][citation["raw_start"] : citation["raw_end"]]
        assert " ".join(clean.split()) == " ".join(citation["quote"].split())
        assert " ".join(raw.split()) == " ".join(citation["quote"].split())


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_third_country_transfer_on_the_2016_gsomia(db: sqlite_utils.Database) -> None:
    (row,) = provisions(db, "jpn-kor-gsomia-2016", "third_country_transfer")
    assert row["data"]["restricted_recipients"] == "third_countries"
    assert row["data"]["unless_approved_by"] == "originator"
    assert row["basis"] == "agreed_in_negotiation"
    assert "without each other's approval" in row["citations"][0]["quote"]
    assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_need_to_know_access_on_the_2016_gsomia(db: sqlite_utils.Database) -> None:
    (row,) = provisions(db, "jpn-kor-gsomia-2016", "need_to_know_access")
    assert row["data"]["access_limited_to"] == "need_to_know"
    assert row["data"]["clearance_required"] is True
    assert row["basis"] == "agreement_text"
    assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_loss_notification_on_the_2016_gsomia(db: sqlite_utils.Database) -> None:
    (row,) = provisions(db, "jpn-kor-gsomia-2016", "loss_notification")
    assert row["data"]["triggers"] == ["loss", "compromise"]
    assert row["data"]["notify"] == "originator"
    assert row["data"]["timing"] == "immediately"
    assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_intermediary_routing_through_the_us_on_the_2014_arrangement(db: sqlite_utils.Database) -> None:
    (row,) = provisions(db, "jpn-kor-usa-tisa-2014", "intermediary_routing")
    data = row["data"]
    assert data["hub"] == "usa-dod"
    assert data["direct_exchange"] is False
    routes = {(r["origin"], tuple(r["via"]), r["destination"], r["onward_approval_by"]) for r in data["routes"]}
    assert routes == {
        ("kor-mnd", ("usa-dod",), "jpn-mod", "kor-mnd"),
        ("jpn-mod", ("usa-dod",), "kor-mnd", "jpn-mod"),
    }
    assert set(data["legs_under"]) == {"kor-usa-gsomia-1987", "jpn-usa-gsomia-2007"}
    assert db["provision_routes"].count_where("provision_id = ?", [row["id"]]) == 2
    assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_binding_status_claims_are_kept_apart_with_the_dispute(db: sqlite_utils.Database) -> None:
    rows = {r["provision_id"]: r for r in provisions(db, "jpn-kor-usa-tisa-2014", "binding_status")}
    assert rows["binding-diplomatic-only"]["data"]["legally_binding"] is False
    assert rows["binding-diplomatic-only"]["data"]["binding_nature"] == "diplomatic"
    minister = rows["no-ratification-per-defense-minister"]
    assert minister["data"]["ratification_required"] is False
    assert minister["asserted_by"] == "Han Min-koo"
    lawmaker = rows["ratification-required-per-opposition"]
    assert lawmaker["data"]["ratification_required"] is True
    assert lawmaker["asserted_by"] == "Jin Sung-Joon"
    assert lawmaker["disputes"] == minister["id"]
    for row in rows.values():
        assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_scope_subjects_and_information_forms_of_the_2014_arrangement(db: sqlite_utils.Database) -> None:
    rows = {r["provision_id"]: r for r in provisions(db, "jpn-kor-usa-tisa-2014", "scope")}
    subjects = rows["scope-subjects"]["data"]
    assert subjects["subjects"] == ["dprk-nuclear-programme", "dprk-missile-programme"]
    assert subjects["limited_to_subjects"] is True
    forms = rows["scope-information-forms"]["data"]["information_forms"]
    assert {"documents", "verbal", "visual", "electronic"} <= set(forms)
    for row in rows.values():
        assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_classification_levels_seoul_would_pass(db: sqlite_utils.Database) -> None:
    (row,) = provisions(db, "jpn-kor-usa-tisa-2014", "classification_levels")
    assert row["data"]["levels"] == ["second-rate military secrets", "third-rate military secrets"]
    assert (row["data"]["from_party"], row["data"]["to_party"]) == ("kor-mnd", "jpn-mod")
    assert row["basis"] == "planned"
    assert_cited(db, row)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_every_provision_kind_has_a_flattened_view(db: sqlite_utils.Database) -> None:
    view = db.view("provisions_loss_notification")
    assert {"triggers", "notify", "timing", "within_days"} <= set(view.columns_dict)
    (row,) = view.rows_where("agreement_id = 'jpn-kor-gsomia-2016'")
    assert row["timing"] == "immediately"
    assert json.loads(row["triggers"]) == ["loss", "compromise"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_every_citation_in_the_store_is_located(db: sqlite_utils.Database) -> None:
    rows = list(db["citations"].rows)
    assert len(rows) > 100
    for row in rows:
        assert_cited(db, {"citations": [row], "id": row["owner_id"]})
