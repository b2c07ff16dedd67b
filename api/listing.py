"""List endpoints: pagination, and a CSV twin of every list.

`list_endpoint` turns one query function into two routes that share its parameters:

    GET /api/v1/agreements        JSON page (or CSV when the client sends `Accept: text/csv`)
    GET /api/v1/agreements.csv    the same filters as CSV, every matching row unless `limit` is given

The query becomes a Litestar dependency (`found`): a function whose parameters are the list's
filters, declared with explicit markers, which returns `(items, total)` from the domain and whose
docstring is the routes' description. Both routes
depend on it, and on `paging` (`limit` and `offset`); the JSON route adds `total` and
ready-to-follow `next`/`previous` links. Nothing rewrites a handler's signature: Litestar reads the
filters from the dependency, and the page type is documented as the 200 response.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import KwargDefinition, QueryParameter
from litestar.response import Stream

from api.domain import csv_rows
from api.domain.csv_rows import StoredRow
from api.domain.models import Page
from api.negotiation import CSV, JSON, accept_header, best_media_type
from api.settings import CSV_MAX_ROWS, MAX_PAGE

Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description=f"Page size, 1 to {MAX_PAGE}.", examples=[])]
Offset = Annotated[int, QueryParameter(ge=0, le=10**9, description="Rows to skip.")]
Found = tuple[Sequence[Any], int]
"""What a list query returns: the page's items (Structs, answers stored as `msgspec.Raw`, or stored with their CSV
row as `StoredRow`) and the total."""


class Paging(msgspec.Struct, frozen=True, kw_only=True):
    """Which rows of a list to return."""

    limit: int
    offset: int


def _link(request: Request[Any, Any, Any], offset: int, limit: int) -> str:
    """The request's own URL with another offset: its parameters in their original order."""
    pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k not in ("offset", "limit")]
    return f"{request.url.path}?{urlencode([*kept, ('limit', limit), ('offset', offset)])}"


CSV_CHUNK_ROWS = 200
"""Rows per chunk of a streamed CSV answer."""


def csv_chunks(items: Sequence[Any], item_type: type) -> Iterator[bytes]:
    """Items as CSV with a header row, a chunk of rows at a time; nested fields flattened, lists joined.
    A stored answer (`StoredRow`) brings its row ready, formatted by the same code when it was built."""
    header = csv_rows.columns(item_type)
    buffer = io.StringIO()
    writer = csv_rows.writer(buffer, header)
    writer.writeheader()
    for start in range(0, len(items), CSV_CHUNK_ROWS):
        parts: list[bytes] = []
        for item in items[start : start + CSV_CHUNK_ROWS]:
            if isinstance(item, StoredRow):
                parts.append(_drain(buffer))
                parts.append(item.csv)
            else:
                csv_rows.write_item(writer, item, header)
        parts.append(_drain(buffer))
        yield b"".join(parts)
    if buffer.tell():  # no items: the header alone
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    """What the buffer holds, encoded; the buffer emptied."""
    text = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return text


def to_csv(items: Sequence[Any], item_type: type) -> bytes:
    """Items as CSV with a header row, in one piece."""
    return b"".join(csv_chunks(items, item_type))


async def _stream(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    # Litestar runs a sync iterator's every step in a worker thread; the chunks are CPU work on rows
    # already read, so they are produced on the event loop like every handler here (no thread).
    for chunk in chunks:
        yield chunk


def _csv_headers(name: str, total: int) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}.csv"', "X-Total-Count": str(total)}


def csv_response(items: Sequence[Any], item_type: type, name: str, total: int) -> Response[bytes]:
    """A page of `items` as CSV in one piece (a JSON route's answer to `Accept: text/csv`), with the total of
    matching rows in `X-Total-Count`."""
    return Response(to_csv(items, item_type), media_type="text/csv", headers=_csv_headers(name, total))


def csv_stream(items: Sequence[Any], item_type: type, name: str, total: int) -> Stream:
    """An export of `items` as CSV (every matching row), streamed a chunk of rows at a time.

    Only the `.csv` routes stream: a Stream takes its route's media type, which is JSON on a list's own route."""
    return Stream(_stream(csv_chunks(items, item_type)), media_type="text/csv", headers=_csv_headers(name, total))


