"""What the store holds, for the landing page: counts, the agreements with their status today, the documents."""

from __future__ import annotations

import datetime
from collections import defaultdict

import msgspec

from api.domain.freshness import freshness, stored_evidence
from api.domain.models import StatusPeriod
from api.domain.records import status_periods
from api.domain.status import period_on
from api.pages.links import record_json
from api.pages.vocabulary import date_label
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
    """The date the status began, as precisely as it is known (`2012`, `2016-11-23`)."""
    certain: bool
    """False when a step with an imprecise date may have changed the status by then."""
    qualifiers: tuple[str, ...]
    """What hangs over the status on the day, in words ("termination notice pending, to take effect on ...")."""
    freshness: str | None
    """Said when the day lies beyond the latest fact the store holds on the agreement."""


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


def qualifiers(period: StatusPeriod | None) -> tuple[str, ...]:
    """The status rule's qualifiers of a stored period, in words."""
    if period is None:
        return ()
    found = []
    if not period.certain:
        found.append(f"may have changed: {', '.join(period.may_have_changed)}")
    pending = period.termination_pending
    if pending is not None:
        when = f"to take effect on {pending.takes_effect_on}" if pending.takes_effect_on else "its effect not dated"
        found.append(f"termination notice pending, {when}")
    if period.notice_suspended is not None:
        found.append("termination notice suspended")
    if period.provisionally_applied:
        found.append("applied provisionally")
    return tuple(found)


def agreement_rows(db: Snapshot, on: datetime.date) -> list[AgreementRow]:
    """Every agreement, earliest first, with its parties, its status on `on` with its qualifiers (the
    status rule's stored periods) and how far the store's evidence on it reaches."""
    parties = {r["id"]: r["short_name"] or r["name"] for r in db.rows("select id, name, short_name from parties")}
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r in db.rows("select agreement_id, party_id, role from agreement_parties order by agreement_id, rowid"):
        roles[r["agreement_id"]].setdefault(r["party_id"], []).append(r["role"])
    agreements = db.rows(
        "select id, short_name, title, kind from agreements order by first_date is null, first_date, id"
    )
    ids = [a["id"] for a in agreements]
    periods = status_periods(db, ids)
    evidence = stored_evidence(db, ids)
    rows = []
    for a in agreements:
        aid = a["id"]
        period = period_on(periods[aid], on)
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
                status=period.status if period else "unknown",
                since=period.since if period else None,
                certain=period.certain if period else True,
                qualifiers=qualifiers(period),
                freshness=freshness(evidence[aid], on),
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
            url=record_json("documents", d["id"]),
            publisher=d["publisher"],
            publisher_note=d["publisher_note"] or "",
            paraphrase=d["attribution"] if d["text_kind"] == "paraphrase" else None,
            published=d["published"],
            published_label=date_label(datetime.date.fromisoformat(d["published"]), d["published_precision"], None)
            if d["published"]
            else "undated",
            cited=cited.get(d["id"], 0),
        )
        for d in db.rows(
            "select id, title, publisher, publisher_note, text_kind, attribution, published, published_precision "
            "from documents "
            "order by published desc, id"
        )
    ]
