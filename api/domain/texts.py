"""Official texts: an agreement's text unit by unit, per language, and one unit with the provisions
that cite it."""

from __future__ import annotations

import sqlite3

from api.domain import records
from api.domain.agreements import require
from api.domain.errors import BadParameter, NotFound
from api.domain.query import Database, placeholders
from api.domain.source_models import AgreementText, TextVersion, UnitDetail, UnitOut


def _text(db: Database, agreement_id: str) -> sqlite3.Row:
    require(db, agreement_id)
    row = db.row("select * from texts where agreement_id = ? order by id limit 1", (agreement_id,))
    if row is None:
        raise NotFound("official text for agreement", agreement_id, "The store holds no official text for it.")
    return row


def _unit(row: sqlite3.Row, agreement_id: str) -> UnitOut:
    link = records.url("agreements", agreement_id, "text", f"{row['unit_id']}?language={row['language']}")
    return records.convert(row, UnitOut, id=row["unit_id"], url=link)


def _languages(db: Database, text_id: str, language: str | None) -> list[str]:
    available = [r["language"] for r in db.rows("select language from text_versions where text_id = ?", (text_id,))]
    if language is None:
        return available
    if language not in available:
        raise BadParameter("language", f"no {language!r} version; available: {', '.join(available)}")
    return [language]


def agreement_text(db: Database, agreement_id: str, language: str | None) -> AgreementText:
    """The official text, every unit of every language version (or of `language`)."""
    text = _text(db, agreement_id)
    versions = []
    for lang in _languages(db, text["id"], language):
        version = db.one("select title from text_versions where text_id = ? and language = ?", (text["id"], lang))
        units = db.rows("select * from text_units where text_id = ? and language = ? order by ord", (text["id"], lang))
        versions.append(
            TextVersion(language=lang, title=version["title"], units=[_unit(u, agreement_id) for u in units])
        )
    return records.convert(
        text,
        AgreementText,
        text_id=text["id"],
        languages=records.strings(text["languages"]),
        versions=versions,
    )


def text_unit(db: Database, agreement_id: str, unit_id: str, language: str | None) -> UnitDetail:
    """One unit in every language version (or `language`), its sub-units and the provisions citing it."""
    text = _text(db, agreement_id)
    langs = _languages(db, text["id"], language)
    rows = db.rows(
        f"select * from text_units where text_id = ? and unit_id = ? and language in ({placeholders(langs)}) "
        "order by language",
        (text["id"], unit_id, *langs),
    )
    if not rows:
        raise NotFound("unit", unit_id, f"See {records.url('agreements', agreement_id, 'text')} for the unit ids.")
    children = db.rows(
        "select unit_id from text_units where text_id = ? and language = ? and parent_id = ? order by ord",
        (text["id"], rows[0]["language"], unit_id),
    )
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
        db.rows(f"select * from provisions where id in ({placeholders(provision_ids)}) order by rowid", provision_ids)
        if provision_ids
        else []
    )
    return UnitDetail(
        agreement_id=agreement_id,
        text_id=text["id"],
        unit_id=unit_id,
        kind=rows[0]["kind"],
        parent_id=rows[0]["parent_id"],
        children=[c["unit_id"] for c in children],
        versions=[_unit(r, agreement_id) for r in rows],
        provisions=records.stored_provision_answers(db, provisions),
    )
