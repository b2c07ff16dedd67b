"""Search across the news documents and the official texts, each hit saying which it is."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.domain import search
from api.domain.search import SearchFilters
from api.domain.source_models import SearchResult
from api.listing import Found, Paging, list_endpoint
from api.params import Languages, any_of
from api.store import Snapshot

Query = Annotated[
    str,
    QueryParameter(
        min_length=1,
        max_length=200,
        description='Words to find, all of them; a phrase in double quotes must occur as written (`"third '
        "country\"`). Words are stemmed in their text's language (`ratify` also finds `ratified` and `ratification`, "
        "`verdragen` finds `verdrag`); Japanese, Korean and Chinese texts match the characters as written.",
    ),
]
Kinds = Annotated[
    list[Literal["document", "text_unit"]] | None,
    any_of("Only documents, or only official-text units.", max_items=2),
]


@list_endpoint(
    "/search", "search", "Search documents and official texts", SearchResult, page="SearchResultPage", default_limit=20
)
def search_everything(
    db: NamedDependency[Snapshot],
    q: Query,
    paging: NamedDependency[Paging],
    language: Languages = None,
    kind: Kinds = None,
) -> Found:
    """News documents and the articles (preamble, final clause, annexes) of official texts that hold every word and
    phrase of `q`, best match first. Each hit says which it is — a document, or a text with its language and unit —
    how its source is credited (curators' paraphrases as such), a snippet, and links to it."""
    return search.search(db, q, SearchFilters(languages=language, kinds=kind), paging.limit, paging.offset)
