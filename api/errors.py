"""Errors as RFC 9457 problem details (`application/problem+json`).

Every error the API returns has `type`, `title`, `status` and a `detail` a person can act on;
a bad parameter's problem also lists `invalid_params` (name, where it was, what was wrong).
Nothing ever answers with a traceback: unexpected exceptions are logged and become a plain 500.
"""

from __future__ import annotations

import contextlib
import logging
import re
import typing
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.types import ExceptionHandlersMap
from litestar.typing import FieldDefinition

from api.domain.errors import BadParameter, DomainError, NotFound

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("pactstore.api")


class InvalidParam(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One parameter of the request that is wrong, and why."""

    name: str
    source: str
    reason: str
    allowed: list[str] = msgspec.field(default_factory=list)
    """The values the store knows for it, where it can list them (the classification markings)."""


class Problem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An RFC 9457 problem."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    invalid_params: list[InvalidParam] = msgspec.field(default_factory=list)


def _spec(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=Problem, description=description, media_type=PROBLEM_JSON, generate_examples=False
    )


REQUEST_PROBLEMS: dict[int, ResponseSpec] = {
    400: _spec("A parameter is malformed or out of range (`invalid_params` names it), or the URL is not UTF-8."),
    406: _spec("The Accept header rules out every media type of this resource."),
    413: _spec("The request has a body; the service is read-only (api/security.py)."),
    414: _spec("The path or the query string is longer than the service's limit (api/security.py)."),
}
"""What any request to the API may get wrong, whatever its route."""
PROBLEM_RESPONSES: dict[int, ResponseSpec] = {**REQUEST_PROBLEMS, 404: _spec("No such record.")}
"""What a request to a route with parameters may get wrong."""


def problem_response(
    request: Request[Any, Any, Any], problem: Problem, headers: dict[str, str] | None = None
) -> Response[Problem]:
    """The problem as an `application/problem+json` response about this request."""
    return Response(
        msgspec.structs.replace(problem, instance=request.url.path),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _with_head(allow: str) -> str:
    """An `Allow` value with HEAD wherever it has GET: the app answers HEAD as GET (api/methods.py)."""
    methods = [m.strip() for m in allow.split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(methods.index("GET") + 1, "HEAD")
    return ", ".join(methods)


_MISSING = re.compile(r"Missing required (?P<source>\w+) parameter '(?P<name>[^']+)'")


def _parameters(request: Request[Any, Any, Any], key: str) -> Iterator[FieldDefinition]:
    """The parameters named `key` (the Python name) of the handler, then of its dependencies (a list's filters,
    api/listing.py)."""
    handler = request.route_handler
    signatures = [handler.parsed_fn_signature]
    with contextlib.suppress(AttributeError):
        signatures += [p.parsed_fn_signature for p in handler.resolve_dependencies().values()]
    for signature in signatures:
        field = signature.parameters.get(key)
        if field is not None:
            yield field


def _public_name(request: Request[Any, Any, Any], key: str) -> str:
    """The parameter's name on the wire: Litestar reports the Python name (`date_from` for `from`),
    of the handler's own parameters or of a dependency's (a list's filters, api/listing.py)."""
    for field in _parameters(request, key):
        return getattr(field.kwarg_definition, "name", None) or key
    return key


def _allowed(request: Request[Any, Any, Any], key: str) -> list[str]:
    """The values a parameter's type allows (a Literal, or a list of one), by its Python name; [] if not fixed."""
    for field in _parameters(request, key):
        pending, values = [field.annotation], []
        while pending:
            annotation = pending.pop()
            if typing.get_origin(annotation) is typing.Literal:
                values += [str(v) for v in typing.get_args(annotation)]
            else:
                pending += [a for a in typing.get_args(annotation) if a is not type(None)]
        return values
    return []


def handle_domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[Problem]:
    """The domain's own errors: a bad parameter is a 400 naming it, a missing record a 404."""
    if isinstance(exc, BadParameter):
        params = [InvalidParam(name=exc.name, source=exc.source, reason=exc.reason, allowed=exc.allowed)]
        return problem_response(
            request, Problem(title=_title(400), status=400, detail=exc.detail, invalid_params=params)
        )
    status = 404 if isinstance(exc, NotFound) else 400
    return problem_response(request, Problem(title=_title(status), status=status, detail=exc.detail))


def handle_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    """Litestar's own errors (validation, unknown route, method) as problems."""
    status = exc.status_code
    params: list[InvalidParam] = []
    if isinstance(exc, ValidationException):
        for item in exc.extra if isinstance(exc.extra, list) else []:
            if isinstance(item, dict) and item.get("key"):
                reason = str(item.get("message", "invalid"))
                if reason.startswith("Invalid enum value"):  # name the values it takes
                    reason += "; one of: " + ", ".join(_allowed(request, str(item["key"])))
                params.append(
                    InvalidParam(
                        name=_public_name(request, str(item["key"])),
                        source=str(getattr(item.get("source"), "value", item.get("source") or "query")),
                        reason=reason,
                    )
                )
        missing = _MISSING.match(exc.detail or "")
        if missing and not params:
            params.append(InvalidParam(name=missing["name"], source=missing["source"], reason="required"))
        if params:
            detail = "; ".join(f"Invalid {p.source} parameter `{p.name}`: {p.reason}" for p in params)
        else:
            detail = "The request is malformed." if "Validation failed" in exc.detail else exc.detail
    elif isinstance(exc, NotFoundException):
        detail = f"No route or record at {request.url.path}. The API is described at /schema/openapi.json."
    elif status == 405:
        allowed = _with_head((exc.headers or {}).get("allow", "GET"))
        exc.headers = {**(exc.headers or {}), "allow": allowed}
        detail = f"{request.method} is not allowed here; the API is read-only (allowed: {allowed})."
    else:
        detail = exc.detail or _title(status)
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() in ("allow", "retry-after")}
    problem = Problem(title=_title(status), status=status, detail=detail, invalid_params=params)
    return problem_response(request, problem, headers or None)


def handle_internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """A missing database is a 503 that says how to build one; anything else a logged, plain 500."""
    from api.store import DatabaseMissing

    if isinstance(exc, DatabaseMissing):
        problem = Problem(title="Service Unavailable", status=503, detail=str(exc))
        return problem_response(request, problem, {"Retry-After": "5"})
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    problem = Problem(
        title="Internal Server Error",
        status=500,
        detail="The server failed to answer this request. It has been logged.",
    )
    return problem_response(request, problem)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: handle_domain_error,
    HTTPException: handle_http_exception,
    Exception: handle_internal_error,
}

__all__ = ["PROBLEM_JSON", "PROBLEM_RESPONSES", "MediaType"]
