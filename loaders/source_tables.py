"""The tables of the sources: news documents (and their lines), official texts, their language
versions and units. Part of the database layout in loaders/tables.py."""

from __future__ import annotations

from typing import Any

DOCUMENT_TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "columns": {
            "id": str,
            "title": str,
            "publisher": str,
            "publisher_note": str,
            "publisher_kind": str,
            "url": str,
            "language": str,
            "text_kind": str,
            "attribution": str,
            "published": str,
            "published_precision": str,
            "published_as_written": str,
            "published_basis": str,
            "published_note": str,
            "source_file": str,
            "sha256": str,
            "raw_text": str,
            "clean_text": str,
            "paragraph_count": int,
            "char_count": int,
        },
        "pk": "id",
        "not_null": {"title", "language", "text_kind", "source_file", "sha256", "raw_text", "clean_text"},
    },
    "document_blocks": {
        "columns": {
            "document_id": str,
            "n": int,
            "kind": str,
            "kept": int,
            "text": str,
            "raw_start": int,
            "raw_end": int,
            "clean_start": int,
            "clean_end": int,
        },
        "pk": ("document_id", "n"),
        "foreign_keys": [("document_id", "documents", "id")],
    },
}
"""Written first: everything else may cite them."""

TEXT_TABLES: dict[str, dict[str, Any]] = {
    "texts": {
        "columns": {
            "id": str,
            "agreement_id": str,
            "title": str,
            "source": str,
            "publisher_kind": str,
            "url": str,
            "source_file": str,
            "sha256": str,
            "languages": str,
            "raw_text": str,
            "note": str,
        },
        "pk": "id",
        "foreign_keys": [("agreement_id", "agreements", "id")],
        "not_null": {"agreement_id", "title", "source_file", "sha256", "raw_text"},
    },
    "text_versions": {
        "columns": {
            "text_id": str,
            "instrument": str,
            "language": str,
            "instrument_kind": str,
            "main": int,
            "partial": int,
            "holds": str,
            "title": str,
            "text_kind": str,
            "authentic": int,
            "clean_text": str,
            "raw_start": int,
            "raw_end": int,
            "unit_count": int,
        },
        # One row per instrument of the file (agreement, note_1, procedure ...) and language.
        "pk": ("text_id", "instrument", "language"),
        "foreign_keys": [("text_id", "texts", "id")],
        "not_null": {"instrument", "instrument_kind", "main", "partial"},
    },
    "text_units": {
        "columns": {
            "text_id": str,
            "language": str,
            "unit_id": str,
            "instrument": str,
            "kind": str,
            "number": str,
            "label": str,
            "heading": str,
            "caption": str,
            "parent_id": str,
            "ord": int,
            "fragment": int,
            "text": str,
            "cells": str,
            "raw_start": int,
            "raw_end": int,
            "clean_start": int,
            "clean_end": int,
        },
        # Unit ids are distinct across the instruments of a file (further instruments prefix theirs).
        "pk": ("text_id", "language", "unit_id"),
        "foreign_keys": [("text_id", "texts", "id")],
    },
}
"""Written with the agreements (a text belongs to one)."""
