"""The shapes of answers about the sources: documents (metadata, cleaned text, search hits, the
citations into them) and official texts, unit by unit."""

from __future__ import annotations

import datetime
from typing import Literal

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


class CitationOut(Out, frozen=True, kw_only=True):
    """A quote from a document that backs a fact in the store."""

    id: int
    document_id: str
    owner_type: str
    owner_id: str
    agreement_id: str | None
    field: str | None
    quote: str
    text_kind: str
    """`verbatim`, or `paraphrase` (a curator's retelling, never the publisher's words)."""
    attribution: str
    """How the quote is credited ("curator's paraphrase of Yonhap News Agency, 2019-11-22")."""
    cited_as: str
    """The source named in full: "document <id> — <attribution>"."""
    paragraph: int
    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int


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


class SearchResult(Out, frozen=True, kw_only=True):
    """A news document or an article of an official text that matches a search, with a snippet."""

    kind: Literal["document", "text_unit"]
    """`document` (a news report or statement) or `text_unit` (an article, the preamble, the final clause or an
    annex of an official text, its paragraphs and items included)."""
    document_id: str | None
    agreement_id: str | None
    """For a unit: the agreement whose official text it is."""
    text_id: str | None
    language: str
    instrument: str | None
    unit_id: str | None
    label: str | None
    """How the text names the unit: "Article 9", "Artikel 9", "第四条"; null for a document or an unlabelled unit."""
    title: str
    """The document's title, or the official text's."""
    published: datetime.date | None
    text_kind: str
    """`verbatim`, `paraphrase` (a curator's retelling, never the publisher's words), `translation` or
    `machine_translation`."""
    attribution: str
    """How the source is credited ("curator's paraphrase of Yonhap News Agency, 2019-11-22")."""
    snippet: str
    """The matching passage as written, the matches wrapped in `[` and `]`."""
    rank: float
    """The index's bm25 score (lower is better); 0 for matches found by a scan (terms under three characters in
    Japanese, Korean or Chinese)."""
    url: str
    """The answer in the API: the document, or the unit in its language."""
    page_url: str | None
    """For a unit: the agreement's page, at the unit."""


class SearchResultPage(Page[SearchResult], frozen=True, kw_only=True):
    """One page of SearchResult items."""

    items: list[SearchResult]
