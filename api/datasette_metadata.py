"""Datasette metadata: metadata.yml, plus descriptions of the per-kind provision views generated
from schema/, so a provision kind added to the schema is described without editing the YAML, plus
what the build holds (how many agreements, documents, texts; the publishers; each table's rows),
generated from the database Datasette serves and recomposed when a rebuild replaces it.

metadata.yml wins wherever it describes something itself; generated text fills the gaps, and the
build's figures are added to its descriptions rather than written into them.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sqlite3
import types
import typing
from pathlib import Path
from typing import Any

import msgspec
import yaml

from loaders.yamlfile import SAFE_LOADER
from schema.provisions import PROVISION_KINDS, ProvisionBase

DATABASE = "pactstore"
_BASE_FIELDS = {f.name for f in msgspec.structs.fields(ProvisionBase)}
_COMMON_COLUMNS = {
    "id": "Provision id, <agreement id>.<provision id>.",
    "agreement_id": "The agreement.",
    "agreement": "The agreement's short name.",
    "provision_id": "Id of the provision within its agreement.",
    "summary": "One sentence built from the typed fields.",
    "basis": "How firm the term is: agreement_text, agreed_in_negotiation, official_statement, reported or planned.",
    "asserted_by": "Who states the term, when a source attributes it to someone.",
    "disputes": "The provision this claim contests, if any.",
}


def _describe(annotation: Any) -> str:
    """A plain-words description of a field's type, as the view shows it."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _describe(args[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        text = _describe(members[0]) if len(members) == 1 else "A value"
        return f"{text.rstrip('.')}; empty when the source does not say."
    if origin is typing.Literal:
        return "One of: " + ", ".join(str(a) for a in args) + "."
    if origin is list:
        inner = _describe(args[0]).rstrip(".")
        inner = inner[0].lower() + inner[1:] if inner else inner
        return f"JSON list; each item: {inner}."
    if annotation is bool:
        return "1 (yes) or 0 (no)."
    if annotation is int:
        return "A whole number."
    if annotation is str:
        return "Text."
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return f"JSON object ({annotation.__name__})."
    return "A value."


def provision_view_metadata() -> dict[str, Any]:
    """Metadata for every `provisions_<kind>` view, from the provision Structs."""
    tables: dict[str, Any] = {}
    for kind, cls in PROVISION_KINDS.items():
        hints = typing.get_type_hints(cls, include_extras=True)
        columns = dict(_COMMON_COLUMNS)
        for field in msgspec.structs.fields(cls):
            if field.name not in _BASE_FIELDS:
                columns[field.encode_name] = _describe(hints[field.name])
        doc = (cls.__doc__ or cls.label).strip().splitlines()[0]
        tables[f"provisions_{kind}"] = {"description": f"{cls.label}: {doc}", "columns": columns}
    return tables


def load_metadata(path: Path) -> dict[str, Any]:
    """metadata.yml with generated descriptions filling what it leaves out."""
    # libyaml: Datasette's parse_metadata reads the file in pure Python, a quarter of a second of every app's start.
    metadata = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    tables = metadata.setdefault("databases", {}).setdefault(DATABASE, {}).setdefault("tables", {})
    for name, generated in provision_view_metadata().items():
        written = tables.get(name, {})
        merged = copy.deepcopy(generated)
        merged.update({k: v for k, v in written.items() if k != "columns"})
        merged["columns"] = {**generated["columns"], **written.get("columns", {})}
        tables[name] = merged
    return metadata


# --- The part generated from the build -------------------------------------------------------------

_FTS_SHADOWS = ("_config", "_data", "_docsize", "_idx", "_content")
TOP_PUBLISHERS = 8
"""How many publishers the source line names before it says how many more there are."""


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _fts_tables(connection: sqlite3.Connection) -> dict[str, Any]:
    """Every FTS5 table and its shadow tables, described as such (hidden)."""
    names = [r[0] for r in connection.execute("select name from sqlite_master where sql like 'CREATE VIRTUAL TABLE%'")]
    tables: dict[str, Any] = {}
    for name in names:
        for table in [name, *(name + s for s in _FTS_SHADOWS)]:
            columns = [r[0] for r in connection.execute("select name from pragma_table_info(?)", (table,))]
            if columns:
                what = "FTS5 index" if table == name else "SQLite FTS5 shadow table (internal)"
                tables[table] = {
                    "description": f"{what}; search goes through the API (/api/v1/search) or the table it indexes.",
                    "hidden": True,
                    "columns": dict.fromkeys(columns, "FTS5 internal."),
                }
    return tables


