"""Datasette over the pactstore database, mounted inside the Litestar app at /data.

Datasette is for browsing, ad-hoc SQL and CSV; the service API is the Litestar app (Datasette's
JSON is several times slower than a Litestar handler). Two upstream rough edges are handled here:

- Litestar strips the mount prefix from `scope["path"]` but not from `scope["raw_path"]`, which
  Datasette routes on and builds links from, so pages link to /data/data/... and /data is a 404
  (simonw/datasette#1619). `datasette_mount` hands Datasette a scope without the prefix and puts the
  prefix back on redirects; Datasette's own `base_url` setting adds it to every link it renders.
- Datasette runs arbitrary SQL in the server process, bounded in time only where SQLite checks (loop jumps).
  api/datasette_limits.py bounds every query in time and memory (a sandbox process) and refuses costly
  facet requests before Datasette sees them; its hooks are registered here with the error hook.
- Cells link to the readable pages (api/datasette_links.py, a `render_cell` hook registered here).
- Datasette's default `handle_exception` hook prints a rich traceback with local variables (request
  headers included) on every 404 and 500 when `rich` is importable, and Litestar depends on `rich`.
  This module's `handle_exception` replaces that hook: no traceback is printed or sent, ever.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils import add_cors_headers, path_with_replaced_args
from datasette.utils.asgi import BadRequest, Base400, Request, Response
from datasette.views.base import DatasetteError
from litestar.handlers import ASGIRouteHandler, asgi
from litestar.types import HTTPResponseBodyEvent, HTTPResponseStartEvent, Message, Receive, Scope, Send
from markupsafe import Markup

from api import datasette_limits, datasette_links
from api.datasette_limits import LimitedDatabase, facet_refusal
from api.datasette_metadata import BuildMetadata
from api.settings import DATA_PREFIX, DATASETTE_DATABASE, DATASETTE_SETTINGS

logger = logging.getLogger(__name__)

PREFIX = DATA_PREFIX
DATABASE = DATASETTE_DATABASE
SETTINGS = DATASETTE_SETTINGS

_PREFIX = PREFIX.encode()
_QUIET_ERRORS = "pactstore.quiet_errors"
_LIMITS = "pactstore.limits"
_LINKS = "pactstore.links"
_DEFAULT_ERRORS = "datasette.handle_exception"
_METADATA_SOURCE = "pactstore_metadata"


@hookimpl
def extra_template_vars(datasette: Datasette) -> dict[str, Any]:
    """The facet list's "…" link (?_facet_size=max) is built from the request path without `base_url`, unlike
    Datasette's other links (it goes to /pactstore/... instead of /data/pactstore/...; cf. simonw/datasette#1619):
    give the templates a `path_with_replaced_args` that adds it. Its result is marked as prefixed, so the table
    template's own `fix_path(...)` around it does not add the prefix twice."""

    def with_base_url(request: Request, args: Any, path: str | None = None) -> str:
        prefixed: str = datasette.urls.path(path_with_replaced_args(request, args, path))  # a PrefixedUrlString
        return prefixed

    return {"path_with_replaced_args": with_base_url}


@hookimpl
def get_metadata(datasette: Datasette, key: str, database: str | None, table: str | None) -> dict[str, Any] | None:
    """metadata.yml with what the served build holds (api/datasette_metadata.py), current after a rebuild."""
    source: BuildMetadata | None = getattr(datasette, _METADATA_SOURCE, None)
    return source.current() if source is not None else None


@hookimpl
async def handle_exception(datasette: Datasette, request: Request, exception: Exception) -> Response:
    """Datasette's error page (or JSON) without a traceback; a 500 is logged in one line."""
    title: str | None = None
    info: dict[str, Any] = {}
    if isinstance(exception, Base400):  # NotFound, BadRequest: the message is meant for the client
        status, message = exception.status, str(exception.args[0] if exception.args else "")
    elif isinstance(exception, DatasetteError):  # invalid SQL, query time limit, ...
        status, message, title = exception.status, exception.message, exception.title
        info = dict(exception.error_dict)
        if exception.message_is_html:
            message = Markup(message)
        if status >= 500 and _bad_option(request):
            status = 400  # Datasette answers 500 for a bad ?_sort= ("Cannot sort table by ..."): the client's error
    elif isinstance(exception, sqlite3.DataError | sqlite3.OperationalError):
        # From the client's SQL (?_where=, a table option): too big, not authorized, a syntax error. A table
        # page's SQL is Datasette's own plus the client's options, so these are the client's to fix.
        status, message, title = 400, str(exception), "Invalid SQL"
    elif _bad_option(request):
        # A malformed table option (?_through=..., ?_sort_desc=%00) raises a bare exception inside
        # Datasette; with such an option present, the request is what is wrong.
        status, message = 400, "Invalid table option (a query parameter starting with _)"
    else:
        status, message = 500, "Internal server error"  # no detail of a bug for the client
    if status >= 500:
        # One log line for the operator; the traceback only at DEBUG, never rich's locals.
        logger.error("Datasette %s on %s: %s: %s", status, request.path, type(exception).__name__, exception)
        logger.debug("Datasette traceback", exc_info=exception)
    info.update({"ok": False, "error": message, "status": status, "title": title})
    headers: dict[str, str] = {}
    if datasette.cors:
        add_cors_headers(headers)
    if request.path.endswith(".json"):
        return Response.json(info, status=status, headers=headers)
    if request.path.endswith(".csv"):
        text = f"Error {status}: {title or ''} {message}".strip()
        return Response.text(text, status=status, headers=headers)
    # Rendered like Datasette's own error pages, from as little request state as possible.
    template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
    context = {**info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(), "menu_links": list}
    return Response.html(await template.render_async(context), status=status, headers=headers)


