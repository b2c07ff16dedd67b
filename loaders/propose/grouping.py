"""From proposals to the provisions of a draft: one provision per kind and article (or per kind for the
whole text, kinds.toml), citing every language version that states it, its fields merged, and a TODO
for each required field the words did not fix."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from typing import Any

import msgspec

from loaders.propose.model import Proposal, ProvisionProposal, Quote
from loaders.propose.tables import load_kinds
from schema.provisions import PROVISION_KINDS


def article_of(unit: str, instruments: set[str]) -> str:
    """The article a unit is in: its top-level unit (`art_2__para_4` -> `art_2`); for a further
    instrument, the unit below the instrument's root (`note_1__para_2__item_a` -> `note_1__para_2`)."""
    parts = unit.split("__")
    if parts[0] in instruments and len(parts) > 1:
        return "__".join(parts[:2])
    return parts[0]


def merge_fields(primary: dict[str, Any], secondary: dict[str, Any]) -> dict[str, Any]:
    """`primary`'s fields, with `secondary`'s where primary has none; lists are joined."""
    merged = dict(primary)
    for name, value in secondary.items():
        held = merged.get(name)
        if name not in merged:
            merged[name] = value
        elif isinstance(held, list) and isinstance(value, list):
            merged[name] = [*held, *(v for v in value if v not in held)]
    return merged


@dataclass
class DraftProvision:
    kind: str
    id: str
    article: str
    fields: dict[str, Any]
    proposals: list[ProvisionProposal] = field(default_factory=list)

    @property
    def citations(self) -> list[Quote]:
        return [p.citation() for p in self.proposals]

    @property
    def confidence(self) -> float:
        return min(p.confidence for p in self.proposals)


def _literal_values(annotation: Any) -> list[str]:
    """The values a Literal field (or a list of one) takes, for a TODO's hint."""
    info = msgspec.inspect.type_info(annotation)
    if isinstance(info, msgspec.inspect.ListType):
        info = info.item_type
    if isinstance(info, msgspec.inspect.LiteralType):
        return [str(v) for v in info.values]
    return []


def todo_fields(kind: str, fields: dict[str, Any]) -> dict[str, str]:
    """A TODO for every required field of the kind that `fields` lacks, saying what it takes."""
    spec = load_kinds().kinds.get(kind)
    hints = spec.todo if spec else {}
    info = msgspec.inspect.type_info(PROVISION_KINDS[kind])
    assert isinstance(info, msgspec.inspect.StructType)
    hints_by_field = typing.get_type_hints(PROVISION_KINDS[kind], include_extras=True)
    todos: dict[str, str] = {}
    for item in info.fields:
        if not item.required or item.name in ("id", "citations") or item.name in fields:
            continue
        values = _literal_values(hints_by_field[item.name])
        hint = hints.get(item.name) or (f"one of {', '.join(values)}" if values else item.name.replace("_", " "))
        todos[item.name] = f"TODO: {hint}"
    return todos


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def draft_provisions(proposal: Proposal) -> list[DraftProvision]:
    """The proposals grouped into the provisions of a draft, in the order of the text."""
    kinds = load_kinds().kinds
    instruments = {i.id for i in proposal.instruments}
    groups: dict[tuple[str, str], DraftProvision] = {}
    for item in proposal.provisions():
        spec = kinds.get(item.kind)
        article = article_of(item.unit, instruments)
        key = (item.kind, "" if spec is not None and spec.group == "text" else article)
        group = groups.get(key)
        if group is None:
            group = groups[key] = DraftProvision(
                kind=item.kind, id=spec.id if spec else _slug(item.kind), article=article, fields={}
            )
        # Fields from the more confident proposal first; a language's citation once per unit.
        group.fields = merge_fields(group.fields, item.fields)
        group.proposals.append(item)
    drafted = list(groups.values())
    counts: dict[str, int] = {}
    for provision in drafted:
        counts[provision.id] = counts.get(provision.id, 0) + 1
    for provision in drafted:
        if counts[provision.id] > 1:
            provision.id = f"{provision.id}-{_slug(provision.article)}"
    return drafted
