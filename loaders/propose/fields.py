"""Field extractors: the typed fields a rule's words fix, read from the clause or unit around its match."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from loaders.propose.patterns import Compiler, lookup, number_value
from loaders.propose.tables import Extractor, LanguageTable, Rule

ResolveParty = Callable[[str, str], str | None]
"""(name as printed, language) -> party id, or None."""


def _converted(extractor: Extractor, match: re.Match[str], table: LanguageTable, resolve: ResolveParty) -> Any:
    groups = match.groupdict()
    if extractor.as_ == "value":
        return extractor.value
    if extractor.as_ == "period":
        value = number_value(groups.get("n") or "", table)
        unit = lookup(groups.get("unit") or "", dict(table.words.units))
        return {"value": value, "unit": unit} if value is not None and unit else None
    if extractor.as_ == "number":
        return number_value(groups.get("n") or "", table)
    if extractor.as_ == "text":
        text = " ".join((groups.get("text") or "").split()).strip(" ,;:")
        return text or None
    if extractor.as_ == "party":
        return resolve(groups.get("name") or "", table.language)
    return lookup(groups.get("name") or "", table.words.languages)


def extract_fields(
    rule: Rule, scope: str, compiler: Compiler, table: LanguageTable, resolve: ResolveParty
) -> dict[str, Any]:
    """The rule's constant fields, then every extractor's reading of `scope` for the fields still unset;
    `append` extractors collect every value they find, in the table's order."""
    fields: dict[str, Any] = dict(rule.fields)
    for extractor in rule.extract:
        name = extractor.field
        pattern = compiler.compile(extractor.pattern)
        if extractor.append:
            current = fields.get(name)
            values = list(current) if isinstance(current, list) else []
            for match in pattern.finditer(scope):
                value = _converted(extractor, match, table, resolve)
                for item in value if isinstance(value, list) else [value]:
                    if item is not None and item not in values:
                        values.append(item)
            if values:
                fields[name] = values
        elif name not in fields:
            first = pattern.search(scope)
            value = _converted(extractor, first, table, resolve) if first else None
            if value is not None:
                fields[name] = value
    return fields
