"""Official texts in the store: the NATO 1997 agreement, loaded in English and Dutch, with typed
provisions that cite their articles, served by article and browsable in Datasette."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import sqlite_utils

from loaders.errors import SeedErrors
from tests.conftest import load_test_seeds as load_seeds
from tests.conftest import problem

pytestmark = pytest.mark.library  # the NATO 1997 text lives in the source library

NATO = "nato-1997-security-of-information"
TEXT = f"{NATO}-text"
RECORD = f"agreements/{NATO}.yaml"


def units(db: sqlite_utils.Database, language: str) -> list[str]:
    return [
        r["unit_id"]
        for r in db["text_units"].rows_where("text_id = ? and language = ?", [TEXT, language], order_by="ord")
    ]


def test_both_language_versions_with_every_article_and_annex(db: sqlite_utils.Database) -> None:
    english, dutch = units(db, "en"), units(db, "nl")
    assert english == dutch
    top = [u for u in english if "__" not in u]
    assert top == ["preamble", *(f"art_{n}" for n in range(1, 10)), "final_clause", "annex_1", "annex_2", "annex_3"]
    headings = {
        r["unit_id"]: r["heading"] for r in db["text_units"].rows_where("text_id = ? and language = 'nl'", [TEXT])
    }
    assert headings["art_9"] == "Artikel 9"
    assert headings["annex_2"] == "Bijlage II"


def test_no_markup_in_unit_text(db: sqlite_utils.Database) -> None:
    for row in db["text_units"].rows:
        for furniture in ("<meta", "](", "README.md", "###", "##"):
            assert furniture not in row["text"], (row["unit_id"], furniture)
    raw = db["texts"].get(TEXT)["raw_text"]
    assert "README.md" in raw  # the raw text stays as published


def provision(db: sqlite_utils.Database, provision_id: str) -> tuple[dict, list[dict]]:
    row = db["provisions"].get(f"{NATO}.{provision_id}")
    cited = list(db["citations"].rows_where("owner_type = 'provision' and owner_id = ?", [row["id"]]))
    return row, cited


@pytest.mark.parametrize(
    ("provision_id", "kind", "units"),
    [
        ("protect-and-safeguard", "protection_of_classified_information", {"art_1__item_i__item_a", "art_1__item_ii"}),
        ("treaty-purposes-only", "purpose_limitation", {"art_1__item_iii"}),
        ("no-disclosure-to-non-nato-parties", "third_country_transfer", {"art_1__item_iv"}),
        ("national-security-authorities", "security_authority", {"art_2"}),
        ("cleared-personnel", "need_to_know_access", {"art_3__para_1", "art_3__para_3"}),
        ("other-agreements-permitted", "other_agreements", {"art_5"}),
        ("thirty-days-after-two-deposits", "entry_into_force_rule", {"art_6__item_b"}),
        ("supersedes-1952-security-agreement", "supersession", {"art_6__item_c"}),
        ("open-to-new-nato-parties", "accession", {"art_7"}),
        ("one-year-denunciation", "denunciation", {"art_9"}),
        ("english-and-french", "authentic_languages", {"final_clause"}),
    ],
)
def test_provisions_are_typed_and_cite_their_articles(
    db: sqlite_utils.Database, provision_id: str, kind: str, units: set[str]
) -> None:
    row, cited = provision(db, provision_id)
    assert row["kind"] == kind
    assert row["basis"] == "agreement_text"
    assert units <= {c["unit_id"] for c in cited}
    assert all(c["text_id"] == TEXT and c["document_id"] is None for c in cited)


def test_third_country_rule_cites_both_languages(db: sqlite_utils.Database) -> None:
    row, cited = provision(db, "no-disclosure-to-non-nato-parties")
    assert {(c["language"], c["unit_id"]) for c in cited} == {("en", "art_1__item_iv"), ("nl", "art_1__item_iv")}
    assert '"restricted_recipients":"non_parties"' in row["data"]


def test_denunciation_leaves_obligations_in_force(db: sqlite_utils.Database) -> None:
    row = db.view("provisions_denunciation").rows_where("agreement_id = ?", [NATO])
    (denunciation,) = list(row)
    assert json.loads(denunciation["takes_effect_after"]) == {"value": 1, "unit": "years"}
    assert denunciation["obligations_survive"] == 1
    assert denunciation["notice_to"] == "depositary"


def test_depositary_and_group_party(db: sqlite_utils.Database) -> None:
    roles = {(r["party_id"], r["role"]) for r in db["agreement_parties"].rows_where("agreement_id = ?", [NATO])}
    assert roles == {("nato-parties", "party"), ("nato", "party"), ("usa", "depositary")}
    signed = db["events"].get(f"{NATO}.signed-in-brussels")
    assert (signed["date"], signed["place"]) == ("1997-03-06", "Brussels")


def edit(seeds: Path, old: str, new: str) -> None:
    path = seeds / RECORD
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def only_error(seeds: Path) -> str:
    with pytest.raises(SeedErrors) as caught:
        load_seeds(seeds)
    # The unit ledger may also notice the changed unit; the citation's own error is the one tested.
    (error,) = [e for e in caught.value.errors if not e.path.startswith("$.ledger")]
    assert error.file == f"seeds/{RECORD}"
    return f"{error.path}: {error.message}"


def test_a_quote_outside_the_cited_unit_fails_the_load(seeds_copy: Path) -> None:
    edit(
        seeds_copy,
        "unit: art_9\n        quote: This Agreement may be denounced",
        "unit: art_8\n        quote: This Agreement may be denounced",
    )
    message = only_error(seeds_copy)
    assert message.startswith("$.provisions[12].citations[0].quote:")
    assert "not inside 'art_8'; it is in 'art_9'" in message


def test_an_unknown_unit_fails_the_load(seeds_copy: Path) -> None:
    edit(seeds_copy, "unit: art_5\n", "unit: art_55\n")
    assert "has no unit 'art_55'" in only_error(seeds_copy)


def test_a_text_with_several_languages_needs_the_language(seeds_copy: Path) -> None:
    edit(
        seeds_copy,
        "      language: en\n      unit: art_6__item_a\n      quote: This Agreement shall be open",
        "      unit: art_6__item_a\n      quote: This Agreement shall be open",
    )
    assert "say which with `language`" in only_error(seeds_copy)


def test_units_are_only_for_official_texts(seeds_copy: Path) -> None:
    path = seeds_copy / "agreements" / "jpn-kor-gsomia-2016.yaml"
    path.write_text(
        path.read_text().replace(
            "    - doc: our-bureau-2016-11-12\n      quote: the General Security",
            "    - doc: our-bureau-2016-11-12\n      unit: art_1\n      quote: the General Security",
            1,
        )
    )
    with pytest.raises(SeedErrors) as caught:
        load_seeds(seeds_copy)
    assert "news document: `unit` and `language` are for official texts" in str(caught.value)


async def test_text_endpoint_gives_the_structure_per_language(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{NATO}/text")).json()
    assert body["languages"] == ["en", "nl"]
    english, dutch = body["versions"]
    assert [u["id"] for u in english["units"]] == [u["id"] for u in dutch["units"]]
    only_dutch = (await client.get(f"/api/v1/agreements/{NATO}/text?language=nl")).json()
    assert [v["language"] for v in only_dutch["versions"]] == ["nl"]


async def test_unit_endpoint_gives_the_unit_and_the_provisions_citing_it(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{NATO}/text/art_1__item_iv")).json()
    assert [v["language"] for v in body["versions"]] == ["en", "nl"]
    assert body["versions"][0]["text"].startswith("(iv) not disclose such information")
    assert [p["provision_id"] for p in body["provisions"]] == ["no-disclosure-to-non-nato-parties"]
    article = (await client.get(f"/api/v1/agreements/{NATO}/text/art_1?language=en")).json()
    assert article["children"] == ["art_1__item_i", "art_1__item_ii", "art_1__item_iii", "art_1__item_iv"]
    assert {p["provision_id"] for p in article["provisions"]} == {
        "protect-and-safeguard",
        "treaty-purposes-only",
        "no-disclosure-to-non-nato-parties",
    }


async def test_provision_sources_link_to_their_unit(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/provisions/{NATO}.one-year-denunciation")).json()
    english = [s for s in body["sources"] if s["language"] == "en"]
    assert english[0]["unit_id"] == "art_9"
    assert english[0]["url"] == f"/api/v1/agreements/{NATO}/text/art_9?language=en"
    assert (await client.get(english[0]["url"])).status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/api/v1/agreements/{NATO}/text/art_99", 404),
        (f"/api/v1/agreements/{NATO}/text?language=fr", 400),
        ("/api/v1/agreements/jpn-usa-gsomia-2007/text", 404),
        ("/api/v1/agreements/nope/text", 404),
    ],
)
async def test_text_errors(client: httpx.AsyncClient, path: str, status: int) -> None:
    response = await client.get(path)
    assert response.status_code == status
    problem(response)


async def test_units_and_unit_citations_in_datasette(client: httpx.AsyncClient) -> None:
    table = await client.get(f"/data/pactstore/text_units.csv?text_id={NATO}-text&unit_id=art_9&_stream=on")
    assert table.status_code == 200
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [(r["language"], r["heading"]) for r in rows] == [("en", "Article 9"), ("nl", "Artikel 9")]
    cited = await client.get("/data/pactstore/citations.json?unit_id=art_9&_shape=array")
    assert {c["owner_id"] for c in cited.json()} >= {f"{NATO}.one-year-denunciation"}
