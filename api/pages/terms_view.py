"""Typed terms as the pages show them: grouped by kind, each with its one-sentence summary, its typed
fields in words, who asserts it, the claim it disputes, and its quotes."""

from __future__ import annotations

from typing import Any

import msgspec

from api.domain.compare import field_values
from api.domain.models import ProvisionOut
from api.pages.quotes import QuoteContext, QuoteView
from schema.base import Actor
from schema.provisions import PROVISION_KINDS

NOT_STATED = "not stated"


class FieldView(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    value: str


class ProvisionView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    anchor: str
    kind: str
    label: str
    summary: str
    basis: str
    asserted_by: str | None
    disputes: str | None
    """The anchor of the claim this one contests, on the same page."""
    disputed_by: tuple[str, ...]
    """Anchors of the claims that contest this one."""
    note: str | None
    fields: tuple[FieldView, ...]
    quotes: tuple[QuoteView, ...]
    data_href: str


class KindGroup(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    label: str
    provisions: tuple[ProvisionView, ...]


def words(identifier: str) -> str:
    return identifier.replace("_", " ")


def value_words(value: Any) -> str:
    """A typed field's JSON value in words: yes/no, lists joined, identifiers spaced, periods as "1 years"."""
    if value is None or value == [] or value == {}:
        return NOT_STATED
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return words(value) if " " not in value else value
    if isinstance(value, list):
        return "; ".join(value_words(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"value", "unit"}:
            return f"{value['value']} {words(str(value['unit']))}"
        return ", ".join(f"{words(str(k))} {value_words(v)}" for k, v in value.items() if v not in (None, [], {}))
    return str(value)


def actor_words(actor: Actor | None) -> str | None:
    """ "Han Min-koo, Defense Minister (kor)"."""
    if actor is None:
        return None
    detail = ", ".join(part for part in (actor.office, actor.affiliation) if part)
    party = f" ({actor.party})" if actor.party else ""
    return f"{actor.name}{', ' + detail if detail else ''}{party}"


def anchor(provision_id: str, prefix: str = "p") -> str:
    return f"{prefix}-{provision_id}"


def provision_views(provisions: list[ProvisionOut], quotes: QuoteContext, prefix: str = "p") -> list[ProvisionView]:
    """The provisions, each linked to the claims it disputes or that dispute it (anchors on the same page)."""
    local = {p.id: p.provision_id for p in provisions}
    disputed_by: dict[str, list[str]] = {}
    for p in provisions:
        if p.disputes in local:
            disputed_by.setdefault(p.disputes or "", []).append(anchor(p.provision_id, prefix))
    views = []
    for p in provisions:
        values = field_values(p.terms)
        values.pop("basis", None)
        views.append(
            ProvisionView(
                id=p.id,
                anchor=anchor(p.provision_id, prefix),
                kind=p.kind,
                label=p.label,
                summary=p.summary,
                basis=words(p.basis),
                asserted_by=actor_words(p.asserted_by),
                disputes=anchor(local[p.disputes], prefix) if p.disputes in local else None,
                disputed_by=tuple(disputed_by.get(p.id, [])),
                note=p.terms.note,
                fields=tuple(
                    FieldView(name=words(name), value=value_words(value))
                    for name, value in values.items()
                    if value not in (None, [], {})
                ),
                quotes=tuple(quotes.views(p.sources)),
                data_href=p.url,
            )
        )
    return views


def kind_groups(views: list[ProvisionView]) -> list[KindGroup]:
    """The provisions grouped by kind, in the schema's order of kinds."""
    order = {kind: n for n, kind in enumerate(PROVISION_KINDS)}
    grouped: dict[str, list[ProvisionView]] = {}
    for view in views:
        grouped.setdefault(view.kind, []).append(view)
    return [
        KindGroup(kind=kind, label=members[0].label, provisions=tuple(members))
        for kind, members in sorted(grouped.items(), key=lambda item: order.get(item[0], len(order)))
    ]
