"""HEAD wherever GET: for every route of the app (API, landing page, docs, static files, Datasette).

RFC 9110 §9.3.2: HEAD is GET without the content; same status, same headers (Content-Length and ETag
included). Litestar picks a handler by method before any middleware runs, and a handler that accepts
HEAD must return no body (its `head` decorator refuses one that returns data), so answering HEAD per
route would take a second handler for each, and a second operation with the same operationId per
path in the OpenAPI document. Instead the app's ASGI entry point serves a HEAD request as the GET it
stands for and drops the body on its way out. New routes get HEAD without doing anything.

The OpenAPI document lists the GET operations; its description says HEAD is answered wherever GET is.
A 405 lists HEAD in `Allow` wherever it lists GET (api/errors.py).
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.types import HTTPResponseBodyEvent, Message, Scope, Send


def _without_body(send: Send) -> Send:
    """`send` with every body chunk emptied: one empty final chunk ends the answer."""

    async def send_head(message: Message) -> None:
        if message["type"] != "http.response.body":
            await send(message)
        elif not message.get("more_body", False):
            end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(end)

    return send_head


class PactstoreApp(Litestar):
    """The Litestar app, answering HEAD as GET without the body."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD":
            as_get: Scope = {**scope, "method": "GET"}  # type: ignore[assignment]  # the same HTTP scope
            await super().__call__(as_get, receive, _without_body(send))
            return
        await super().__call__(scope, receive, send)
