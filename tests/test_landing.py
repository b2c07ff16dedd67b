"""The landing page at `/`: links, counts and tables read from the database, and the two SVG
pictures (timeline, who-shares-with-whom graph) drawn from it. Expected values are computed from
the database in the test, never written down, so the tests hold as records are added.

The pictures are checked as drawn: each chart's template rendered over its layout, the same
partial the page includes (and the page's copy is checked to be that one).

The graph groups what the sharing rule finds pair by pair, so the channels it shows are read back
from the drawing as the legend explains it: a line between two nodes stands for every pair of its
agreements' parties among the two nodes, a box for every pair of its agreement's parties among the
nodes its spokes reach, and a node of a group of states holds the organisation party with it (its
`data-parties`). The expected channels are computed from the database alone, pair by pair."""

from __future__ import annotations

import datetime
import html
import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import markupsafe
import msgspec
import pytest
import sqlite_utils
from litestar import Litestar

from api.app import create_app
from api.pages.landing import landing_context, landing_page
from api.pages.share_graph import share_graph_chart
from api.pages.share_graph_data import EdgeCategory, share_graph_data
from api.pages.share_graph_edges import EDGE_STYLES
from api.pages.templating import render
from api.pages.timeline import timeline_chart
from api.pages.timeline_data import timeline_data
from api.store import Snapshot, Store
from loaders.builder import BuildResult
from loaders.tables import create_tables
from tests.conftest import build_seeds as build

LINKS = [
    "/schema/swagger",
    "/schema/openapi.json",
    "/data/",
    "/api/v1/agreements.csv",
    "/api/v1/provisions.csv",
    "/api/v1/events.csv",
    "/api/v1/parties.csv",
    "/api/v1/documents.csv",
]
COUNTED = ["agreements", "provisions", "events", "parties", "documents", "citations"]
DRAWN = {"in_force", "signed", "initialled"}  # statuses that give a channel in the graph
COORDINATES = {"x", "y", "cx", "cy", "r", "rx", "width", "height", "x1", "x2", "y1", "y2"}
SVG_NS = "http://www.w3.org/2000/svg"


def timeline_svg(db: Snapshot) -> str:
    return render("charts/timeline.svg", {"timeline": timeline_chart(timeline_data(db))})


def share_graph_svg(db: Snapshot, on: datetime.date | None = None) -> str:
    return render("charts/share_graph.svg", {"graph": share_graph_chart(share_graph_data(db, on))})


def render_landing(db: Snapshot, on: datetime.date | None = None) -> str:
    return render("landing.html", landing_context(db, on))


def make_app(path: Path) -> Litestar:
    """The real app; the landing page is added unless the route table already has it."""
    app = create_app(path)
    if not any(route.path == "/" for route in app.routes):
        app.register(landing_page)
    return app


@pytest.fixture(scope="module")
def landing_app(built: BuildResult) -> Litestar:
    return make_app(built.path)


@pytest.fixture
async def client(landing_app: Litestar) -> Any:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=landing_app), base_url="http://test") as http:
        yield http


@pytest.fixture
async def page(client: httpx.AsyncClient) -> str:
    response = await client.get("/")
    assert response.status_code == 200
    return response.text


@pytest.fixture(scope="module")
def snapshot(built: BuildResult) -> Snapshot:
    return Store(built.path).snapshot()


# --- helpers -----------------------------------------------------------------------------------


def svgs(html_text: str) -> dict[str, ET.Element]:
    """The page's inline SVGs by class, each parsed as XML (a parse error fails the test)."""
    found = {}
    for match in re.finditer(r"<svg\b.*?</svg>", html_text, re.S):
        root = ET.fromstring(match.group(0))
        found[root.get("class", "")] = root
    return found


def local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def title_of(element: ET.Element) -> str:
    title = element.find(f"{{{SVG_NS}}}title")
    assert title is not None, f"no <title> in {element.attrib}"
    return title.text or ""


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", text)]


def check_geometry(root: ET.Element) -> None:
    """Every coordinate is a finite number, and every absolute position lies inside the viewBox."""
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width > 0
    assert height > 0
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in COORDINATES or name in ("d", "points"):
                lowered = value.lower()
                assert "nan" not in lowered, (name, value)
                assert "inf" not in lowered, (name, value)
                found = numbers(value)
                assert found, (name, value)
                assert all(math.isfinite(v) for v in found), (name, value)
        if local(element) in ("marker", "svg") or element.get("viewBox"):
            continue
        for name in ("x", "cx", "x1", "x2"):
            if name in element.attrib:
                assert -1 <= float(element.attrib[name]) <= width + 1, (local(element), name, element.attrib)
        for name in ("y", "cy", "y1", "y2"):
            if name in element.attrib:
                assert -1 <= float(element.attrib[name]) <= height + 1, (local(element), name, element.attrib)


def centre_x(event: ET.Element) -> float:
    """The x of a point event's glyph (not of its 'on or before' whisker)."""
    for child in event:
        kind, cls = local(child), child.get("class") or ""
        if kind == "title" or "tl-before" in cls:
            continue
        if kind == "circle":
            return float(child.attrib["cx"])
        if kind == "rect":
            return float(child.attrib["x"]) + float(child.attrib["width"]) / 2
        if kind == "polygon":
            xs = numbers(child.attrib["points"])[0::2]
            return sum(xs) / len(xs)
        if kind == "path":
            values = numbers(child.attrib["d"])
            return (values[0] + values[2]) / 2
    raise AssertionError(f"no glyph in {event.attrib}")


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {table: db.execute(f"select count(*) from {table}").fetchone()[0] for table in COUNTED}


