"""Source documents: metadata, cleaned text, full-text search and the citations into each."""

from __future__ import annotations

import re
from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api import records
from api.errors import PROBLEM_RESPONSES, bad_param, not_found
from api.listing import Limit, Offset, list_endpoint
from api.models import (
    CitationOut,
    CitationPage,
    DocumentDetail,
    DocumentPage,
    DocumentSummary,
    Paragraph,
    SearchHit,
    SearchPage,
)
from api.store import Snapshot

TAGS = ["documents"]
DocumentId = Annotated[str, PathParameter(max_length=64, description="A document id (`yonhap-2014-12-29`).")]
_SUMMARY = (
    "select d.id, d.title, d.outlet, d.language, d.published, d.published_precision, d.published_basis, "
    "d.source_file, d.paragraph_count, (select count(*) from citations c where c.document_id = d.id) "
    "as citation_count from documents d"
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _summary(row) -> DocumentSummary:  # type: ignore[no-untyped-def]
    return DocumentSummary(
        id=row["id"],
        title=row["title"],
        outlet=row["outlet"],
        language=row["language"],
        published=row["published"],
        published_precision=row["published_precision"],
        published_basis=row["published_basis"],
        source_file=row["source_file"],
        paragraph_count=row["paragraph_count"],
        citation_count=row["citation_count"],
        url=f"{records.API}/documents/{row['id']}",
    )


def _document(db: Snapshot, document_id: str):  # type: ignore[no-untyped-def]
    row = db.row(f"{_SUMMARY} where d.id = ?", (document_id,))
    if row is None:
        raise not_found("document", document_id, "See /api/v1/documents for the ids.")
    return row


@list_endpoint(
    "/api/v1/documents",
    operation_id="listDocuments",
    summary="List source documents",
    description="The source documents with their metadata, newest first.",
    page_type=DocumentPage,
    tags=TAGS,
)
def list_documents(
    db: NamedDependency[Snapshot],
    limit: Limit = 50,
    offset: Offset = 0,
    language: Annotated[str | None, QueryParameter(pattern=r"^[a-z]{2,3}$", description="BCP 47 code.")] = None,
) -> tuple[list[DocumentSummary], int]:
    where, params = ("d.language = ?", (language,)) if language else ("1 = 1", ())
    total = db.value(f"select count(*) from documents d where {where}", params)
    rows = db.rows(
        f"{_SUMMARY} where {where} order by d.published desc, d.id limit ? offset ?", (*params, limit, offset)
    )
    return [_summary(r) for r in rows], total


def fts_query(text: str) -> str:
    """The words of `text` as an FTS5 query that matches all of them. User text never reaches FTS5's
    query syntax (where a stray quote or `NEAR(` is an error): only word characters survive."""
    words = _WORD.findall(text)
    if not words:
        raise bad_param("q", "give at least one word to search for")
    return " ".join(f'"{w}"' for w in words[:20])


@list_endpoint(
    "/api/v1/documents/search",
    operation_id="searchDocuments",
    summary="Full-text search of the documents",
    description="Documents whose cleaned text contains every word of `q` (stemmed: `lawmaker` also finds "
    "`lawmakers`), best match first, each with a highlighted snippet.",
    page_type=SearchPage,
    tags=TAGS,
)
def search_documents(
    db: NamedDependency[Snapshot],
    q: Annotated[str, QueryParameter(min_length=1, max_length=200, description="Words to find.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> tuple[list[SearchHit], int]:
    match = fts_query(q)
    total = db.value("select count(*) from documents_fts where documents_fts match ?", (match,))
    # Rank first, then build snippets for the page's rows only: in one flat query SQLite computes
    # snippet() for every match before sorting (7x slower on a word found in 30,000 documents).
    rows = db.rows(
        "select d.id, d.title, d.published, (select snippet(documents_fts, 1, '[', ']', ' … ', 16) "
        "from documents_fts where documents_fts match ? and rowid = hits.rowid) as snippet, hits.rank "
        "from (select rowid, bm25(documents_fts) as rank from documents_fts where documents_fts match ? "
        "order by rank limit ? offset ?) hits join documents d on d.rowid = hits.rowid order by hits.rank",
        (match, match, limit, offset),
    )
    return [
        SearchHit(
            document_id=r["id"],
            title=r["title"],
            published=r["published"],
            snippet=r["snippet"],
            rank=round(r["rank"], 6),
            url=f"{records.API}/documents/{r['id']}",
        )
        for r in rows
    ], total


@get(
    "/api/v1/documents/{document_id:str}",
    operation_id="getDocument",
    summary="Get one document",
    description="A document's metadata, its cleaned text and paragraphs (with offsets into the raw text), and "
    "how much page furniture the cleaner dropped.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_document(db: NamedDependency[Snapshot], document_id: DocumentId) -> DocumentDetail:
    row = _document(db, document_id)
    full = db.row("select outlet_note, published_note, sha256, clean_text from documents where id = ?", (document_id,))
    blocks = db.rows("select * from document_blocks where document_id = ? order by n", (document_id,))
    dropped: dict[str, int] = {}
    for block in blocks:
        if not block["kept"]:
            dropped[block["kind"]] = dropped.get(block["kind"], 0) + 1
    return DocumentDetail(
        document=_summary(row),
        outlet_note=full["outlet_note"],
        published_note=full["published_note"],
        sha256=full["sha256"],
        clean_text=full["clean_text"],
        paragraphs=[
            Paragraph(
                n=b["n"],
                text=b["text"],
                clean_start=b["clean_start"],
                clean_end=b["clean_end"],
                raw_start=b["raw_start"],
                raw_end=b["raw_end"],
            )
            for b in blocks
            if b["kept"]
        ],
        dropped=dropped,
    )


@list_endpoint(
    "/api/v1/documents/{document_id:str}/citations",
    operation_id="listDocumentCitations",
    summary="Citations into a document",
    description="Every fact in the store that quotes this document, in the order of the text.",
    page_type=CitationPage,
    tags=TAGS,
)
def list_document_citations(
    db: NamedDependency[Snapshot], document_id: DocumentId, limit: Limit = 100, offset: Offset = 0
) -> tuple[list[CitationOut], int]:
    _document(db, document_id)
    total = db.value("select count(*) from citations where document_id = ?", (document_id,))
    rows = db.rows(
        "select id, document_id, owner_type, owner_id, agreement_id, field, quote, paragraph, clean_start, "
        "clean_end, raw_start, raw_end from citations where document_id = ? order by clean_start, id "
        "limit ? offset ?",
        (document_id, limit, offset),
    )
    return [CitationOut(**dict(r)) for r in rows], total
