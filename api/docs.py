"""The API docs page: Swagger UI served from the installed swagger-ui-bundle package, no CDN.

Litestar's Swagger plugin loads its JS, CSS and favicon from a CDN and starts the UI with an
inline script. This page loads everything from our own `/static/swagger/` and starts the UI from
a small script file, so it works offline and under a content security policy without
'unsafe-inline'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Request
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.router import Router
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

STATIC = Path(__file__).parent / "static"
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
    def __init__(self, path: str = "/swagger") -> None:
        super().__init__(path=path, favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return PAGE.format(
            title=openapi_schema["info"]["title"], assets=SWAGGER_ASSETS, spec="/schema/openapi.json"
        ).encode()


def static_routers() -> list[Router]:
    return [
        create_static_files_router(path=SWAGGER_ASSETS, directories=[Path(swagger_ui_path)], include_in_schema=False),
        create_static_files_router(path="/static/pactstore", directories=[STATIC], include_in_schema=False),
    ]
