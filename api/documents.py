"""Document routes: metadata, cleaned text, full-text search and the citations into each."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api.domain import documents
from api.domain.source_models import CitationOut, DocumentDetail, DocumentSummary, SearchHit
from api.listing import Found, Paging, api_get, list_endpoint
from api.params import Languages
from api.store import Snapshot

DocumentId = Annotated[str, PathParameter(max_length=64, description="A document id (`yonhap-2014-12-29`).")]
Words = Annotated[str, QueryParameter(min_length=1, max_length=200, description="Words to find.")]


@list_endpoint("/documents", "listDocuments", "List source documents", DocumentSummary, page="DocumentPage")
def list_documents(db: NamedDependency[Snapshot], paging: NamedDependency[Paging], language: Languages = None) -> Found:
    """The source documents with their metadata, newest first."""
    return documents.list_documents(db, language, paging.limit, paging.offset)


@list_endpoint(
    "/documents/search",
    "searchDocuments",
    "Full-text search of the documents",
    SearchHit,
    page="SearchPage",
    default_limit=20,
)
def search_documents(db: NamedDependency[Snapshot], q: Words, paging: NamedDependency[Paging]) -> Found:
    """Documents whose cleaned text contains every word of `q` (stemmed: `lawmaker` also finds `lawmakers`), best
    match first, each with a highlighted snippet."""
    return documents.search_documents(db, q, paging.limit, paging.offset)


@api_get("/documents/{document_id:str}", "getDocument", "Get one document")
def get_document(db: NamedDependency[Snapshot], document_id: DocumentId) -> DocumentDetail:
    """A document's metadata, its cleaned text and paragraphs (with offsets into the raw text), and how much page
    furniture the cleaner dropped."""
    return documents.document_detail(db, document_id)


@list_endpoint(
    "/documents/{document_id:str}/citations",
    "listDocumentCitations",
    "Citations into a document",
    CitationOut,
    page="CitationPage",
    default_limit=100,
)
def list_document_citations(
    db: NamedDependency[Snapshot], document_id: DocumentId, paging: NamedDependency[Paging]
) -> Found:
    """Every fact in the store that quotes this document, in the order of the text."""
    return documents.document_citations(db, document_id, paging.limit, paging.offset)
