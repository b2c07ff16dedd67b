"""The database layout: every table's columns, keys and indexes, in one readable place.

Datasette and the API both read these tables; `metadata.yml` describes them for people.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

TableSpec = dict[str, Any]

TABLES: dict[str, TableSpec] = {
    "documents": {
        "columns": {
            "id": str,
            "title": str,
            "outlet": str,
            "outlet_note": str,
            "language": str,
            "published": str,
            "published_precision": str,
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
        "not_null": {"title", "language", "published", "source_file", "sha256", "raw_text", "clean_text"},
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
    "parties": {
        "columns": {
            "id": str,
            "kind": str,
            "name": str,
            "short_name": str,
            "iso_alpha2": str,
            "iso_alpha3": str,
            "acts_for": str,
            "state_id": str,
            "note": str,
        },
        "pk": "id",
        "foreign_keys": [("acts_for", "parties", "id"), ("state_id", "parties", "id")],
        "not_null": {"kind", "name", "state_id"},
    },
    "party_facts": {
        "columns": {
            "id": str,
            "party_id": str,
            "kind": str,
            "count": int,
            "agreement_type": str,
            "as_of": str,
            "as_of_precision": str,
        },
        "pk": "id",
        "foreign_keys": [("party_id", "parties", "id")],
    },
    "subjects": {
        "columns": {"id": str, "label": str, "broader": str, "note": str},
        "pk": "id",
        "foreign_keys": [("broader", "subjects", "id")],
    },
    "agreements": {
        "columns": {
            "id": str,
            "short_name": str,
            "title": str,
            "kind": str,
            "level": str,
            "first_date": str,
            "last_date": str,
            "party_count": int,
            "provision_count": int,
            "event_count": int,
            "note": str,
            "source_file": str,
            "record_json": str,
        },
        "pk": "id",
        "not_null": {"short_name", "title", "kind", "source_file", "record_json"},
    },
    "agreement_status_periods": {
        "columns": {
            "agreement_id": str,
            "valid_from": str,
            "valid_to": str,
            "status": str,
            "deciding_events": str,
        },
        "pk": ("agreement_id", "valid_from"),
        "foreign_keys": [("agreement_id", "agreements", "id")],
    },
    "agreement_names": {
        "columns": {"agreement_id": str, "name": str},
        "pk": ("agreement_id", "name"),
        "foreign_keys": [("agreement_id", "agreements", "id")],
    },
    "agreement_parties": {
        "columns": {"agreement_id": str, "party_id": str, "role": str, "state_id": str},
        "pk": ("agreement_id", "party_id", "role"),
        "foreign_keys": [
            ("agreement_id", "agreements", "id"),
            ("party_id", "parties", "id"),
            ("state_id", "parties", "id"),
        ],
    },
    "signatories": {
        "columns": {
            "id": str,
            "agreement_id": str,
            "person": str,
            "office": str,
            "party_id": str,
            "signed": str,
            "signed_precision": str,
        },
        "pk": "id",
        "foreign_keys": [("agreement_id", "agreements", "id"), ("party_id", "parties", "id")],
    },
    "relations": {
        "columns": {"agreement_id": str, "kind": str, "other_agreement_id": str, "note": str},
        "pk": ("agreement_id", "kind", "other_agreement_id"),
        "foreign_keys": [("agreement_id", "agreements", "id"), ("other_agreement_id", "agreements", "id")],
    },
    "events": {
        "columns": {
            "id": str,
            "agreement_id": str,
            "event_id": str,
            "kind": str,
            "status": str,
            "date": str,
            "precision": str,
            "latest_date": str,
            "as_written": str,
            "resolved_against": str,
            "party_id": str,
            "place": str,
            "round": int,
            "approving_body": str,
            "causes": str,
            "actors": str,
            "status_after": str,
            "note": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("agreement_id", "agreements", "id"),
            ("party_id", "parties", "id"),
            ("resolved_against", "documents", "id"),
        ],
    },
    "provisions": {
        "columns": {
            "id": str,
            "agreement_id": str,
            "provision_id": str,
            "kind": str,
            "label": str,
            "summary": str,
            "basis": str,
            "binds": str,
            "asserted_by": str,
            "asserted_by_office": str,
            "asserted_by_party": str,
            "disputes": str,
            "note": str,
            "quotes": str,
            "data": str,
            "record_json": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("agreement_id", "agreements", "id"),
            ("disputes", "provisions", "id"),
            ("asserted_by_party", "parties", "id"),
        ],
    },
    "provision_routes": {
        "columns": {
            "id": str,
            "provision_id": str,
            "agreement_id": str,
            "n": int,
            "origin": str,
            "hub": str,
            "via": str,
            "destination": str,
            "onward_approval_by": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("provision_id", "provisions", "id"),
            ("agreement_id", "agreements", "id"),
            ("origin", "parties", "id"),
            ("hub", "parties", "id"),
            ("destination", "parties", "id"),
            ("onward_approval_by", "parties", "id"),
        ],
    },
    "provision_subjects": {
        "columns": {"provision_id": str, "subject_id": str, "agreement_id": str},
        "pk": ("provision_id", "subject_id"),
        "foreign_keys": [
            ("provision_id", "provisions", "id"),
            ("subject_id", "subjects", "id"),
            ("agreement_id", "agreements", "id"),
        ],
    },
    "citations": {
        "columns": {
            "id": int,
            "agreement_id": str,
            "owner_type": str,
            "owner_id": str,
            "field": str,
            "record_path": str,
            "document_id": str,
            "quote": str,
            "paragraph": int,
            "clean_start": int,
            "clean_end": int,
            "raw_start": int,
            "raw_end": int,
        },
        "pk": "id",
        "foreign_keys": [("agreement_id", "agreements", "id"), ("document_id", "documents", "id")],
        "not_null": {"owner_type", "owner_id", "document_id", "quote"},
    },
    "build_info": {
        "columns": {
            "id": int,
            "build_id": str,
            "schema_version": int,
            "built_at": str,
            "content_hash": str,
            "pactstore_version": str,
            "counts": str,
        },
        "pk": "id",
    },
}

INDEXES: list[tuple[str, list[str]]] = [
    ("agreement_status_periods", ["status", "valid_from"]),
    ("agreement_parties", ["party_id"]),
    ("agreement_parties", ["state_id"]),
    ("events", ["agreement_id", "latest_date"]),
    ("events", ["kind"]),
    ("events", ["party_id"]),
    ("events", ["latest_date"]),
    ("provisions", ["agreement_id"]),
    ("provisions", ["kind", "agreement_id"]),
    ("provision_routes", ["agreement_id"]),
    ("provision_subjects", ["subject_id"]),
    ("citations", ["owner_type", "owner_id"]),
    ("citations", ["agreement_id"]),
    ("citations", ["document_id"]),
    ("signatories", ["agreement_id"]),
    ("relations", ["other_agreement_id"]),
    ("document_blocks", ["document_id", "kept"]),
    ("agreements", ["kind"]),
    ("agreements", ["first_date"]),
    ("parties", ["state_id"]),
]

FULL_TEXT: dict[str, list[str]] = {
    "documents": ["title", "clean_text"],
    "provisions": ["label", "summary", "quotes"],
}


def create_tables(db: sqlite_utils.Database) -> None:
    for name, spec in TABLES.items():
        db[name].create(  # type: ignore[union-attr]
            spec["columns"],
            pk=spec["pk"],
            foreign_keys=spec.get("foreign_keys"),
            not_null=spec.get("not_null"),
        )
