"""The comparison page at `/compare?a=…&b=…`: two agreements' terms side by side by kind, what differs
marked (a kind in one agreement only; a field whose values differ), from the domain's comparison
(api/domain/compare.py). Without both ids it is a form to choose them. For `templates/compare.html`."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import msgspec
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template

from api.domain.compare import Comparison, KindComparison, compare
from api.domain.models import AgreementSummary
from api.domain.status import today
from api.pages import links
from api.pages.landing import SiteLinks
from api.pages.quotes import QuoteContext
from api.pages.routes import page_route
from api.pages.terms_view import ProvisionView, provision_views, value_words, words
from api.params import OnDate
from api.store import Snapshot
from schema.base import SLUG

Chosen = Annotated[str | None, QueryParameter(pattern=SLUG, max_length=64, description="An agreement id.")]


class CompareField(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    values: tuple[str, ...]
    """One line per distinct value the side's provisions state."""
    different: bool


class SideView(msgspec.Struct, frozen=True, kw_only=True):
    present: bool
    provisions: tuple[ProvisionView, ...]
    fields: tuple[CompareField, ...]


class KindRow(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    label: str
    presence: str
    differs: bool
    verdict: str
    """"only in GSOMIA", "in both, differing in 2 fields", "in both, the same"."""
    a: SideView
    b: SideView


class AgreementHead(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    short_name: str
    title: str
    href: str
    kind: str
    status: str
    status_class: str
    since: str | None
    parties: str


def _head(summary: AgreementSummary, names: dict[str, str], on: datetime.date | None) -> AgreementHead:
    return AgreementHead(
        id=summary.id,
        short_name=summary.short_name,
        title=summary.title,
        href=links.agreement_page(summary.id, on),
        kind=words(summary.kind),
        status=words(summary.status),
        status_class=summary.status,
        since=summary.status_since,
        parties=", ".join(names.get(p, p) for p in summary.parties),
    )


def _row(kind: KindComparison, comparison: Comparison, quotes: QuoteContext) -> KindRow:
    differing = [f for f in kind.fields if not f.same]
    if kind.presence == "only_a":
        verdict = f"only in {comparison.a.short_name}"
    elif kind.presence == "only_b":
        verdict = f"only in {comparison.b.short_name}"
    elif differing:
        verdict = f"in both, differing in {len(differing)} field{'s' if len(differing) != 1 else ''}"
    else:
        verdict = "in both, the same"

    def side(provisions: list[Any], which: str) -> SideView:
        fields = tuple(
            CompareField(
                name=words(f.field),
                values=tuple(value_words(v) for v in (f.a if which == "a" else f.b)),
                different=not f.same,
            )
            for f in kind.fields
            if any(v is not None for v in (*f.a, *f.b))
        )
        return SideView(
            present=bool(provisions), provisions=tuple(provision_views(provisions, quotes, prefix=which)), fields=fields
        )

    return KindRow(
        kind=kind.kind,
        label=kind.label,
        presence=kind.presence,
        differs=kind.differs,
        verdict=verdict,
        a=side(kind.a, "a"),
        b=side(kind.b, "b"),
    )


def compare_context(
    db: Snapshot, a: str | None = None, b: str | None = None, on: datetime.date | None = None
) -> dict[str, Any]:
    """Everything `compare.html` shows: the chooser, and with both ids the comparison on `on` (today by default)."""
    day = on or today()
    choices = [
        (r["id"], r["short_name"], r["title"])
        for r in db.rows("select id, short_name, title from agreements order by first_date is null, first_date, id")
    ]
    context: dict[str, Any] = {
        "site": SiteLinks(),
        "on": day.isoformat(),
        "choices": choices,
        "chosen_a": a,
        "chosen_b": b,
        "comparison": None,
    }
    if a is None or b is None:
        return context
    comparison = compare(db, a, b, day)
    names = {r["id"]: r["short_name"] or r["name"] for r in db.rows("select id, name, short_name from parties")}
    quotes = QuoteContext(db)
    rows = [_row(k, comparison, quotes) for k in comparison.kinds]
    context.update(
        comparison=comparison,
        a=_head(comparison.a, names, on),
        b=_head(comparison.b, names, on),
        rows=rows,
        counts={
            "only_a": len(comparison.only_a),
            "only_b": len(comparison.only_b),
            "different": len(comparison.different),
            "same": len(comparison.same),
        },
        data_links=links.compare_twins(a, b, on),
        swapped=links.compare_page(b, a, on),
    )
    return context


@page_route("/compare", operation_id="getComparePage", summary="Two agreements compared")
def compare_page(db: NamedDependency[Snapshot], a: Chosen = None, b: Chosen = None, on: OnDate = None) -> Template:
    return Template(template_name="compare.html", context=compare_context(db, a, b, on))
