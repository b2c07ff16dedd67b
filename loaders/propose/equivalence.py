"""Tables of equivalent classification markings: a table whose rows hold short cells with the marking
words of any language's table ("ZEER GEHEIM | TOP SECRET") is a `classification_equivalence`, one
proposal per row, its columns' parties read from the header row ("The Netherlands Classification")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from loaders.propose.model import ProvisionProposal
from loaders.propose.reading import Cut, quote_of
from loaders.propose.tables import available_languages, load_language
from loaders.quotes import NormalisedText
from schema.texts import OfficialText, TextUnit

MAX_CELL = 60
"""A marking cell is short; a definitions table ("Classified Information | Any information that ...") is not."""
_ENGLISH_LEVELS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "RESTRICTED")


def _marking_words() -> list[str]:
    words = {w for code in available_languages() for w in load_language(code).words.classification}
    return sorted(words, key=len, reverse=True)


def _is_marking(cell: str, words: list[str]) -> bool:
    lowered = cell.lower()
    return 0 < len(cell) <= MAX_CELL and any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words)


def _level(cells: list[str], parties: list[str | None]) -> str:
    for cell, party in zip(cells, parties, strict=False):
        if party in ("usa", "gbr", "nato") and cell:
            return cell
    for cell in cells:
        if cell.strip().upper() in _ENGLISH_LEVELS or cell.strip().upper().startswith(("NATO ", "EU ")):
            return cell.strip()
    return "TODO: the English or NATO name of the level"


def read_tables(version: OfficialText, normalised: NormalisedText, resolve_in: Any) -> Iterator[ProvisionProposal]:
    """A proposal per row of every table of equivalent markings in the version. `resolve_in(text)` names
    the party a header cell speaks of, or None."""
    words = _marking_words()
    tables = [u for u in version.units if u.kind == "table"]
    for table in tables:
        rows: list[TextUnit] = sorted((u for u in version.units if u.parent == table.id), key=lambda u: u.order)
        marked = [r for r in rows if sum(_is_marking(c, words) for c in r.cells or []) >= 2]
        if len(marked) < 2:
            continue
        header = next((r for r in rows if r not in marked), None)
        parties = [resolve_in(c) for c in header.cells or []] if header is not None else []
        for row in marked:
            cells = list(row.cells or [])
            markings = [
                {"party": party or "TODO: the party whose marking this column holds", "marking": cell}
                for cell, party in zip(cells, parties or [None] * len(cells), strict=False)
                if cell
            ]
            quote = quote_of(version, normalised, Cut(row.text, row.clean_start, row.clean_start + len(row.text)))
            if quote is None:
                continue
            yield ProvisionProposal.quoting(
                quote,
                kind="classification_equivalence",
                fields={"rows": [{"level": _level(cells, parties), "markings": markings}]},
                confidence=0.8,
                rule=f"{version.language}.equivalence.table",
            )
