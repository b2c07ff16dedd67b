"""HTTP caching for the API: one strong ETag per database build, and 304 on a match.

The data changes only when the database is rebuilt, so the build id identifies every response's
content -- with one more input: answers without an explicit `on` date give the status *today*, so
today's date (UTC) is part of the tag too. The representation (JSON or CSV, chosen by path or
`Accept`) is part of the tag.
Litestar never answers 304 by itself (an ETag is just a header), so this middleware compares
`If-None-Match` before the handler runs.
"""

from __future__ import annotations

import datetime
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Message, Receive, Scope, Send

from api.settings import CACHE_CONTROL
from api.store import Store

SNAPSHOT_KEY = "pactstore_build_id"
"""Key in the ASGI scope's state where the `db` dependency records the build it served from."""


def _variant(scope: Scope) -> str:
    if scope["path"].endswith(".csv"):
        return "csv"
    for name, value in scope["headers"]:
        if name == b"accept":
            accept = value.decode("latin-1")
            if "text/csv" in accept and "application/json" not in accept:
                return "csv"
    return "json"


def etag(build_id: str, variant: str) -> str:
    """The strong ETag of a build's answers today, in one representation (JSON or CSV)."""
    today = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d")
    return f'"{build_id}-{today}-{variant}"'


def _matches(scope: Scope, tag: str) -> bool:
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            offered = [t.strip() for t in value.decode("latin-1").split(",")]
            return tag in offered or "*" in offered
    return False


class ConditionalGetMiddleware(ASGIMiddleware):
    """Answers 304 when `If-None-Match` names the current tag; tags every 200 with the build it read."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, store: Store) -> None:
        self.store = store

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope.get("method") not in ("GET", "HEAD"):
            await next_app(scope, receive, send)
            return
        variant = _variant(scope)
        current = etag(self.store.snapshot().build.build_id, variant)
        if _matches(scope, current):
            not_modified: HTTPResponseStartEvent = {
                "type": "http.response.start",
                "status": 304,
                "headers": [
                    (b"etag", current.encode()),
                    (b"cache-control", CACHE_CONTROL.encode()),
                    (b"vary", b"Accept"),
                ],
            }
            await send(not_modified)
            empty: HTTPResponseBodyEvent = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(empty)
            return

        async def send_with_tag(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                # Tag with the build the handler actually read, not the one current now.
                served: Any = scope.get("state", {}).get(SNAPSHOT_KEY)
                headers = MutableScopeHeaders.from_message(message)
                headers["ETag"] = etag(served or self.store.snapshot().build.build_id, variant)
                headers["Cache-Control"] = CACHE_CONTROL
                headers["Vary"] = "Accept"
            await send(message)

        await next_app(scope, receive, send_with_tag)
