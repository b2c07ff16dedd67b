"""Request limits and security headers, for every response of the app (API, docs, landing page, Datasette).

`RequestLimits` (a middleware, checked before any handler runs) refuses, as problem details:

- a path longer than MAX_PATH_BYTES, or a query string longer than MAX_QUERY_BYTES (MAX_DATA_QUERY_BYTES
  under /data, where Datasette takes SQL in the query string): 414;
- a path or query string that is not UTF-8 (uvicorn refuses raw non-ASCII bytes itself; another ASGI server
  may pass them on, and Litestar's query parser then raises UnicodeDecodeError, a 500): 400;
- a path with a NUL byte in it (`%00`): no id is named so, and file-system calls raise on it (a 500 from
  Litestar's static files): 400. Other hostile static paths are a 404 (api/docs.py `plain_file_names`);
- a request body: the service is read-only, so a Content-Length above MAX_BODY_BYTES, or a body of unknown
  length (Transfer-Encoding), is 413 — handlers never read a body, this only stops clients streaming one;
- under /data, any method but GET, HEAD and OPTIONS: 405. Datasette has POST endpoints (messages, logout,
  writable canned queries) that the API routes, which are GET-only, do not; the database is immutable anyway.

Pages get at most 500 rows (api/listing.py MAX_PAGE); Datasette's SQL is limited by its own settings
(api/datasette_app.py: `sql_time_limit_ms`, `max_returned_rows`).

`security_headers` (a `before_send` hook, so it also sees 404s for unknown routes) adds to every response:
`X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY` and a
Content-Security-Policy. HTML gets a page policy (below); everything else (JSON, CSV, static files)
`default-src 'none'`, as nothing in it is meant to run or load anything. There is no `Server` header:
`pactstore serve` starts uvicorn with `server_header=False`.

The page policies are the narrowest the pages work under (checked in Chromium: no CSP violation):

- the landing page and the API docs need only `'self'`, plus `img-src data:` for the icons Swagger UI's CSS
  inlines as data: URIs, and the hash of the one `<style>` element Swagger UI 5 renders (the colours of its
  SVG logo), found in the installed scripts at import. Swagger UI starts from a script file, not inline.
- Datasette 0.65's templates have four inline scripts (the menu closer, the SQL editor setup and
  `DATASETTE_ALLOW_FACET = true|false;`): they are allowed by their sha256 hashes, computed from the installed
  templates at import, so an upgrade that changes them is picked up, and a script injected into a page would
  still be refused. Their styles are not hashable: templates put `style="..."` attributes on headers (with a
  colour derived from the database name), `style="height: <n>em"` on the SQL box, a per-table `<style>`
  block, and table.js writes `style=` attributes through innerHTML; so Datasette pages alone get
  `style-src 'unsafe-inline'` (CSS cannot run script; the scripts stay hash-locked).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from http import HTTPStatus
from pathlib import Path

import datasette
import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Message, Receive, Scope, Send

from api.errors import PROBLEM_JSON, Problem
from api.settings import (
    DATA_PREFIX,
    MAX_BODY_BYTES,
    MAX_DATA_QUERY_BYTES,
    MAX_PATH_BYTES,
    MAX_QUERY_BYTES,
    SAFE_METHODS,
)

_TEMPLATES = Path(datasette.__file__).parent / "templates"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_TEMPLATE_VALUES = {"{{ datasette_allow_facet }}": ("true", "false")}
_STYLE_ELEMENT = re.compile(r'createElement\("style",null,"([^"\\]*)"\)')


def swagger_style_hashes(static: Path | None = None) -> list[str]:
    """CSP hashes of the `<style>` elements Swagger UI's scripts create (React's `createElement("style", ...)`)."""
    if static is None:
        spec = importlib.util.find_spec("swagger_ui")
        if spec is None or spec.origin is None:
            return []
        static = Path(spec.origin).parent / "static"
    hashes: set[str] = set()
    for script in sorted(static.glob("swagger-ui*.js")):
        hashes.update(_sha256(css) for css in _STYLE_ELEMENT.findall(script.read_text(errors="replace")))
    return sorted(hashes)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def datasette_script_hashes(templates: Path = _TEMPLATES) -> list[str]:
    """CSP hashes of every inline `<script>` in Datasette's templates, each template value filled in."""
    hashes: set[str] = set()
    for template in sorted(templates.glob("*.html")):
        for body in _INLINE_SCRIPT.findall(template.read_text()):
            variants = [body]
            for placeholder, values in _TEMPLATE_VALUES.items():
                variants = [v.replace(placeholder, value) for v in variants for value in values]
            hashes.update(_sha256(v) for v in variants if "{{" not in v and "{%" not in v)
    return sorted(hashes)


