"""The unit ledger: every unit of an agreement's official text accounted for, once.

A curated record with an official text lists the text's units in `ledger`, each with the provisions
that cite it or with `no_terms` and a reason. An entry speaks for its unit and for every unit inside
it that has no entry of its own (its nearest listed ancestor governs a unit), so an article whose
items all hold one term needs one entry. The checks:

- every unit of the text, in every language version and instrument, is governed by an entry;
- no unit is listed twice, and every listed unit exists;
- an entry has provisions or `no_terms`, not both and not neither;
- every provision citing a unit is listed by the entry that governs it, and every provision an entry
  lists cites a unit that entry governs;
- a `referenced` stub has no provisions and no ledger (it has no text in the store).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from loaders.errors import SeedError
from loaders.seeds_model import Seeds, SourceText
from loaders.walk import walk
from loaders.yamlfile import YamlDocument
from schema.agreements import Agreement
from schema.base import Citation


def _units(text: SourceText) -> dict[str, str | None]:
    """Every unit id of the text (all languages and instruments) -> its parent id."""
    parents: dict[str, str | None] = {}
    for version in text.versions:
        for unit in version.units:
            parents.setdefault(unit.id, unit.parent)
    return parents


def _governor(unit: str, parents: dict[str, str | None], listed: set[str]) -> str | None:
    current: str | None = unit
    seen: set[str] = set()
    while current is not None and current not in seen:
        if current in listed:
            return current
        seen.add(current)
        current = parents.get(current)
    return None


def _cited_units(agreement: Agreement, text_id: str) -> dict[str, set[str]]:
    """Provision id -> the units of `text_id` its citations name (the cited or the containing unit)."""
    cited: dict[str, set[str]] = defaultdict(set)
    for provision in agreement.provisions:
        for _path, value, _target in walk(provision):
            if isinstance(value, Citation) and value.doc == text_id and value.unit:
                cited[provision.id].add(value.unit)
    return cited


def check_ledger(seeds: Seeds, doc: YamlDocument, agreement: Agreement) -> Iterator[SeedError]:
    if agreement.record == "referenced":
        if agreement.provisions:
            yield doc.error("$.provisions", "a referenced stub has no terms: its text is not in the store")
        if agreement.ledger:
            yield doc.error("$.ledger", "a referenced stub has no ledger: its text is not in the store")
        return
    texts = [t for t in seeds.texts.values() if t.entry.agreement == agreement.id]
    if not texts:
        if agreement.ledger:
            yield doc.error("$.ledger", f"no official text of {agreement.id} is in the store to keep a ledger of")
        return
    default = texts[0].entry.id if len(texts) == 1 else None
    by_text: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, entry in enumerate(agreement.ledger):
        path = f"$.ledger[{index}]"
        text_id = entry.text or default
        if text_id is None:
            yield doc.error(f"{path}.text", f"{agreement.id} has several texts: name the one the unit is in")
            continue
        if bool(entry.provisions) == bool(entry.no_terms):
            yield doc.error(path, "give the provisions that cite the unit, or `no_terms` with the reason; not both")
        by_text[text_id].append((index, entry.unit))
    for text in texts:
        yield from _check_text(doc, agreement, text, by_text.get(text.entry.id, []))


def _check_text(
    doc: YamlDocument, agreement: Agreement, text: SourceText, entries: list[tuple[int, str]]
) -> Iterator[SeedError]:
    parents = _units(text)
    listed: dict[str, int] = {}
    for index, unit in entries:
        if unit not in parents:
            yield doc.error(f"$.ledger[{index}].unit", f"{text.entry.id} has no unit {unit!r}")
        elif unit in listed:
            yield doc.error(f"$.ledger[{index}].unit", f"{unit!r} is listed twice (also $.ledger[{listed[unit]}])")
        else:
            listed[unit] = index
    uncovered = [u for u in parents if _governor(u, parents, set(listed)) is None]
    if uncovered:
        shown = ", ".join(uncovered[:12]) + (f" and {len(uncovered) - 12} more" if len(uncovered) > 12 else "")
        yield doc.error(
            "$.ledger",
            f"the ledger of {text.entry.id} is incomplete: list {shown} (with the provisions citing them or "
            "`no_terms` and why)",
        )
    cited = _cited_units(agreement, text.entry.id)
    governed_by: dict[str, set[str]] = defaultdict(set)
    for provision, units in cited.items():
        for unit in units:
            governor = _governor(unit, parents, set(listed))
            if governor is not None:
                governed_by[governor].add(provision)
    for unit, index in listed.items():
        entry = agreement.ledger[index]
        named, citing = set(entry.provisions), governed_by.get(unit, set())
        if entry.no_terms and citing:
            yield doc.error(
                f"$.ledger[{index}].no_terms",
                f"{unit!r} is cited by {', '.join(sorted(citing))}: list them instead of `no_terms`",
            )
        elif entry.provisions:
            if citing - named:
                yield doc.error(
                    f"$.ledger[{index}].provisions",
                    f"{unit!r} is also cited by {', '.join(sorted(citing - named))}: list it here",
                )
            for provision in sorted(named - citing):
                yield doc.error(
                    f"$.ledger[{index}].provisions",
                    f"{provision!r} cites no unit of {unit!r} (in {text.entry.id}); cite it there or unlist it",
                )
