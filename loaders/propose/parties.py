"""Parties: the names a text gives them, resolved against seeds/parties.yaml by name and short name, by
the ISO 3166 names of states in every language of the tables (pycountry and its translations:
"Koninkrijk der Nederlanden", "Bondsrepubliek Duitsland", "Royaume du Maroc") and by the names the
tables give organisations. A state the seeds lack is drafted from ISO 3166; any other name a preamble
gives a party ("the Government of ...") is drafted as a new party for the curator to complete."""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pycountry

from loaders.propose.model import PartyProposal, Quote
from loaders.propose.reading import MIN_QUOTE, Cut, quote_of
from loaders.propose.tables import PartyPattern, available_languages, load_language
from loaders.quotes import NormalisedText
from loaders.yamlfile import convert, read_yaml
from schema.parties import PartiesFile, Party
from schema.texts import OfficialText, TextUnit

_LEADING_ARTICLE = re.compile(r"^(?:the|de|het|le|la|les|l'|der|die|das)\s+", re.I)
_SPACE = re.compile(r"\s+")
_CLAUSE_END = re.compile(r";|\n\s*\n|\b(?:have agreed|zijn het volgende|sont convenus|Komen overeen)\b", re.I)


def _key(name: str) -> str:
    return _SPACE.sub(" ", _LEADING_ARTICLE.sub("", name.strip())).casefold()


@dataclass(frozen=True)
class Known:
    """What a name stands for: a party of the seeds, or a state the seeds lack (`new`)."""

    party: str
    kind: str
    new: bool = False
    iso3166: dict[str, str] | None = None
    official_name: str | None = None
    short_name: str | None = None


@dataclass
class PartyIndex:
    """Every name a party goes by, in every language of the tables -> what it stands for."""

    names: dict[str, Known] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)
    """The names as written (case kept), for the matcher; by key."""

    def add(self, name: str, known: Known) -> None:
        key = _key(name)
        if len(key) < 3 or key in self.names:
            return
        self.names[key] = known
        self.printed[key] = _LEADING_ARTICLE.sub("", name.strip())

    def resolve(self, name: str) -> Known | None:
        return self.names.get(_key(name))

    @functools.cached_property
    def matcher(self) -> re.Pattern[str]:
        names = sorted(self.printed.values(), key=lambda n: (-len(n), n))
        # Names are matched as printed (case-sensitive), whole words only: "Chad" but not "chad".
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _translations(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


@functools.cache
def party_index(parties_file: Path) -> PartyIndex:
    """The index of the parties in `parties_file` (seeds/parties.yaml) and of every ISO 3166 state."""
    doc, errors = read_yaml(parties_file, parties_file.name)
    decoded, more = convert(doc, PartiesFile) if doc is not None else (None, [])
    if decoded is None:
        raise ValueError("; ".join(e.message for e in [*errors, *more]) or f"{parties_file} is empty")
    parties: list[Party] = decoded.parties
    index = PartyIndex()
    by_alpha3 = {p.iso3166.alpha3: p for p in parties if p.iso3166}
    for party in parties:
        known = Known(party=party.id, kind=party.kind)
        for name in (party.name, party.short_name):
            if name:
                index.add(name, known)
    for code in available_languages():
        for name, party_id in load_language(code).words.parties.items():
            match = next((p for p in parties if p.id == party_id), None)
            if match is not None:
                index.add(name, Known(party=match.id, kind=match.kind))
    translations = {code: _translations(code) for code in available_languages()}
    for country in pycountry.countries:
        seeded = by_alpha3.get(country.alpha_3)
        names = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        if seeded is not None:
            known = Known(party=seeded.id, kind="state")
        else:
            known = Known(
                party=country.alpha_3.lower(),
                kind="state",
                new=True,
                iso3166={"alpha2": country.alpha_2, "alpha3": country.alpha_3},
                official_name=getattr(country, "official_name", None) or country.name,
                short_name=getattr(country, "common_name", None) or country.name,
            )
        for name in [n for n in names if n]:
            index.add(name, known)
            for translation in translations.values():
                index.add(translation.gettext(name), known)
    return index


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of at least MIN_QUOTE characters around a short name ("Canada" -> "Canada, Denmark")."""
    while end - start < MIN_QUOTE + 2:
        following = re.compile(r"\W*\w+").match(text, end)
        if following is not None:
            end = following.end()
            continue
        preceding = re.search(r"\w+\W*$", text[:start])
        if preceding is None:
            break
        start = preceding.start()
    return start, end


def find_parties(
    index: PartyIndex,
    places: list[tuple[OfficialText, NormalisedText, TextUnit]],
    patterns: dict[str, list[PartyPattern]],
) -> list[PartyProposal]:
    """The parties named in each (version, its normalised text, unit) — the preambles — with a citation
    per language; names the language's party patterns find that resolve to nothing become new parties."""
    found: dict[str, PartyProposal] = {}
    for version, normalised, unit in places:
        # The parties clause: the preamble up to its first recital (";", a paragraph break or "agreed").
        clause_end = _CLAUSE_END.search(unit.text)
        text = unit.text[: clause_end.start() if clause_end else len(unit.text)]
        spans: list[tuple[int, int]] = []
        for match in index.matcher.finditer(text):
            known = index.resolve(match.group())
            if known is None:
                continue
            spans.append(match.span())
            quote = _quote(version, normalised, unit, *match.span())
            if quote is not None:
                _add(found, known.party, match.group(), quote, known)
        for pattern in patterns.get(version.language, []):
            for match in re.finditer(pattern.pattern, text):
                name = match.group("name").strip()
                start, end = match.span("name")
                if any(s < end and start < e for s, e in spans) or len(name) < 3:
                    continue
                quote = _quote(version, normalised, unit, start, end)
                if quote is not None:
                    known = Known(party="", kind=pattern.kind, new=True)
                    _add(found, None, name, quote, known, rule=f"{version.language}.{pattern.id}")
    return list(found.values())


def _quote(version: OfficialText, normalised: NormalisedText, unit: TextUnit, start: int, end: int) -> Quote | None:
    start, end = _widened(unit.text, start, end)
    cut = Cut(unit.text[start:end], unit.clean_start + start, unit.clean_start + end)
    return quote_of(version, normalised, cut)


def _add(
    found: dict[str, PartyProposal],
    party: str | None,
    name: str,
    citation: Quote,
    known: Known,
    *,
    rule: str = "party.name",
) -> None:
    key = party or f"new:{_key(name)}"
    held = found.get(key)
    if held is None:
        found[key] = PartyProposal(
            name=name,
            party=party,
            new=known.new,
            kind=known.kind,
            iso3166=known.iso3166,
            official_name=known.official_name,
            citations=[citation],
            confidence=0.9 if not known.new else (0.8 if known.iso3166 else 0.5),
            rule=rule,
        )
        return
    same = [c for c in held.citations if c.language == citation.language]
    if not same:
        found[key] = msgspec.structs.replace(held, citations=[*held.citations, citation])
    elif len(name) > len(held.name) and same[0].unit == citation.unit:
        # The fullest name a version gives the party ("European Space Agency", not "ESA").
        others = [c for c in held.citations if c is not same[0]]
        first = held.citations.index(same[0]) == 0
        found[key] = msgspec.structs.replace(
            held, name=name if first else held.name, citations=[citation, *others] if first else [*others, citation]
        )
