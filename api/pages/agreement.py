"""The page of one agreement at `/agreements/{id}`: its status and the status's qualifiers on a date, its
life as a timeline, parties and signatories, its typed terms grouped by kind with their quotes, contested
claims side by side, and its official text article by article with the provisions citing each article.

Everything comes from the domain's answers (the agreement's detail, its status answer, its contested
points, its text); this module only arranges them for `templates/agreement.html`. Its JSON and CSV twins
are linked at the top (api/pages/links.py).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import msgspec
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template

from api.domain import agreements, claims
from api.domain.status import today
from api.domain.status_models import AgreementDetail
from api.pages import links
from api.pages.events_view import event_label, event_views, period_views, qualifiers
from api.pages.landing import SiteLinks
from api.pages.official_text import text_reading
from api.pages.quotes import QuoteContext, QuoteView
from api.pages.routes import page_route
from api.pages.terms_view import actor_words, kind_groups, provision_views, words
from api.params import OnDate
from api.store import Snapshot

AgreementId = Annotated[str, PathParameter(description="An agreement id; one that names none is a 404 page.")]
Language = Annotated[
    str | None,
    QueryParameter(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", max_length=16, description="Official text language."),
]


class ClaimView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    anchor: str
    says: str
    basis: str | None
    asserted_by: str
    preferred: bool | None
    disputes: bool
    quotes: tuple[QuoteView, ...]


class PointView(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    kind: str
    claims: tuple[ClaimView, ...]


def _points(db: Snapshot, agreement_id: str, quotes: QuoteContext) -> list[PointView]:
    points = []
    local = f"{agreement_id}."
    for point in claims.contested_points(db, agreement_id):
        points.append(
            PointView(
                subject=point.subject,
                kind=words(point.kind),
                claims=tuple(
                    ClaimView(
                        id=c.id,
                        anchor=("p-" if c.subject == "provision" else "e-") + c.id.removeprefix(local),
                        says=c.says,
                        basis=words(c.basis) if c.basis else None,
                        asserted_by=actor_words(c.asserted_by) or "not attributed",
                        preferred=c.preferred,
                        disputes=c.disputes is not None,
                        quotes=tuple(quotes.views(c.sources)),
                    )
                    for c in point.claims
                ),
            )
        )
    return points


def _every_source(detail: AgreementDetail) -> list[Any]:
    found = [*detail.sources, *detail.kind.sources, *(detail.level.sources if detail.level else [])]
    for group in (detail.parties, detail.signatories, detail.relations, detail.events, detail.provisions):
        for item in group:
            found += item.sources
    return found


def agreement_context(
    db: Snapshot, agreement_id: str, on: datetime.date | None = None, language: str | None = None
) -> dict[str, Any]:
    """Everything `agreement.html` shows of the agreement on `on` (today by default)."""
    day = on or today()
    detail = agreements.agreement_detail(db, agreement_id, day)
    status = agreements.agreement_status(db, agreement_id, day)
    text_id = db.value("select id from texts where agreement_id = ? order by id limit 1", (agreement_id,))
    quotes = QuoteContext(
        db, page_text=text_id, unit_link=lambda lang, unit: links.agreement_page(agreement_id, on, lang) + f"#u-{unit}"
    )
    provisions = provision_views(detail.provisions, quotes)
    events = event_views(detail.events, quotes)
    labels = {e.event_id: event_label(e) for e in detail.events}
    reading = text_reading(
        db,
        agreement_id,
        language,
        _every_source(detail),
        [(view, p.sources) for view, p in zip(provisions, detail.provisions, strict=True)],
        quotes.units,
    )
    return {
        "site": SiteLinks(),
        "a": detail,
        "on": day.isoformat(),
        "on_asked": on,
        "quoted": quotes.views,
        "kind": words(detail.kind.value),
        "level": words(detail.level.value) if detail.level else None,
        "kind_quotes": quotes.views(detail.kind.sources),
        "names": [(n.name, quotes.views(n.sources)) for n in detail.names],
        "status": words(status.status),
        "status_class": status.status,
        "since": status.since,
        "deciding": [(f"e-{e.event_id}", event_label(e)) for e in status.deciding_events],
        "undecided": [
            (f"e-{c.event.event_id}", event_label(c.event)) if c.event else ("status", f"{words(c.kind)} ({c.span})")
            for c in status.may_have_changed
        ],
        "qualifiers": qualifiers(status),
        "periods": period_views(detail.status_history, day, labels),
        "events": events,
        "groups": kind_groups(provisions),
        "points": _points(db, agreement_id, quotes),
        "text": reading,
        "record_quotes": quotes.views(detail.sources),
        "data_links": links.agreement_twins(agreement_id, on),
        "status_json": f"/api/v1/agreements/{agreement_id}/status?on={day.isoformat()}",
        "compare_href": links.compare_page(agreement_id, None, on),
        "language": language,
    }


@page_route("/agreements/{agreement_id:str}", operation_id="getAgreementPage", summary="An agreement's page")
def agreement_page(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None, language: Language = None
) -> Template:
    return Template(template_name="agreement.html", context=agreement_context(db, agreement_id, on, language))