def dated_events(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    rows = db.execute(
        "select agreement_id, event_id from events where status = 'occurred' and date is not null"
    ).fetchall()
    return {(a, e) for a, e in rows}


def expected_direct(db: sqlite_utils.Database, on: datetime.date | None) -> set[tuple[str, frozenset[str], str]]:
    """(agreement, pair of states, status) for every direct channel, computed independently of the page:
    both states are parties to an agreement initialled, signed or in force, and the agreement does not
    route exchanges through a hub (an agreement with a hub gives only its routes, for any pair)."""
    status = statuses(db, on)
    hubs = {aid for (aid,) in db.execute("select distinct agreement_id from provision_routes")}
    return {
        (aid, frozenset(pair), status[aid])
        for aid, states in members(db).items()
        if status.get(aid) in DRAWN and aid not in hubs
        for pair in itertools.combinations(sorted(states), 2)
    }


def statuses(db: sqlite_utils.Database, on: datetime.date | None) -> dict[str, str]:
    """Every agreement's status on `on` (None: its latest known status), from the stored periods."""
    if on is None:
        rows = db.execute("select agreement_id, status from agreement_status_periods where valid_to is null")
    else:
        day = on.isoformat()
        rows = db.execute(
            "select agreement_id, status from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to)",
            [day, day],
        )
    return dict(rows.fetchall())


def members(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Agreement -> the states party to it."""
    found: dict[str, set[str]] = {}
    for aid, state in db.execute("select agreement_id, state_id from agreement_parties where role = 'party'"):
        found.setdefault(aid, set()).add(state)
    return found


def group_pacts(db: sqlite_utils.Database, on: datetime.date | None) -> dict[str, str]:
    """Agreement -> its only party, a group of states, for those initialled, signed or in force: its
    members share among themselves, which no pair of listed states stands for."""
    status = statuses(db, on)
    kind = dict(db.execute("select id, kind from parties").fetchall())
    return {
        aid: next(iter(states))
        for aid, states in members(db).items()
        if len(states) == 1 and kind.get(next(iter(states))) == "group" and status.get(aid) in DRAWN
    }


def node_parties(graph: ET.Element) -> dict[str, set[str]]:
    """Node -> the parties drawn in it."""
    return {g.get("data-state", ""): set((g.get("data-parties") or "").split()) for g in by_class(graph, "sg-node")}


def drawn_direct(graph: ET.Element, db: sqlite_utils.Database) -> set[tuple[str, frozenset[str], str]]:
    """Every direct channel the drawing stands for (see the module's docstring): a line's, for every
    pair of its agreements' parties among its two nodes; a box's, for every pair among its nodes."""
    parties, member = node_parties(graph), members(db)

    def pairs(aid: str, nodes: list[str]) -> list[frozenset[str]]:
        among = set().union(*(parties[n] for n in nodes)) & member.get(aid, set())
        return [frozenset(pair) for pair in itertools.combinations(sorted(among), 2)]

    edges = {
        (aid, pair, status)
        for g in by_class(graph, "sg-direct")
        for aid, status in zip(
            (g.get("data-agreements") or "").split(), (g.get("data-statuses") or "").split(), strict=True
        )
        for pair in pairs(aid, [g.get("data-from", ""), g.get("data-to", "")])
    }
    hubs = {
        (g.get("data-agreement", ""), pair, g.get("data-status", ""))
        for g in by_class(graph, "sg-multi")
        for pair in pairs(g.get("data-agreement", ""), (g.get("data-nodes") or "").split())
    }
    return edges | hubs


def lines_of(graph: ET.Element, agreement: str) -> list[ET.Element]:
    """The lines that stand for the agreement (among others, perhaps)."""
    return [g for g in by_class(graph, "sg-direct") if agreement in (g.get("data-agreements") or "").split()]


# --- the page ---------------------------------------------------------------------------------


async def test_page_is_html(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in text
    assert text.count("<h1>") == 1
    assert text.rstrip().endswith("</html>")


async def test_page_links_everywhere_it_promises(page: str, client: httpx.AsyncClient, landing_app: Litestar) -> None:
    for link in LINKS:
        assert f'href="{link}"' in page, link
    mounted = {route.path for route in landing_app.routes}
    for link in LINKS:
        if link == "/data/" and "/data" not in mounted:
            continue  # Datasette is mounted by the app, not by this page
        response = await client.get(link, follow_redirects=True)
        assert response.status_code == 200, link


async def test_stylesheet_is_served(page: str, client: httpx.AsyncClient) -> None:
    href = re.search(r'<link rel="stylesheet" href="([^"]+)">', page)
    assert href is not None
    assert href.group(1) == "/static/pactstore/landing.css"
    response = await client.get(href.group(1))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert ".timeline" in response.text or "figure.picture" in response.text


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_self_contained_and_csp_ready(page: str) -> None:
    """No script, no inline style, no resource from another host: `default-src 'self'` suffices."""
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<style" not in lowered
    assert " style=" not in lowered
    assert "javascript:" not in lowered
    assert re.search(r"\son[a-z]+=", lowered) is None  # no inline event handlers
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {SVG_NS}, urls  # the SVG namespace name is an identifier, never fetched
    assert "//" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', page)).replace("/data/", "")


async def test_counts_come_from_the_database(page: str, db: sqlite_utils.Database) -> None:
    shown = {name: int(value.replace(",", "")) for name, value in re.findall(r'data-count="(\w+)">([\d,]+)<', page)}
    assert shown == counts(db)
    build_id, built_at = db.execute("select build_id, built_at from build_info").fetchone()
    assert f"<code>{build_id}</code>" in page
    assert f'<time datetime="{built_at}">' in page


async def test_agreements_table_has_one_row_per_agreement(
    page: str, db: sqlite_utils.Database, client: httpx.AsyncClient
) -> None:
    table = re.search(r'<table class="agreements">(.*?)</table>', page, re.S)
    assert table is not None
    assert "<caption>" in table.group(1)
    rows = re.findall(r'<tr data-agreement="([^"]+)">(.*?)</tr>', table.group(1), re.S)
    ids = [r[0] for r in db.execute("select id from agreements").fetchall()]
    assert sorted(r[0] for r in rows) == sorted(ids)
    listed = (await client.get("/api/v1/agreements", params={"limit": 200})).json()["items"]
    status = {item["id"]: item["status"] for item in listed}
    names = dict(db.execute("select id, short_name from agreements").fetchall())
    for aid, cells in rows:
        assert f'href="/api/v1/agreements/{aid}"' in cells
        assert f'href="/data/pactstore/agreements/{aid}"' in cells
        assert f">{names[aid]}</a>" in cells
        shown = re.search(r'class="status status-([a-z_]+)"', cells)
        assert shown is not None
        assert shown.group(1) == status[aid], aid  # the same status today as the API's


async def test_documents_are_listed_with_their_outlets(page: str, db: sqlite_utils.Database) -> None:
    documents = db.execute("select id, title, publisher from documents").fetchall()
    assert documents
    listed = re.findall(r'<li data-document="([^"]+)">(.*?)</li>', page, re.S)
    assert sorted(d for d, _ in listed) == sorted(d for d, _, _ in documents)
    items = dict(listed)
    for doc, title, outlet in documents:
        assert f'href="/api/v1/documents/{doc}"' in items[doc]
        assert title in html.unescape(items[doc])
        assert (outlet or "publisher not named") in html.unescape(items[doc])


async def test_pictures_are_accessible(page: str) -> None:
    pictures = svgs(page)
    assert set(pictures) == {"timeline", "share-graph"}
    for root in pictures.values():
        assert root.get("role") == "img"
        labelled = (root.get("aria-labelledby") or "").split()
        ids = {el.get("id") for el in root.iter()}
        assert labelled
        assert set(labelled) <= ids
        assert local(root[0]) == "title"
        assert root.find(f"{{{SVG_NS}}}desc") is not None


# --- the timeline -----------------------------------------------------------------------------


async def test_timeline_in_page_is_the_drawn_one(page: str, snapshot: Snapshot) -> None:
    assert ET.tostring(svgs(page)["timeline"]) == ET.tostring(ET.fromstring(timeline_svg(snapshot)))


def test_timeline_has_a_row_per_agreement_and_a_marker_per_dated_event(
    snapshot: Snapshot, db: sqlite_utils.Database
) -> None:
    root = ET.fromstring(timeline_svg(snapshot))
    rows = by_class(root, "tl-row")
    ids = [r[0] for r in db.execute("select id from agreements").fetchall()]
    assert sorted(row.get("data-agreement") for row in rows) == sorted(ids)
    drawn = [
        (row.get("data-agreement"), event.get("data-event")) for row in rows for event in by_class(row, "tl-event")
    ]
    assert len(drawn) == len(by_class(root, "tl-event"))  # every marker sits in its agreement's row
    assert (
        len(drawn)
        == db.execute("select count(*) from events where status = 'occurred' and date is not null").fetchone()[0]
    )
    assert set(drawn) == dated_events(db)
    check_geometry(root)


def test_timeline_markers_tell_kind_date_and_precision(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    root = ET.fromstring(timeline_svg(snapshot))
    facts = {
        (a, e): (kind, date, precision, latest, written)
        for a, e, kind, date, precision, latest, written in db.execute(
            "select agreement_id, event_id, kind, date, precision, latest_date, as_written from events "
            "where status = 'occurred' and date is not null"
        )
    }
    for row in by_class(root, "tl-row"):
        for event in by_class(row, "tl-event"):
            kind, date, precision, latest, written = facts[(row.get("data-agreement"), event.get("data-event"))]
            tip = title_of(event)
            assert kind.replace("_", " ") in tip.lower()
            assert f"precision: {precision.replace('_', ' ')}" in tip
            if written:
                assert f"“{written}”" in tip
            span = [el for el in event if "tl-span" in (el.get("class") or "")]
            if precision in ("week", "month", "year") or (latest and latest != date):
                assert len(span) == 1, (event.attrib, "an imprecise date is a span")
                assert float(span[0].attrib["width"]) > 0
            else:
                assert not span, (event.attrib, "a day is a point")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_timeline_axis_is_shared_and_in_date_order(snapshot: Snapshot) -> None:
    """Point events on a later day sit further right, whichever rows they are in."""
    root = ET.fromstring(timeline_svg(snapshot))
    points = [
        (event.get("data-date", ""), centre_x(event))
        for event in by_class(root, "tl-event")
        if "tl-imprecise" not in (event.get("class") or "")
    ]
    assert len(points) >= 2
    for (day_a, x_a), (day_b, x_b) in itertools.combinations(points, 2):
        if day_a == day_b:
            assert abs(x_a - x_b) < 0.05, (day_a, x_a, x_b)
        elif day_a < day_b:
            assert x_a < x_b, (day_a, day_b, x_a, x_b)
        else:
            assert x_a > x_b, (day_a, day_b, x_a, x_b)


def test_timeline_axis_labels_years_of_the_events(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    root = ET.fromstring(timeline_svg(snapshot))
    labelled = {int(t.text or "0") for t in by_class(root, "tl-year")}
    first, last = db.execute(
        "select min(date), max(latest_date) from events where status = 'occurred' and date is not null"
    ).fetchone()
    assert int(first[:4]) in labelled
    assert int(last[:4]) in labelled
    years = sorted(labelled)
    xs = [float(t.attrib["x"]) for t in sorted(by_class(root, "tl-year"), key=lambda t: int(t.text or "0"))]
    assert xs == sorted(xs)
    if any(b - a > 2 for a, b in itertools.pairwise(years)):
        assert by_class(root, "tl-break"), "a long run of empty years is folded into a break"


def timeline_groups(root: ET.Element) -> list[tuple[str, str, list[str]]]:
    """The timeline's groups in order: (heading, tooltip, the agreements of its rows in order)."""
    found = []
    for group in by_class(root, "tl-group"):
        (heading,) = by_class(group, "tl-group-heading")
        text = heading.find(f"{{{SVG_NS}}}text")
        assert text is not None
        found.append(
            (text.text or "", title_of(heading), [r.get("data-agreement", "") for r in by_class(group, "tl-row")])
        )
    return found


def test_timeline_rows_are_grouped_by_who_the_agreements_are_between(
    snapshot: Snapshot, db: sqlite_utils.Database
) -> None:
    """Every row is in one group; agreements between the same parties share a group, and their rows are
    together in it; a group's tooltip names every party of its rows; an agreement with an organisation or a
    group of states as a party is in a group headed by one of those; a group headed "X and one other state"
    holds only bilateral agreements of X's."""
    groups = timeline_groups(ET.fromstring(timeline_svg(snapshot)))
    assert groups
    group_of = {aid: n for n, (_, _, rows) in enumerate(groups) for aid in rows}
    assert sorted(aid for _, _, rows in groups for aid in rows) == sorted(group_of)  # each row once
    names = dict(db.execute("select id, coalesce(short_name, name) from parties").fetchall())
    kind = dict(db.execute("select id, kind from parties").fetchall())
    party = members(db)
    by_parties: dict[frozenset[str], set[int]] = {}
    for aid, states in party.items():
        by_parties.setdefault(frozenset(states), set()).add(group_of[aid])
    assert all(len(found) == 1 for found in by_parties.values()), by_parties
    for heading, tip, rows in groups:
        for aid in rows:
            for state in party.get(aid, set()):
                assert names[state] in tip, (heading, aid, state)
            blocs = {names[p] for p in party.get(aid, set()) if kind[p] != "state"}
            if blocs:
                assert any(name in heading for name in blocs), (heading, aid)
        runs = [between for between, _ in itertools.groupby(frozenset(party.get(aid, ())) for aid in rows)]
        assert len(runs) == len(set(runs)), (heading, "the rows of agreements between the same parties are together")
        hub = re.fullmatch(r"(.+) and one other state", heading)
        if hub:
            for aid in rows:
                assert len(party[aid]) == 2, (heading, aid)
                assert hub.group(1) in {names[s] for s in party[aid]}, (heading, aid)


def test_timeline_rows_are_named(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    """A row's label is the agreement's short name, on one line or two, cut with "…" only where it runs
    over; its tooltip and its link give the whole name and the agreement's page."""
    root = ET.fromstring(timeline_svg(snapshot))
    short = dict(db.execute("select id, short_name from agreements").fetchall())
    for row in by_class(root, "tl-row"):
        aid = row.get("data-agreement", "")
        link = row.find(f"{{{SVG_NS}}}a")
        assert link is not None
        assert link.get("href") == f"/agreements/{aid}"
        assert title_of(link) == short[aid]
        (label,) = by_class(link, "tl-label")
        lines = [label.text or "", *(t.text or "" for t in label.iter(f"{{{SVG_NS}}}tspan"))]
        assert 1 <= len(lines) <= 2
        shown = " ".join(lines)
        if shown.endswith("…"):
            assert short[aid].startswith(shown[:-1].rstrip()), (shown, short[aid])
        else:
            assert shown == short[aid]


def test_status_bands_follow_the_status_periods(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    root = ET.fromstring(timeline_svg(snapshot))
    for row in by_class(root, "tl-row"):
        aid = row.get("data-agreement")
        expected = [
            s
            for (s,) in db.execute(
                "select status from agreement_status_periods where agreement_id = ? order by valid_from", [aid]
            )
        ]
        assert [band.get("data-status") for band in by_class(row, "tl-band")] == expected


# --- the graph --------------------------------------------------------------------------------


async def test_graph_in_page_is_the_drawn_one(page: str, snapshot: Snapshot) -> None:
    assert ET.tostring(svgs(page)["share-graph"]) == ET.tostring(ET.fromstring(share_graph_svg(snapshot)))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_graph_nodes_are_the_parties_with_a_channel(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    """The graph answers who can share with whom: its nodes hold exactly the parties with a channel in
    force or on its way (direct, through a hub, or among a group's members); every other party to an
    agreement is named beside it."""
    graph = ET.fromstring(share_graph_svg(snapshot))
    parties = node_parties(graph)
    assert {"kor", "jpn", "usa"} <= set(parties)
    routed = {
        s
        for aid, origin, hub, destination in db.execute(
            "select r.agreement_id, o.state_id, h.state_id, d.state_id from provision_routes r "
            "join parties o on o.id = r.origin join parties h on h.id = r.hub join parties d on d.id = r.destination"
        )
        if statuses(db, None).get(aid) in DRAWN
        for s in (origin, hub, destination)
    }
    with_channel = {s for _, pair, _ in expected_direct(db, None) for s in pair} | routed
    with_channel |= set(group_pacts(db, None).values())
    drawn = set().union(*parties.values())
    assert drawn == with_channel
    assert sum(len(p) for p in parties.values()) == len(drawn), "a party is drawn in one node only"
    kind = dict(db.execute("select id, kind from parties").fetchall())
    together = {frozenset(states) for states in members(db).values() if {kind[s] for s in states if kind[s] != "state"}}
    for node, held in parties.items():
        assert node in held
        if len(held) > 1:  # a group with the organisation party with it to some agreement
            assert kind[node] == "group"
            assert all(any({node, other} <= t for t in together) for other in held - {node}), held
    labels = dict(db.execute("select id, coalesce(short_name, name) from parties").fetchall())
    for g in by_class(graph, "sg-node"):
        text = " ".join(t.text or "" for t in g.iter(f"{{{SVG_NS}}}tspan"))
        assert text == labels[g.get("data-state")]
    everyone = {s for states in members(db).values() for s in states}
    page = html.unescape(render_landing(snapshot))
    note = re.search(r"<p class=\"undrawn\" data-undrawn>(.*?)</p>", page, re.S)
    named = note.group(1) if note else ""
    for party in everyone - drawn:
        assert labels[party] in named, party
    for party in drawn:
        assert f" {labels[party]}," not in f" {named.partition(': ')[2][:-1]},", party
    check_geometry(graph)


def test_graph_shows_pacts_among_a_groups_members(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    """An agreement whose only party is a group of states is a box joined to the group's node."""
    graph = ET.fromstring(share_graph_svg(snapshot))
    boxes = {g.get("data-agreement"): g for g in by_class(graph, "sg-multi")}
    node_of = {p: node for node, held in node_parties(graph).items() for p in held}
    for aid, group in group_pacts(db, None).items():
        assert boxes[aid].get("data-within") == "true"
        assert (boxes[aid].get("data-nodes") or "").split() == [node_of[group]]
        assert len([el for el in boxes[aid] if local(el) == "path"]) == 1  # one spoke, to the group


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_graph_routes_through_the_hub_with_the_approval_rule(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    graph = ET.fromstring(share_graph_svg(snapshot))
    routes = {g.get("data-path"): g for g in by_class(graph, "sg-route")}
    assert "kor usa jpn" in routes
    state_of = dict(db.execute("select id, state_id from parties").fetchall())
    names = dict(db.execute("select id, coalesce(short_name, name) from parties").fetchall())
    for aid, origin, hub, destination, approver in db.execute(
        "select agreement_id, origin, hub, destination, onward_approval_by from provision_routes"
    ):
        path = f"{state_of[origin]} {state_of[hub]} {state_of[destination]}"
        route = routes[path]
        assert route.get("data-agreement") == aid
        legs = [el for el in route if local(el) == "path"]
        assert len(legs) == 2
        assert all(leg.get("marker-end") == "url(#share-arrow)" for leg in legs)
        tip = title_of(route)
        assert "approval" in tip
        assert names[approver] in tip
    assert graph.find(f".//{{{SVG_NS}}}marker[@id='share-arrow']") is not None


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_graph_direct_edges(snapshot: Snapshot, db: sqlite_utils.Database) -> None:
    graph = ET.fromstring(share_graph_svg(snapshot))
    assert drawn_direct(graph, db) == expected_direct(db, None)
    gsomia = lines_of(graph, "jpn-kor-gsomia-2016")
    assert len(gsomia) == 1
    edge = gsomia[0]
    assert {edge.get("data-from"), edge.get("data-to")} == {"kor", "jpn"}
    shown = dict(
        zip((edge.get("data-agreements") or "").split(), (edge.get("data-statuses") or "").split(), strict=True)
    )
    assert shown["jpn-kor-gsomia-2016"] == "in_force"  # by its latest known status
    line = next(el for el in edge if local(el) == "path")
    assert not line.get("stroke-dasharray")
    assert "GSOMIA" in title_of(edge)
    assert "GSOMIA" in [t.text for t in by_class(graph, "sg-edge-label")]
    for g in by_class(graph, "sg-direct"):
        dashed = next(el for el in g if local(el) == "path").get("stroke-dasharray") is not None
        in_force = {status == "in_force" for status in (g.get("data-statuses") or "").split()}
        assert in_force == {not dashed}, "a line stands for pacts in force, or for pacts not yet in force"
    # The trilateral arrangement routes Seoul–Tokyo through Washington: no direct channel drawn for it.
    assert not [
        g for g in lines_of(graph, "jpn-kor-usa-tisa-2014") if {g.get("data-from"), g.get("data-to")} == {"kor", "jpn"}
    ]
    # Several pacts between two nodes are one line of each category, labelled by their count.
    pairs = [(g.get("data-from"), g.get("data-to"), g.get("data-category")) for g in by_class(graph, "sg-direct")]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("on", [datetime.date(2010, 1, 1), datetime.date(2015, 6, 1), datetime.date(2016, 11, 20)])
def test_graph_on_a_date(snapshot: Snapshot, db: sqlite_utils.Database, on: datetime.date) -> None:
    graph = ET.fromstring(share_graph_svg(snapshot, on=on))
    assert drawn_direct(graph, db) == expected_direct(db, on)
    assert on.isoformat() in title_of(graph)
    day = on.isoformat()
    routing = {
        aid
        for (aid,) in db.execute(
            "select distinct r.agreement_id from provision_routes r join agreement_status_periods p "
            "on p.agreement_id = r.agreement_id where p.valid_from <= ? and (p.valid_to is null or ? < p.valid_to) "
            "and p.status in ('in_force', 'signed', 'initialled')",
            [day, day],
        )
    }
    assert {g.get("data-agreement") for g in by_class(graph, "sg-route")} == routing
    check_geometry(graph)


# --- it follows the data ----------------------------------------------------------------------

QUOTE = {
    "doc": "oslo-times-2014-12-26",
    "quote": "The US has separate, bilateral intelligence-sharing agreement both with South Korea and Japan",
}
AWKWARD_NAME = "<Test> \"pact\" & 'co'"


def new_agreement(agreement_id: str) -> str:
    record = {
        "id": agreement_id,
        "short_name": AWKWARD_NAME,
        "title": "A made-up pact between China and the United States, to test the landing page",
        "kind": {"value": "agreement", "citations": [QUOTE]},
        "parties": [
            {"party": "chn", "roles": ["party"], "citations": [QUOTE]},
            {"party": "usa", "roles": ["party"], "citations": [QUOTE]},
        ],
        "events": [
            {
                "id": "signed",
                "kind": "signing",
                "when": {"date": "1950-01-01", "precision": "year"},
                "citations": [QUOTE],
            },
            {"id": "in-force", "kind": "entry_into_force", "when": {"date": "1951-05-02"}, "citations": [QUOTE]},
            {
                "id": "talks",
                "kind": "negotiation",
                "status": "planned",
                "when": {"date": "1949-03-01"},
                "citations": [QUOTE],
            },
        ],
        "citations": [QUOTE],
    }
    return json.dumps(record, ensure_ascii=False, indent=2)  # JSON is YAML


def test_a_new_record_shows_up_in_both_pictures(seeds_copy: Path, tmp_path: Path) -> None:
    aid = "chn-usa-test-pact-1950"
    (seeds_copy / "agreements" / f"{aid}.yaml").write_text(new_agreement(aid), encoding="utf-8")
    result = build(seeds_copy, tmp_path / "copy.db")
    db = sqlite_utils.Database(result.path)
    snapshot = Store(result.path).snapshot()

    timeline = ET.fromstring(timeline_svg(snapshot))
    rows = {row.get("data-agreement"): row for row in by_class(timeline, "tl-row")}
    assert aid in rows
    assert len(rows) == db.execute("select count(*) from agreements").fetchone()[0]
    assert {e.get("data-event") for e in by_class(rows[aid], "tl-event")} == {"signed", "in-force"}
    assert len(by_class(timeline, "tl-event")) == len(dated_events(db))
    # Both of its years are on the axis (a crowded axis labels only every other year).
    chart = timeline_chart(timeline_data(snapshot))
    assert chart.axis is not None
    assert {1950, 1951} <= {tick.year for tick in chart.axis.years}
    assert {1950, 1951} & {int(t.text or "0") for t in by_class(timeline, "tl-year")}
    assert [t.text for t in rows[aid].iter(f"{{{SVG_NS}}}text") if "tl-label" in (t.get("class") or "")] == [
        AWKWARD_NAME
    ]
    check_geometry(timeline)

    graph = ET.fromstring(share_graph_svg(snapshot))
    assert {"chn", "usa"} <= {g.get("data-state") for g in by_class(graph, "sg-node")}
    assert (aid, frozenset(("chn", "usa")), "in_force") in drawn_direct(graph, db)
    assert drawn_direct(graph, db) == expected_direct(db, None)
    assert AWKWARD_NAME in [t.text for t in by_class(graph, "sg-edge-label")]
    check_geometry(graph)

    html_text = render_landing(snapshot)
    assert "<Test>" not in html_text
    assert str(markupsafe.escape(AWKWARD_NAME)) in html_text  # &lt;Test&gt; &#34;pact&#34; &amp; &#39;co&#39;
    assert set(svgs(html_text)) == {"timeline", "share-graph"}


async def test_a_rebuilt_database_is_served_without_a_restart(seeds_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "served.db"
    build(seeds_copy, path)
    app = make_app(path)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        before = (await http.get("/")).text
        aid = "chn-usa-test-pact-1950"
        (seeds_copy / "agreements" / f"{aid}.yaml").write_text(new_agreement(aid), encoding="utf-8")
        build(seeds_copy, path)
        after = (await http.get("/")).text
    assert f'data-agreement="{aid}"' not in before
    assert f'<tr data-agreement="{aid}">' in after
    assert after.count(f'data-agreement="{aid}"') >= 2  # table row, timeline row
    assert re.search(rf'data-agreements="[^"]*\b{aid}\b', after)  # a line of the graph


# --- edge cases, on small hand-made databases -------------------------------------------------


def _record(agreement: str, members: list[tuple[str, str]], events: list[tuple[str, ...]]) -> str:
    """A minimal agreement record (as the builder stores it) with the parties and events given; parties
    are padded to the two a record needs with ids no party row has (so they are never drawn)."""
    cited = [{"doc": "tiny", "quote": "written for this test"}]
    states = [s for a, s in members if a == agreement]
    states += ["zz-pad-one", "zz-pad-two"][: max(0, 2 - len(states))]
    parties = [{"party": s, "roles": ["party"], "citations": cited} for s in states]
    dated = [
        {"id": e, "kind": kind, "when": {"date": date, "precision": precision}, "citations": cited}
        for a, e, kind, date, precision, _latest in events
        if a == agreement and date
    ]
    record = {"id": agreement, "short_name": agreement, "title": agreement, "citations": cited, "events": dated}
    record |= {"kind": {"value": "agreement", "citations": cited}, "parties": parties}
    return json.dumps(record)


def tiny_db(
    path: Path,
    *,
    agreements: list[str] = (),  # type: ignore[assignment]
    events: list[tuple[str, str, str, str | None, str, str | None]] = (),  # type: ignore[assignment]
    periods: list[tuple[str, str, str | None, str]] = (),  # type: ignore[assignment]
    members: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Snapshot:
    """A database with only the rows given: events are (agreement, id, kind, date, precision, latest),
    periods (agreement, from, to, status), members (agreement, state)."""
    db = sqlite_utils.Database(path)
    create_tables(db)
    states = sorted({s for _, s in members})
    if states:
        db["parties"].insert_all([{"id": s, "kind": "state", "name": s.upper(), "state_id": s} for s in states])
    if agreements:
        db["agreements"].insert_all(
            [
                {
                    "id": a,
                    "short_name": a,
                    "title": a,
                    "kind": "agreement",
                    "source_file": "x",
                    "record_json": _record(a, members, events),
                }
                for a in agreements
            ]
        )
    if events:
        db["events"].insert_all(
            [
                {
                    "id": f"{a}.{e}",
                    "agreement_id": a,
                    "event_id": e,
                    "kind": kind,
                    "status": "occurred" if date else "planned",
                    "date": date,
                    "precision": precision,
                    "latest_date": latest or date,
                }
                for a, e, kind, date, precision, latest in events
            ]
        )
    if periods:
        db["agreement_status_periods"].insert_all(
            [{"agreement_id": a, "valid_from": f, "valid_to": t, "status": s} for a, f, t, s in periods]
        )
    if members:
        db["agreement_parties"].insert_all(
            [{"agreement_id": a, "party_id": s, "role": "party", "state_id": s} for a, s in members]
        )
    db["build_info"].insert(
        {
            "id": 1,
            "build_id": "tiny",
            "schema_version": 1,
            "built_at": "2020-01-01T00:00:00+00:00",
            "content_hash": "0",
            "pactstore_version": "0",
            "counts": "{}",
        }
    )
    db.close()
    return Store(path).snapshot()


def render_all(snapshot: Snapshot) -> Iterator[ET.Element]:
    html_text = render_landing(snapshot, on=datetime.date(2020, 1, 1))
    pictures = svgs(html_text)
    assert set(pictures) == {"timeline", "share-graph"}
    for root in pictures.values():
        check_geometry(root)
        yield root


def test_an_empty_database(tmp_path: Path) -> None:
    timeline, graph = render_all(tiny_db(tmp_path / "empty.db"))
    assert not by_class(timeline, "tl-row")
    assert not by_class(graph, "sg-node")


def test_a_single_event(tmp_path: Path) -> None:
    snapshot = tiny_db(
        tmp_path / "one.db",
        agreements=["pa"],
        events=[("pa", "ev", "entry_into_force", "2001-02-03", "day", None)],
        periods=[("pa", "2001-02-03", None, "in_force")],
        members=[("pa", "xxa"), ("pa", "xxb")],
    )
    timeline, graph = render_all(snapshot)
    assert len(by_class(timeline, "tl-row")) == 1
    assert len(by_class(timeline, "tl-event")) == 1
    assert [t.text for t in by_class(timeline, "tl-year")] == ["2001"]
    assert drawn_direct(graph, sqlite_utils.Database(tmp_path / "one.db")) == {
        ("pa", frozenset(("xxa", "xxb")), "in_force")
    }


def test_agreements_without_dated_events_and_far_apart_years(tmp_path: Path) -> None:
    snapshot = tiny_db(
        tmp_path / "sparse.db",
        agreements=["old", "new", "undated"],
        events=[
            ("old", "signed", "signing", "1600-01-01", "year", "1600-12-31"),
            ("new", "initialled", "initialling", "2016-11-14", "day", None),
            ("new", "asked", "legal_review", "2016-11-12", "on_or_before", None),
            ("undated", "planned", "signing", None, "day", None),
        ],
        periods=[("old", "1600-12-31", None, "signed"), ("new", "2016-11-14", None, "initialled")],
        members=[("old", "xxa"), ("old", "xxb"), ("new", "xxa"), ("new", "xxc"), ("undated", "xxb")],
    )
    timeline, graph = render_all(snapshot)
    rows = {row.get("data-agreement"): row for row in by_class(timeline, "tl-row")}
    assert set(rows) == {"old", "new", "undated"}
    assert not by_class(rows["undated"], "tl-event")
    assert "no dated events" in "".join(rows["undated"].itertext())
    headed = {aid: (heading, tip) for heading, tip, group in timeline_groups(timeline) for aid in group}
    assert headed["undated"] == ("XXB", "Party: XXB"), "an agreement with one state party is grouped under it"
    assert "XXA" in headed["old"][0]
    assert "XXB" in headed["old"][0]
    assert len(by_class(timeline, "tl-event")) == 3
    assert by_class(timeline, "tl-break")
    assert {1600, 2016} <= {int(t.text or "0") for t in by_class(timeline, "tl-year")}
    assert by_class(timeline, "tl-before"), "'on or before' is drawn with its whisker"
    assert drawn_direct(graph, sqlite_utils.Database(tmp_path / "sparse.db")) == {
        ("old", frozenset(("xxa", "xxb")), "signed"),
        ("new", frozenset(("xxa", "xxc")), "initialled"),
    }
    assert len(by_class(graph, "sg-node")) == 3


# --- the templates and the chart's data interface ---------------------------------------------


def test_templates_are_autoescaped(landing_app: Litestar) -> None:
    """Jinja escapes every template the app renders, whatever its extension."""
    environment = landing_app.template_engine.engine  # type: ignore[union-attr]
    for name in ("page.html", "chart.svg", "part.j2"):
        autoescape = environment.autoescape
        assert autoescape is True or autoescape(name) is True, name
    rendered = environment.from_string("{{ value }}").render(value="<b>&'\"")
    assert rendered == str(markupsafe.escape("<b>&'\""))


def test_a_new_edge_category_needs_only_data(tmp_path: Path) -> None:
    """A channel category the layout has never seen (the domain layer's "not yet in force", say) is drawn and
    listed in the legend from the data alone: its key on the edge, its label in the categories."""
    snapshot = tiny_db(
        tmp_path / "category.db",
        agreements=["pa", "pb"],
        events=[("pa", "sg", "signing", "2001-02-03", "day", None), ("pb", "sg", "signing", "2003-04-05", "day", None)],
        periods=[("pa", "2001-02-03", None, "signed"), ("pb", "2003-04-05", None, "signed")],
        members=[("pa", "xxa"), ("pa", "xxb"), ("pb", "xxb"), ("pb", "xxc")],
    )
    data = share_graph_data(snapshot)
    waiting = EdgeCategory(key="not_yet_in_force", label="direct, not yet in force: signed, awaiting ratification")
    novel = EdgeCategory(key="under_review_by_a_court", label="a category no layout knows")
    relabelled = msgspec.structs.replace(
        data,
        direct=(
            msgspec.structs.replace(data.direct[0], category=waiting.key),
            msgspec.structs.replace(data.direct[1], category=novel.key),
        ),
        categories=(*data.categories, waiting, novel),
    )
    graph = ET.fromstring(render("charts/share_graph.svg", {"graph": share_graph_chart(relabelled)}))
    legend = [t.text for t in graph.iter(f"{{{SVG_NS}}}text") if t.text in (waiting.label, novel.label)]
    assert legend == [waiting.label, novel.label]
    edges = {g.get("data-category"): g for g in by_class(graph, "sg-direct")}
    assert set(edges) == {waiting.key, novel.key}
    assert "sg-not-yet-in-force" in (edges[waiting.key].get("class") or "").split()
    for edge in edges.values():
        line = next(el for el in edge if local(el) == "path")
        assert line.get("stroke-dasharray"), "a channel not in force is dashed"
        assert line.get("stroke") != EDGE_STYLES["in_force"].colour
    check_geometry(graph)


def test_a_pact_among_three_or_more_states_is_one_box(tmp_path: Path) -> None:
    """Whatever its category: one in force among five, one signed among three; a bilateral stays a line."""
    states = ["xxa", "xxb", "xxc", "xxd", "xxe"]
    snapshot = tiny_db(
        tmp_path / "many.db",
        agreements=["many", "three", "two"],
        events=[
            ("many", "in-force", "entry_into_force", "2001-02-03", "day", None),
            ("three", "signed", "signing", "2001-06-07", "day", None),
            ("two", "signed", "signing", "2002-03-04", "day", None),
        ],
        periods=[
            ("many", "2001-02-03", None, "in_force"),
            ("three", "2001-06-07", None, "signed"),
            ("two", "2002-03-04", None, "signed"),
        ],
        members=[
            *(("many", s) for s in states),
            *(("three", s) for s in ("xxa", "xxf", "xxg")),
            ("two", "xxa"),
            ("two", "xxf"),
        ],
    )
    timeline, graph = render_all(snapshot)
    boxes = {g.get("data-agreement"): g for g in by_class(graph, "sg-multi")}
    assert set(boxes) == {"many", "three"}
    assert sorted((boxes["many"].get("data-members") or "").split()) == states
    assert len([el for el in boxes["many"] if local(el) == "path"]) == len(states)  # a spoke per member
    assert len([el for el in boxes["three"] if local(el) == "path"]) == 3
    assert boxes["three"].get("data-status") == "signed"
    (label,) = [g for g in by_class(graph, "sg-hub") if g.get("data-agreement") == "many"]
    assert [t.text for t in by_class(label, "sg-hub-label")] == ["many"]
    assert {g.get("data-agreements") for g in by_class(graph, "sg-direct")} == {"two"}
    db = sqlite_utils.Database(tmp_path / "many.db")
    assert drawn_direct(graph, db) == expected_direct(db, None)
    caption = render_landing(snapshot, on=datetime.date(2020, 1, 1))
    assert "each with every other" in caption
    assert len(by_class(timeline, "tl-row")) == 3