_OPTIONS = ("_sort", "_sort_desc", "_through", "_facet", "_where", "_col", "_nocol", "_size", "_next", "_search")


def _bad_option(request: Request) -> bool:
    """Whether the request carries Datasette table options, the usual cause of its spurious 500s."""
    return any(key in _OPTIONS for key in request.args)


def _install_quiet_errors() -> None:
    """Swap Datasette's default error hook for this module's (the plugin manager is process-wide)."""
    if pm.get_plugin(_QUIET_ERRORS) is None:
        pm.register(sys.modules[__name__], name=_QUIET_ERRORS)
    if pm.get_plugin(_LIMITS) is None:
        pm.register(datasette_limits, name=_LIMITS)
    if pm.get_plugin(_LINKS) is None:  # cells that link to the readable pages
        pm.register(datasette_links, name=_LINKS)
    # Every handle_exception result is awaited, so the default hook would still print: remove it.
    if pm.get_plugin(_DEFAULT_ERRORS) is not None:
        pm.unregister(name=_DEFAULT_ERRORS)


def create_datasette(db_path: Path, metadata_path: Path) -> Datasette:
    """A read-only Datasette over `db_path`, described by `metadata_path` (YAML or JSON)."""
    _install_quiet_errors()
    # The metadata comes from the `get_metadata` hook above, so that it follows the file a rebuild swaps in.
    datasette = Datasette(settings=SETTINGS)
    setattr(datasette, _METADATA_SOURCE, BuildMetadata(db_path, metadata_path))
    # Added by name, not as `immutables=[path]`: Datasette would name the database after the file, and
    # metadata.yml describes it as "pactstore" whatever the file is called.
    # Datasette's immutable database, reopened when a rebuild swaps the file (api/store.py), its queries
    # run in sandbox processes (api/datasette_limits.py).
    datasette.add_database(LimitedDatabase(datasette, db_path), name=DATABASE)
    # Datasette adds an in-memory database when it is given no files; there is nothing in it to browse.
    if "_memory" in datasette.databases:
        datasette.remove_database("_memory")
    return datasette


def _has_prefix(path: bytes) -> bool:
    return path == _PREFIX or path.startswith((_PREFIX + b"/", _PREFIX + b"?"))


def _with_prefix(name: bytes, value: bytes) -> bytes:
    """Re-add the mount prefix to a redirect's target, exactly once.

    Datasette builds some redirects from the request path (which no longer has the prefix) and others
    with `base_url` (which has it). Only the first kind starts with "/" but not "/data": the database is
    called pactstore, so no Datasette path of its own starts with /data.
    """
    name = name.lower()
    if name == b"location" and value.startswith(b"/") and not value.startswith(b"//"):
        return value if _has_prefix(value) else _PREFIX + value
    if name == b"link" and value.startswith(b"</"):  # `<path>; rel=preload`, sent with redirects
        return value if _has_prefix(value[1:]) else b"<" + _PREFIX + value[1:]
    return value


async def _send_plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]]) -> None:
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"), *headers],
    }
    await send(start)
    body: HTTPResponseBodyEvent = {"type": "http.response.body", "body": text.encode(), "more_body": False}
    await send(body)


def datasette_mount(db_path: Path, metadata_path: Path) -> ASGIRouteHandler:
    """A Litestar route handler that serves Datasette under /data."""
    datasette = create_datasette(db_path, metadata_path)
    app = datasette.app()
    # Datasette's AsgiRunOnFirstRequest marks itself started before its startup hooks have run, so requests
    # arriving together with the first (while it counts the tables) reach render_template() before
    # invoke_startup() and answer 500. Startup is awaited here once, under a lock, before any request.
    startup, started = asyncio.Lock(), [False]

    async def ready() -> None:
        if not started[0]:
            async with startup:
                if not started[0]:
                    await datasette.invoke_startup()
                    started[0] = True

    @asgi(path=PREFIX, is_mount=True, copy_scope=True)
    async def data(scope: Scope, receive: Receive, send: Send) -> None:
        # Litestar's stripped `path` is no help: it gains a trailing slash ("/t.json" -> "/t.json/") and
        # "/datax" matches the mount too. The raw path is what the client asked for (#1619).
        # (uvicorn, granian and httpx's ASGITransport all send raw_path; without one, rebuild it from
        # Litestar's path minus the trailing slash Litestar added.)
        raw_path: bytes = scope.get("raw_path") or quote(PREFIX + (scope["path"].rstrip("/") or "/")).encode()
        raw_path = raw_path.partition(b"?")[0]
        if raw_path == _PREFIX:
            query = scope.get("query_string", b"")
            location = _PREFIX + b"/" + (b"?" + query if query else b"")
            await _send_plain(send, 302, "Found", [(b"location", location)])
            return
        if not raw_path.startswith(_PREFIX + b"/"):
            await _send_plain(send, 404, "Not Found", [])
            return
        inner = raw_path[len(_PREFIX) :]
        inner_scope = {**scope, "raw_path": inner, "path": unquote(inner.decode("latin-1"))}

        async def send_with_prefix(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                headers = [(k, _with_prefix(k, v)) for k, v in message.get("headers", [])]
                message = {**message, "headers": headers}
            await send(message)

        await ready()
        refusal = facet_refusal(scope.get("query_string", b""))
        if refusal is not None:
            response = await handle_exception(datasette, Request(inner_scope, receive), BadRequest(refusal))
            await response.asgi_send(send_with_prefix)
            return
        await app(inner_scope, receive, send_with_prefix)

    return data
