"""Official-text routes: an agreement's text unit by unit, per language, and one unit with the
provisions that cite it."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api.agreements import AgreementId
from api.domain import texts
from api.domain.source_models import AgreementText, UnitDetail
from api.listing import api_get
from api.store import Snapshot

LanguageFilter = Annotated[
    str | None,
    QueryParameter(pattern=r"^[a-z]{2,3}$", description="Only this language version (`en`, `nl`).", examples=[]),
]


@api_get("/agreements/{agreement_id:str}/text", "getAgreementText", "An agreement's official text, unit by unit")
def get_agreement_text(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, language: LanguageFilter = None
) -> AgreementText:
    """The official text split into preamble, articles, paragraphs, items, final clause and annexes, per language
    version. Unit ids (`art_1__item_iv`) are the same in every language."""
    return texts.agreement_text(db, agreement_id, language)


@api_get(
    "/agreements/{agreement_id:str}/text/{unit_id:str}",
    "getAgreementTextUnit",
    "One article or item of an official text",
)
def get_agreement_text_unit(
    db: NamedDependency[Snapshot],
    agreement_id: AgreementId,
    unit_id: Annotated[str, PathParameter(max_length=200, description="A unit id (`art_1__item_iv`).")],
    language: LanguageFilter = None,
) -> UnitDetail:
    """One unit in every language version (or `language`), its sub-units, and the typed provisions whose citations
    quote it or anything inside it."""
    return texts.text_unit(db, agreement_id, unit_id, language)
