"""Search across news documents and official texts: every index (loaders/stemming.py) asked the same
words, the best matches of each merged into one page.

Each index is asked two plain questions: how many rows of each kind match (no scoring, counted once per
build), and the best `offset + limit` rows by bm25 (the heading — a document's title, a unit's label and
caption — weighs double) among its candidates: every match of a kind, or when more than
`SEARCH_CANDIDATES` match, the first that many in id order (documents are numbered newest first), so that a
word in most documents is not scored in every one. The page
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
from api.settings import SEARCH_CANDIDATES
from loaders.stemming import INDEXES, PORTER_LANGUAGES, TRIGRAM_LANGUAGES, index_of, porter_key, stem_key

HitKind = Literal["document", "text_unit"]
_WEIGHTS = "2.0, 1.0"
"""bm25 weights of the FTS tables' columns: heading, body."""


class SearchFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a search may be narrowed to; several values of one filter mean any of them."""

    languages: Sequence[str] | None = None
    kinds: Sequence[HitKind] | None = None


_TABLES = {"porter": "search_porter", "stemmed": "search_stemmed", "trigram": "search_trigram"}
_LANGUAGES = {"porter": PORTER_LANGUAGES, "trigram": TRIGRAM_LANGUAGES}
"""The languages an index can hold, where they are known before the build (any other language is `stemmed`)."""
_SCAN_TERM = "(e.text like ? escape '\\' or e.title like ? escape '\\')"
_KINDS: tuple[HitKind, ...] = ("document", "text_unit")


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


def _scan(db: Database, short: list[str], filters: SearchFilters, best: int) -> tuple[int, list[tuple[float, int]]]:
    """Terms too short for the trigram index: a scan of the texts it holds (every row scores 0)."""
    clauses, params = ["e.fts_index = 'trigram'"], []
    for text in short:
        clauses.append(_SCAN_TERM)
        params += [like(text)] * 2
    if filters.kinds:
        clauses.append(f"e.kind in ({placeholders(filters.kinds)})")
        params += filters.kinds
    if filters.languages:
        clauses.append(f"e.language in ({placeholders(filters.languages)})")
        params += filters.languages
    where = " and ".join(clauses)
    total = db.count(f"select count(*) from search_entries e where {where}", params)
    rows = db.rows(f"select e.id from search_entries e where {where} order by e.id limit ?", [*params, best])
    return total, [(0.0, row["id"]) for row in rows]


def _kind_ids(db: Database, how: str, kind: str) -> tuple[int, int]:
    """The first and last entry id of a kind in an index. Entries of a kind have consecutive ids
    (loaders/search_index.py), so a kind is a rowid range, which FTS5 reads without visiting other rows.
    Fixed per build, so kept with the build's counts."""
    first = db.count("select coalesce(min(id), 0) from search_entries where fts_index = ? and kind = ?", [how, kind])
    last = db.count("select coalesce(max(id), 0) from search_entries where fts_index = ? and kind = ?", [how, kind])
    return first, last


_WITHIN = {1: "rowid between ? and ?", 2: "(rowid between ? and ? or rowid between ? and ?)"}
"""The candidates of one kind, or of both."""


def _ask(
    db: Database, how: str, values: list[Any], short: list[str], filters: SearchFilters, best: int
) -> tuple[int, list[tuple[float, int]]]:
    """How many rows one index matches, and (score, id) of its `best` rows by score.

    Only candidates are scored: per kind, every match when there are at most `SEARCH_CANDIDATES` (or `best`),
    else the first that many in id order; bm25 per row is most of a frequent word's cost."""
    if how == "scan":
        return _scan(db, short, filters, best)
    clauses, params = [f"{_TABLES[how]} match ?"], list(values)
    for text in short if how == "trigram" else []:  # too short for the trigram index: read the texts
        clauses.append(f"rowid in (select e.id from search_entries e where e.fts_index = 'trigram' and {_SCAN_TERM})")
        params += [like(text)] * 2
    if filters.languages and not _LANGUAGES.get(how, frozenset({""})) <= set(filters.languages):
        clauses.append(
            f"rowid in (select id from search_entries where language in ({placeholders(filters.languages)}))"
        )
        params += filters.languages
    where = " and ".join(clauses)
    cap = max(SEARCH_CANDIDATES, best)
    total, ranges = 0, []
    for kind in filters.kinds or _KINDS:
        first, last = _kind_ids(db, how, kind)
        if not last:
            continue
        in_kind = [*params, first, last]
        matches = db.count(f"select count(*) from {_TABLES[how]} where {where} and rowid between ? and ?", in_kind)
        total += matches
        if matches > cap:  # the cap-th match in id order ends the candidates
            last = db.value(
                f"select rowid from {_TABLES[how]} where {where} and rowid between ? and ? "
                "order by rowid limit 1 offset ?",
                [*in_kind, cap - 1],
            )
        if matches:
            ranges.append((first, last))
    if not ranges:
        return total, []
    # One statement for every kind: bm25 reads the whole index once per statement (its idf), whatever is scored.
    rows = db.rows(
        f"select rowid as id, bm25({_TABLES[how]}, {_WEIGHTS}) as rank from {_TABLES[how]} "
        f"where {where} and {_WITHIN[len(ranges)]} order by rank, rowid limit ?",
        [*params, *(n for pair in ranges for n in pair), best],
    )
    return total, [(row["rank"], row["id"]) for row in rows]


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
        best += [(rank, order, entry_id) for rank, entry_id in rows]
    page = sorted(best)[offset : offset + limit]
    ids = [entry_id for _, _, entry_id in page]
    entries = {r["id"]: r for r in db.rows(f"select * from search_entries where id in ({placeholders(ids)})", ids)}
    return [_result(entries[entry_id], rank, terms) for rank, _, entry_id in page], total