_COMMON = "base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'"
PAGE_CSP = f"default-src 'self'; style-src 'self' {' '.join(swagger_style_hashes())}; img-src 'self' data:; {_COMMON}"
DATASETTE_CSP = (
    f"default-src 'self'; script-src 'self' {' '.join(datasette_script_hashes())}; "
    f"style-src 'self' 'unsafe-inline'; img-src 'self' data:; {_COMMON}"
)
OTHER_CSP = "default-src 'none'; frame-ancestors 'none'"
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _raw_path(scope: Scope) -> bytes:
    raw = scope.get("raw_path")
    return raw.partition(b"?")[0] if raw else scope["path"].encode()


def _under_data(path: bytes) -> bool:
    return path == DATA_PREFIX.encode() or path.startswith(DATA_PREFIX.encode() + b"/")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _refusal(scope: Scope) -> tuple[int, str] | None:
    """(status, detail) when the request breaks a limit."""
    path, query = _raw_path(scope), scope.get("query_string", b"")
    data = _under_data(path)
    if len(path) > MAX_PATH_BYTES:
        return 414, f"The path is {len(path)} bytes long; the limit is {MAX_PATH_BYTES}."
    limit = MAX_DATA_QUERY_BYTES if data else MAX_QUERY_BYTES
    if len(query) > limit:
        return 414, f"The query string is {len(query)} bytes long; the limit is {limit}."
    if not (_is_utf8(path) and _is_utf8(query)):
        return 400, "The URL is not valid UTF-8; percent-encode it (RFC 3986)."
    if "\x00" in scope["path"]:
        return 400, "The path has a NUL byte (%00) in it; no route, record or file is named so."
    method = scope.get("method", "")
    if data and method not in SAFE_METHODS:
        return 405, f"{method} is not allowed here; the data is read-only (allowed: GET, HEAD, OPTIONS)."
    for name, value in scope["headers"]:
        if name == b"transfer-encoding" or (
            name == b"content-length" and (not value.isdigit() or int(value) > MAX_BODY_BYTES)
        ):
            return 413, f"The service is read-only and takes no request body (at most {MAX_BODY_BYTES} bytes)."
    return None


class RequestLimits(ASGIMiddleware):
    """Refuses oversized, undecodable and body-carrying requests before any handler runs.

    The problem is sent from here, not raised: the exception handler would build a Litestar `Request`,
    whose URL parsing is what fails on bytes that are not UTF-8."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        refusal = _refusal(scope)
        if refusal is None:
            await next_app(scope, receive, send)
            return
        status, detail = refusal
        instance = _raw_path(scope)[:200].decode("utf-8", "replace")
        body = msgspec.json.encode(
            Problem(title=HTTPStatus(status).phrase, status=status, detail=detail, instance=instance)
        )
        headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            headers.append((b"allow", b", ".join(m.encode() for m in SAFE_METHODS)))
        start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": headers}
        await send(start)
        content: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
        await send(content)


_STATIC_RAW = [(name.lower().encode(), value.encode()) for name, value in STATIC_HEADERS.items()]
_SET = {b"x-content-type-options", b"referrer-policy", b"x-frame-options", b"content-security-policy", b"server"}
"""The fields this hook sets (or, for `server`, removes): any the answer brought are replaced."""
_CSP = {"datasette": DATASETTE_CSP.encode(), "page": PAGE_CSP.encode(), "other": OTHER_CSP.encode()}


async def security_headers(message: Message, scope: Scope) -> None:
    """A `before_send` hook: the security headers on every HTTP response. It rewrites the raw header list
    in one pass (setting each through Litestar's header mapping rescans the list per field)."""
    if message["type"] != "http.response.start":
        return
    raw = message.get("headers") or []
    kept = [(name, value) for name, value in raw if name.lower() not in _SET]
    content_type = next((value for name, value in raw if name.lower() == b"content-type"), b"")
    if content_type.startswith(b"text/html"):
        policy = _CSP["datasette"] if _under_data(_raw_path(scope)) else _CSP["page"]
    else:
        policy = _CSP["other"]
    message["headers"] = [*kept, *_STATIC_RAW, (b"content-security-policy", policy)]
