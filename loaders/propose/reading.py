"""Reading one language version with its table: every rule over every article, each match pinned to the
innermost unit that holds it, its quote cut from the text itself and checked like any citation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loaders.official_text import unit_at
from loaders.propose.fields import ResolveParty, extract_fields
from loaders.propose.model import ProvisionProposal, Quote
from loaders.propose.patterns import Compiler
from loaders.propose.tables import LanguageTable, Rule
from loaders.quotes import NormalisedText
from schema.texts import OfficialText, TextUnit

MAX_QUOTE = 240
"""Quotes are a clause, not an article: a longer match is cut at a word boundary."""
MIN_QUOTE = 8
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"\.\s*(?=[A-Z(„“\"])|;\s|\n")


@dataclass(frozen=True)
class Cut:
    """A quote cut from a version: its words and its offsets in the version's clean text."""

    text: str
    start: int
    end: int


def scanned_units(version: OfficialText) -> list[TextUnit]:
    """The units rules read: the top-level units of the instrument (articles, preamble, final clause,
    annexes). A match is then pinned to the innermost unit that holds it."""
    roots = {u.id for u in version.units if u.kind == "instrument"}
    top = [u for u in version.units if (u.parent is None and u.kind != "instrument") or u.parent in roots]
    childless = [u for u in version.units if u.kind == "instrument" and not any(t.parent == u.id for t in top)]
    return sorted(top + childless, key=lambda u: u.order)


def _applies(rule: Rule, unit: TextUnit) -> bool:
    if rule.units == "any":
        return True
    if rule.units == "body":
        return unit.kind not in ("preamble", "final_clause")
    return unit.kind == rule.units


def _cut(unit: TextUnit, match: re.Match[str]) -> Cut:
    start, end = match.span("q") if "q" in match.re.groupindex and match.group("q") else match.span()
    text = unit.text[start:end]
    # Trim to whole words and drop the punctuation a clause ends on.
    lead = len(text) - len(text.lstrip(" ,;:\n"))
    text = text.strip(" ,;:\n")
    start += lead
    if len(text) > MAX_QUOTE:
        head = text[:MAX_QUOTE]
        text = head[: head.rfind(" ")] if " " in head else head
    return Cut(text, unit.clean_start + start, unit.clean_start + start + len(text))


def _scope(unit: TextUnit, match: re.Match[str]) -> str:
    """The paragraph (or item) of `unit` the match is in: where a rule's extractors read its fields."""
    starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(unit.text)]
    begin = max(s for s in starts if s <= match.start())
    following = [m.start() for m in _PARAGRAPH_BREAK.finditer(unit.text) if m.start() >= match.end()]
    return unit.text[begin : following[0] if following else len(unit.text)]


def _sentence(unit: TextUnit, match: re.Match[str]) -> str:
    """The sentence of `unit` the match is in: where a rule's `unless` looks."""
    ends = [m.end() for m in _SENTENCE_END.finditer(unit.text)]
    begin = max([0, *(e for e in ends if e <= match.start())])
    after = [m.start() for m in _SENTENCE_END.finditer(unit.text) if m.start() >= match.end()]
    return unit.text[begin : after[0] if after else len(unit.text)]


def article_label(version: OfficialText, unit: TextUnit) -> str | None:
    """The label of the unit's article (its top-level unit) as printed, or the unit's own label."""
    by_id = {u.id: u for u in version.units}
    current: TextUnit | None = unit
    label = unit.label
    while current is not None:
        if current.kind in ("article", "annex", "section", "appendix", "chapter", "part", "instrument"):
            return current.label or label
        current = by_id.get(current.parent) if current.parent else None
    return None if unit.kind in ("preamble", "final_clause") else label


def occurrence(normalised: NormalisedText, cut: Cut) -> int | None:
    """Which occurrence of its words in the version the cut is (None when they occur once)."""
    spans = normalised.find_all(cut.text)
    if len(spans) <= 1:
        return None
    for index, (start, _end) in enumerate(spans, start=1):
        if start == cut.start:
            return index
    raise ValueError(f"the words {cut.text!r} were cut at {cut.start} but are not found there")


def quote_of(version: OfficialText, normalised: NormalisedText, cut: Cut) -> Quote | None:
    """The cut as a citation of the innermost unit that holds it; None when too short to cite."""
    if len(cut.text) < MIN_QUOTE:
        return None
    unit = unit_at(version, cut.start, cut.end)
    if unit is None:
        return None
    return Quote(
        language=version.language,
        unit=unit.id,
        article_label=article_label(version, unit),
        quote=cut.text,
        occurrence=occurrence(normalised, cut),
        instrument=version.instrument,
    )


def read_version(
    version: OfficialText,
    table: LanguageTable,
    *,
    resolve: ResolveParty,
    stemming: bool = True,
    normalised: NormalisedText | None = None,
) -> Iterator[ProvisionProposal]:
    """Every rule of the table over the version, one proposal per kind and innermost unit (the most
    confident rule's quote; the fields of every rule that fired there)."""
    compiler = Compiler(table, version.clean, stemming=stemming)
    normalised = normalised or NormalisedText(version.clean)
    best: dict[tuple[str, str], ProvisionProposal] = {}
    for unit in scanned_units(version):
        for rule in table.rules:
            if not _applies(rule, unit):
                continue
            for match in compiler.compile(rule.pattern).finditer(unit.text):
                scope = _scope(unit, match)
                sentence = _sentence(unit, match)
                if rule.unless and compiler.compile(rule.unless).search(sentence):
                    continue
                if rule.requires and not compiler.compile(rule.requires).search(sentence):
                    continue
                quote = quote_of(version, normalised, _cut(unit, match))
                if quote is None:
                    continue
                fields = extract_fields(rule, scope, compiler, table, resolve)
                found = ProvisionProposal.quoting(
                    quote, kind=rule.kind, fields=fields, confidence=rule.confidence, rule=f"{table.language}.{rule.id}"
                )
                key = (rule.kind, quote.unit)
                held = best.get(key)
                if held is None:
                    best[key] = found
                elif found.confidence > held.confidence:
                    best[key] = _with_fields(found, {**found.fields, **held.fields, **found.fields})
                else:
                    best[key] = _with_fields(held, {**found.fields, **held.fields})
    yield from sorted(best.values(), key=lambda p: (version.unit(p.unit).order, p.kind))


def _with_fields(proposal: ProvisionProposal, fields: dict[str, object]) -> ProvisionProposal:
    import msgspec

    return msgspec.structs.replace(proposal, fields=fields)
