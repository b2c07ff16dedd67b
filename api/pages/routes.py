"""What every readable page's route shares: it answers HTML rendered from a template, stays out of the
OpenAPI document (the API's own routes are the contract), runs on the event loop (its reads are
in-memory lookups on an open connection) and shows errors as problem pages (api/pages/problems.py)."""

from __future__ import annotations

from litestar import MediaType, get
from litestar.handlers import HTTPRouteHandler

from api.pages.problems import PAGE_ERRORS


def page_route(path: str, *, operation_id: str, summary: str) -> HTTPRouteHandler:
    """A GET route for an HTML page at `path`."""
    return get(
        path,
        operation_id=operation_id,
        summary=summary,
        media_type=MediaType.HTML,
        include_in_schema=False,
        sync_to_thread=False,
        exception_handlers=PAGE_ERRORS,
    )
