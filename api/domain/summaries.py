"""Agreements as lists show them: assembled by the build once for every span of dates over which an
agreement's summary stays the same, read by lists for the date asked about.

A summary depends on the date only through the stored status period that holds on it (api/domain/status.py)
and through whether the date lies beyond the latest fact the store holds (api/domain/freshness.py). So the
date line of each agreement splits into spans at the periods' bounds and the day after its latest fact, and
the summary is the same on every day of a span: the build assembles it on the span's first day and stores
it as JSON with its CSV row (`agreement_summaries`); a list reads the span that holds its date. `assemble`
is the one assembly path.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator, Sequence

import msgspec

from api.domain import csv_rows, records
from api.domain.csv_rows import StoredRow
from api.domain.freshness import Evidence, evidence_out, freshness, stored_evidence
from api.domain.models import AgreementSummary, StatusPeriod
from api.domain.query import Database, Where, placeholders
from api.domain.status import period_on

_decoder = msgspec.json.Decoder(AgreementSummary)
_HEADER = csv_rows.columns(AgreementSummary)
_SPAN_ON = "valid_from <= ? and (valid_to is null or ? < valid_to)"


def assemble(
    row: sqlite3.Row, parties: list[str], period: StatusPeriod | None, evidence: Evidence | None, on: datetime.date
) -> AgreementSummary:
    """An agreement as lists show it on `on`: its status then (certain or not, with the notices that hang
    over it) from the stored period that holds, and how far the store's evidence on it reaches."""
    return records.convert(
        row,
        AgreementSummary,
        parties=parties,
        status=period.status if period else "unknown",
        status_since=period.since if period else None,
        status_certain=period.certain if period else True,
        may_have_changed=period.may_have_changed if period else [],
        termination_pending=period.termination_pending if period else None,
        notice_suspended=period.notice_suspended if period else None,
        provisionally_applied=period.provisionally_applied if period else None,
        evidence_until=evidence_out(evidence),
        freshness=freshness(evidence, on),
        url=records.url("agreements", row["id"]),
    )


def span_starts(periods: Sequence[StatusPeriod], evidence: Evidence | None) -> list[datetime.date]:
    """The first days of the spans over which the summary cannot change: the earliest date, each period's
    bounds and the day after the latest fact."""
    starts = {datetime.date.min}
    starts.update(p.valid_from for p in periods)
    starts.update(p.valid_to for p in periods if p.valid_to is not None)
    if evidence is not None and evidence.latest < datetime.date.max:
        starts.add(evidence.latest + datetime.timedelta(days=1))
    return sorted(starts)


def _parties(db: Database, ids: Sequence[str]) -> dict[str, list[str]]:
    parties: dict[str, list[str]] = {i: [] for i in ids}
    for row in db.rows(
        f"select distinct agreement_id, party_id from agreement_parties "
        f"where agreement_id in ({placeholders(ids)}) order by agreement_id, rowid",
        tuple(ids),
    ):
        parties[row["agreement_id"]].append(row["party_id"])
    return parties


def span_rows(db: Database, rows: Sequence[sqlite3.Row]) -> Iterator[tuple[str, str, str | None, bytes, bytes]]:
    """The `agreement_summaries` rows of some agreements (the build writes them): each span's first day,
    the first day of the next (None for the last), the summary as JSON and as its CSV row."""
    ids = [row["id"] for row in rows]
    periods, evidence, parties = records.status_periods(db, ids), stored_evidence(db, ids), _parties(db, ids)
    for row in rows:
        aid = row["id"]
        spans: list[tuple[datetime.date, bytes, AgreementSummary]] = []
        for day in span_starts(periods[aid], evidence[aid]):
            summary = assemble(row, parties[aid], period_on(periods[aid], day), evidence[aid], day)
            body = msgspec.json.encode(summary)
            if not spans or spans[-1][1] != body:
                spans.append((day, body, summary))
        for n, (day, body, summary) in enumerate(spans):
            until = spans[n + 1][0].isoformat() if n + 1 < len(spans) else None
            yield aid, day.isoformat(), until, body, csv_rows.line(summary, _HEADER)


def stored(db: Database, ids: Sequence[str], on: datetime.date) -> list[StoredRow]:
    """The summaries of these agreements on `on` as the build stored them, in the order of `ids`."""
    if not ids:
        return []
    day = on.isoformat()
    found = {
        r["agreement_id"]: StoredRow(msgspec.Raw(r["body"]), r["csv"])
        for r in db.rows(
            f"select agreement_id, body, csv from agreement_summaries "
            f"where agreement_id in ({placeholders(ids)}) and {_SPAN_ON}",
            (*ids, day, day),
        )
    }
    return [found[i] for i in ids]


def listed(
    db: Database, where: Where, *, order_by: str, limit: int, offset: int, on: datetime.date
) -> tuple[list[StoredRow], int]:
    """A page of the agreements `where` keeps, each as the build stored it for `on` (the rows and their spans
    in one query), and how many match."""
    day = on.isoformat()
    total = db.count(f"select count(*) from agreements {where.sql}", where.params)
    rows = db.rows(
        "select span.body, span.csv from agreements join agreement_summaries span on span.agreement_id = agreements.id "
        f"and span.valid_from <= ? and (span.valid_to is null or ? < span.valid_to) {where.sql} "
        f"order by {order_by} limit ? offset ?",
        [day, day, *where.params, limit, offset],
    )
    return [StoredRow(msgspec.Raw(r["body"]), r["csv"]) for r in rows], total


def agreement_summaries(db: Database, rows: Sequence[sqlite3.Row], on: datetime.date) -> list[AgreementSummary]:
    """The summaries of the agreements of `rows` on `on`, decoded (for answers that embed them)."""
    return [_decoder.decode(s.body) for s in stored(db, [row["id"] for row in rows], on)]
