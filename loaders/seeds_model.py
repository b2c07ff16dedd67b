"""What the loader holds after reading the seeds: checked records and their sources, by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from loaders.cleaning import CleanText
from loaders.files import Library
from loaders.quotes import NormalisedText
from loaders.yamlfile import YamlDocument
from schema.agreements import Agreement
from schema.documents import DocumentEntry
from schema.parties import Party
from schema.texts import OfficialText, TextEntry
from schema.vocabulary import Subject

if TYPE_CHECKING:
    from loaders.citations import Located

QuoteKey = tuple[str, int | None, str | None, str | None]
"""What locating a quote in a given source depends on: the quote, its occurrence, language and unit."""


@dataclass
class SourceDocument:
    entry: DocumentEntry
    raw: str
    cleaned: CleanText
    located: dict[QuoteKey, Located] = field(default_factory=dict)
    """Quotes located in it so far (loaders/citations.py), which the build's cache keeps with the document."""
    cache_key: str | None = None
    """The key of its entry in the build's cache (loaders/source_cache.py), when it has one."""
    cached_quotes: int = -1
    """How many located quotes its cache entry holds (-1: it has none yet)."""
    _normalised: NormalisedText | None = field(default=None, repr=False)

    @property
    def normalised(self) -> NormalisedText:
        """The cleaned text, whitespace normalised: made when a quote is first looked for, not before."""
        if self._normalised is None:
            self._normalised = NormalisedText(self.cleaned.clean)
        return self._normalised


@dataclass
class SourceText:
    """An official text: every instrument's language versions, split into units, in file order.

    Unit ids are distinct across the instruments of a file (the main one unprefixed, the others
    prefixed with their instrument id), so a citation names a language and, optionally, a unit."""

    entry: TextEntry
    raw: str
    versions: list[OfficialText]
    normalised: list[NormalisedText] = field(default_factory=list)
    located: dict[QuoteKey, Located] = field(default_factory=dict)
    cache_key: str | None = None
    cached_quotes: int = -1

    def __post_init__(self) -> None:
        if not self.normalised:
            self.normalised = [NormalisedText(v.clean) for v in self.versions]

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys(v.language for v in self.versions))

    def in_language(self, language: str) -> list[tuple[OfficialText, NormalisedText]]:
        """The versions in one language (one per instrument that has it), in file order."""
        return [(v, n) for v, n in zip(self.versions, self.normalised, strict=True) if v.language == language]


class MissingSource(msgspec.Struct, frozen=True, kw_only=True):
    """A source the manifest lists whose file no source library given to the build holds."""

    id: str
    location: str
    url: str | None


class LeftOut(msgspec.Struct, frozen=True, kw_only=True):
    """A whole record the build left out because it cites a missing source (or a record left out)."""

    kind: str
    """`agreement`, `party` or `text`."""
    id: str
    file: str
    because: str


@dataclass
class Seeds:
    root: Path
    library: Library = field(default_factory=Library)
    strict: bool = False
    """Whether a missing library source is an error (`--strict`) rather than a partial build."""
    documents: dict[str, SourceDocument] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    files: dict[str, YamlDocument] = field(default_factory=dict)
    """Parsed YAML by file label, to give later checks line numbers."""
    agreement_files: dict[str, str] = field(default_factory=dict)
    """Agreement id -> the label of the file it came from."""
    unusable_documents: set[str] = field(default_factory=set)
    """Listed documents that failed their own checks: citing them is not a second error."""
    incomplete: set[str] = field(default_factory=set)
    """Reference targets ("party", ...) whose file failed to load: references to them go unchecked."""
    missing_sources: dict[str, MissingSource] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)
    content_hash: str = ""
    context_hash: str = ""
    """The content hash of every seed file but the agreement records (loaders.seeds.content_hashes)."""

    @property
    def partial(self) -> bool:
        """Whether the build lacks sources, and with them the records that cite them."""
        return bool(self.missing_sources)

    def source(self, doc_id: str) -> SourceDocument | SourceText | None:
        """A citable source by id: a news document or an official text."""
        return self.documents.get(doc_id) or self.texts.get(doc_id)


def label_of(root: Path, path: Path) -> str:
    """A path as messages show it: relative to the seeds directory's parent where possible."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
