"""List counts are computed once per build and filter, and a new build starts with none."""

from __future__ import annotations

import datetime

from api.domain import agreements
from api.store import Store
from loaders.builder import BuildResult


def _counted(store: Store, filters: agreements.AgreementFilters) -> tuple[int, list[str]]:
    snapshot = store.snapshot()
    statements: list[str] = []
    snapshot.connection.set_trace_callback(statements.append)
    try:
        _items, total = agreements.list_agreements(snapshot, filters, datetime.date(2017, 1, 1), "id", 5, 0)
    finally:
        snapshot.connection.set_trace_callback(None)
    return total, [s for s in statements if s.lower().startswith("select count(*)")]


def test_a_filter_is_counted_once_per_build(built: BuildResult) -> None:
    store = Store(built.path)
    in_force = agreements.AgreementFilters(in_force_on=datetime.date(2017, 1, 1))
    total, counts = _counted(store, in_force)
    assert counts, "the first page of a filter counts its rows"
    again, recounted = _counted(store, in_force)
    assert again == total
    assert recounted == []
    # Another filter has its own count; the first one stays cached.
    everything, counted_all = _counted(store, agreements.AgreementFilters())
    assert counted_all
    assert everything >= total
    assert _counted(store, in_force) == (total, [])
    # A store on a new build (here: opened anew) counts again.
    assert _counted(Store(built.path), in_force)[1]
