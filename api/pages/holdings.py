"""What the store holds, for the landing page: counts, the agreements with their status today, the documents."""

from __future__ import annotations

import datetime
from collections import defaultdict
from urllib.parse import quote

import msgspec

from api.pages.links import agreement_page
from api.pages.vocabulary import date_label
from api.settings import API_PREFIX, DATA_PREFIX, DATASETTE_DATABASE
from api.store import Snapshot

COUNTED = ("agreements", "provisions", "events", "parties", "documents", "citations")


class PartyRoles(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    roles: tuple[str, ...]
    """Roles other than `party` (intermediary, depositary)."""


class AgreementRow(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    short_name: str
    title: str
    kind: str
    parties: tuple[PartyRoles, ...]
    status: str
    since: str | None
    page_url: str
    api_url: str
    data_url: str


class DocumentItem(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    url: str
    publisher: str | None
    publisher_note: str
    paraphrase: str | None
    """The attribution of a curator's paraphrase ("curator's paraphrase of ..."), else None."""
    published: str
    published_label: str
    cited: int


def counts(db: Snapshot) -> list[tuple[str, int]]:
    # Fixed table names only: COUNTED is a constant tuple, never user input.
    return [(table, int(db.value(f"select count(*) from {table}"))) for table in COUNTED]


def agreement_rows(db: Snapshot, on: datetime.date) -> list[AgreementRow]:
    """Every agreement, earliest first, with its parties and its status on `on`."""
    parties = {r["id"]: r["short_name"] or r["name"] for r in db.rows("select id, name, short_name from parties")}
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r in db.rows("select agreement_id, party_id, role from agreement_parties order by agreement_id, rowid"):
        roles[r["agreement_id"]].setdefault(r["party_id"], []).append(r["role"])
    status = {
        r["agreement_id"]: (r["status"], r["valid_from"])
        for r in db.rows(
            "select agreement_id, status, valid_from from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to)",
            (on.isoformat(), on.isoformat()),
        )
    }
    rows = []
    for a in db.rows("select id, short_name, title, kind from agreements order by first_date is null, first_date, id"):
        aid = a["id"]
        current, since = status.get(aid, ("unknown", None))
        rows.append(
            AgreementRow(
                id=aid,
                short_name=a["short_name"],
                title=a["title"],
                kind=a["kind"],
                parties=tuple(
                    PartyRoles(label=parties.get(party, party), roles=tuple(r for r in party_roles if r != "party"))
                    for party, party_roles in roles.get(aid, {}).items()
                ),
                status=current,
                since=since,
                page_url=agreement_page(aid),
                api_url=f"{API_PREFIX}/agreements/{quote(aid)}",
                data_url=f"{DATA_PREFIX}/{DATASETTE_DATABASE}/agreements/{quote(aid)}",
            )
        )
    return rows


def document_items(db: Snapshot) -> list[DocumentItem]:
    """Every source document, newest first, with how often the records cite it."""
    cited = {r[0]: r[1] for r in db.rows("select document_id, count(*) from citations group by document_id")}
    return [
        DocumentItem(
            id=d["id"],
            title=d["title"],
            url=f"{API_PREFIX}/documents/{quote(d['id'])}",
            publisher=d["publisher"],
            publisher_note=d["publisher_note"] or "",
            paraphrase=d["attribution"] if d["text_kind"] == "paraphrase" else None,
            published=d["published"],
            published_label=date_label(d["published"], d["published_precision"], None) if d["published"] else "undated",
            cited=cited.get(d["id"], 0),
        )
        for d in db.rows(
            "select id, title, publisher, publisher_note, text_kind, attribution, published, published_precision "
            "from documents "
            "order by published desc, id"
        )
    ]
