"""The shapes of answers about the sources: documents (metadata, cleaned text, search hits, the
citations into them) and official texts, unit by unit."""

from __future__ import annotations

import datetime

from api.domain.models import Out, Page, ProvisionOut
from schema.base import Precision


class DocumentSummary(Out, frozen=True, kw_only=True):
    """A source document's metadata and how often the store cites it."""

    id: str
    title: str
    publisher: str | None
    """Who published it, as it names itself; null when the text names none (see publisher_note)."""
    publisher_kind: str
    text_kind: str
    """`verbatim`, or `paraphrase`: a curator's retelling of the publisher's report, never its words."""
    attribution: str
    """How a quote from it is credited ("curator's paraphrase of Yonhap News Agency, 2019-11-22")."""
    source_url: str | None
    """Where it was published."""
    language: str
    published: datetime.date | None
    """None when no source gives a date (`published_basis` is then `unknown`)."""
    published_precision: Precision
    published_basis: str
    source_file: str
    paragraph_count: int
    citation_count: int
    url: str


class DocumentPage(Page[DocumentSummary], frozen=True, kw_only=True):
    """One page of DocumentSummary items."""

    items: list[DocumentSummary]


class Paragraph(Out, frozen=True, kw_only=True):
    """A kept paragraph of a document's cleaned text, with its offsets."""

    n: int
    text: str
    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int


class DocumentDetail(Out, frozen=True, kw_only=True):
    """A source document with its cleaned text, paragraphs and what the cleaner dropped."""

    document: DocumentSummary
    publisher_note: str | None
    published_note: str | None
    sha256: str
    clean_text: str
    paragraphs: list[Paragraph]
    dropped: dict[str, int]
    """How many lines of page furniture the cleaner dropped, by kind."""


class SearchHit(Out, frozen=True, kw_only=True):
    """A document that matches a search, with a snippet."""

    document_id: str
    title: str
    published: datetime.date
    snippet: str
    """The matching passage, the matched terms wrapped in `[` and `]`."""
    rank: float
    url: str


class SearchPage(Page[SearchHit], frozen=True, kw_only=True):
    """One page of SearchHit items."""

    items: list[SearchHit]


class CitationOut(Out, frozen=True, kw_only=True):
    """A quote from a document that backs a fact in the store."""

    id: int
    document_id: str
    owner_type: str
    owner_id: str
    agreement_id: str | None
    field: str | None
    quote: str
    paragraph: int
    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int


class CitationPage(Page[CitationOut], frozen=True, kw_only=True):
    """One page of CitationOut items."""

    items: list[CitationOut]


class UnitOut(Out, frozen=True, kw_only=True):
    """One unit of an official text: preamble, article, paragraph, item, final clause or annex."""

    id: str
    language: str
    kind: str
    number: str | None
    heading: str | None
    parent_id: str | None
    text: str
    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    url: str


class TextVersion(Out, frozen=True, kw_only=True):
    """One language version of an official text, unit by unit."""

    language: str
    title: str | None
    units: list[UnitOut]


class AgreementText(Out, frozen=True, kw_only=True):
    """An agreement's official text in each language version."""

    agreement_id: str
    text_id: str
    title: str
    source: str
    languages: list[str]
    versions: list[TextVersion]


class UnitDetail(Out, frozen=True, kw_only=True):
    """One unit in every language version, with the provisions whose citations fall inside it."""

    agreement_id: str
    text_id: str
    unit_id: str
    kind: str
    parent_id: str | None
    children: list[str]
    versions: list[UnitOut]
    provisions: list[ProvisionOut]
