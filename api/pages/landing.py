"""The landing page at `/`: what pactstore holds, where to get it, and two pictures of it.

Everything on the page is read from the request's snapshot of the database, so a rebuilt database
shows up without a code change. The page is `templates/landing.html`; the two pictures are inline
SVG drawn by `templates/charts/` from layouts computed in `timeline` and `share_graph`, with no
JavaScript and no inline style, so it needs nothing but `'self'` under a content security policy.
"""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
from litestar import MediaType, get
from litestar.di import NamedDependency
from litestar.response import Template

from api.pages import links
from api.pages.holdings import agreement_rows, counts, document_items
from api.pages.share_graph import ShareGraphChart, share_graph_chart
from api.pages.share_graph_data import share_graph_data
from api.pages.timeline import TimelineChart, timeline_chart
from api.pages.timeline_data import timeline_data
from api.settings import API_PREFIX, DATA_PREFIX
from api.store import Snapshot

CSV_LISTS = ("agreements", "provisions", "events", "parties", "documents")
LEDE = (
    "An open store of the terms of military intelligence-sharing agreements (GSOMIA-type pacts): who shares "
    "military secrets with whom, under which rules, since when, and how binding those rules are — as typed "
    "data in which every fact carries a verbatim quote from its source."
)


class SiteLinks(msgspec.Struct, frozen=True, kw_only=True):
    """Where the pages link to, for the base layout and the landing page's list of ways in."""

    stylesheet: str = "/static/pactstore/landing.css"
    pages_stylesheet: str = "/static/pactstore/pages.css"
    """What the readable pages (agreement, party, comparison) add to the landing page's stylesheet."""
    compare: str = "/compare"
    swagger: str = "/schema/swagger"
    openapi: str = "/schema/openapi.json"
    datasette: str = f"{DATA_PREFIX}/"


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


class _Charts:
    """The two pictures of the database open on one connection, laid out once: they depend on nothing
    else. A rebuilt database comes with a new connection (api/store.py), which replaces the entry."""

    connection: object = None
    charts: tuple[TimelineChart, ShareGraphChart] | None = None


def charts(db: Snapshot) -> tuple[TimelineChart, ShareGraphChart]:
    if _Charts.connection is not db.connection or _Charts.charts is None:
        _Charts.charts = (timeline_chart(timeline_data(db)), share_graph_chart(share_graph_data(db)))
        _Charts.connection = db.connection
    return _Charts.charts


def landing_context(db: Snapshot, on: datetime.date | None = None) -> dict[str, Any]:
    """Everything `landing.html` shows; `on` is the day the agreements table calls today."""
    day = on or today()
    timeline, graph = charts(db)
    return {
        "site": SiteLinks(),
        "lede": LEDE,
        "csv": [(name, f"{API_PREFIX}/{name}.csv") for name in CSV_LISTS],
        "counts": counts(db),
        "build": db.build,
        "timeline": timeline,
        "graph": graph,
        "agreements": agreement_rows(db, day),
        "today": day.isoformat(),
        "documents": document_items(db),
        "data_links": links.landing_twins(),
    }


@get(
    "/",
    operation_id="getLandingPage",
    summary="Landing page",
    description="What pactstore holds, where to get it (API docs, OpenAPI, Datasette, CSV), counts from the "
    "database, a timeline of every agreement and a graph of who can share with whom, as HTML.",
    media_type=MediaType.HTML,
    include_in_schema=False,
    sync_to_thread=False,
)
def landing_page(db: NamedDependency[Snapshot]) -> Template:
    return Template(template_name="landing.html", context=landing_context(db))
