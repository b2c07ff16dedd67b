"""The record formats curators write, and their JSON Schemas (generated, never hand-written)."""

from __future__ import annotations

from typing import Any

import msgspec

from schema.agreements import Agreement
from schema.documents import Manifest
from schema.parties import PartiesFile
from schema.texts import TextsFile
from schema.vocabulary import SubjectsFile

FORMATS: dict[str, type[msgspec.Struct]] = {
    "agreement": Agreement,
    "documents": Manifest,
    "parties": PartiesFile,
    "subjects": SubjectsFile,
    "texts": TextsFile,
}
"""Format name -> the Struct a file of that format decodes into."""


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one record format, with its definitions inlined under `$defs`."""
    (root,), components = msgspec.json.schema_components([FORMATS[name]], ref_template="#/$defs/{name}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pactstore.invalid/schema/{name}.schema.json",
        "title": f"pactstore {name} file",
        **root,
        "$defs": components,
    }


def render_json_schema(name: str) -> str:
    """The schema as committed under docs/schema/: pretty-printed, keys in a stable order."""
    return msgspec.json.format(msgspec.json.encode(json_schema(name)), indent=2).decode() + "\n"