LIST_MEDIA_TYPES = (JSON, CSV)
"""What a list's JSON route answers with, by `Accept` (api/negotiation.py): JSON unless the client prefers CSV."""


def wants_csv(request: Request[Any, Any, Any]) -> bool:
    """Whether the client prefers CSV to JSON (`Accept: text/csv`, `text/csv;q=1, application/json;q=0.5`)."""
    return best_media_type(accept_header(request.scope["headers"]), LIST_MEDIA_TYPES) == CSV


def _paging(default_limit: int, *, csv_all: bool) -> Callable[..., Paging]:
    def paging(request: Request[Any, Any, Any], limit: Limit = default_limit, offset: Offset = 0) -> Paging:
        if csv_all and "limit" not in request.query_params:
            limit = CSV_MAX_ROWS  # a CSV export without `limit` is every matching row
        return Paging(limit=limit, offset=offset)

    return paging


def api_get(
    path: str, operation_id: str, summary: str, /, **options: Any
) -> Callable[[Callable[..., Any]], HTTPRouteHandler]:
    """A GET route of the API: its path under the prefix, its operation id and its summary (its docstring is its
    description, api/spec.py). Handlers read one open connection and never block: no thread."""
    return get(path, operation_id=operation_id, summary=summary, sync_to_thread=False, **options)


def describe(function: Callable[..., Any]) -> str:
    """A route's OpenAPI description: its function's docstring, on one line."""
    return " ".join((function.__doc__ or "").split())


def list_endpoint(
    path: str,
    operation_id: str,
    summary: str,
    item_type: type[msgspec.Struct],
    /,
    *,
    page: str,
    default_limit: int = 50,
) -> Callable[[Callable[..., Found]], list[HTTPRouteHandler]]:
    """A JSON route and its `.csv` twin over one query dependency, described by the query's docstring.

    The JSON route answers a `Page[item_type]`, documented as the component `page` (`AgreementPage`)."""
    page_type = Page[item_type]  # type: ignore[valid-type]
    name = path.rstrip("/").rsplit("/", 1)[-1].replace("{", "").replace("}", "").split(":")[0]

    def as_json(request: Request[Any, Any, Any], found: NamedDependency[Found], paging: NamedDependency[Paging]) -> Any:
        items, total = found
        if wants_csv(request):
            return csv_response(items, item_type, name, total)
        limit, offset = paging.limit, paging.offset
        return page_type(
            items=[item.body if isinstance(item, StoredRow) else item for item in items],
            total=total,
            limit=limit,
            offset=offset,
            next=_link(request, offset + limit, limit) if offset + limit < total else None,
            previous=_link(request, max(offset - limit, 0), limit) if offset > 0 else None,
        )

    def as_csv(request: Request[Any, Any, Any], found: NamedDependency[Found]) -> Stream:
        items, total = found
        return csv_stream(items, item_type, name, total)

    def routes(query: Callable[..., Found]) -> list[HTTPRouteHandler]:
        description = describe(query)
        found = Provide(query, sync_to_thread=False)
        documented = Annotated[page_type, KwargDefinition(schema_component_key=page, schema_extra={"title": page})]
        one_page = ResponseSpec(data_container=documented, description="One page", generate_examples=False)
        return [
            get(
                path,
                operation_id=operation_id,
                summary=summary,
                description=description,
                dependencies={
                    "found": found,
                    "paging": Provide(_paging(default_limit, csv_all=False), sync_to_thread=False),
                },
                responses={200: one_page},
                opt={"media_types": LIST_MEDIA_TYPES, "page": page, "item_type": item_type},
                sync_to_thread=False,
            )(as_json),
            get(
                f"{path}.csv",
                operation_id=f"{operation_id}Csv",
                summary=f"{summary} (CSV)",
                description=f"{description}\n\nThe same filters as CSV, with a header row. Without `limit`, "
                f"every matching row (up to {CSV_MAX_ROWS}).",
                media_type="text/csv",
                dependencies={
                    "found": found,
                    "paging": Provide(_paging(default_limit, csv_all=True), sync_to_thread=False),
                },
                sync_to_thread=False,
            )(as_csv),
        ]

    return routes
