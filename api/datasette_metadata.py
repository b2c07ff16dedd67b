"""Datasette metadata: metadata.yml, plus descriptions of the per-kind provision views generated
from schema/, so a provision kind added to the schema is described without editing the YAML.

metadata.yml wins wherever it describes something itself; generated text fills the gaps.
"""

from __future__ import annotations

import copy
import types
import typing
from pathlib import Path
from typing import Any

import msgspec
from datasette.utils import parse_metadata

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
    metadata = parse_metadata(path.read_text(encoding="utf-8"))
    tables = metadata.setdefault("databases", {}).setdefault(DATABASE, {}).setdefault("tables", {})
    for name, generated in provision_view_metadata().items():
        written = tables.get(name, {})
        merged = copy.deepcopy(generated)
        merged.update({k: v for k, v in written.items() if k != "columns"})
        merged["columns"] = {**generated["columns"], **written.get("columns", {})}
        tables[name] = merged
    return metadata
