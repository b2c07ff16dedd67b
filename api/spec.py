"""The OpenAPI document: what every API route shares is documented here once, and the document is
rendered as committed under docs/openapi.json (a test fails when it drifts).

Besides descriptions and problem responses, each operation's 200 response gets
- the other media types its route answers by `Accept` (a list's JSON route also answers CSV, api/negotiation.py);
- OpenAPI links to the operations its answer leads to, derived from the routes' paths and answer fields, so a new
  route gets them without a line here:
  - a sub-resource: from `/agreements/{agreement_id}` to `/agreements/{agreement_id}/status`, with the request's
    own path parameters;
  - an item's detail: from the list `/agreements` to `/agreements/{agreement_id}`, with the first item's `id`;
  - the same kind of record: from an answer (or list items) of the type a detail route `/x/{x_id}` answers
    with, to that route, with its `id`;
  - a reference: from any other answer with a field named like a detail route's one path parameter
    (`agreement_id`, `document_id`, `party_id`) to that route, with the field's value (the first item's, for a
    list). A field so named holds that route's ids (tests/test_api_stateful.py follows every link).
  Clients can follow them, and schemathesis's stateful run does (tests/test_api_stateful.py).

Litestar's route handlers take no links, so they travel in the handler's `operation_class`, which Litestar builds
each operation of the document with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import Link, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema

from api.errors import PROBLEM_RESPONSES, REQUEST_PROBLEMS
from api.listing import describe
from api.negotiation import offered_media_types

_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def document_routes(handlers: list[HTTPRouteHandler], *, problems: bool = True) -> None:
    """Give API routes their docstring as description and the problem responses a bad request can get: any
    route those of any request (a 406, a URL too long), and with `problems` those of a bad parameter too."""
    for handler in handlers:
        shared = PROBLEM_RESPONSES if problems else REQUEST_PROBLEMS
        handler.responses = {**shared, **(handler.responses or {})}
        if handler.description is None:
            handler.description = describe(handler.fn)


class _Route(msgspec.Struct, frozen=True, kw_only=True):
    """What links are derived from: a route's path, its path parameters and the fields of its answer."""

    operation_id: str
    path: str
    parameters: frozenset[str]
    is_list: bool
    record: type | None
    """The type of the answer, or for a list of its items."""
    fields: frozenset[str]
    """The answer's top-level fields, or for a list the fields of its items."""


def _route(handler: HTTPRouteHandler) -> _Route:
    (path,) = handler.paths
    documented = (handler.responses or {}).get(200)
    is_list = "item_type" in handler.opt  # a list route (api/listing.py) answers pages of its items
    if is_list:
        record = handler.opt["item_type"]
    else:
        record = documented.data_container if documented else handler.parsed_fn_signature.return_type.annotation
    fields: list[str] = []
    if isinstance(record, type) and issubclass(record, msgspec.Struct):
        fields = [f.encode_name for f in msgspec.structs.fields(record)]
    else:
        record = None
    return _Route(
        operation_id=str(handler.operation_id),
        path=_PARAMETER.sub(r"{\1}", path),
        parameters=frozenset(_PARAMETER.findall(path)),
        is_list=is_list,
        record=record,
        fields=frozenset(fields),
    )


def _link(source: _Route, target: _Route) -> dict[str, str] | None:
    """The parameters of a link from `source`'s answer to `target`, or None when there is none."""
    body = "$response.body#/items/0/" if source.is_list else "$response.body#/"
    if target.parameters and target.parameters == source.parameters and target.path.startswith(source.path + "/"):
        return {p: f"$request.path.{p}" for p in sorted(target.parameters)}
    extra = target.parameters - source.parameters
    if (
        source.is_list
        and "id" in source.fields
        and len(extra) == 1
        and target.path == f"{source.path}/{{{min(extra)}}}"
    ):
        return {p: f"$request.path.{p}" if p in source.parameters else f"{body}id" for p in sorted(target.parameters)}
    if len(target.parameters) != 1 or not re.fullmatch(r"/[\w-]+/\{\w+\}", target.path):
        return None
    (parameter,) = target.parameters
    if source.record is not None and source.record is target.record and "id" in source.fields:
        return {parameter: f"{body}id"}  # the same kind of record: its own id (a provision's `provision_id` is local)
    if parameter in source.fields:
        return {parameter: f"{body}{parameter}"}
    return None


def _operation_class(links: dict[str, Link], also: list[str]) -> type[Operation]:
    @dataclass
    class LinkedOperation(Operation):
        LINKS: ClassVar[dict[str, Link]] = links
        ALSO: ClassVar[list[str]] = also

        def __post_init__(self) -> None:
            answer = (self.responses or {}).get("200")
            if not isinstance(answer, OpenAPIResponse):
                return
            answer.links = dict(self.LINKS) or None
            for media_type in self.ALSO:  # by Accept; the `.csv` twin documents the CSV itself
                (answer.content or {}).setdefault(media_type, OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)))

    return LinkedOperation


def link_routes(handlers: list[HTTPRouteHandler]) -> None:
    """Give every JSON route's 200 response its links and its other media types."""
    routes = {handler: _route(handler) for handler in handlers}
    targets = [r for h, r in routes.items() if "json" in offered_media_types(h)[0]]  # not the `.csv` twins
    for handler, source in routes.items():
        if not source.fields:
            continue
        links = {}
        for target in targets:
            if target is not source and (parameters := _link(source, target)) is not None:
                links[target.operation_id] = Link(operation_id=target.operation_id, parameters=parameters)
        handler.operation_class = _operation_class(links, offered_media_types(handler)[1:])


def render_openapi(app: Litestar) -> str:
    """The app's OpenAPI document as committed (indented JSON)."""
    spec = app.openapi_schema.to_schema()
    return msgspec.json.format(msgspec.json.encode(spec), indent=2).decode() + "\n"
