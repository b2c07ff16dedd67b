"""Parameters shared by several routes, declared once with their OpenAPI descriptions.

A filter that may be repeated means "any of" (`party=kor&party=jpn`); it is a list, at most MAX_ANY_OF
values, each checked on its own. Any other parameter may be given once: `refuse_repeated` answers a
repeated one with a 400 instead of silently keeping one of the values.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.params import QueryParameter

from api.settings import MAX_ANY_OF
from schema.base import SLUG

ANY_OF = f"Repeat for any of several (`name=a&name=b`, at most {MAX_ANY_OF})."
PARTY_CODE = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"
"""A party id in any case, or an ISO 3166 alpha-2 or alpha-3 code."""
_ID_ITEM = {"type": "string", "pattern": SLUG, "maxLength": 64}
_PARTY_ITEM = {"type": "string", "pattern": PARTY_CODE, "maxLength": 64}
_LANGUAGE = r"^[a-z]{2,3}$"


def items_of(item: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI `items` of a repeatable filter: Litestar leaves out its items' own constraints."""
    return {"items": item}


def any_of(description: str, *, item: dict[str, Any] | None = None, max_items: int = MAX_ANY_OF) -> QueryParameter:
    """A repeatable filter's marker: at most `max_items` values, described with how to repeat it, and its items'
    constraints (`item`) in the OpenAPI document where Litestar would leave them out."""
    if item is None:
        return QueryParameter(max_items=max_items, description=f"{description} {ANY_OF}")
    return QueryParameter(
        max_items=max_items, description=f"{description} {ANY_OF}", schema_extra=items_of(item), examples=[]
    )


PartyCode = Annotated[str, msgspec.Meta(pattern=PARTY_CODE, max_length=64)]
AgreementCode = Annotated[str, msgspec.Meta(pattern=SLUG, max_length=64)]
LanguageCode = Annotated[str, msgspec.Meta(pattern=_LANGUAGE)]

PartyFilter = Annotated[
    list[PartyCode] | None,
    any_of(
        "A party: its id (`kor`, `usa-dod`) or a state's ISO 3166 alpha-2 or alpha-3 code in any case "
        "(`KR`, `kor`, `KOR`). A state also matches the organisations acting for it.",
        item=_PARTY_ITEM,
    ),
]
AgreementFilter = Annotated[
    list[AgreementCode] | None, any_of("An agreement id (`jpn-kor-gsomia-2016`).", item=_ID_ITEM)
]
Languages = Annotated[
    list[LanguageCode] | None,
    any_of("A language (BCP 47: `en`, `nl`, `ja`).", item={"type": "string", "pattern": _LANGUAGE}),
]
OnDate = Annotated[
    datetime.date | None,
    QueryParameter(description="Evaluate status on this date (YYYY-MM-DD). Default: today (UTC)."),
]
TextQuery = Annotated[str | None, QueryParameter(min_length=1, max_length=200, description="Text to look for.")]


def _repeatable(handler: HTTPRouteHandler) -> dict[str, bool]:
    """The query parameters of a route (its own and its dependencies'), by wire name: whether each is a list."""
    fields = dict(handler.parsed_fn_signature.parameters)
    for dependency in handler.resolve_dependencies().values():
        signature = getattr(dependency, "parsed_fn_signature", None)
        if signature is not None:
            fields.update(signature.parameters)
    found = {}
    for name, field in fields.items():
        wire = getattr(field.kwarg_definition, "name", None) or name
        found[wire] = field.is_non_string_sequence or any(
            inner.is_non_string_sequence for inner in field.inner_types if not inner.is_none_type
        )
    return found


_REPEATABLE: dict[int, dict[str, bool]] = {}


async def refuse_repeated(request: Request[Any, Any, Any]) -> None:
    """A 400 for a parameter given more than once that does not take several values (`before_request`; async:
    Litestar runs a sync hook in a worker thread, a thread hand-off on every request)."""
    handler = request.route_handler
    if not isinstance(handler, HTTPRouteHandler):
        return
    repeated = [key for key in request.query_params if len(request.query_params.getall(key)) > 1]
    if not repeated:
        return
    kinds = _REPEATABLE.get(id(handler))
    if kinds is None:
        kinds = _REPEATABLE[id(handler)] = _repeatable(handler)
    once = [key for key in repeated if key in kinds and not kinds[key]]
    if once:
        raise ValidationException(
            "Validation failed",
            extra=[{"key": key, "source": "query", "message": "give it once; it takes one value"} for key in once],
        )
