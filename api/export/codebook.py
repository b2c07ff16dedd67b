"""The codebook of a release: every column of every CSV in it, with its meaning, type and allowed values.

Meanings come from metadata.yml (with the descriptions generated from schema/, api/datasette_metadata.py)
and, for the files the export itself makes, from FILES below. Allowed values come from schema/'s types: a
column takes the values of the schema field it is written from (the table's record type, matched by
column name) or of the type its name stands for everywhere (`*_precision` is a Precision). Columns with
no fixed list of values say so with an empty cell.
"""

from __future__ import annotations

import enum
import sqlite3
import types
import typing
from typing import Any

import msgspec

from api.datasette_metadata import DATABASE, load_metadata
from api.domain.dyads import DyadYear
from api.settings import METADATA
from loaders.stemming import INDEXES
from schema.agreements import Agreement, AgreementKind, Event, InstrumentLevel, PartyRole, Relation, Signatory
from schema.base import Precision
from schema.documents import DocumentEntry
from schema.lifecycle import Status
from schema.parties import Party
from schema.provisions import PROVISION_KINDS, Basis, ProvisionBase
from schema.sources import PublisherKind, TextKind
from schema.texts import OfficialText, TextEntry, TextUnit

RECORD_TYPES: dict[str, list[type]] = {
    "agreements": [Agreement],
    "agreements_today": [Agreement],
    "events": [Event],
    "agreement_timeline": [Event],
    "agreement_parties": [PartyRole],
    "signatories": [Signatory],
    "relations": [Relation],
    "parties": [Party],
    "documents": [DocumentEntry],
    "texts": [TextEntry],
    "text_versions": [OfficialText],
    "text_units": [TextUnit],
    "provisions": [ProvisionBase],
    **{f"provisions_{kind}": [cls] for kind, cls in PROVISION_KINDS.items()},
}
"""The schema record each table's rows are written from; its fields' types give the columns' values."""
BY_NAME: dict[str, Any] = {
    "precision": Precision,
    "status": Status,
    "status_after": Status,
    "status_today": Status,
    "basis": Basis,
    "text_kind": TextKind,
    "publisher_kind": PublisherKind,
    "fts_index": list(INDEXES),
}
"""Columns whose values are one schema type wherever they appear (`events.status` is the record's own)."""
BY_TABLE: dict[tuple[str, str], Any] = {
    ("provisions", "kind"): list(PROVISION_KINDS),
    **{(table, "kind"): AgreementKind for table in ("agreements", "agreements_today")},
    **{(table, "level"): InstrumentLevel for table in ("agreements", "agreements_today")},
    ("agreement_parties", "role"): typing.get_type_hints(PartyRole)["roles"],
    ("search_entries", "kind"): ["document", "text_unit"],
    ("events", "status"): typing.get_type_hints(Event)["status"],
    ("agreement_timeline", "status"): typing.get_type_hints(Event)["status"],
}
"""A list of values, or a schema type, by table and column (ahead of BY_NAME and RECORD_TYPES)."""
FILES: dict[str, dict[str, str]] = {
    "dyad_years": {
        "state_a": "The state that could pass information (parties.id of a state).",
        "state_b": "The state it could pass information to.",
        "state_a_iso3": "ISO 3166-1 alpha-3 code of state_a, where it has one.",
        "state_b_iso3": "ISO 3166-1 alpha-3 code of state_b, where it has one.",
        "year": "The calendar year.",
        "channel": "yes (a channel at some time in the year) or unknown (an undecided event may give one).",
        "agreements": "The agreements giving the channel (for unknown: that may give it), separated by '; '.",
        "routes": "direct, or via <hub state>, for each channel, separated by '; '.",
        "terms": "The provisions (provisions.id) binding exchanges under those agreements, separated by '; '.",
        "first_day": "The first day of the year with a channel, ISO 8601; empty for unknown.",
        "undecided_events": "For unknown: the events (events.id) whose imprecise dates leave it open, '; '.",
    },
    "codebook": {
        "file": "The CSV file the column is in (without csv/ and .csv).",
        "column": "The column's name, as in the file's header row.",
        "type": "text, integer, real, date (ISO 8601, YYYY-MM-DD), JSON (a JSON value as text) or blob.",
        "meaning": "What the column holds.",
        "allowed_values": "The values the schema allows, separated by '; '; empty when there is no fixed list.",
    },
    "changelog": {
        "table": "The table the record is in (agreements, provisions, events ...).",
        "id": "The record's id in that table.",
        "change": "added, removed or changed since the previous release.",
        "columns": "For changed: the columns whose values differ, separated by '; '.",
    },
}
"""The files the export makes itself, described here (they are no table of the database)."""
DATE_COLUMNS = {
    "date",
    "latest_date",
    "first_date",
    "last_date",
    "published",
    "signed",
    "as_of",
    "valid_from",
    "valid_to",
    "status_since",
    "first_day",
}
_TYPES = {"INTEGER": "integer", "TEXT": "text", "REAL": "real", "FLOAT": "real", "BLOB": "blob"}


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """One column of one CSV."""

    file: str
    column: str
    type: str
    meaning: str
    allowed_values: str


def values_of(annotation: Any) -> list[str]:
    """The values a schema type allows (Literal members, Enum values), through Optional, Annotated and lists."""
    if isinstance(annotation, list):  # a list of values given here
        return [str(a) for a in annotation]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return [str(a) for a in args]
    if origin is typing.Annotated or origin is list or origin in (typing.Union, types.UnionType):
        return [v for a in args if a is not type(None) for v in values_of(a)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(m.value) for m in annotation]
    return []


def _field_type(table: str, column: str) -> Any:
    if (table, column) in BY_TABLE:
        return BY_TABLE[(table, column)]
    if column in BY_NAME or column.endswith("_precision"):
        return BY_NAME.get(column, Precision)
    for record in RECORD_TYPES.get(table, []):
        hints = typing.get_type_hints(record, include_extras=True)
        if column in hints:
            return hints[column]
    return None


def _type(declared: str, column: str, meaning: str) -> str:
    if column in DATE_COLUMNS:
        return "date (ISO 8601, YYYY-MM-DD)"
    if meaning.lstrip().startswith("JSON"):
        return "JSON"
    return _TYPES.get(declared.upper(), "text")


def table_entries(connection: sqlite3.Connection, names: list[str]) -> list[Entry]:
    """The codebook of the database's tables and views `names`, in the order of their columns."""
    tables = load_metadata(METADATA).get("databases", {}).get(DATABASE, {}).get("tables", {})
    entries = []
    for name in names:
        described = tables.get(name, {}).get("columns", {})
        for _, column, declared, *_ in connection.execute("select * from pragma_table_info(?)", (name,)):
            meaning = " ".join(str(described.get(column, "")).split())
            entries.append(
                Entry(
                    file=name,
                    column=column,
                    type=_type(declared or "", column, meaning),
                    meaning=meaning,
                    allowed_values="; ".join(values_of(_field_type(name, column))),
                )
            )
    return entries


def file_entries() -> list[Entry]:
    """The codebook of the files the export makes itself."""
    types_of = {f.name: f.type for f in msgspec.structs.fields(DyadYear)}
    entries = []
    for file, columns in FILES.items():
        for column, meaning in columns.items():
            allowed = values_of(types_of[column]) if file == "dyad_years" else []
            if (file, column) == ("changelog", "change"):
                allowed = ["added", "removed", "changed"]
            kind = "integer" if column == "year" else _type("TEXT", column, meaning)
            entries.append(
                Entry(file=file, column=column, type=kind, meaning=meaning, allowed_values="; ".join(allowed))
            )
    return entries