def generated_metadata(connection: sqlite3.Connection) -> dict[str, Any]:
    """What the build holds, in words: a sentence for the description, the source line, and row counts for the
    table descriptions (api/datasette_app.py merges it into metadata.yml's text)."""
    row = connection.execute("select counts from build_info").fetchone()
    counts: dict[str, int] = msgspec.json.decode(row[0]) if row else {}
    documents = connection.execute(
        "select count(*), coalesce(sum(text_kind = 'paraphrase'), 0), count(distinct coalesce(publisher, '')) "
        "from documents"
    ).fetchone()
    publishers = connection.execute(
        "select coalesce(publisher, 'unnamed publishers'), count(*) as n from documents group by 1 order by n desc, 1"
    ).fetchall()
    texts = connection.execute("select count(*) from texts").fetchone()[0]
    languages = [r[0] for r in connection.execute("select distinct language from text_versions order by 1")]
    named = ", ".join(f"{name} ({n})" for name, n in publishers[:TOP_PUBLISHERS])
    more = len(publishers) - TOP_PUBLISHERS
    summary = (
        f"This build holds {_plural(counts.get('agreements', 0), 'agreement')}, "
        f"{_plural(counts.get('provisions', 0), 'typed provision')} and {_plural(counts.get('events', 0), 'event')}; "
        f"every fact quotes one of {_plural(documents[0], 'source document')} ({documents[1]:,} of them curators' "
        f"paraphrases, credited as such) or {_plural(texts, 'official text')}"
        + (f" (in {', '.join(languages)})." if languages else ".")
    )
    source = (
        f"{_plural(documents[0], 'document')} from {_plural(documents[2], 'publisher')}: {named}"
        + (f" and {more:,} more" if more > 0 else "")
        + f"; {_plural(texts, 'official text')}. The documents and texts tables list each with its publisher, date "
        "and how it is credited."
    )
    return {"summary": summary, "source": source, "counts": counts, "fts": _fts_tables(connection)}


def compose(base: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    """metadata.yml's text (`base`, from `load_metadata`) with what the build holds added: the summary after the
    description, the source line, each table's row count after its description, and the full-text tables."""
    metadata = copy.deepcopy(base)
    metadata["description"] = f"{metadata.get('description', '').rstrip()} {generated['summary']}".strip()
    metadata["source"] = generated["source"]
    metadata.setdefault("source_url", f"/data/{DATABASE}/documents")
    tables = metadata.setdefault("databases", {}).setdefault(DATABASE, {}).setdefault("tables", {})
    for name, count in generated["counts"].items():
        table = tables.setdefault(name, {})
        key = "description_html" if "description_html" in table else "description"
        table[key] = f"{table.get(key, '').rstrip()} {_plural(count, 'row')} in this build.".strip()
    for name, described in generated["fts"].items():
        tables.setdefault(name, described)
    return metadata


class BuildMetadata:
    """The composed metadata of the database at `db_path`, recomposed when a rebuild replaces the file."""

    def __init__(self, db_path: Path, metadata_path: Path) -> None:
        self.db_path, self.base = Path(db_path), load_metadata(metadata_path)
        self._identity: tuple[int, int] | None = None
        self._metadata: dict[str, Any] = compose(self.base, _EMPTY)

    def current(self) -> dict[str, Any]:
        try:
            stat = os.stat(self.db_path)
        except FileNotFoundError:
            return self._metadata
        identity = (stat.st_ino, stat.st_mtime_ns)
        if identity != self._identity:
            with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(_open(self.db_path)) as connection:
                self._metadata = compose(self.base, generated_metadata(connection))
                self._identity = identity
        return self._metadata


_EMPTY: dict[str, Any] = {"summary": "", "source": "", "counts": {}, "fts": {}}


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
