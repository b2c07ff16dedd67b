"""The OpenAPI document as committed under docs/openapi.json (a test fails when it drifts)."""

from __future__ import annotations

import msgspec
from litestar import Litestar


def render_openapi(app: Litestar) -> str:
    spec = app.openapi_schema.to_schema()
    return msgspec.json.format(msgspec.json.encode(spec), indent=2).decode() + "\n"
