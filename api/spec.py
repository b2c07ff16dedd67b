"""The OpenAPI document: what every API route shares is documented here once, and the document is
rendered as committed under docs/openapi.json (a test fails when it drifts)."""

from __future__ import annotations

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler

from api.errors import PROBLEM_RESPONSES
from api.listing import describe


def document_routes(handlers: list[HTTPRouteHandler], *, problems: bool = True) -> None:
    """Give API routes their docstring as description and (with `problems`) the problem responses a bad
    request can get."""
    for handler in handlers:
        if problems:
            handler.responses = {**PROBLEM_RESPONSES, **(handler.responses or {})}
        if handler.description is None:
            handler.description = describe(handler.fn)


def render_openapi(app: Litestar) -> str:
    """The app's OpenAPI document as committed (indented JSON)."""
    spec = app.openapi_schema.to_schema()
    return msgspec.json.format(msgspec.json.encode(spec), indent=2).decode() + "\n"
