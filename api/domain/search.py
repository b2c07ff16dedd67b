"""Search across news documents and official texts: every index (loaders/stemming.py) asked the same
words, the best matches of each merged into one page.

Each index is asked two plain questions: how many rows match (no scoring), and the best `offset + limit`
rows by bm25 (the heading — a document's title, a unit's label and caption — weighs double). The page
is the best of those by score, and only its rows get snippets (api/domain/snippets.py). bm25 scores of
different indexes are not calibrated against each other; they are close enough to interleave
documents and articles, and within each index the order is FTS5's.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

import msgspec

from api.domain import records
from api.domain.errors import BadParameter
from api.domain.query import Database, placeholders
from api.domain.search_query import (
    Term,
    english_alternatives,
    like,
    parse,
    porter_match,
    stemmed_match,
    trigram_match,
)
from api.domain.snippets import Span, snippet, substring_matches, word_matches
from api.domain.source_models import SearchResult
from loaders.stemming import INDEXES, index_of, porter_key, stem_key

HitKind = Literal["document", "text_unit"]
_WEIGHTS = "2.0, 1.0"
"""bm25 weights of the FTS tables' columns: heading, body."""


class SearchFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a search may be narrowed to; several values of one filter mean any of them."""

    languages: Sequence[str] | None = None
    kinds: Sequence[HitKind] | None = None


_FROM = {
    "porter": "search_porter f join search_entries e on e.id = f.rowid",
    "stemmed": "search_stemmed f join search_entries e on e.id = f.rowid",
    "trigram": "search_trigram f join search_entries e on e.id = f.rowid",
    "scan": "search_entries e",
}
_MATCH = {
    "porter": "search_porter match ?",
    "stemmed": "search_stemmed match ?",
    "trigram": "search_trigram match ?",
    "scan": "e.fts_index = 'trigram'",
}
_RANK = {
    "porter": f"bm25(search_porter, {_WEIGHTS})",
    "stemmed": f"bm25(search_stemmed, {_WEIGHTS})",
    "trigram": f"bm25(search_trigram, {_WEIGHTS})",
    "scan": "0.0",
}
"""How each index is asked; `scan` reads the trigram index's texts for terms too short for it."""
_SCAN_TERM = "(e.text like ? escape '\\' or e.title like ? escape '\\')"


def _stemmed_languages(db: Database, filters: SearchFilters) -> list[str]:
    present = [r[0] for r in db.rows("select distinct language from search_entries where fts_index = 'stemmed'")]
    return [lang for lang in present if not filters.languages or lang in filters.languages]


def _questions(db: Database, terms: list[Term], filters: SearchFilters) -> list[tuple[str, list[Any]]]:
    """(how to ask, the values of its condition) for each index that can hold a match."""
    wanted = {index_of(lang) for lang in filters.languages} if filters.languages else set(INDEXES)
    questions: list[tuple[str, list[Any]]] = [("porter", [porter_match(terms)])] if "porter" in wanted else []
    languages = _stemmed_languages(db, filters)
    if languages:
        questions.append(("stemmed", [stemmed_match(terms, languages)]))
    match, _ = trigram_match(terms)
    if "trigram" in wanted:
        questions.append(("trigram", [match]) if match else ("scan", []))
    return questions


def _ask(
    db: Database, how: str, values: list[Any], short: list[str], filters: SearchFilters, best: int
) -> tuple[int, list[sqlite3.Row]]:
    """How many rows one index matches, and its `best` rows by score."""
    clauses, params = [_MATCH[how]], list(values)
    if how in ("trigram", "scan"):
        for text in short:  # too short for the trigram index: a scan of the texts it holds
            clauses.append(_SCAN_TERM)
            params += [like(text)] * 2
    if filters.kinds:
        clauses.append(f"e.kind in ({placeholders(filters.kinds)})")
        params += filters.kinds
    if filters.languages:
        clauses.append(f"e.language in ({placeholders(filters.languages)})")
        params += filters.languages
    where = " and ".join(clauses)
    total = db.count(f"select count(*) from {_FROM[how]} where {where}", params)
    rows = db.rows(
        f"select e.id, {_RANK[how]} as rank from {_FROM[how]} where {where} order by rank, e.id limit ?",
        [*params, best],
    )
    return total, rows


def _spans(index: str, language: str, text: str, terms: list[Term]) -> list[Span]:
    if index == "trigram":
        return substring_matches(text, terms)
    if index == "stemmed":
        return word_matches(text, terms, lambda word: stem_key(language, word), {})
    extra = {n: set(english_alternatives(t.words[0])[1:]) for n, t in enumerate(terms) if len(t.words) == 1}
    return word_matches(text, terms, porter_key, extra)


def _result(row: sqlite3.Row, rank: float, terms: list[Term]) -> SearchResult:
    text = unicodedata.normalize("NFC", row["text"])  # the offsets the matches are found at
    spans = _spans(row["fts_index"], row["language"], text, terms)
    if row["kind"] == "document":
        url, page_url = records.url("documents", row["document_id"]), None
    else:
        agreement, unit = row["agreement_id"], row["unit_id"]
        url = records.url("agreements", agreement, "text", f"{unit}?language={row['language']}")
        page_url = records.page_url(agreement, unit)
    return records.convert(
        row,
        SearchResult,
        snippet=snippet(text, spans),
        rank=round(rank, 6),
        url=url,
        page_url=page_url,
    )


def search(db: Database, q: str, filters: SearchFilters, limit: int, offset: int) -> tuple[list[SearchResult], int]:
    """A page of the documents and official-text units that hold every term of `q`, best first, and how many
    match."""
    if filters.languages:
        known = {r[0] for r in db.rows("select distinct language from search_entries")}
        unknown = [lang for lang in filters.languages if lang not in known]
        if unknown:
            raise BadParameter(
                "language", f"no text in {', '.join(unknown)}; the languages searched are {', '.join(sorted(known))}"
            )
    terms = parse(q)
    short = trigram_match(terms)[1]
    total, best = 0, []
    for order, (how, values) in enumerate(_questions(db, terms, filters)):
        count, rows = _ask(db, how, values, short, filters, offset + limit)
        total += count
        best += [(row["rank"], order, row["id"]) for row in rows]
    page = sorted(best)[offset : offset + limit]
    ids = [entry_id for _, _, entry_id in page]
    entries = {r["id"]: r for r in db.rows(f"select * from search_entries where id in ({placeholders(ids)})", ids)}
    return [_result(entries[entry_id], rank, terms) for rank, _, entry_id in page], total
