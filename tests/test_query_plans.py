"""Every list query reads its table through an index: the plans SQLite chooses, read with EXPLAIN QUERY PLAN.

The list functions of the domain run on the built database with a trace of the statements they send; each
statement's plan must not scan a table row by row (`SCAN <table>` without an index). Sorting the rows an
index found (`USE TEMP B-TREE FOR ORDER BY`) is allowed: a filter narrows them first."""

from __future__ import annotations

import datetime
import re
import sqlite3
from collections.abc import Callable, Iterator

import pytest

from api.domain import agreements, documents, events, provisions
from api.domain.query import Database
from loaders.builder import BuildResult

_BARE_SCAN = re.compile(r"^SCAN (\w+)$")


@pytest.fixture
def traced(built: BuildResult) -> Iterator[tuple[Database, list[str]]]:
    connection = sqlite3.connect(f"file:{built.path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    yield Database(connection), statements
    connection.close()


def _party_and_kind(db: Database) -> tuple[str, str]:
    party = db.value("select party_id from agreement_parties where role = 'party' order by agreement_id limit 1")
    kind = db.value("select kind from provisions order by id limit 1")
    return party, kind


LISTS: dict[str, Callable[[Database, str, str], object]] = {
    "agreements of a party in force on a date": lambda db, party, _kind: agreements.list_agreements(
        db, agreements.AgreementFilters(party=[party], status=["in_force"]), datetime.date(2017, 1, 1), "id", 50, 0
    ),
    "agreements in force on a date": lambda db, _party, _kind: agreements.list_agreements(
        db, agreements.AgreementFilters(in_force_on=datetime.date(2017, 1, 1)), datetime.date(2017, 1, 1), "id", 50, 0
    ),
    **{
        f"every agreement by {sort}": lambda db, _party, _kind, sort=sort: agreements.list_agreements(
            db, agreements.AgreementFilters(), datetime.date(2017, 1, 1), sort, 50, 0
        )
        for sort in agreements.ORDER
    },
    "provisions of a kind": lambda db, _party, kind: provisions.list_provisions(
        db, provisions.ProvisionFilters(kind=[kind]), 50, 0
    ),
    "provisions of a party": lambda db, party, _kind: provisions.list_provisions(
        db, provisions.ProvisionFilters(party=[party]), 50, 0
    ),
    "every event": lambda db, _party, _kind: events.list_events(db, events.EventFilters(), 50, 0),
    "events of a party": lambda db, party, _kind: events.list_events(db, events.EventFilters(party=[party]), 50, 0),
    "every document": lambda db, _party, _kind: documents.list_documents(db, None, 50, 0),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_list_queries_read_through_an_index(traced: tuple[Database, list[str]], name: str) -> None:
    db, statements = traced
    party, kind = _party_and_kind(db)
    statements.clear()
    LISTS[name](db, party, kind)
    queries = [s for s in statements if s.lstrip().lower().startswith("select")]
    assert queries, "the list ran no query"
    db.connection.set_trace_callback(None)
    for sql in queries:
        plan = [row[3] for row in db.connection.execute(f"explain query plan {sql}")]
        scans = [step for step in plan if _BARE_SCAN.match(step)]
        assert not scans, f"{name}: {sql[:200]} scans {scans} (plan {plan})"
