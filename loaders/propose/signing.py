"""The date and place of signature, from the final clause of each language version: "DONE at ... this 6th
day of March, 1997", "GEDAAN te 's-Gravenhage, de 16e mei 1961", "FAIT à Rabat, le 21 mai 2013"."""

from __future__ import annotations

import datetime

from loaders.propose.model import Quote, Signed
from loaders.propose.patterns import Compiler, lookup
from loaders.propose.reading import Cut, quote_of
from loaders.propose.tables import LanguageTable
from loaders.quotes import NormalisedText
from schema.texts import OfficialText


def _final_clauses(version: OfficialText) -> list[tuple[int, str, int]]:
    """(clean offset, text, order) of the units a signature may be in: the final clause, else every
    top-level unit from the last (some texts put "DONE at" in their last article)."""
    finals = [u for u in version.units if u.kind == "final_clause"]
    units = finals or sorted((u for u in version.units if u.parent is None), key=lambda u: -u.order)[:2]
    return [(u.clean_start, u.text, u.order) for u in units]


def read_signing(
    version: OfficialText, table: LanguageTable, normalised: NormalisedText
) -> tuple[str | None, str | None, Quote | None, float, str | None]:
    """(ISO date, place, citation, confidence, rule) of the version's signature, or Nones."""
    compiler = Compiler(table, version.clean)
    for offset, text, _order in _final_clauses(version):
        for signing in table.signing:
            match = compiler.compile(signing.pattern).search(text)
            if match is None:
                continue
            month = lookup(match.group("month"), {k: str(v) for k, v in table.words.months.items()})
            try:
                date = datetime.date(int(match.group("year")), int(month or 0), int(match.group("day")))
            except ValueError:
                continue
            place = " ".join(match.group("place").split()).strip(" ,")
            place = lookup(place, table.words.places) or place
            cut = Cut(
                match.group().rstrip(" ,"),
                offset + match.start(),
                offset + match.start() + len(match.group().rstrip(" ,")),
            )
            quote = quote_of(version, normalised, cut)
            return date.isoformat(), place, quote, signing.confidence, f"{table.language}.{signing.id}"
    return None, None, None, 0.0, None


def signed(readings: list[tuple[str | None, str | None, Quote | None, float, str | None]]) -> Signed:
    """One signing from the readings of every version: the date they agree on, the English place where
    there is one (records write places in English), a citation per language."""
    dated = [r for r in readings if r[0] is not None]
    if not dated:
        return Signed()
    date = dated[0][0]
    agreeing = [r for r in dated if r[0] == date]
    english = next((r for r in agreeing if r[2] is not None and r[2].language == "en"), agreeing[0])
    confidence = min(r[3] for r in agreeing) * (1.0 if len(agreeing) == len(dated) else 0.5)
    return Signed(
        date=date,
        place=english[1],
        citations=[r[2] for r in agreeing if r[2] is not None],
        confidence=round(confidence, 2),
        rule=english[4],
    )
