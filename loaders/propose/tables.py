"""The language tables: each language `propose` reads is one TOML file under `languages/`, decoded strictly
into these Structs, so that adding a language is adding a table, not code (docs/extraction.md).

A table holds the words a language writes numbers, periods, months and language names in, how its
final clause states the date and place of signature, how its preamble names parties, and one rule per
kind of statement: a pattern, the fields its words fix, and extractors that read further fields from
the words around the match.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

import msgspec

LANGUAGES_DIR = Path(__file__).parent / "languages"
KINDS_FILE = Path(__file__).parent / "kinds.toml"

FieldValue = str | int | bool | float | list[str] | dict[str, str | int]
Confidence = Annotated[float, msgspec.Meta(gt=0, le=1)]


class Table(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of the table formats: strict, like every input format of the store."""


class Extractor(Table, frozen=True, kw_only=True):
    """Reads one field from the words around a rule's match (the unit the match is in).

    `as` says what the match gives: `value` (the constant `value`), `period` (groups `n` and `unit`:
    "six months" -> {value: 6, unit: months}), `number` (group `n`), `text` (group `text`, as printed),
    `party` (group `name`, resolved against the parties) or `language` (group `name`, a language name).
    With `append`, every extractor of the field that matches adds to a list; otherwise the first wins."""

    field: str
    pattern: str
    as_: Literal["value", "period", "number", "text", "party", "language"] = msgspec.field(default="value", name="as")
    value: FieldValue | None = None
    append: bool = False


class Rule(Table, frozen=True, kw_only=True):
    """One way a language states a term of one kind.

    `pattern` is a regular expression with the macros of docs/extraction.md: `{gap}` / `{gap:N}` (up to
    N characters within one clause), `{number}`, `{unit}`, `{month}`, and `<word>` (any inflection of the
    word, by its Snowball stem). A named group `q` marks the words to quote; otherwise the match is the
    quote. `unless` rules the match out when it matches the same sentence (a negation, a permission);
    `requires` rules it out unless it does (a notice is a depositary's only where the sentence says of what)."""

    id: str
    kind: str
    pattern: str
    confidence: Confidence = 0.8
    unless: str | None = None
    requires: str | None = None
    fields: dict[str, FieldValue] = msgspec.field(default_factory=dict)
    extract: list[Extractor] = msgspec.field(default_factory=list)
    units: Literal["any", "final_clause", "preamble", "body"] = "any"
    """Where the rule may fire: anywhere, only in the final clause or preamble, or only outside them."""


class Signing(Table, frozen=True, kw_only=True):
    """How the final clause states the place and date of signature: groups `place`, `day`, `month`, `year`."""

    id: str
    pattern: str
    confidence: Confidence = 0.9


class PartyPattern(Table, frozen=True, kw_only=True):
    """How a preamble or title names a party the store may not know: group `name`."""

    id: str
    pattern: str
    kind: Literal["state", "international_organisation", "group", "ministry", "agency"] = "state"
    confidence: Confidence = 0.6


class Words(Table, frozen=True, kw_only=True):
    numbers: dict[str, int] = msgspec.field(default_factory=dict)
    ordinals: dict[str, int] = msgspec.field(default_factory=dict)
    units: dict[str, Literal["days", "weeks", "months", "years"]] = msgspec.field(default_factory=dict)
    months: dict[str, Annotated[int, msgspec.Meta(ge=1, le=12)]] = msgspec.field(default_factory=dict)
    languages: dict[str, str] = msgspec.field(default_factory=dict)
    """Language names (any inflection the text uses) -> BCP 47 code."""
    places: dict[str, str] = msgspec.field(default_factory=dict)
    """A place as this language names it -> its English name, as records write places."""
    parties: dict[str, str] = msgspec.field(default_factory=dict)
    """Names of organisations and groups in this language -> party id (states come from pycountry)."""
    classification: list[str] = msgspec.field(default_factory=list)
    """Words of classification markings, to recognise a table of equivalent markings."""


class LanguageTable(Table, frozen=True, kw_only=True):
    language: Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}$")]
    name: str
    stemmer: str
    """The Snowball algorithm for `<word>` tokens (PyStemmer's name: english, dutch, french, german)."""
    self_reference: str
    """How the text names itself ("this Agreement"), to cite the kind of instrument."""
    words: Words = msgspec.field(default_factory=Words)
    signing: list[Signing] = msgspec.field(default_factory=list)
    parties: list[PartyPattern] = msgspec.field(default_factory=list)
    rules: list[Rule] = msgspec.field(default_factory=list)


class KindSpec(Table, frozen=True, kw_only=True):
    """How proposals of one kind become provisions of a draft: one per article (`article`) or one for the
    whole text (`text`: a depositary's duties spread over several articles), the id it gets, and a hint
    for each required field the words did not fix (written as its TODO)."""

    group: Literal["article", "text"] = "article"
    id: str
    todo: dict[str, str] = msgspec.field(default_factory=dict)


class KindsTable(Table, frozen=True, kw_only=True):
    kinds: dict[str, KindSpec]


def available_languages() -> list[str]:
    """The languages there is a table for, by code."""
    return sorted(path.stem for path in LANGUAGES_DIR.glob("*.toml"))


@functools.cache
def load_language(code: str) -> LanguageTable:
    """The table of one language, decoded strictly (an unknown key or a wrong type is an error)."""
    path = LANGUAGES_DIR / f"{code}.toml"
    try:
        table = msgspec.toml.decode(path.read_bytes(), type=LanguageTable)
    except msgspec.ValidationError as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    if table.language != code:
        raise ValueError(f"{path.name} says it is the table of {table.language!r}")
    return table


@functools.cache
def load_kinds() -> KindsTable:
    try:
        return msgspec.toml.decode(KINDS_FILE.read_bytes(), type=KindsTable)
    except msgspec.ValidationError as exc:
        raise ValueError(f"{KINDS_FILE.name}: {exc}") from None
