"""The build cache's entries for sources: a news document's cleaned text, an official text's language versions,
and the quotes located in either (loaders/cache.py has the cache itself).

An entry is keyed by the source's manifest entry, which holds the sha256 of the file it names (checked on every
build, the file being read anyway): the same entry and file give the same cleaned text and the same places for
the same quotes. Only sources without problems are stored; `store_sources` writes back, after the checks, any
source whose located quotes grew.
"""

from __future__ import annotations

import msgspec

from loaders.cache import BuildCache, struct_digest
from loaders.citations import Located
from loaders.cleaning import CleanText
from loaders.seeds_model import QuoteKey, Seeds, SourceDocument, SourceText
from schema.sources import SourceEntry
from schema.texts import OfficialText


class LocatedQuote(msgspec.Struct, frozen=True, kw_only=True, array_like=True):
    quote: str
    occurrence: int | None
    language: str | None
    unit: str | None
    at: Located


class CachedDocument(msgspec.Struct, frozen=True, kw_only=True):
    cleaned: CleanText
    located: list[LocatedQuote]


class CachedText(msgspec.Struct, frozen=True, kw_only=True):
    versions: list[OfficialText]
    located: list[LocatedQuote]


def source_key(entry: SourceEntry) -> str:
    return struct_digest(entry)


def located_of(entries: list[LocatedQuote]) -> dict[QuoteKey, Located]:
    return {(q.quote, q.occurrence, q.language, q.unit): q.at for q in entries}


def _quotes(source: SourceDocument | SourceText) -> list[LocatedQuote]:
    return [
        LocatedQuote(quote=quote, occurrence=occurrence, language=language, unit=unit, at=at)
        for (quote, occurrence, language, unit), at in source.located.items()
    ]


def store_sources(cache: BuildCache, seeds: Seeds) -> None:
    """Put every source read afresh, or with quotes located since it was cached, into the cache."""
    for document in seeds.documents.values():
        if document.cache_key is not None and len(document.located) != document.cached_quotes:
            cache.put(
                "document", document.cache_key, CachedDocument(cleaned=document.cleaned, located=_quotes(document))
            )
    for text in seeds.texts.values():
        if text.cache_key is not None and len(text.located) != text.cached_quotes:
            cache.put("text", text.cache_key, CachedText(versions=text.versions, located=_quotes(text)))
