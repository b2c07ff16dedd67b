"""Two agreements' terms side by side, kind by kind, with what differs.

A kind of term is `only_a` or `only_b` when one agreement has provisions of it and the other none,
and `both` otherwise. For a kind both have, every typed field of the kind (and the basis, how firm
the term is) is compared as the set of values its provisions give on each side: several provisions
of one kind (contested claims, two scopes) give several values, and a field no provision states is
`null`. A kind `differs` when it is on one side only or any of its fields differs.

Only the typed terms are compared, never the quotes: two agreements that say the same thing in
different words agree.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

import msgspec

from api.domain import summaries
from api.domain.agreements import agreement_detail
from api.domain.errors import BadParameter
from api.domain.models import AgreementSummary, Out, ProvisionOut
from api.domain.query import Database
from schema.provisions import PROVISION_KINDS, ProvisionBase

Presence = Literal["both", "only_a", "only_b"]
_BASE_FIELDS = frozenset(f.name for f in msgspec.structs.fields(ProvisionBase))
COMPARED_BASE_FIELDS = ("basis",)
"""Fields every provision has that are compared too: how firm the term is differs between a text and a report."""


class FieldComparison(Out, frozen=True, kw_only=True):
    """One typed field of a kind: the distinct values each side's provisions give, in their order."""

    field: str
    a: list[Any]
    """The values agreement `a`'s provisions of the kind state (JSON), or `[null]` when none states the field."""
    b: list[Any]
    same: bool
    """Whether both sides give the same set of values."""


class KindComparison(Out, frozen=True, kw_only=True):
    """One kind of term in both agreements."""

    kind: str
    label: str
    presence: Presence
    differs: bool
    """True when the kind is on one side only, or a field's values differ."""
    fields: list[FieldComparison]
    """Every compared field, when both sides have the kind; empty otherwise."""
    a: list[ProvisionOut]
    b: list[ProvisionOut]


class Comparison(Out, frozen=True, kw_only=True):
    """Agreements `a` and `b`, their status on `on`, and their terms compared kind by kind."""

    on: datetime.date
    a: AgreementSummary
    b: AgreementSummary
    kinds: list[KindComparison]
    """Every kind either agreement has, in the schema's order."""
    only_a: list[str]
    """Kinds only `a` has."""
    only_b: list[str]
    same: list[str]
    """Kinds both have with the same values in every compared field."""
    different: list[str]
    """Kinds both have whose values differ in some field."""


def field_values(provision: ProvisionBase) -> dict[str, Any]:
    """The compared fields of a provision, as JSON values: its basis and its kind's own fields."""
    names = [*COMPARED_BASE_FIELDS, *(f.name for f in msgspec.structs.fields(provision) if f.name not in _BASE_FIELDS)]
    return {name: msgspec.to_builtins(getattr(provision, name)) for name in names}


def _distinct(values: list[Any]) -> list[Any]:
    """The distinct values stated, in order; `[None]` when none is."""
    seen: dict[bytes, Any] = {}
    for value in values:
        if value not in (None, [], {}):
            seen.setdefault(msgspec.json.encode(value, order="sorted"), value)
    return list(seen.values()) or [None]


def _fields(a: list[ProvisionOut], b: list[ProvisionOut]) -> list[FieldComparison]:
    a_values = [field_values(p.terms) for p in a]
    b_values = [field_values(p.terms) for p in b]
    names = list(dict.fromkeys(name for values in (*a_values, *b_values) for name in values))
    compared = []
    for name in names:
        left = _distinct([v.get(name) for v in a_values])
        right = _distinct([v.get(name) for v in b_values])
        same = {msgspec.json.encode(v, order="sorted") for v in left} == {
            msgspec.json.encode(v, order="sorted") for v in right
        }
        compared.append(FieldComparison(field=name, a=left, b=right, same=same))
    return compared


def _by_kind(provisions: list[ProvisionOut]) -> dict[str, list[ProvisionOut]]:
    grouped: dict[str, list[ProvisionOut]] = {}
    for provision in provisions:
        grouped.setdefault(provision.kind, []).append(provision)
    return grouped


def compare_terms(a: list[ProvisionOut], b: list[ProvisionOut]) -> list[KindComparison]:
    """The kinds of term of two lists of provisions, compared (see the module's docstring)."""
    left, right = _by_kind(a), _by_kind(b)
    order = {kind: n for n, kind in enumerate(PROVISION_KINDS)}
    kinds = sorted(set(left) | set(right), key=lambda k: (order.get(k, len(order)), k))
    compared = []
    for kind in kinds:
        mine, theirs = left.get(kind, []), right.get(kind, [])
        presence: Presence = "both" if mine and theirs else ("only_a" if mine else "only_b")
        fields = _fields(mine, theirs) if presence == "both" else []
        differs = presence != "both" or not all(f.same for f in fields)
        label = (mine or theirs)[0].label
        compared.append(
            KindComparison(kind=kind, label=label, presence=presence, differs=differs, fields=fields, a=mine, b=theirs)
        )
    return compared


def _summary(db: Database, parameter: str, agreement_id: str, on: datetime.date) -> AgreementSummary:
    row = db.row("select * from agreements where id = ?", (agreement_id,))
    if row is None:
        raise BadParameter(parameter, f"no agreement with id {agreement_id!r}; see /api/v1/agreements")
    return summaries.agreement_summaries(db, [row], on)[0]


def compare(db: Database, a: str, b: str, on: datetime.date) -> Comparison:
    """Agreements `a` and `b` side by side: their status on `on` and their terms, kind by kind."""
    summaries = _summary(db, "a", a, on), _summary(db, "b", b, on)
    kinds = compare_terms(agreement_detail(db, a, on).provisions, agreement_detail(db, b, on).provisions)
    both = [k for k in kinds if k.presence == "both"]
    return Comparison(
        on=on,
        a=summaries[0],
        b=summaries[1],
        kinds=kinds,
        only_a=[k.kind for k in kinds if k.presence == "only_a"],
        only_b=[k.kind for k in kinds if k.presence == "only_b"],
        same=[k.kind for k in both if not k.differs],
        different=[k.kind for k in both if k.differs],
    )
