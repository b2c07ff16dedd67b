"""The database layout: every table's columns, keys and indexes, in one readable place.

Datasette and the API both read these tables; `metadata.yml` describes them for people.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from loaders.search_index import SEARCH_TABLES
from loaders.source_tables import DOCUMENT_TABLES, TEXT_TABLES

TableSpec = dict[str, Any]

TABLES: dict[str, TableSpec] = {
    **DOCUMENT_TABLES,
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
    "party_members": {
        "columns": {"party_id": str, "member_id": str},
        "pk": ("party_id", "member_id"),
        "foreign_keys": [("party_id", "parties", "id"), ("member_id", "parties", "id")],
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
            "as_of_as_written": str,
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
            "record": str,
            "kind": str,
            "level": str,
            "first_date": str,
            "last_date": str,
            "first_date_as_written": str,
            "last_date_as_written": str,
            "parties": str,
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
    **TEXT_TABLES,
    "agreement_status_periods": {
        "columns": {
            "agreement_id": str,
            "valid_from": str,
            "valid_to": str,
            "status": str,
            "certain": int,
            "since": str,
            "deciding_events": str,
            "may_have_changed": str,
            "termination_pending": str,
            "notice_suspended": str,
            "provisionally_applied": str,
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
            "signed_as_written": str,
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
            "date_as_written": str,
            "as_written": str,
            "resolved_against": str,
            "party_id": str,
            "place": str,
            "round": int,
            "approving_body": str,
            "causes": str,
            "actors": str,
            "status_after": str,
            "takes_effect": str,
            "takes_effect_precision": str,
            "channel": str,
            "form": str,
            "notices": str,
            "condition": str,
            "reserved_right": str,
            "asserted_by": str,
            "disputes": str,
            "preferred": int,
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
    "text_ledger": {
        "columns": {
            "agreement_id": str,
            "text_id": str,
            "unit_id": str,
            "provisions": str,
            "no_terms": str,
        },
        "pk": ("agreement_id", "text_id", "unit_id"),
        "foreign_keys": [("agreement_id", "agreements", "id"), ("text_id", "texts", "id")],
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
            "text_id": str,
            "language": str,
            "instrument": str,
            "unit_id": str,
            "unit_label": str,
            "quote": str,
            "text_kind": str,
            "attribution": str,
            "cited_as": str,
            "paragraph": int,
            "clean_start": int,
            "clean_end": int,
            "raw_start": int,
            "raw_end": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("agreement_id", "agreements", "id"),
            ("document_id", "documents", "id"),
            ("text_id", "texts", "id"),
        ],
        "not_null": {"owner_type", "owner_id", "quote", "text_kind", "attribution", "cited_as"},
    },
    "agreement_details": {
        "columns": {"agreement_id": str, "body": bytes},
        "pk": "agreement_id",
        "foreign_keys": [("agreement_id", "agreements", "id")],
    },
    "agreement_summaries": {
        "columns": {"agreement_id": str, "valid_from": str, "valid_to": str, "body": bytes, "csv": bytes},
        "pk": ("agreement_id", "valid_from"),
        "foreign_keys": [("agreement_id", "agreements", "id")],
    },
    "sharing_terms": {
        "columns": {"agreement_id": str, "body": bytes},
        "pk": "agreement_id",
        "foreign_keys": [("agreement_id", "agreements", "id")],
    },
    "provision_details": {
        "columns": {"provision_id": str, "body": bytes},
        "pk": "provision_id",
        "foreign_keys": [("provision_id", "provisions", "id")],
    },
    **SEARCH_TABLES,
    "build_info": {
        "columns": {
            "id": int,
            "build_id": str,
            "schema_version": int,
            "built_at": str,
            "content_hash": str,
            "pactstore_version": str,
            "counts": str,
            "partial": int,
            "missing_sources": str,
            "left_out": str,
            "source_fingerprint": str,
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
    ("citations", ["text_id", "language", "unit_id"]),
    ("signatories", ["agreement_id"]),
    ("relations", ["other_agreement_id"]),
    ("document_blocks", ["document_id", "kept"]),
    ("agreements", ["kind"]),
    ("agreements", ["first_date"]),
    ("parties", ["state_id"]),
    ("parties", ["iso_alpha2"]),
    ("parties", ["iso_alpha3"]),
    ("party_members", ["member_id"]),
    ("search_entries", ["fts_index", "kind"]),
]

ORDER_INDEXES = (
    # The unfiltered lists' own orders (api/domain/events.py, documents.py), so a page reads the index in order.
    "create index if not exists idx_events_timeline on events((date is null), date, agreement_id)",
    "create index if not exists idx_documents_newest on documents(published desc, id)",
    # Every sort of the agreement list (api/domain/agreements.py, ORDER).
    "create index if not exists idx_agreements_short_name on agreements(short_name, id)",
    "create index if not exists idx_agreements_short_name_desc on agreements(short_name desc, id)",
    "create index if not exists idx_agreements_first_date_asc on agreements((first_date is null), first_date, id)",
    "create index if not exists idx_agreements_first_date_desc "
    "on agreements((first_date is null), first_date desc, id)",
    "create index if not exists idx_agreements_last_date_asc on agreements((last_date is null), last_date, id)",
    "create index if not exists idx_agreements_last_date_desc on agreements((last_date is null), last_date desc, id)",
)
"""Indexes on expressions and descending columns, which sqlite-utils' `create_index` cannot write."""

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
