"""Errors on the readable pages as HTML problem pages: the same RFC 9457 problem the API would answer
(api/errors.py builds it), shown as a page with a way back, never a traceback and never a 500 for bad
input. The page handlers name these as their own exception handlers, so the API keeps its JSON problems."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Template
from litestar.types import ExceptionHandlersMap

from api.domain.errors import DomainError
from api.errors import Problem, handle_domain_error, handle_http_exception
from api.pages.landing import SiteLinks


def _page(request: Request[Any, Any, Any], answer: Response[Problem]) -> Template:
    problem = answer.content
    return Template(
        template_name="problem.html",
        context={"site": SiteLinks(), "problem": problem, "path": request.url.path},
        status_code=problem.status,
        headers={k: v for k, v in answer.headers.items() if k.lower() in ("allow", "retry-after")},
    )


def domain_problem_page(request: Request[Any, Any, Any], exc: DomainError) -> Template:
    """A missing record (404) or a parameter that names nothing (400), as a page."""
    return _page(request, handle_domain_error(request, exc))


def http_problem_page(request: Request[Any, Any, Any], exc: HTTPException) -> Template:
    """A malformed parameter (400) and Litestar's other errors, as a page."""
    return _page(request, handle_http_exception(request, exc))


PAGE_ERRORS: ExceptionHandlersMap = {DomainError: domain_problem_page, HTTPException: http_problem_page}
"""For the `exception_handlers` of every page route."""
