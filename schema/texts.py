"""Official agreement texts split into their structure: instruments, preamble, articles, paragraphs,
items, final clause, annexes and tables.

These are derived outputs (computed from a raw text file by `loaders/texts/`), not
hand-written input, so they are plain frozen Structs rather than `Record`s.

Unit ids follow Akoma Ntoso's naming style (`art_1__para_2__item_iv`): each level is
`<kind>_<number>`, levels are joined by a double underscore, and the number is normalised
(roman article and annex numbers become arabic, item letters and numerals are lower-cased), so
the same provision has the same id in every language version of the agreement. Units of the
file's main instrument are unprefixed; those of a further instrument (a note, a procedure, an
agreed minute) carry its id as their first level (`note_2__para_1`, `procedure__para_6`).
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from schema.base import AgreementId, Record
from schema.sources import SourceEntry

UnitKind = Literal[
    "preamble",
    "article",
    "paragraph",
    "item",
    "subitem",
    "final_clause",
    "annex",
    "annex_item",
    "instrument",
    "chapter",
    "part",
    "section",
    "appendix",
    "attachment",
    "body",
    "table",
    "table_row",
]
"""`instrument` is the root unit of a further instrument of the file (a note, a procedure, a minute);
`body` is text after the preamble that the source shows under no heading, or resumes after a cut
with no heading to place it; `section` is a numbered division headed "Section 3" or only by its
number ("### 4"); `table_row` is one row of a `table`, its cells in `cells`."""

InstrumentKind = Literal[
    "agreement",
    "memorandum",
    "arrangement",
    "procedure",
    "protocol",
    "contract",
    "minute",
    "declaration",
    "letter",
    "note",
]

UNIT_ID = r"^[a-z]+(_[a-z0-9]+)*(__[a-z]+(_[a-z0-9]+)*)*$"
UnitId = Annotated[
    str,
    msgspec.Meta(
        pattern=UNIT_ID,
        max_length=200,
        description=(
            "Stable id of a unit, the same in every language version of the text. Units of the file's "
            "main instrument are unprefixed; those of a further instrument start with its id."
        ),
        examples=[
            "preamble",
            "art_1__item_i__item_a",
            "art_3__para_2",
            "final_clause",
            "annex_1__item_a",
            "note_2__para_1",
            "procedure__para_6__table_1__row_2",
        ],
    ),
]
InstrumentId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z]+(_[0-9]+)?$",
        max_length=64,
        description="An instrument of the file: its kind, and its number for notes or a second of a kind.",
        examples=["agreement", "note_1", "procedure", "protocol_2"],
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
    """As written, without punctuation: "1", "iv", "a", "I", "四". None for preamble and final clause."""
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
    label: str | None = None
    """How the source names the unit, for showing it: "Article 2", "Artikel 2", "Section 3", "Nr. II",
    "第四条", "제 3 조" for headed units, the marker "(iv)", "a).", "가." for paragraphs and items."""
    caption: str | None = None
    """The unit's title, on its heading line or the line after it: "Definitions", "国内法令"."""
    fragment: bool = False
    """The source holds only part of this unit: the copy is cut inside it, or starts inside it (a
    partial text that opens mid-article holds a fragment of that article, which has no heading)."""
    cells: list[str] | None = None
    """The cells of a `table_row`, cleaned; its `text` is them joined by " | "."""


class OfficialText(msgspec.Struct, frozen=True, kw_only=True):
    """One language version of one instrument of an official text. Knows nothing about which agreement.

    A file may hold several instruments (an agreement and its implementing procedure, exchanged
    notes, an agreed minute), each in one or more languages: one OfficialText for each pair.
    """

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
    instrument: InstrumentId = "agreement"
    """Which instrument of the file this is a version of; the same in every language."""
    instrument_kind: InstrumentKind = "agreement"
    main: bool = True
    """Whether this is the file's main instrument, whose unit ids carry no prefix; the units of any
    other instrument all descend from one unit of kind `instrument` whose id is `instrument`."""
    partial: bool = False
    """The source holds only part of this version (pages or the end are missing): see `holds` and
    the units marked `fragment`."""
    holds: list[UnitId] = msgspec.field(default_factory=list)
    """The top-level units the source holds, in order: which articles (and annexes) are there."""

    def unit(self, unit_id: str) -> TextUnit:
        """The unit with this id; KeyError when there is none."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)


class TextEntry(SourceEntry, frozen=True, kw_only=True):
    """An official text of an agreement (texts.yaml): in the source library, or in the repository's
    `seeds/texts/` for a text this project may hold. The loader splits it into instruments, language
    versions and units, and checks that the versions it finds are the ones `versions` lists."""

    agreement: AgreementId
    """The agreement record this is the text of."""


class TextsFile(Record, frozen=True, kw_only=True):
    """`seeds/texts.yaml`."""

    texts: list[TextEntry] = msgspec.field(default_factory=list)
