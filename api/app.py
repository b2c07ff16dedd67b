"""The pactstore web app: the JSON API under /api/v1, its docs, the landing page and Datasette.
`create_app()` wires it up; the route table below (API_ROUTES) is the whole surface of the API,
whose answers all come from the domain layer (api/domain/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Router
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Contact, License, Tag

from api import agreements, compare, documents, events, odrl, parties, provisions, search, sharing, texts
from api.caching import SNAPSHOT_KEY, ConditionalGetMiddleware
from api.datasette_app import datasette_mount
from api.docs import OfflineSwagger, favicon, static_routers
from api.downloads import downloads_routes
from api.errors import EXCEPTION_HANDLERS
from api.examples import attach_examples, load_examples
from api.health import health
from api.methods import PactstoreApp
from api.negotiation import refuse_unacceptable
from api.pages import agreement, comparison, landing, party
from api.pages.templating import TEMPLATE_CONFIG
from api.params import refuse_repeated
from api.security import RequestLimits, security_headers
from api.settings import API_PREFIX, METADATA, VERSION, database_path, releases_path
from api.spec import document_routes, link_routes
from api.store import Snapshot, Store

API_ROUTES: dict[str, list[HTTPRouteHandler]] = {
    "service": [health],  # GET /api/v1/health
    "agreements": [
        *agreements.list_agreements,  # GET /api/v1/agreements(.csv)
        agreements.get_agreement,  # GET /api/v1/agreements/{id}
        agreements.get_agreement_status,  # GET /api/v1/agreements/{id}/status?on=
        *agreements.list_agreement_provisions,  # GET /api/v1/agreements/{id}/provisions(.csv)
        texts.get_agreement_text,  # GET /api/v1/agreements/{id}/text?language=
        texts.get_agreement_text_unit,  # GET /api/v1/agreements/{id}/text/{unit}?language=
        odrl.agreement_odrl,  # GET /api/v1/agreements/{id}/odrl  (ODRL 2.2 JSON-LD)
        compare.compare_agreements,  # GET /api/v1/compare?a=&b=&on=
    ],
    "provisions": [
        *provisions.list_provisions,  # GET /api/v1/provisions(.csv)
        provisions.get_provision,  # GET /api/v1/provisions/{id}
    ],
    "parties": [
        *parties.list_parties,  # GET /api/v1/parties(.csv)
        parties.get_party,  # GET /api/v1/parties/{id}
    ],
    "events": [*events.list_events],  # GET /api/v1/events(.csv)
    "documents": [
        *documents.list_documents,  # GET /api/v1/documents(.csv)
        *documents.search_documents,  # GET /api/v1/documents/search(.csv)?q=
        documents.get_document,  # GET /api/v1/documents/{id}
        *documents.list_document_citations,  # GET /api/v1/documents/{id}/citations(.csv)
    ],
    "search": [*search.search_everything],  # GET /api/v1/search(.csv)?q=&language=&kind=
    "sharing": [sharing.sharing],  # GET /api/v1/sharing?from=&to=&on=&subject=&classification=&onward_to=
}
"""The JSON API, by OpenAPI tag: every route under API_PREFIX, with the problem responses it may give."""
PAGES = [
    landing.landing_page,  # GET /  (HTML pages, not in the OpenAPI spec)
    agreement.agreement_page,  # GET /agreements/{id}?on=&language=
    party.party_page,  # GET /parties/{id}?on=
    comparison.compare_page,  # GET /compare?a=&b=&on=
]

OPENAPI = OpenAPIConfig(
    title="pactstore",
    version=VERSION,
    description=(
        "The cited terms of military intelligence-sharing agreements: who shares military secrets with whom, "
        "under which rules, since when, and how binding those rules are. Every fact carries verbatim quotes from "
        "its sources. Read-only. Every list also answers CSV: add `.csv` to its path or send `Accept: text/csv`. "
        "Every GET also answers HEAD. Errors are RFC 9457 problem details."
    ),
    contact=Contact(name="pactstore"),
    license=License(name="Data CC BY 4.0; code Apache-2.0", identifier="CC-BY-4.0"),
    tags=[
        Tag(name="agreements", description="Agreements, their provisions and their status on a date."),
        Tag(name="provisions", description="Typed provisions across agreements."),
        Tag(name="parties", description="States and the organisations acting for them."),
        Tag(name="events", description="The dated steps of every agreement's life."),
        Tag(name="documents", description="The source documents, searchable."),
        Tag(name="search", description="Search the news documents and the official texts, stemmed per language."),
        Tag(name="sharing", description="May one party pass information to another, how, and under which terms."),
        Tag(name="service", description="Health and build."),
    ],
    path="/schema",
    render_plugins=[OfflineSwagger()],
    create_examples=False,
)


async def _api_checks(request: Request[Any, Any, Any]) -> None:
    """Before every API handler (the router's hook replaces the app's): the 406 of content negotiation, then
    the 400 for a parameter given twice, in the order the guard and the hook used to run."""
    await refuse_unacceptable(request)
    await refuse_repeated(request)


def create_app(db_path: Path | None = None, releases_dir: Path | None = None) -> Litestar:
    """The app over the database at `db_path` (default: $PACTSTORE_DB, else build/pactstore.db), offering the
    releases in `releases_dir` (default: $PACTSTORE_RELEASES, else build/releases) at /downloads."""
    path = db_path or database_path()
    store = Store(path)
    attach_examples([h for group in API_ROUTES.values() for h in group], load_examples())
    for tag, group in API_ROUTES.items():
        document_routes(group, problems=tag != "service")  # /health takes no parameter to get wrong
    link_routes([h for group in API_ROUTES.values() for h in group])
    api = Router(
        API_PREFIX,
        before_request=_api_checks,  # 406 when Accept rules out every media type of the route; repeated parameters
        route_handlers=[Router("/", tags=[tag], route_handlers=group) for tag, group in API_ROUTES.items()],
    )

    def provide_snapshot(request: Request[Any, Any, Any]) -> Snapshot:
        snapshot = store.snapshot()
        request.scope.setdefault("state", {})[SNAPSHOT_KEY] = snapshot.build.build_id
        return snapshot

    app = PactstoreApp(
        route_handlers=[
            *PAGES,
            *downloads_routes(releases_dir or releases_path()),  # GET /downloads(.json), /downloads/{release}/{file}
            api,
            favicon,
            *static_routers(),
            datasette_mount(path, METADATA),
        ],
        dependencies={"db": Provide(provide_snapshot, sync_to_thread=False)},
        middleware=[RequestLimits(), ConditionalGetMiddleware()],
        before_send=[security_headers],  # api/security.py: limits and headers
        before_request=refuse_repeated,  # api/params.py: a parameter that takes one value, given twice, is a 400
        exception_handlers=EXCEPTION_HANDLERS,
        cors_config=CORSConfig(allow_origins=["*"], allow_methods=["GET", "HEAD", "OPTIONS"]),
        openapi_config=OPENAPI,
        template_config=TEMPLATE_CONFIG,  # api/templates/, autoescaped
        debug=False,
    )
    app.state.store = store
    return app
