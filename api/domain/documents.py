"""Source documents: metadata, cleaned text, full-text search and the citations into each."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from api.domain import records
from api.domain.errors import BadParameter, NotFound
from api.domain.query import Database, Where, page
from api.domain.source_models import CitationOut, DocumentDetail, DocumentSummary, Paragraph, SearchHit
from api.settings import SEARCH_CANDIDATES

_SUMMARY_COLUMNS = (
    "d.id, d.title, d.publisher, d.publisher_kind, d.text_kind, d.attribution, d.url as source_url, d.language, "
    "d.published, d.published_precision, d.published_basis, d.source_file, d.paragraph_count, "
    "(select count(*) from citations c where c.document_id = d.id) as citation_count"
)
_CITATION_COLUMNS = (
    "id, document_id, owner_type, owner_id, agreement_id, field, quote, text_kind, attribution, cited_as, paragraph, "
    "clean_start, clean_end, raw_start, raw_end"
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _summary(row: sqlite3.Row) -> DocumentSummary:
    return records.convert(row, DocumentSummary, url=records.url("documents", row["id"]))


def _document(db: Database, document_id: str) -> sqlite3.Row:
    row = db.row(f"select {_SUMMARY_COLUMNS} from documents d where d.id = ?", (document_id,))
    if row is None:
        raise NotFound("document", document_id, "See /api/v1/documents for the ids.")
    return row


def list_documents(
    db: Database, language: Sequence[str] | None, limit: int, offset: int
) -> tuple[list[DocumentSummary], int]:
    """A page of documents (in any of the languages, when given), newest first."""
    where = Where().any_of("d.language", language)
    order = "d.published desc, d.id"
    rows, total = page(db, "documents d", where, columns=_SUMMARY_COLUMNS, order_by=order, limit=limit, offset=offset)
    return [_summary(r) for r in rows], total


def fts_query(text: str) -> str:
    """The words of `text` as an FTS5 query that matches all of them. User text never reaches FTS5's
    query syntax (where a stray quote or `NEAR(` is an error): only word characters survive."""
    words = _WORD.findall(text)
    if not words:
        raise BadParameter("q", "give at least one word to search for")
    return " ".join(f'"{w}"' for w in words[:20])


def search_documents(db: Database, q: str, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    """Documents that contain every word of `q`, best match first, with a highlighted snippet."""
    match = fts_query(q)
    total = db.count("select count(*) from documents_fts where documents_fts match ?", (match,))
    # Score only candidates (bm25 per match is most of a frequent word's time): every match when there are at
    # most SEARCH_CANDIDATES (or offset + limit), else the first that many in rowid order. `total` is exact.
    cap = max(SEARCH_CANDIDATES, offset + limit)
    within, candidates = "", []
    if total > cap:
        within = "and rowid <= ? "  # a bound FTS5 applies as it reads, unlike coalesce(?, rowid)
        candidates = [
            db.value(
                "select rowid from documents_fts where documents_fts match ? order by rowid limit 1 offset ?",
                (match, cap - 1),
            )
        ]
    # Rank first, then build snippets for the page's rows only: in one flat query SQLite computes
    # snippet() for every match before sorting (7x slower on a word found in 30,000 documents).
    rows = db.rows(
        "select d.id as document_id, d.title, d.published, (select snippet(documents_fts, 1, '[', ']', ' … ', 16) "
        "from documents_fts where documents_fts match ? and rowid = hits.rowid) as snippet, hits.rank "
        "from (select rowid, bm25(documents_fts) as rank from documents_fts where documents_fts match ? "
        f"{within}order by rank, rowid limit ? offset ?) hits "
        "join documents d on d.rowid = hits.rowid order by hits.rank, hits.rowid",
        (match, match, *candidates, limit, offset),
    )
    hits = [
        records.convert(r, SearchHit, rank=round(r["rank"], 6), url=records.url("documents", r["document_id"]))
        for r in rows
    ]
    return hits, total


def document_detail(db: Database, document_id: str) -> DocumentDetail:
    """A document's metadata, cleaned text and paragraphs, and what the cleaner dropped."""
    row = _document(db, document_id)
    full = db.one(
        "select publisher_note, published_note, sha256, clean_text from documents where id = ?", (document_id,)
    )
    blocks = db.rows("select * from document_blocks where document_id = ? order by n", (document_id,))
    dropped: dict[str, int] = {}
    for block in blocks:
        if not block["kept"]:
            dropped[block["kind"]] = dropped.get(block["kind"], 0) + 1
    return records.convert(
        full,
        DocumentDetail,
        document=_summary(row),
        paragraphs=[records.convert(b, Paragraph) for b in blocks if b["kept"]],
        dropped=dropped,
    )


def document_citations(db: Database, document_id: str, limit: int, offset: int) -> tuple[list[CitationOut], int]:
    """A page of the citations into one document, in the order of its text."""
    _document(db, document_id)
    where = Where().equal("document_id", document_id)
    order = "clean_start, id"
    rows, total = page(db, "citations", where, columns=_CITATION_COLUMNS, order_by=order, limit=limit, offset=offset)
    return [records.convert(r, CitationOut) for r in rows], total
