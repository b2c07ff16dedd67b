"""HTTP caching: one strong ETag per database build for every answer read from the database, and conditional GET.

The data changes only when the database is rebuilt, so the build id identifies the content of every answer that
reads it (the API, the landing page) -- with two more inputs: answers without an explicit `on` date give the status
*today*, so today's date (UTC) is part of the tag; and the representation (JSON, CSV, HTML), taken from the answer's
own Content-Type, since `Accept` chooses it. Such answers also get `Cache-Control` and `Vary: Accept`. Answers that do
not read the database (static files, the OpenAPI document) keep the validators they come with (Litestar tags files by
modification time and size).

Conditional GET (RFC 9110 §13.1.2, §13.2): `If-None-Match` is compared after the handler has answered, with the
answer's own tag, so only an answer that would be 2xx becomes a 304 -- a 404 or 400 stays what it is, whatever
`If-None-Match` says. `*` matches any 2xx answer. The comparison is weak, as If-None-Match's always is: `W/"x"`
matches `"x"`, so a client behind a proxy that weakened the tag when it compressed the answer still gets its 304.
A 304 carries the headers a cache needs to update its copy (ETag, Cache-Control, Vary, Content-Location, Expires,
Last-Modified) and no content. Litestar never answers 304 by itself (an ETag is just a header to it).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Message, Receive, Scope, Send

from api.settings import CACHE_CONTROL

SNAPSHOT_KEY = "pactstore_build_id"
"""Key in the ASGI scope's state where the `db` dependency records the build it served from."""
_ENTITY_TAG = re.compile(r'\s*(?:W/)?("[^"]*")\s*(?:,|$)')
_TAGGING = {b"etag", b"cache-control", b"vary"}
_CACHE_CONTROL = CACHE_CONTROL.encode()
_KEPT_IN_304 = {b"etag", b"cache-control", b"vary", b"content-location", b"expires", b"last-modified"}


def etag(build_id: str, variant: str) -> str:
    """The strong ETag of a build's answers today, in one representation (`json`, `csv`, `html`, ...)."""
    today = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d")
    return f'"{build_id}-{today}-{variant}"'


def _variant(content_type: str) -> str:
    """`application/json` -> `json`, `text/csv; charset=utf-8` -> `csv`, `application/ld+json` -> `ld+json`."""
    return content_type.split(";")[0].strip().rpartition("/")[2] or "unknown"


def if_none_match(scope: Scope) -> list[str] | None:
    """The opaque tags (quoted, `W/` dropped) of every If-None-Match field, `*` for any; None without one."""
    values = [value.decode("latin-1") for name, value in scope["headers"] if name == b"if-none-match"]
    if not values:
        return None
    field = ", ".join(values)
    if field.strip() == "*":
        return ["*"]
    return [match.group(1) for match in _ENTITY_TAG.finditer(field)]


def _field(raw: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The value of the first header field `name` (lower case) in a raw header list, or None."""
    return next((value.decode("latin-1") for key, value in raw if key.lower() == name), None)


def matches(offered: list[str], current: str | None) -> bool:
    """Weak comparison (RFC 9110 §8.8.3.2) of the current tag with the offered ones; `*` matches any answer."""
    if "*" in offered:
        return True
    return current is not None and current.removeprefix("W/") in offered


class ConditionalGetMiddleware(ASGIMiddleware):
    """Tags answers read from the database with their build; turns a 2xx whose tag the client has into a 304."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope.get("method") not in ("GET", "HEAD"):
            await next_app(scope, receive, send)
            return
        offered = if_none_match(scope)
        not_modified = False

        async def send_validated(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start":
                raw = list(message.get("headers") or [])
                # Tag with the build the handler actually read (a rebuild may have swapped the file since).
                served: Any = scope.get("state", {}).get(SNAPSHOT_KEY)
                if served and message["status"] == 200:
                    # The raw list rewritten in one pass (Litestar's header mapping rescans it per field set).
                    tag = etag(served, _variant(_field(raw, b"content-type") or ""))
                    raw = [(k, v) for k, v in raw if k.lower() not in _TAGGING]
                    raw += [(b"etag", tag.encode()), (b"cache-control", _CACHE_CONTROL), (b"vary", b"Accept")]
                    message["headers"] = raw
                if offered is not None and 200 <= message["status"] < 300 and matches(offered, _field(raw, b"etag")):
                    not_modified = True
                    start: HTTPResponseStartEvent = {
                        "type": "http.response.start",
                        "status": 304,
                        "headers": [(k, v) for k, v in message["headers"] if k.lower() in _KEPT_IN_304],
                    }
                    await send(start)
                    empty: HTTPResponseBodyEvent = {"type": "http.response.body", "body": b"", "more_body": False}
                    await send(empty)
                    return
            elif not_modified:
                return  # the content of the answer the 304 stands for
            await send(message)

        await next_app(scope, receive, send_validated)
