"""Search that finds words: GET /api/v1/search over documents and official-text units, stemmed per language,
phrases in quotes, trigrams for texts without word spaces, user input never FTS syntax."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from api.domain.documents import search_documents
from api.domain.errors import BadParameter
from api.domain.query import Database
from api.domain.search import SearchFilters, search
from api.domain.search_query import parse
from api.store import Store
from loaders.builder import BuildResult
from loaders.search_index import SEARCH_TABLES, index_search_entries
from loaders.stemming import index_of, stem_key
from tests.conftest import problem

FIXTURE = [
    # (kind, language, title, text): generic texts of each way of reading words.
    ("document", "en", "Pact ratified", "The parliament ratified the pact on Monday after the third round of talks."),
    ("document", "en", "Transfers", "No information may go to a third country without the originator's approval."),
    ("text_unit", "en", "Treaty", "Article 6 This Agreement shall be subject to ratification by the Parties."),
    ("text_unit", "nl", "Verdrag", "Artikel 5 Dit Verdrag vormt geen belemmering voor andere verdragen."),
    ("text_unit", "fr", "Traité", "Article 2 Les Parties contractantes protègent les informations classifiées."),
    ("text_unit", "de", "Abkommen", "Artikel 3 Die Vertragsparteien schützen die übermittelten Verschlusssachen."),
    ("document", "ja", "署名", "日韓秘密軍事情報保護協定の署名が行われました。"),
    ("document", "ko", "협정", "한일 군사비밀정보보호협정 체결"),
]


@pytest.fixture
def small(tmp_path: Path) -> Database:
    """A database holding only the search index, over the fixture texts."""
    connection = sqlite3.connect(tmp_path / "search.db")
    connection.execute(f"create table search_entries ({', '.join(SEARCH_TABLES['search_entries']['columns'])})")
    for n, (kind, language, title, text) in enumerate(FIXTURE, start=1):
        row = {"id": n, "kind": kind, "fts_index": index_of(language), "language": language, "title": title}
        row |= {"text": text, "text_kind": "verbatim", "attribution": f"Publisher {n}"}
        if kind == "document":
            row["document_id"] = f"doc-{n}"
        else:
            row |= {"agreement_id": "a-pact", "text_id": "a-pact-text", "unit_id": f"art_{n}", "label": f"Article {n}"}
        connection.execute(
            f"insert into search_entries ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values())
        )
    index_search_entries(connection)
    connection.row_factory = sqlite3.Row
    return Database(connection)


def found(db: Database, q: str, **filters: object) -> list[str]:
    hits, total = search(db, q, SearchFilters(**filters), 50, 0)  # type: ignore[arg-type]
    assert total == len(hits)
    return [hit.title for hit in hits]


def test_english_words_are_stemmed(small: Database) -> None:
    assert "Pact ratified" in found(small, "ratify")
    assert "Treaty" in found(small, "ratify"), "ratify finds ratification"
    assert "Pact ratified" in found(small, "ratifications")


def test_a_phrase_must_occur_as_written(small: Database) -> None:
    assert found(small, '"third country"') == ["Transfers"]
    assert set(found(small, "third")) == {"Transfers", "Pact ratified"}
    assert found(small, '"third round"') == ["Pact ratified"]


def test_dutch_french_and_german_are_stemmed_in_their_language(small: Database) -> None:
    assert found(small, "verdragen") == ["Verdrag"]
    assert found(small, "verdrag") == ["Verdrag"]
    assert found(small, "classifiée") == ["Traité"]
    assert found(small, "CLASSIFIÉES") == ["Traité"], "case aside"
    assert found(small, "Vertragspartei") == ["Abkommen"]
    assert stem_key("nl", "verdragen") != stem_key("fr", "verdragen"), "each language's stems are its own"


def test_japanese_and_korean_match_characters(small: Database) -> None:
    assert found(small, "軍事情報") == ["署名"]
    assert found(small, "秘密") == ["署名"], "two characters: below the trigram index, found by a scan"
    assert found(small, "보호협정") == ["협정"]


def test_a_short_term_beside_a_long_one_narrows_the_trigram_index(small: Database) -> None:
    assert found(small, "軍事情報 秘") == ["署名"]
    assert found(small, "軍事情報 秘", languages=["ja"]) == ["署名"]
    assert found(small, "軍事情報 秘", languages=["ko"]) == []
    assert found(small, "軍事情報 米") == [], "every term must occur"


def test_filters_are_kept_without_the_entries_table(small: Database) -> None:
    assert found(small, "the", kinds=["text_unit"]) == ["Treaty"]
    assert found(small, "the", languages=["en"], kinds=["document"]) == ["Pact ratified", "Transfers"]
    assert found(small, "artikel", languages=["de"]) == ["Abkommen"]


def test_every_term_must_occur(small: Database) -> None:
    assert found(small, "pact talks") == ["Pact ratified"]
    assert found(small, "pact originator") == []


def test_filters_by_kind_and_language(small: Database) -> None:
    assert "Treaty" not in found(small, "ratify", kinds=["document"])
    assert found(small, "ratify", kinds=["text_unit"]) == ["Treaty"]
    assert set(found(small, "artikel", languages=["nl", "de"])) == {"Verdrag", "Abkommen"}
    assert found(small, "artikel", languages=["fr"]) == []


def test_snippets_mark_the_words_as_written(small: Database) -> None:
    (hit,), _ = search(small, "verdragen", SearchFilters(), 10, 0)
    assert "[Verdrag]" in hit.snippet
    assert "[verdragen]" in hit.snippet
    (hit,), _ = search(small, '"third country"', SearchFilters(), 10, 0)
    assert "[third country]" in hit.snippet


@pytest.mark.parametrize("q", ['"unclosed', "   ", "!!! ???", " ".join(f"w{n}" for n in range(21))])
def test_bad_queries_are_bad_parameters(q: str) -> None:
    with pytest.raises(BadParameter):
        parse(q)


@pytest.mark.parametrize("q", ["NEAR(a b)", "a OR b", "title:pact", "pact*", "^pact", "a AND NOT b", '"a" + "b"'])
def test_fts_syntax_is_searched_for_not_run(small: Database, q: str) -> None:
    search(small, q, SearchFilters(), 10, 0)  # no sqlite3.OperationalError: the words are quoted


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1f", "\x7f", "\x85"])
def test_a_control_character_separates_words_as_a_space_does(small: Database, control: str) -> None:
    # FTS5 reads a string only up to a NUL: "pact\x00ratify" reached the trigram index as an unterminated string.
    assert parse(f"pact{control}ratify") == parse("pact ratify")
    assert search(small, f'"pact{control}ratify" pact', SearchFilters(), 10, 0) == search(
        small, '"pact ratify" pact', SearchFilters(), 10, 0
    )


# --- over the real store --------------------------------------------------------------------------------


async def test_hits_say_what_they_are(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/search", params={"q": "intelligence", "limit": 100})).json()
    assert body["total"] >= len(body["items"]) > 0
    for hit in body["items"]:
        if hit["kind"] == "document":
            assert hit["url"] == f"/api/v1/documents/{hit['document_id']}"
            assert hit["page_url"] is None
        else:
            assert (
                hit["url"]
                == f"/api/v1/agreements/{hit['agreement_id']}/text/{hit['unit_id']}?language={hit['language']}"
            )
            assert hit["page_url"].startswith(f"/agreements/{hit['agreement_id']}")
        assert hit["attribution"]
        assert hit["text_kind"]


@pytest.mark.library  # the paraphrased documents are the library's
async def test_paraphrases_are_credited_as_such(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    rows = list(db.query("select id, title from documents where text_kind = 'paraphrase' limit 1"))
    word = next(w for w in rows[0]["title"].split() if w.isalpha() and len(w) > 3)
    hits = (await client.get("/api/v1/search", params={"q": word, "kind": "document", "limit": 100})).json()["items"]
    hit = next(h for h in hits if h["document_id"] == rows[0]["id"])
    assert hit["text_kind"] == "paraphrase"
    assert hit["attribution"].startswith("curator's paraphrase of")


@pytest.mark.library  # the official texts are the library's
async def test_a_unit_links_to_an_answer(client: httpx.AsyncClient) -> None:
    hits = (await client.get("/api/v1/search", params={"q": "security", "kind": "text_unit"})).json()["items"]
    assert hits
    unit = await client.get(hits[0]["url"])
    assert unit.status_code == 200
    assert unit.json()["unit_id"] == hits[0]["unit_id"]


async def test_csv_twin(client: httpx.AsyncClient) -> None:
    json = (await client.get("/api/v1/search", params={"q": "pact", "limit": 500})).json()
    csv = await client.get("/api/v1/search.csv", params={"q": "pact"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text.strip().splitlines()) == 1 + json["total"]


@pytest.mark.parametrize("q", ['"unclosed', "?!", 'NEAR("a', "*"])
async def test_bad_syntax_is_a_400(client: httpx.AsyncClient, q: str) -> None:
    response = await client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 400
    assert problem(response)["invalid_params"][0]["name"] == "q"


async def test_unknown_language_names_the_known_ones(client: httpx.AsyncClient) -> None:
    body = problem(await client.get("/api/v1/search", params={"q": "pact", "language": "xx"}))
    assert "en" in body["detail"]


async def test_documents_search_stays_documents_only(client: httpx.AsyncClient) -> None:
    items = (await client.get("/api/v1/documents/search", params={"q": "agreement"})).json()["items"]
    assert items
    assert all("document_id" in i and "unit_id" not in i for i in items)


def test_the_snippet_is_the_window_with_the_most_terms() -> None:
    from api.domain.snippets import snippet, word_matches

    text = "alpha " * 300 + "beta gamma alpha " + "delta " * 300
    spans = word_matches(text, parse("alpha beta gamma"), str.lower, {})
    assert len(spans) == 303
    shown = snippet(text, spans)
    assert "[beta] [gamma]" in shown, "the window holds every term"
    assert "[alpha]" in shown
    assert shown.startswith("… ")
    assert shown.endswith(" …")


def test_a_capped_search_counts_every_match_and_scores_the_first_candidates(
    small: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything, total = search(small, "third", SearchFilters(), 50, 0)
    assert [h.document_id for h in everything] == ["doc-2", "doc-1"], "the later document ranks first"
    monkeypatch.setattr("api.domain.search.SEARCH_CANDIDATES", 1)
    assert search(small, "third", SearchFilters(), 2, 0) == (everything, total), "a page as deep as the matches"
    (hit,), capped_total = search(small, "third", SearchFilters(), 1, 0)
    assert capped_total == total == 2, "the total counts every match, scored or not"
    assert hit.document_id == "doc-1", "only the first match by id was a candidate"


def test_a_capped_document_search_keeps_its_total(built: BuildResult, monkeypatch: pytest.MonkeyPatch) -> None:
    db = Store(built.path).snapshot()
    hits, total = search_documents(db, "agreement", 2, 0)
    assert total > 2  # the seed articles alone hold more than two (a build without the library has only them)
    monkeypatch.setattr("api.domain.documents.SEARCH_CANDIDATES", 2)
    capped, capped_total = search_documents(db, "agreement", 2, 0)
    assert capped_total == total
    assert len(capped) == 2
    assert search_documents(db, "agreement", total, 0)[0][:2] == hits, "a page as deep as every match is exact"
