"""Content negotiation: which media type a request's `Accept` header asks for (RFC 9110 §12.5.1), and a 406 when it
accepts none that the route has.

Media types compare case-insensitively (`TEXT/CSV` is `text/csv`); each offered type takes the quality of the most
specific range that matches it (`text/csv;q=0, */*` accepts everything but CSV); `q=0` means "not acceptable"; the
highest quality wins and a tie goes to the route's first type (JSON before CSV). python-mimeparse does the ranking;
Litestar's own `Accept.best_match` is case-sensitive, takes `q=0` for a match and ranks `*/*` above a more specific
range with a lower quality, so it is not used.

A request without `Accept`, or whose `Accept` has no range that can be read at all, accepts anything: the route's
first type. A request whose `Accept` rules out every type the route has gets a 406 problem naming them
(`refuse_unacceptable`, run before every API handler); a route's types are its `opt["media_types"]` (a list
route's JSON and CSV, api/listing.py), else its `media_type`. Problems are sent as problem+json whatever `Accept` says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import mimeparse
from litestar import Request
from litestar.exceptions import ClientException
from litestar.handlers import BaseRouteHandler

JSON = "application/json"
CSV = "text/csv"
Range = tuple[str, str, dict[str, str]]


def _ranges(accept: str) -> list[Range]:
    ranges = []
    for item in accept.lower().split(","):
        if item.strip():
            try:
                ranges.append(mimeparse.parse_media_range(item))
            except ValueError:  # MimeTypeParseException: not `type/subtype`; RFC 9110 lets a server ignore it
                continue
    return ranges


def best_media_type(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (the first offered on a tie), or None when it accepts none."""
    ranges = _ranges(accept or "")
    if not ranges:
        return offered[0] if offered else None
    best, best_quality = None, 0.0
    for media_type in offered:
        quality, _ = mimeparse.quality_and_fitness_parsed(media_type, ranges)
        if quality > best_quality:
            best, best_quality = media_type, quality
    return best


def accept_header(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """Every `Accept` field of raw ASGI headers, joined as one list (None when there is none)."""
    values = [value.decode("latin-1") for name, value in headers if name == b"accept"]
    return ", ".join(values) if values else None


def offered_media_types(handler: BaseRouteHandler) -> list[str]:
    """The media types a route can answer with, its preferred first."""
    declared = handler.opt.get("media_types")
    if declared:
        return list(declared)
    media_type = getattr(handler, "media_type", None)
    # A str or a Litestar MediaType; empty until Litestar registers the route, when it means JSON.
    return [str(getattr(media_type, "value", media_type) or JSON)]


async def refuse_unacceptable(request: Request[Any, Any, Any]) -> None:
    """A 406 when the request's `Accept` rules out every media type the route has. A `before_request` hook of
    the API router rather than a guard: Litestar copies the route handler for every guard it calls, which
    cost more than the check itself; async, since Litestar runs a sync hook in a worker thread."""
    offered = offered_media_types(request.route_handler)
    accept = accept_header(request.scope["headers"])
    if best_media_type(accept, offered) is None:
        raise ClientException(
            status_code=406,
            detail=f"This resource is available as {' or '.join(offered)}; "
            f"the Accept header ({(accept or '')[:200]!r}) accepts none of them.",
        )
