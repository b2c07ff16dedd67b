"""The domain layer (api/domain/): free of the web framework, one status rule behind every status
answer, and the graph of channels built from the sharing rule."""

from __future__ import annotations

import ast
import datetime
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from api.domain.graph import share_graph
from api.domain.models import StatusPeriod
from api.domain.query import connect
from api.domain.records import status_periods
from api.domain.sharing import evaluate
from api.domain.status import LATEST, period_on, status_on
from loaders.builder import BuildResult
from schema.agreements import Agreement
from tests.conftest import ROOT

DOMAIN = ROOT / "api" / "domain"
ALLOWED = ("api.domain", "api.settings", "schema", "loaders")
"""What the domain may import of ours: itself, the settings, the types, and the loaders' build it finishes."""


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


OURS = ("api", "schema", "loaders", "cli")


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_the_domain_imports_no_web_framework(path: Path) -> None:
    imports = _imports(path)
    assert not {i for i in imports if i.split(".")[0] in ("litestar", "datasette", "uvicorn", "jinja2")}
    ours = {i for i in imports if i.split(".")[0] in OURS}
    outside = {i for i in ours if not any(i == a or i.startswith(a + ".") for a in ALLOWED)}
    assert not outside, f"{path.name} imports the web layer: {sorted(outside)}"


def test_importing_the_whole_domain_loads_no_web_framework() -> None:
    modules = [f"api.domain.{p.stem}" for p in sorted(DOMAIN.glob("*.py")) if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('litestar', 'datasette')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _agreements(built: BuildResult) -> list[Agreement]:
    db = connect(built.path)
    return [
        msgspec.json.decode(r["record_json"], type=Agreement) for r in db.rows("select record_json from agreements")
    ]


def _stored(periods: list[StatusPeriod], day: datetime.date) -> tuple[object, ...]:
    found = period_on(periods, day)
    if found is None:
        return ("unknown", True, [], None, None)
    pending = found.termination_pending.notice if found.termination_pending else None
    held = found.notice_suspended.notice if found.notice_suspended else None
    return (found.status, found.certain, found.may_have_changed, pending, held)


def _ruled(agreement: Agreement, day: datetime.date) -> tuple[object, ...]:
    result = status_on(agreement, day)
    pending = result.termination_pending.notice if result.termination_pending else None
    held = result.notice_suspended.notice if result.notice_suspended else None
    return (result.status, result.certain, [c.event or c.kind for c in result.may_have_changed], pending, held)


def test_stored_periods_answer_as_the_status_rule_does(built: BuildResult) -> None:
    db = connect(built.path)
    for agreement in _agreements(built):
        periods = status_periods(db, [agreement.id])[agreement.id]
        dates = [w for e in agreement.events for w in (e.when, e.takes_effect) if w is not None]
        days = {w.date for w in dates} | {w.latest() for w in dates}
        for day in sorted(days | {d + datetime.timedelta(days=n) for d in days for n in (-1, 1)}):
            assert _stored(periods, day) == _ruled(agreement, day), (agreement.id, day)
        if periods:
            assert _stored(periods, LATEST)[0] == status_on(agreement, LATEST).status


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("on", [None, datetime.date(2015, 6, 30), datetime.date(2016, 11, 20)])
def test_every_graph_edge_is_the_sharing_rules_answer(built: BuildResult, on: datetime.date | None) -> None:
    db = connect(built.path)
    graph = share_graph(db, on)
    when = on or LATEST
    assert graph.direct or graph.routes
    for edge in graph.direct:
        answer = evaluate(db, edge.a, edge.b, when)
        if edge.category == "in_force":
            assert (edge.agreement_id, "direct") in {(c.agreement.id, c.route) for c in answer.channels}
        else:
            reasons = {(c.agreement.id, c.reason, c.status) for c in answer.considered}
            assert (edge.agreement_id, "not_in_force", edge.status) in reasons
            assert edge.status in ("initialled", "signed")
    for route in graph.routes:
        answer = evaluate(db, route.path[0], route.path[-1], when)
        if route.category == "in_force":
            assert (route.agreement_id, "via_hub") in {(c.agreement.id, c.route) for c in answer.channels}
        else:
            assert (route.agreement_id, "not_in_force") in {(c.agreement.id, c.reason) for c in answer.considered}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_the_graph_by_the_latest_known_status(built: BuildResult) -> None:
    graph = share_graph(connect(built.path))
    direct = {(e.agreement_id, frozenset((e.a, e.b))): e for e in graph.direct}
    # The 2016 pact between Seoul and Tokyo is in force (its termination notice withdrawn in 2023).
    gsomia = direct[("jpn-kor-gsomia-2016", frozenset(("jpn", "kor")))]
    assert (gsomia.category, gsomia.status, gsomia.since) == ("in_force", "in_force", "2016-11-23")
    # The trilateral arrangement routes information through Washington and gives no direct channel.
    assert not [e for e in graph.direct if e.agreement_id == "jpn-kor-usa-tisa-2014"]
    routes = {(r.agreement_id, r.path): r for r in graph.routes}
    assert routes[("jpn-kor-usa-tisa-2014", ("kor", "usa", "jpn"))].category == "in_force"
    assert {"jpn", "kor", "usa"} <= set(graph.states)


def test_the_cli_asks_the_domain_only() -> None:
    tree = ast.parse((ROOT / "cli.py").read_text())
    sharing = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "sharing")
    used = {n.module for n in ast.walk(sharing) if isinstance(n, ast.ImportFrom) and n.module}
    assert "api.domain.sharing" in used
    assert all(m.startswith("api.domain.") for m in used if m.startswith("api")), used


def test_the_timeline_holds_every_agreement_its_dated_events_and_its_status(built: BuildResult) -> None:
    from api.domain.timeline import statuses_on, timeline

    db = connect(built.path)
    lives = timeline(db)
    assert sorted(a.id for a in lives) == sorted(r["id"] for r in db.rows("select id from agreements"))
    dated = {
        (r[0], r[1])
        for r in db.rows("select agreement_id, event_id from events where status = 'occurred' and date is not null")
    }
    assert {(a.id, e.event_id) for a in lives for e in a.events} == dated
    firsts = [a.events[0].date for a in lives if a.events]
    assert firsts == sorted(firsts)
    assert all(e.date <= e.latest for a in lives for e in a.events)
    on = datetime.date(2015, 6, 30)
    statuses = statuses_on(db, on)
    for agreement in _agreements(built):
        stored = statuses[agreement.id]
        assert (stored.status if stored else "unknown") == status_on(agreement, on).status
