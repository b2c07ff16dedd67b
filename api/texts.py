"""Official texts: an agreement's text article by article, per language, and one unit with the
provisions that cite it."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from api import records
from api.agreements import AgreementId
from api.errors import PROBLEM_RESPONSES, bad_param, not_found
from api.models import AgreementText, TextVersion, UnitDetail, UnitOut
from api.store import Snapshot

TAGS = ["agreements"]
LanguageFilter = Annotated[
    str | None,
    QueryParameter(pattern=r"^[a-z]{2,3}$", description="Only this language version (`en`, `nl`).", examples=[]),
]


def _text(db: Snapshot, agreement_id: str) -> Any:
    if db.value("select 1 from agreements where id = ?", (agreement_id,)) is None:
        raise not_found("agreement", agreement_id, "See /api/v1/agreements for the ids.")
    row = db.row("select * from texts where agreement_id = ? order by id limit 1", (agreement_id,))
    if row is None:
        raise not_found("official text for agreement", agreement_id, "The store holds no official text for it.")
    return row


def _unit(row: Any, agreement_id: str) -> UnitOut:
    return UnitOut(
        id=row["unit_id"],
        language=row["language"],
        kind=row["kind"],
        number=row["number"],
        heading=row["heading"],
        parent_id=row["parent_id"],
        text=row["text"],
        clean_start=row["clean_start"],
        clean_end=row["clean_end"],
        raw_start=row["raw_start"],
        raw_end=row["raw_end"],
        url=f"{records.API}/agreements/{agreement_id}/text/{row['unit_id']}?language={row['language']}",
    )


def _languages(db: Snapshot, text_id: str, language: str | None) -> list[str]:
    available = [r["language"] for r in db.rows("select language from text_versions where text_id = ?", (text_id,))]
    if language is None:
        return available
    if language not in available:
        raise bad_param("language", f"no {language!r} version; available: {', '.join(available)}")
    return [language]


@get(
    "/api/v1/agreements/{agreement_id:str}/text",
    operation_id="getAgreementText",
    summary="An agreement's official text, unit by unit",
    description="The official text split into preamble, articles, paragraphs, items, final clause and annexes, "
    "per language version. Unit ids (`art_1__item_iv`) are the same in every language.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_agreement_text(
    db: NamedDependency[Snapshot], agreement_id: AgreementId, language: LanguageFilter = None
) -> AgreementText:
    text = _text(db, agreement_id)
    versions = []
    for lang in _languages(db, text["id"], language):
        version = db.row("select * from text_versions where text_id = ? and language = ?", (text["id"], lang))
        units = db.rows("select * from text_units where text_id = ? and language = ? order by ord", (text["id"], lang))
        versions.append(
            TextVersion(language=lang, title=version["title"], units=[_unit(u, agreement_id) for u in units])
        )
    return AgreementText(
        agreement_id=agreement_id,
        text_id=text["id"],
        title=text["title"],
        source=text["source"],
        languages=records.strings(text["languages"]),
        versions=versions,
    )


@get(
    "/api/v1/agreements/{agreement_id:str}/text/{unit_id:str}",
    operation_id="getAgreementTextUnit",
    summary="One article or item of an official text",
    description="One unit in every language version (or `language`), its sub-units, and the typed provisions "
    "whose citations quote it or anything inside it.",
    tags=TAGS,
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def get_agreement_text_unit(
    db: NamedDependency[Snapshot],
    agreement_id: AgreementId,
    unit_id: Annotated[str, PathParameter(max_length=200, description="A unit id (`art_1__item_iv`).")],
    language: LanguageFilter = None,
) -> UnitDetail:
    text = _text(db, agreement_id)
    langs = _languages(db, text["id"], language)
    rows = db.rows(
        f"select * from text_units where text_id = ? and unit_id = ? and language in ({records.placeholders(langs)}) "
        "order by language",
        (text["id"], unit_id, *langs),
    )
    if not rows:
        raise not_found("unit", unit_id, f"See {records.API}/agreements/{agreement_id}/text for the unit ids.")
    children = [
        r["unit_id"]
        for r in db.rows(
            "select unit_id from text_units where text_id = ? and language = ? and parent_id = ? order by ord",
            (text["id"], rows[0]["language"], unit_id),
        )
    ]
    # A citation of `art_1__item_iv` also cites `art_1`: match the unit and everything below it.
    provision_ids = [
        r["owner_id"]
        for r in db.rows(
            "select distinct owner_id from citations where owner_type = 'provision' and text_id = ? "
            "and (unit_id = ? or unit_id like ? escape '\\')",
            (text["id"], unit_id, unit_id.replace("_", "\\_") + "\\_\\_%"),
        )
    ]
    provisions = (
        db.rows(
            f"select * from provisions where id in ({records.placeholders(provision_ids)}) order by rowid",
            provision_ids,
        )
        if provision_ids
        else []
    )
    return UnitDetail(
        agreement_id=agreement_id,
        text_id=text["id"],
        unit_id=unit_id,
        kind=rows[0]["kind"],
        parent_id=rows[0]["parent_id"],
        children=children,
        versions=[_unit(r, agreement_id) for r in rows],
        provisions=records.provisions(db, provisions),
    )
