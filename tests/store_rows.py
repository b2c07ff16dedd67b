"""Rows of the built store that the record tests read: the citations of a fact, an event, the relations."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def cited(db: sqlite_utils.Database, agreement: str, owner: str, owner_type: str = "provision") -> set[tuple[str, str]]:
    """(language, unit) of every citation of one provision (or, with `owner_type="event"`, one event)."""
    rows = db.query(
        "select language, unit_id from citations where agreement_id = ? and owner_type = ? and owner_id = ?",
        [agreement, owner_type, f"{agreement}.{owner}"],
    )
    return {(r["language"], r["unit_id"]) for r in rows}


def event(db: sqlite_utils.Database, agreement: str, event_id: str) -> dict[str, Any]:
    (row,) = db.query("select * from events where agreement_id = ? and event_id = ?", [agreement, event_id])
    return row


def relations(db: sqlite_utils.Database, agreement: str) -> set[tuple[str, str]]:
    """(kind, other agreement) of every relation the agreement's record states."""
    rows = db.query("select kind, other_agreement_id from relations where agreement_id = ?", [agreement])
    return {(r["kind"], r["other_agreement_id"]) for r in rows}
