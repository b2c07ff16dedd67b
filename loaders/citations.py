"""Locating a citation's quote in its document."""

from __future__ import annotations

import msgspec

from loaders.quotes import NormalisedText
from loaders.seeds import SourceDocument
from schema.base import Citation


class Located(msgspec.Struct, frozen=True, kw_only=True):
    """Where a quote stands: offsets in the cleaned and the raw text, and its paragraph."""

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    paragraph: int
    """`n` of the block (line) the quote starts in."""


class NotFound(Exception):
    """The quote cannot be located; the message says why and how to fix it."""


def locate(document: SourceDocument, citation: Citation) -> Located:
    spans = document.normalised.find_all(citation.quote)
    if not spans:
        raise NotFound(_why_not_found(document, citation.quote))
    if citation.occurrence is None and len(spans) > 1:
        raise NotFound(f"quote occurs {len(spans)} times in {document.entry.id}; quote more words or set `occurrence`")
    occurrence = citation.occurrence or 1
    if occurrence > len(spans):
        raise NotFound(f"occurrence {occurrence} asked for, but the quote occurs {len(spans)} time(s)")
    start, end = spans[occurrence - 1]
    raw_start = document.cleaned.raw_offset(start)
    raw_end = document.cleaned.raw_offset(end)
    paragraph = next(
        b.n
        for b in document.cleaned.paragraphs
        if b.clean_start is not None and b.clean_end is not None and b.clean_start <= start < b.clean_end
    )
    return Located(clean_start=start, clean_end=end, raw_start=raw_start, raw_end=raw_end, paragraph=paragraph)


def _why_not_found(document: SourceDocument, quote: str) -> str:
    doc_id = document.entry.id
    near = document.normalised.near_miss(quote)
    if near is not None:
        return f"quote not found in {doc_id}; the document has it as {near!r} (copy its case and punctuation exactly)"
    in_raw = NormalisedText(document.raw).find_all(quote)
    if in_raw:
        kinds = sorted({b.kind for b in document.cleaned.blocks for s, _ in in_raw if b.raw_start <= s < b.raw_end})
        return (
            f"quote found in {doc_id} only in page furniture ({', '.join(kinds)}), which the cleaner drops; "
            "cite the article text"
        )
    return f"quote not found in {doc_id} (whitespace may differ, nothing else may)"
