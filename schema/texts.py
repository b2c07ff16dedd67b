"""Official agreement texts split into their structure: preamble, articles, paragraphs, items,
final clause and annexes.

These are derived outputs (computed from a raw text file by `loaders/official_text.py`), not
hand-written input, so they are plain frozen Structs rather than `Record`s.

Unit ids follow Akoma Ntoso's naming style (`art_1__para_2__item_iv`): each level is
`<kind>_<number>`, levels are joined by a double underscore, and the number is normalised
(roman article and annex numbers become arabic, item letters and numerals are lower-cased), so
the same provision has the same id in every language version of the agreement.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from schema.base import AgreementId, Id, Note, Record, ShortText
from schema.documents import FileName, Sha256

UnitKind = Literal[
    "preamble",
    "article",
    "paragraph",
    "item",
    "subitem",
    "final_clause",
    "annex",
    "annex_item",
]

UnitId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z]+(_[a-z0-9]+)*(__[a-z]+_[a-z0-9]+)*$",
        max_length=200,
        description="Stable id of a unit, the same in every language version of the text.",
        examples=["preamble", "art_1__item_i__item_a", "art_3__para_2", "final_clause", "annex_1__item_a"],
    ),
]

Language = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", examples=["en", "nl"])]
"""A BCP 47 language tag."""

Offset = Annotated[int, msgspec.Meta(ge=0, description="A str (code point) offset, end exclusive.")]


class TextUnit(msgspec.Struct, frozen=True, kw_only=True):
    """One structural unit of an official text, with where it sits in the raw and clean text.

    A unit's span covers its whole source: an article starts at its heading line, an item at its
    marker ("(i)", "a)."), and both run to the end of their last descendant. `text` is exactly
    `OfficialText.clean[clean_start:clean_end]`: markup removed (link text kept), whitespace
    inside a paragraph collapsed to single spaces, paragraphs separated by a blank line.
    """

    id: UnitId
    kind: UnitKind
    number: str | None = None
    """As written, without punctuation: "1", "iv", "a", "I". None for preamble and final clause."""
    heading: str | None = None
    """The heading line as written, whitespace normalised: "Article 1", "Artikel 1", "Annex I"."""
    parent: UnitId | None = None
    language: Language
    text: str
    raw_start: Offset
    raw_end: Offset
    clean_start: Offset
    clean_end: Offset
    order: Annotated[int, msgspec.Meta(ge=0)]
    """Position in document order within its language version (parents come before children)."""


class OfficialText(msgspec.Struct, frozen=True, kw_only=True):
    """One language version of an agreement's official text. Knows nothing about which agreement."""

    language: Language
    title: str | None
    """The version's own title line, markup removed; None when the source has none."""
    units: list[TextUnit]
    clean: str
    """The version's clean text: every unit's paragraphs, in order; titles are not part of it."""
    raw_sha256: Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
    """sha256 of the whole raw file (UTF-8) the offsets refer to."""
    raw_start: Offset
    raw_end: Offset
    """The version's span in the raw file, from its title (if any) to the end of its last unit."""

    def unit(self, unit_id: str) -> TextUnit:
        """The unit with this id; KeyError when there is none."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)


class TextEntry(Record, frozen=True, kw_only=True):
    """An official text of an agreement, kept byte for byte under `seeds/texts/`."""

    id: Id
    file: FileName
    sha256: Sha256
    agreement: AgreementId
    """The agreement record this is the text of."""
    title: ShortText
    languages: Annotated[list[Language], msgspec.Meta(min_length=1)]
    """The language versions the file holds, in order; the loader checks it finds exactly these."""
    source: ShortText
    """Where the text was published."""
    note: Note | None = None


class TextsFile(Record, frozen=True, kw_only=True):
    """`seeds/texts.yaml`."""

    texts: list[TextEntry] = msgspec.field(default_factory=list)
