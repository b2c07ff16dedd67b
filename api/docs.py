"""The API docs page: Swagger UI served from the installed swagger-ui-py package, no CDN.

swagger-ui-py ships Swagger UI 5, which reads OpenAPI 3.1 (Litestar's spec version); the older
swagger-ui-bundle package ships Swagger UI 4, which shows "Unable to render this definition".

Litestar's Swagger plugin loads its JS, CSS and favicon from a CDN and starts the UI with an
inline script. This page loads everything from our own `/static/swagger/` and starts the UI from
a small script file, so it works offline and under a content security policy without
'unsafe-inline'.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import swagger_ui
from litestar import Request, get
from litestar.connection import ASGIConnection
from litestar.datastructures import CacheControlHeader
from litestar.exceptions import NotFoundException
from litestar.handlers import BaseRouteHandler
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.response import File
from litestar.router import Router
from litestar.static_files import create_static_files_router

from api.settings import CACHE_SECONDS, MAX_STATIC_NAME_CHARS, STATIC

SWAGGER_UI = Path(swagger_ui.__file__).parent / "static"
SWAGGER_ASSETS = "/static/swagger"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} — API docs</title>
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-spec-url="{spec}"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="{assets}/swagger-ui-standalone-preset.js"></script>
  <script src="/static/pactstore/swagger-init.js"></script>
</body>
</html>
"""


class OfflineSwagger(OpenAPIRenderPlugin):
    """Swagger UI from our own static files, started by a script file (no CDN, no inline script)."""

    def __init__(self, path: str = "/swagger") -> None:
        super().__init__(path=path, favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The docs page, pointing at the OpenAPI document."""
        return PAGE.format(
            title=openapi_schema["info"]["title"], assets=SWAGGER_ASSETS, spec="/schema/openapi.json"
        ).encode()


@get("/favicon.ico", include_in_schema=False, sync_to_thread=False, cache_control=CacheControlHeader(max_age=86400))
def favicon() -> File:
    """Browsers ask every site for /favicon.ico (Datasette's pages link none): answer with an icon, not a 404."""
    return File(path=SWAGGER_UI / "favicon-32x32.png", media_type="image/png", content_disposition_type="inline")


_FILE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
"""What every served file and folder is called: no dot files, no `..`, no NUL, no backslash, no control character."""


def plain_file_names(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """A guard on the static routers: a path of plain file names, or a 404 before the file system sees it.

    Litestar's static files hand the path to `stat()`, which raises ValueError on a NUL byte and OSError on a
    name longer than the file system allows: a 500 each. `..` is already refused (Litestar checks the resolved
    path stays inside the folder); here it never gets that far. Neither does an encoded slash or backslash:
    a file has one URL."""
    raw = connection.scope.get("raw_path", b"").partition(b"?")[0].lower()
    names = str(connection.path_params.get("file_path", "")).strip("/").split("/")
    if (
        b"%2f" in raw
        or b"%5c" in raw
        or not all(len(name) <= MAX_STATIC_NAME_CHARS and _FILE_NAME.fullmatch(name) for name in names)
    ):
        raise NotFoundException()


def static_routers() -> list[Router]:
    """Swagger UI's files and ours, under /static."""
    return [
        create_static_files_router(
            path=path,
            directories=[directory],
            include_in_schema=False,
            guards=[plain_file_names],
            cache_control=CacheControlHeader(public=True, max_age=CACHE_SECONDS),  # validated by their own ETags
        )
        for path, directory in ((SWAGGER_ASSETS, SWAGGER_UI), ("/static/pactstore", STATIC))
    ]
