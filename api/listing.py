"""List endpoints: pagination, and a CSV twin of every list.

`list_endpoint` turns one query function into two routes that share its parameters:

    GET /api/v1/agreements        JSON page (or CSV when the client sends `Accept: text/csv`)
    GET /api/v1/agreements.csv    the same filters as CSV, every matching row unless `limit` is given

The query function returns `(items, total)`; the route adds `limit`, `offset`, `total` and
ready-to-follow `next`/`previous` links.
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import types
from collections.abc import Callable, Sequence
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler
from litestar.params import QueryParameter

from api.errors import PROBLEM_RESPONSES
from api.models import Page
from api.settings import CSV_MAX_ROWS, MAX_PAGE

Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description=f"Page size, 1 to {MAX_PAGE}.", examples=[])]
Offset = Annotated[int, QueryParameter(ge=0, le=10**9, description="Rows to skip.")]

Query = Callable[..., tuple[Sequence[msgspec.Struct], int]]


def _link(request: Request[Any, Any, Any], offset: int, limit: int) -> str:
    """The request's own URL with another offset: its parameters in their original order."""
    pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k not in ("offset", "limit")]
    return f"{request.url.path}?{urlencode([*kept, ('limit', limit), ('offset', offset)])}"


def page(
    request: Request[Any, Any, Any],
    page_type: type[Page[Any]],
    items: Sequence[Any],
    total: int,
    limit: int,
    offset: int,
) -> Page[Any]:
    return page_type(
        items=list(items),
        total=total,
        limit=limit,
        offset=offset,
        next=_link(request, offset + limit, limit) if offset + limit < total else None,
        previous=_link(request, max(offset - limit, 0), limit) if offset > 0 else None,
    )


def _flat(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        if prefix == "terms" or not value:
            out[prefix] = msgspec.json.encode(value).decode() if value else ""
            return
        for key, inner in value.items():
            _flat(inner, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        if prefix.endswith("sources"):
            out[prefix] = " | ".join(f"{s['document_id']}: {s['quote']}" for s in value)
        elif all(not isinstance(v, dict | list) for v in value):
            out[prefix] = "; ".join(str(v) for v in value)
        else:
            out[prefix] = "; ".join(
                ", ".join(str(v) for v in item.values() if v not in (None, "", [], {}))
                if isinstance(item, dict)
                else msgspec.json.encode(item).decode()
                for item in value
            )
    elif value is None:
        out[prefix] = ""
    else:
        out[prefix] = value


def _columns(item_type: type) -> list[str]:
    """Header of an item type: its fields, nested Structs flattened as `outer.inner`."""
    columns: list[str] = []
    for field in msgspec.structs.fields(item_type):
        inner = field.type
        members = [t for t in getattr(inner, "__args__", ()) if t is not type(None)]
        if isinstance(inner, types.UnionType) and len(members) == 1:
            inner = members[0]  # `Actor | None` flattens like `Actor`
        if isinstance(inner, type) and issubclass(inner, msgspec.Struct) and field.name != "terms":
            columns += [f"{field.encode_name}.{c}" for c in _columns(inner)]
        else:
            columns.append(field.encode_name)
    return columns


def to_csv(items: Sequence[msgspec.Struct], item_type: type) -> bytes:
    columns = _columns(item_type)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        row: dict[str, Any] = {}
        # Precomputed answers arrive as raw JSON (msgspec.Raw); everything else as Structs.
        plain = msgspec.json.decode(item) if isinstance(item, msgspec.Raw) else msgspec.to_builtins(item)
        _flat(plain, "", row)
        writer.writerow({c: row.get(c, "") for c in columns})
    return buffer.getvalue().encode()


def csv_response(items: Sequence[msgspec.Struct], item_type: type, name: str, total: int) -> Response[bytes]:
    return Response(
        to_csv(items, item_type),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"', "X-Total-Count": str(total)},
    )


def wants_csv(request: Request[Any, Any, Any]) -> bool:
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def list_endpoint(
    path: str,
    *,
    operation_id: str,
    summary: str,
    description: str,
    page_type: type[Page[Any]],
    tags: list[str],
) -> Callable[[Query], list[HTTPRouteHandler]]:
    """Make a JSON route and its `.csv` twin from one query function."""
    item_type = msgspec.structs.fields(page_type)[0].type.__args__[0]  # Page.items: list[T]
    name = path.rstrip("/").rsplit("/", 1)[-1].replace("{", "").replace("}", "")

    def decorate(query: Query) -> list[HTTPRouteHandler]:
        signature = inspect.signature(query)
        request_param = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)

        @functools.wraps(query)
        def as_json(request: Request[Any, Any, Any], **kwargs: Any) -> Any:
            items, total = query(**kwargs)
            if wants_csv(request):
                return csv_response(items, item_type, name, total)
            return page(request, page_type, items, total, kwargs["limit"], kwargs["offset"])

        @functools.wraps(query)
        def as_csv(request: Request[Any, Any, Any], **kwargs: Any) -> Response[bytes]:
            if "limit" not in request.query_params:
                kwargs["limit"] = CSV_MAX_ROWS
            items, total = query(**kwargs)
            return csv_response(items, item_type, name, total)

        as_json.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), request_param], return_annotation=page_type
        )
        as_json.__annotations__ = {**query.__annotations__, "request": Request, "return": page_type}
        as_csv.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), request_param], return_annotation=Response[bytes]
        )
        as_csv.__annotations__ = {**query.__annotations__, "request": Request, "return": Response[bytes]}
        common = {"tags": tags, "sync_to_thread": False, "responses": PROBLEM_RESPONSES}
        return [
            get(path, operation_id=operation_id, summary=summary, description=description, **common)(as_json),
            get(
                f"{path}.csv",
                operation_id=f"{operation_id}Csv",
                summary=f"{summary} (CSV)",
                description=f"{description}\n\nThe same filters as CSV, with a header row. Without `limit`, "
                f"every matching row (up to {CSV_MAX_ROWS}).",
                media_type="text/csv",
                **common,
            )(as_csv),
        ]

    return decorate
