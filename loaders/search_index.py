"""The search index: one row per news document and per article-level unit of an official text in
`search_entries`, and three FTS5 tables over them, one per way of reading words (loaders/stemming.py).

An official text is indexed article by article: the preamble, each article (its paragraphs and items
included, so that a query's words may fall in different items of one article), the final clause and
each annex. Chapters, parts and sections that hold articles are not indexed themselves (their articles
are). A hit names its unit and links to it.

The FTS5 tables are contentless (`content=''`): they hold the index only, their rowid is the entry's id,
and the words shown come from `search_entries`. `index_search_entries` (re)builds them from that table
alone, so a copy of the database whose texts were changed (an export withholds article texts) can be
reindexed without the seeds.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from loaders.seeds import Seeds
from loaders.seeds_model import SourceDocument
from loaders.stemming import (
    INDEXES,
    PORTER_TOKENIZER,
    TRIGRAM_TOKENIZER,
    WORD_TOKENIZER,
    Index,
    index_of,
    stemmed_text,
)

SEARCH_TABLES: dict[str, dict[str, Any]] = {
    "search_entries": {
        "columns": {
            "id": int,
            "kind": str,
            "fts_index": str,
            "document_id": str,
            "agreement_id": str,
            "text_id": str,
            "language": str,
            "instrument": str,
            "unit_id": str,
            "label": str,
            "title": str,
            "caption": str,
            "text": str,
            "text_kind": str,
            "attribution": str,
            "published": str,
            "published_precision": str,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("text_id", "texts", "id")],
        "not_null": {"kind", "fts_index", "language", "title", "text", "text_kind", "attribution"},
    }
}
FTS_TABLES: dict[Index, tuple[str, str]] = {
    "porter": ("search_porter", PORTER_TOKENIZER),
    "stemmed": ("search_stemmed", WORD_TOKENIZER),
    "trigram": ("search_trigram", TRIGRAM_TOKENIZER),
}
"""Index -> (its FTS5 table, its tokenizer). Every table has the columns `heading` and `body`."""

_STRUCTURAL = {
    "article",
    "chapter",
    "part",
    "section",
    "annex",
    "appendix",
    "attachment",
    "instrument",
    "preamble",
    "final_clause",
}
"""Kinds of unit that divide a text; a unit holding one of them is a container, not indexed itself."""


def _newest_first(item: tuple[str, SourceDocument]) -> tuple[bool, int]:
    published = item[1].entry.published.date
    return published is None, -published.toordinal() if published else 0


def _entry(index_kind: str, language: str, **fields: Any) -> dict[str, Any]:
    return {"kind": index_kind, "fts_index": index_of(language), "language": language, **fields}


def search_rows(seeds: Seeds) -> list[dict[str, Any]]:
    """The `search_entries` rows: documents first, newest first (undated last), then official texts' units in
    document order. Each kind has consecutive ids, and a search that caps its candidates takes the first in id
    order (api/domain/search.py): for a word in most documents, the newest."""
    rows: list[dict[str, Any]] = []
    for doc_id, source in sorted(seeds.documents.items(), key=_newest_first):
        entry = source.entry
        rows.append(
            _entry(
                "document",
                entry.versions[0].language,
                document_id=doc_id,
                title=entry.title,
                text=source.cleaned.clean,
                text_kind=entry.versions[0].text_kind,
                attribution=entry.attribution(),
                published=entry.published.date.isoformat() if entry.published.date else None,
                published_precision=entry.published.precision,
            )
        )
    for text_id, text in seeds.texts.items():
        official = text.entry
        for version in text.versions:
            containers = {u.parent for u in version.units if u.kind in _STRUCTURAL and u.parent}
            indexed: set[str] = set()
            for unit in sorted(version.units, key=lambda u: u.order):  # parents before their children
                if unit.parent in indexed:
                    indexed.add(unit.id)  # its words are in the indexed unit above it
                    continue
                if unit.id in containers:
                    continue
                indexed.add(unit.id)
                rows.append(
                    _entry(
                        "text_unit",
                        version.language,
                        agreement_id=official.agreement,
                        text_id=text_id,
                        instrument=version.instrument,
                        unit_id=unit.id,
                        label=unit.label,
                        title=official.title,
                        caption=unit.caption,
                        text=unit.text,
                        text_kind=official.version(version.language).text_kind,
                        attribution=official.attribution(version.language),
                    )
                )
    for n, row in enumerate(rows):
        row["id"] = n + 1
    return rows


def _indexed(index: Index, language: str, heading: str, body: str) -> tuple[str, str]:
    if index == "stemmed":
        return stemmed_text(language, heading), stemmed_text(language, body)
    return heading, body


def index_search_entries(connection: sqlite3.Connection) -> None:
    """(Re)build the three FTS5 tables from `search_entries`."""
    for index in INDEXES:
        table, tokenizer = FTS_TABLES[index]
        connection.execute(f"drop table if exists {table}")
        connection.execute(
            f"create virtual table {table} using fts5(heading, body, content='', tokenize='{tokenizer}')"
        )
        rows = connection.execute(
            "select id, language, case kind when 'document' then title "
            "else coalesce(label, '') || ' ' || coalesce(caption, '') end, text "
            "from search_entries where fts_index = ? order by id",
            (index,),
        ).fetchall()
        connection.executemany(
            f"insert into {table} (rowid, heading, body) values (?, ?, ?)",
            ((row[0], *_indexed(index, row[1], row[2], row[3])) for row in rows),
        )
