"""The pages as a person sees them, in a real browser.

Headless Chromium (Debian's `chromium`, which `make test` installs with .ci/install-browser when it is
missing) driven by Playwright's Python package using that system browser (Playwright never downloads a
browser here), against the real server (`pactstore serve`) over the database built from the seeds. Each
page is checked for what a person would see, and for console errors, uncaught page errors, failed requests,
HTTP errors and requests to any host but the server. With PACTSTORE_SCREENSHOTS=1, a full-page screenshot of
each page (and of each chart alone) is saved under build/screenshots/ for a person to look at; they check
nothing, and took ~18 s of the module's 61 s, so a plain run takes none.

The browser reaches the server as http://pactstore.test:PORT, a name Chromium maps to 127.0.0.1, so the
pages are seen as on a deployed host: a script that only calls out when it is not on localhost (Swagger UI's
validator badge did) is caught. Every other name is unresolvable and every other request goes to a proxy
that does not exist, so nothing leaves the machine: such a request fails, and is reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    sync_playwright,
)

from api.security import PAGE_CSP
from loaders.builder import BuildResult
from loaders.yamlfile import read_yaml
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("PACTSTORE_SCREENSHOTS") == "1"


def screenshot(target: Page | Locator, name: str) -> None:
    """Save `target` (a whole page, or one element) as build/screenshots/<name>.png, with PACTSTORE_SCREENSHOTS=1."""
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if isinstance(target, Page):
        target.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    else:
        target.screenshot(path=SCREENSHOTS / f"{name}.png")


METADATA = ROOT / "metadata.yml"
HOST = "pactstore.test"
INSTALLER = ".ci/install-browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    f"--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP * ~NOTFOUND",
    f"--proxy-bypass-list={HOST}",  # and --proxy-server=<a closed port>: see `browser`
]
SERVER_START_TIMEOUT = 60.0
QUIET = 0.2  # seconds without a request in flight after which a page counts as loaded


# ---------------------------------------------------------------------------------------------
# The server and the browser
# ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(port: int) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def serving(database: Path, log: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """`pactstore serve` over `database` on a free port; yields the base URL the browser uses for it."""
    command = Path(sys.executable).with_name("pactstore")
    assert command.is_file(), f"no {command}: install the project (`make install`)"
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(command), "serve", "--db", str(database), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        request.getfixturevalue("browser")  # Chromium starts while the server boots
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _healthy(port):
            if process.poll() is not None:
                pytest.fail(f"pactstore serve exited with {process.returncode}:\n{log.read_text()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"pactstore serve not healthy after {SERVER_START_TIMEOUT}s:\n{log.read_text()}")
            time.sleep(0.1)
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(
    built: BuildResult, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    """The server over the seed database."""
    with serving(built.path, tmp_path_factory.mktemp("server") / "serve.log", request) as url:
        yield url


def _chromium() -> str:
    """The system Chromium; a missing one fails the run (never skips it): `make test` installs it."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            f"Chromium is not installed: run `{INSTALLER}` (`make test` runs it when `chromium` is missing)",
            pytrace=False,
        )
    return executable


def test_chromium_is_installed() -> None:
    assert Path(_chromium()).is_file()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module. Playwright gives it a fresh temporary profile (user-data dir)."""
    executable = _chromium()
    with sync_playwright() as playwright:
        nowhere = f"--proxy-server=http://127.0.0.1:{_free_port()}"  # a port nothing listens on
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=[*CHROMIUM_ARGS, nowhere])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def context(browser: Browser, server: str) -> Iterator[BrowserContext]:
    """The browser's one context (a private, in-memory profile) for the module, with the server as base URL.
    No context.route(): Playwright's request interception would stop Chromium's favicon requests."""
    with browser.new_context(
        base_url=server, viewport={"width": 1280, "height": 900}, locale="en-GB", service_workers="block"
    ) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def sql(built: BuildResult) -> Iterator[sqlite3.Connection]:
    """The database the server serves, read-only, for the numbers the pages must show."""
    connection = sqlite3.connect(f"file:{built.path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture(scope="module")
def metadata() -> dict[str, Any]:
    return dict(yaml.safe_load(METADATA.read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------------
# Visiting a page: what went wrong on the way, and a screenshot
# ---------------------------------------------------------------------------------------------


class Journal:
    """Everything that went wrong while a page loaded and ran, as one line per problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.in_flight: set[Request] = set()

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", self._failed)

    def settle(self, page: Page, quiet: float = QUIET, timeout: float = 15.0) -> None:
        """Wait until no request has been in flight for `quiet` seconds (Playwright's "networkidle" waits
        a fixed 0.5 s)."""
        deadline = time.monotonic() + timeout
        calm_since = time.monotonic()
        while time.monotonic() - calm_since < quiet:
            page.wait_for_timeout(25)  # lets Playwright deliver the page's events
            if self.in_flight:
                calm_since = time.monotonic()
            assert time.monotonic() < deadline, f"still loading after {timeout}s: {self.in_flight}"

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url") or "?"
            self.problems.append(f"console error: {message.text} ({where})")

    def _failed(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def _request(self, request: Request) -> None:
        self.in_flight.add(request)
        if not self.local(request.url):
            self.problems.append(f"request to another host: {request.method} {request.url}")

    def local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or parts.hostname == HOST

    def check(self) -> None:
        assert not self.problems, "the page had problems:\n" + "\n".join(self.problems)


@contextmanager
def visit(
    context: BrowserContext, path: str, name: str, *, ready: str | Callable[[Page], Locator] | None = None
) -> Iterator[tuple[Page, Journal]]:
    """Open `path` in a new page, wait until it has settled (and `ready` is visible), save a full-page
    screenshot as build/screenshots/<name>.png when asked to (`screenshot`), and yield the page with its
    journal. On leaving the block normally, the page must have had no problem (see `Journal`)."""
    page = context.new_page()
    journal = Journal()
    try:
        journal.watch(page)
        response = page.goto(path, wait_until="load")
        assert response is not None, path
        assert response.status == 200, f"{path}: HTTP {response.status}"
        if ready is not None:
            target = page.locator(ready) if isinstance(ready, str) else ready(page)
            target.first.wait_for(state="visible", timeout=15_000)
        journal.settle(page)
        screenshot(page, name)
        yield page, journal
        journal.settle(page)
        journal.check()
    finally:
        page.close()


def number(text: str) -> int:
    return int(text.strip().replace(",", ""))


def visible_box(page: Page, selector: str) -> dict[str, float]:
    element = page.locator(selector)
    assert element.count() == 1, f"{selector}: {element.count()} elements"
    assert element.is_visible(), selector
    box = element.bounding_box()
    assert box is not None, selector
    assert box["width"] > 0, selector
    assert box["height"] > 0, selector
    return box


def all_drawn(page: Page, selector: str) -> int:
    """How many elements match; each must be rendered with a non-zero size."""
    sizes = page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert all(w > 0 and h > 0 for w, h in sizes), f"{selector}: an element is drawn with no size: {sizes}"
    return len(sizes)


MIN_LABEL_PX = 11.0
CHARTS = "svg.timeline, svg.share-graph"
_LABELS = """svgs => svgs.flatMap(svg => [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect(), m = t.getScreenCTM(), style = getComputedStyle(t);
    return {
        chart: svg.getAttribute('class'), text: t.textContent.trim(), box: [r.left, r.top, r.right, r.bottom],
        px: parseFloat(style.fontSize) * Math.hypot(m.a, m.b),
        shown: style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0 && r.height > 0,
    };
}))"""


def check_chart_labels(page: Page) -> int:
    """Every text label of the charts, as the browser drew it: visible, at least MIN_LABEL_PX on screen
    (its font size times the SVG's scale), and overlapping no other label of its chart (bounding boxes,
    with half a pixel of tolerance for anti-aliasing). Returns how many labels were measured."""
    labels = page.locator(CHARTS).evaluate_all(_LABELS)
    assert labels, "no text in the charts"
    hidden = [label["text"] for label in labels if not label["shown"]]
    assert not hidden, f"labels not drawn: {hidden}"
    small = [(label["text"], round(label["px"], 2)) for label in labels if label["px"] < MIN_LABEL_PX]
    assert not small, f"labels under {MIN_LABEL_PX} px: {small}"
    overlapping = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if a["chart"] != b["chart"]:
                continue
            width = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            height = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if width > 0.5 and height > 0.5:
                overlapping.append((a["chart"], a["text"], b["text"], round(width, 1), round(height, 1)))
    assert not overlapping, "labels overlap (chart, label, label, overlap w×h px):\n" + "\n".join(map(str, overlapping))
    return len(labels)


def screenshot_charts(page: Page, name: str) -> None:
    """Each chart alone, at the size it is drawn: build/screenshots/<name>-timeline.png and -share-graph.png."""
    for chart in ("timeline", "share-graph"):
        screenshot(page.locator(f"figure svg.{chart}"), f"{name}-{chart}")


# ---------------------------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------------------------


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_landing_page(context: BrowserContext, sql: sqlite3.Connection) -> None:
    def count(query: str) -> int:
        return int(sql.execute(query).fetchone()[0])

    with visit(context, "/", "landing", ready="svg.share-graph") as (page, _):
        assert page.title().startswith("pactstore")
        assert page.locator("h1").inner_text() == "pactstore"
        # the stylesheet arrived, with rules
        assert page.evaluate("document.querySelector('link[rel=stylesheet]').sheet.cssRules.length") > 0

        # What it holds: every count is the database's
        assert page.get_by_role("heading", name="What it holds").is_visible()
        names = [t.strip() for t in page.locator("dl.counts dt").all_inner_texts()]
        values = [number(t) for t in page.locator("dl.counts dd").all_inner_texts()]
        assert names, "no counts shown"
        assert set(names) >= {"agreements", "provisions", "events", "parties", "documents", "citations"}
        shown = dict(zip(names, values, strict=True))
        assert shown == {name: count(f'select count(*) from "{name}"') for name in names}
        assert page.locator("dl.counts").is_visible()

        # the two pictures, drawn with a size, with the marks they hold
        agreements = count("select count(*) from agreements")
        timeline = visible_box(page, "figure svg.timeline")
        assert timeline["width"] > 300
        assert timeline["height"] > 100
        assert page.get_by_role("img", name="Timeline of every agreement").is_visible()
        assert all_drawn(page, "svg.timeline g.tl-row") == agreements
        assert all_drawn(page, "svg.timeline g.tl-event") == count(
            "select count(*) from events where status = 'occurred' and date is not null"
        )
        graph = visible_box(page, "figure svg.share-graph")
        assert graph["width"] > 200
        assert graph["height"] > 200
        assert page.get_by_role("img", name=re.compile(r"^Who can share military information")).is_visible()
        assert all_drawn(page, "svg.share-graph g.sg-node") >= 2
        assert all_drawn(page, "svg.share-graph g.sg-edge") >= 1

        # the agreements table: one row per agreement
        rows = page.locator("table.agreements tbody tr")
        assert rows.count() == agreements
        assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.agreement)")) == {
            r[0] for r in sql.execute("select id from agreements")
        }
        assert f"All {agreements} agreements" in page.locator("table.agreements caption").inner_text()
        assert all_drawn(page, "table.agreements tbody tr") == agreements

        # every label of the pictures legible: no two overlap, none under 11 px
        assert check_chart_labels(page) > agreements
        screenshot_charts(page, "landing")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_label_check_catches_overlaps_and_small_text(context: BrowserContext) -> None:
    """The label check above is no formality: a label drawn over another, or set too small, fails it."""
    with visit(context, "/", "landing-label-check", ready="svg.share-graph") as (page, _):
        check_chart_labels(page)
        page.evaluate(
            """() => { const t = document.querySelector('svg.timeline .tl-label');
                       const copy = t.cloneNode(true); copy.setAttribute('x', Number(t.getAttribute('x')) + 3);
                       t.parentNode.appendChild(copy); }"""
        )
        with pytest.raises(AssertionError, match="labels overlap"):
            check_chart_labels(page)
        page.evaluate("() => document.querySelectorAll('svg.timeline .tl-label')[1].remove()")
        check_chart_labels(page)
        page.evaluate("() => { document.querySelector('svg.share-graph .sg-edge-label').style.fontSize = '10px'; }")
        with pytest.raises(AssertionError, match="labels under 11"):
            check_chart_labels(page)


# ---------------------------------------------------------------------------------------------
# The landing page over a larger store: the seeds plus generated records, in a temporary copy
# ---------------------------------------------------------------------------------------------

QUOTE = {
    "doc": "oslo-times-2014-12-26",
    "quote": "The US has separate, bilateral intelligence-sharing agreement both with South Korea and Japan",
}
"""Generated records cite this sentence of a seed document: they build, and are made up all the same."""
MORE_STATES = [  # id, name, short name, ISO alpha-2, alpha-3
    ("nld", "Kingdom of the Netherlands", "Netherlands", "NL", "NLD"),
    ("deu", "Federal Republic of Germany", "Germany", "DE", "DEU"),
    ("fra", "French Republic", "France", "FR", "FRA"),
    ("gbr", "United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "GB", "GBR"),
    ("bel", "Kingdom of Belgium", "Belgium", "BE", "BEL"),
    ("can", "Canada", None, "CA", "CAN"),
    ("dnk", "Kingdom of Denmark", "Denmark", "DK", "DNK"),
    ("ita", "Italian Republic", "Italy", "IT", "ITA"),
    ("nor", "Kingdom of Norway", "Norway", "NO", "NOR"),
    ("prt", "Portuguese Republic", "Portugal", "PT", "PRT"),
    ("esp", "Kingdom of Spain", "Spain", "ES", "ESP"),
    ("mar", "Kingdom of Morocco", "Morocco", "MA", "MAR"),
    ("bra", "Federative Republic of Brazil", "Brazil", "BR", "BRA"),
    ("che", "Swiss Confederation", "Switzerland", "CH", "CHE"),
]
MORE_AGREEMENTS = [  # short name, parties, signed (date[, precision]), in force, terminated
    ("NL–US offshore procurement MOU (1954)", "nld usa", ("1954-04-15",), ("1954-05-07",), None),
    ("NL–US patent rights and technical information (1955)", "nld usa", ("1955-04-29",), ("1955-12-01", "month"), None),
    ("NL–US atomic cooperation for mutual defence (1959)", "nld usa", ("1959-05-06",), ("1959-07-27",), None),
    ("NL–US classified patent filing notes (1959)", "nld usa", ("1959-10-08",), ("1959-10-08",), None),
    ("NL–US homeland security science cooperation (2012)", "nld usa", ("2012-11-29",), ("2013-05-01",), None),
    (
        "NATO secrecy of defence inventions (1960)",
        "bel can dnk fra deu ita nld nor prt gbr usa",
        ("1960-09-21",),
        ("1961-01-12",),
        None,
    ),
    ("NL–Germany inventions supplement (1961)", "deu nld", ("1961-05-16",), ("1962-01-01", "year"), None),
    ("Uranium enrichment information (1990)", "deu gbr nld usa", ("1990-04-11",), ("1990-04-11",), "1991-04-11"),
    ("Uranium enrichment installation (1992)", "deu gbr nld usa", ("1992-07-24",), ("1993-11-01", "month"), None),
    ("European Air Group (1998)", "fra gbr", ("1998-07-06",), ("1999-06-01", "month"), None),
    ("NL–Brazil defence cooperation (2011)", "bra nld", ("2011-12-07",), None, None),
    ("NL–Morocco military cooperation framework (2013)", "mar nld", ("2013-05-21",), ("2013-05-21",), None),
    ("NL–Switzerland military exercises and training (2007)", "che nld", ("2007-04-12",), ("2008-02-01",), None),
    ("NL–Germany defence cooperation (2006)", "deu nld", ("2006-11-08",), ("2007-09-01",), None),
    ("German/Netherlands Corps convention (1997)", "deu nld", ("1997-10-06",), ("1998-08-01", "month"), None),
    ("EUROGENDFOR treaty (2007)", "esp fra ita nld prt", ("2007-10-18",), ("2012-04-23",), None),
    ("France–Germany security agreement (2005)", "deu fra", ("2005-04-15",), ("2006-01-01",), None),
    ("UK–US general security of information (1961)", "gbr usa", ("1961-01-20",), ("1961-01-20",), "2008-10-01"),
    ("UK–US security arrangement (2008)", "gbr usa", ("2008-06-01",), ("2008-10-01",), None),
    ("Canada–US security of information (1962)", "can usa", ("1962-07-10",), None, None),
    ("Spain–Portugal classified information (1995)", "esp prt", ("1995-01-01", "year"), ("1996-06-01",), None),
    ("France–Italy classified information (2003)", "fra ita", ("2003-06-20",), ("2005-03-01",), None),
    ("Denmark–Norway security of information (1999)", "dnk nor", ("1999-02-11",), ("1999-09-01",), None),
    ("Belgium–Netherlands classified information (2004)", "bel nld", ("2004-11-25",), ("2006-03-01",), None),
    ("Germany–Switzerland classified information (2010)", "che deu", ("2010-03-08",), ("2010-12-01",), None),
    ("France–Morocco security agreement (2009)", "fra mar", ("2009-10-09",), None, None),
    ("Brazil–Portugal classified information (2014)", "bra prt", ("2014-04-25",), ("2016-02-01",), None),
    ("Denmark–UK security of information (2000)", "dnk gbr", ("2000-03-01", "month"), ("2000-09-01",), None),
    ("Uranium enrichment collaboration (1970)", "deu gbr nld", ("1970-03-04",), ("1971-07-19",), None),
    ("Uranium enrichment technology transfer (2005)", "deu fra gbr nld", ("2005-07-12",), ("2008-07-01",), None),
    ("NL–US mutual defence assistance (1950)", "nld usa", ("1950-01-27",), ("1950-01-27",), None),
    ("NL–US exchange of defence information (1963)", "nld usa", ("1963-06-14",), None, None),
    ("Benelux–US classified information (1984)", "bel lux nld usa", ("1984-06-01", "month"), ("1985-01-01",), None),
]


def _when(date: tuple[str, ...]) -> dict[str, str]:
    return {"date": date[0], **({"precision": date[1]} if len(date) > 1 else {})}


def larger_seeds(target: Path) -> int:
    """A copy of the seeds at `target` with MORE_STATES (those it lacks) and MORE_AGREEMENTS added; how many
    agreements it has."""
    shutil.copytree(SEEDS, target)
    parties_file = target / "parties.yaml"
    # The project's own reader: PyYAML's YAML 1.1 would read Norway's `alpha2: NO` as false.
    document, errors = read_yaml(parties_file, "parties.yaml")
    assert document is not None, errors
    parties = document.data
    present = {p["id"] for p in parties["parties"]}
    for sid, name, short, alpha2, alpha3 in MORE_STATES:
        if sid in present:  # the seeds have it by now
            continue
        party: dict[str, Any] = {"id": sid, "kind": "state", "name": name}
        if short:
            party["short_name"] = short
        party["iso3166"] = {"alpha2": alpha2, "alpha3": alpha3}
        parties["parties"].append(party)
    parties_file.write_text(yaml.safe_dump(parties, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for n, (name, members, signed, in_force, ended) in enumerate(MORE_AGREEMENTS):
        aid = f"generated-{n:02d}-{'-'.join(members.split()[:3])}"
        events: list[dict[str, Any]] = [
            {"id": "talks", "kind": "negotiation", "when": {"date": signed[0][:4] + "-01-01", "precision": "year"}},
            {"id": "signed", "kind": "signing", "when": _when(signed)},
        ]
        if in_force:
            events.append({"id": "in-force", "kind": "entry_into_force", "when": _when(in_force)})
        if ended:
            events.append({"id": "ended", "kind": "termination", "when": {"date": ended}})
        record = {
            "id": aid,
            "short_name": name,
            "title": f"{name}: a generated record, to test the landing page with a larger store",
            "kind": {"value": "agreement", "citations": [QUOTE]},
            "parties": [{"party": p, "roles": ["party"], "citations": [QUOTE]} for p in members.split()],
            "events": [{**event, "citations": [QUOTE]} for event in events],
            "citations": [QUOTE],
        }
        (target / "agreements" / f"{aid}.yaml").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return len(list((target / "agreements").glob("*.yaml")))


@pytest.fixture(scope="module")
def larger_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    """The server over a database built from the larger copy of the seeds."""
    from tests.conftest import build_seeds

    where = tmp_path_factory.mktemp("larger")
    larger_seeds(where / "seeds")
    built = build_seeds(where / "seeds", where / "pactstore.db")
    with serving(built.path, where / "serve.log", request) as url:
        yield url


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_landing_page_of_a_larger_store(browser: Browser, larger_server: str) -> None:
    with (
        browser.new_context(
            base_url=larger_server, viewport={"width": 1280, "height": 900}, locale="en-GB", service_workers="block"
        ) as larger,
        visit(larger, "/", "landing-larger", ready="svg.share-graph") as (page, _),
    ):
        agreements = page.locator("table.agreements tbody tr").count()
        assert agreements >= 35
        assert all_drawn(page, "svg.timeline g.tl-row") == agreements
        assert all_drawn(page, "svg.share-graph g.sg-node") >= 20
        assert all_drawn(page, "svg.share-graph g.sg-multi") >= 1  # the pacts among four or more states
        assert check_chart_labels(page) > 2 * agreements
        screenshot_charts(page, "landing-larger")


def _tables(sql: sqlite3.Connection, metadata: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """The database's (shown tables, hidden tables, views) as Datasette lists them."""
    hidden_by_metadata = {
        name for name, table in metadata["databases"]["pactstore"]["tables"].items() if table.get("hidden")
    }
    rows = sql.execute("select name, type, sql from sqlite_master where type in ('table', 'view')").fetchall()
    virtual = [r["name"] for r in rows if r["type"] == "table" and "VIRTUAL TABLE" in (r["sql"] or "").upper()]
    shown, hidden = [], []
    for r in rows:
        if r["type"] != "table" or r["name"].startswith("sqlite_"):
            continue
        is_hidden = (
            r["name"] in hidden_by_metadata
            or r["name"] in virtual
            or any(r["name"].startswith(f"{v}_") for v in virtual)
        )
        (hidden if is_hidden else shown).append(r["name"])
    views = [r["name"] for r in rows if r["type"] == "view"]
    return sorted(shown), sorted(hidden), sorted(views)


def test_datasette_index(context: BrowserContext, sql: sqlite3.Connection, metadata: dict[str, Any]) -> None:
    shown, hidden, views = _tables(sql, metadata)
    with visit(context, "/data/", "datasette-index", ready="h1") as (page, _):
        assert "pactstore" in page.title()
        assert page.locator("h1").inner_text() == metadata["title"]
        database = page.locator("h2 a[href='/data/pactstore']")
        assert database.is_visible()
        assert database.inner_text() == "pactstore"
        summary = page.locator("h2:has(a[href='/data/pactstore']) + p").inner_text()
        rows = sum(int(sql.execute(f'select count(*) from "{t}"').fetchone()[0]) for t in shown)
        assert re.search(rf"\b{rows:,} rows in {len(shown)} tables\b", summary), summary
        assert f"{len(hidden)} hidden tables" in summary
        assert f"{len(views)} views" in summary
        # the biggest tables are linked with their row counts
        links = page.locator("h2:has(a[href='/data/pactstore']) ~ p a[href^='/data/pactstore/']")
        assert links.count() >= 1
        for link in links.all():
            assert link.is_visible()
            table = link.inner_text()
            assert table in shown
            rows = int(sql.execute(f'select count(*) from "{table}"').fetchone()[0])
            assert link.get_attribute("title") == f"{rows} rows"  # Datasette's index.html: no thousands separator


def test_datasette_database(context: BrowserContext, sql: sqlite3.Connection, metadata: dict[str, Any]) -> None:
    shown, hidden, _ = _tables(sql, metadata)
    with visit(context, "/data/pactstore", "datasette-database", ready="h2#tables") as (page, _):
        assert page.title() == "pactstore"
        listed = page.locator("h2#tables ~ div h3 a[href^='/data/pactstore/']").all_inner_texts()
        assert sorted(listed) == shown
        assert page.get_by_role("link", name=f"{len(hidden)} hidden tables").is_visible()
        assert page.locator("h2#queries").is_visible()
        for query in metadata["databases"]["pactstore"]["queries"]:
            assert page.locator(f"a[href='/data/pactstore/{query}']").first.is_visible(), query


def test_datasette_table_with_facet(context: BrowserContext, sql: sqlite3.Connection) -> None:
    total = int(sql.execute("select count(*) from agreements").fetchone()[0])
    kinds = {r[0]: r[1] for r in sql.execute("select kind, count(*) from agreements group by kind")}
    with visit(context, "/data/pactstore/agreements?_facet=kind", "datasette-agreements-facet") as (page, _):
        assert page.title().startswith("pactstore: agreements")
        assert page.locator("h1").inner_text() == "agreements"
        count_heading = page.locator("h3", has_text=re.compile(r"^\d[\d,]* rows?\b"))
        assert count_heading.is_visible()
        assert number(count_heading.inner_text().split()[0]) == total
        assert page.locator("table.rows-and-columns tbody tr").count() == total
        # the facet block for kind: each kind with its count
        facet = page.locator(".facet-info[data-column='kind']").first
        assert facet.is_visible()
        assert facet.locator(".facet-info-name").inner_text().startswith("kind")
        items = [re.fullmatch(r"(.+?) ([\d,]+)", t.strip()) for t in facet.locator("li").all_inner_texts()]
        assert all(items), items
        assert {m[1]: number(m[2]) for m in items if m} == kinds


CANNED = [
    ("in_force_on", {"on": "2015-06-30"}, "jpn-kor-usa-tisa-2014"),
    ("sharing_routes", {"from": "kor", "to": "jpn", "on": "2015-06-30"}, "jpn-kor-usa-tisa-2014"),
]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(("query", "params", "includes"), CANNED, ids=[c[0] for c in CANNED])
def test_datasette_canned_query(
    context: BrowserContext,
    sql: sqlite3.Connection,
    metadata: dict[str, Any],
    query: str,
    params: dict[str, str],
    includes: str,
) -> None:
    canned = metadata["databases"]["pactstore"]["queries"].get(query)
    assert canned is not None, f"no canned query {query} in metadata.yml"
    expected = sql.execute(canned["sql"], params).fetchall()
    assert includes in [r[0] for r in expected], "the seeds changed: pick another example"
    first = expected[0].keys()[0]
    path = f"/data/pactstore/{query}?{urlencode(params)}"
    with visit(context, path, f"datasette-{query}", ready="table.rows-and-columns") as (page, _):
        assert page.locator("h1").inner_text() == canned["title"]
        heading = page.locator("h3", has_text="Custom SQL query returning").inner_text()
        assert re.search(rf"\breturning {len(expected)} rows?\b", heading), heading
        for name, value in params.items():
            assert page.locator(f"form.sql input[name='{name}']").input_value() == value
        assert page.locator("table.rows-and-columns tbody tr").count() == len(expected)
        cells = page.locator(f"table.rows-and-columns tbody td.col-{first}").all_inner_texts()
        assert [c.strip() for c in cells] == [str(r[0]) for r in expected]
        assert includes in cells


def test_api_docs(context: BrowserContext, server: str) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    port = urlsplit(server).port
    with opener.open(f"http://127.0.0.1:{port}/schema/openapi.json", timeout=10) as response:
        spec = json.loads(response.read())
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    operations = sum(1 for item in spec["paths"].values() for method in item if method in methods)

    def rendered(page: Page) -> Locator:  # the operations, or Swagger UI's message that it cannot show them
        return page.locator(".swagger-ui .opblock").or_(page.locator(".swagger-ui .version-pragma"))

    with visit(context, "/schema/swagger", "api-docs", ready=rendered) as (page, journal):
        assert page.title().startswith(spec["info"]["title"])
        failure = page.locator(".swagger-ui .version-pragma")
        if failure.count():
            journal.problems.append(f"Swagger UI: {' '.join(failure.inner_text().split())}")
            return  # leaving the block checks the journal, which now holds the problem: the test fails
        assert page.locator(".swagger-ui .info .title").inner_text().startswith(spec["info"]["title"])
        assert page.locator(".swagger-ui .opblock").count() == operations
        assert all_drawn(page, ".swagger-ui .opblock-summary") == operations


# ---------------------------------------------------------------------------------------------
# The readable pages: an agreement, a party, a comparison, a problem
# ---------------------------------------------------------------------------------------------

GSOMIA, TISA, NATO = "jpn-kor-gsomia-2016", "jpn-kor-usa-tisa-2014", "nato-1997-security-of-information"


def _served_headers(server: str, path: str) -> tuple[int, dict[str, str]]:
    """The status and headers the server sends for `path` (asked directly, never through a proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{urlsplit(server).port}{path}", timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def _stylesheets_loaded(page: Page) -> list[int]:
    """How many rules each of the page's stylesheets has (a stylesheet refused by the policy has none)."""
    return list(page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)"))


def _smallest_text(page: Page) -> float:
    """The smallest font size, in px, of any element on the page that shows text of its own."""
    return float(
        page.evaluate(
            """() => Math.min(...[...document.body.querySelectorAll('*')]
                .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
                             && e.getClientRects().length)
                .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
        )
    )


def _readable(page: Page) -> None:
    """Nothing wider than the window, no text under MIN_LABEL_PX."""
    _fits_the_window(page)
    assert _smallest_text(page) >= MIN_LABEL_PX


def _fits_the_window(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"


def _side_by_side(page: Page, row: str, left: str, right: str) -> int:
    """Every `row` has its `left` part wholly left of its `right` part (no overlap); how many rows."""
    boxes = page.locator(row).evaluate_all(
        f"""rows => rows.map(r => [r.querySelector({left!r}).getBoundingClientRect().right,
                                   r.querySelector({right!r}).getBoundingClientRect().left])"""
    )
    assert all(l_right <= r_left for l_right, r_left in boxes), boxes
    return len(boxes)


AGREEMENT_PAGES = [GSOMIA, pytest.param(NATO, marks=pytest.mark.library)]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("agreement", AGREEMENT_PAGES)
def test_agreement_page(context: BrowserContext, server: str, sql: sqlite3.Connection, agreement: str) -> None:
    (short_name,) = sql.execute("select short_name from agreements where id = ?", [agreement]).fetchone()
    path = f"/agreements/{agreement}"
    status, headers = _served_headers(server, path)
    assert status == 200
    assert headers["content-security-policy"] == PAGE_CSP
    with visit(context, path, f"agreement-{agreement}", ready="#terms") as (page, _):
        assert page.title().startswith(short_name)
        assert page.locator("h1").inner_text() == short_name
        assert all(rules > 0 for rules in _stylesheets_loaded(page)), "a stylesheet did not load"
        assert page.locator("#status .status-line .status").is_visible()
        assert (
            all_drawn(page, "article.provision")
            == sql.execute("select count(*) from provisions where agreement_id = ?", [agreement]).fetchone()[0]
        )
        assert (
            all_drawn(page, "li.event")
            == sql.execute("select count(*) from events where agreement_id = ?", [agreement]).fetchone()[0]
        )
        for twin in ("json", "csv"):
            assert page.locator(f"a[data-twin={twin}]").is_visible()
        _readable(page)
        if agreement != NATO:
            return
        (text_id,) = sql.execute("select id from texts where agreement_id = ?", [agreement]).fetchone()
        language = page.locator("#text .articles").get_attribute("lang")
        articles = sql.execute(
            "select count(*) from text_units where text_id = ? and language = ? and parent_id is null",
            [text_id, language],
        ).fetchone()[0]
        assert _side_by_side(page, ".article-row", ".article-text", ".article-terms") == articles
        assert all_drawn(page, "#text mark") > 0
        # a quote's link leads to its article, on the same page
        link = page.locator(f"article.provision .credit a[href*='language={language}#u-']").first
        target = str(link.get_attribute("href")).rpartition("#")[2]
        link.click()
        page.wait_for_function(f"location.hash === '#{target}'")
        top = page.locator(f"[id='{target}']").evaluate("e => e.getBoundingClientRect().top")
        assert -1 <= top < 900, f"the article is not in view after following the link ({top}px)"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_agreement_page_on_a_phone(browser: Browser, server: str) -> None:
    with (
        browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, service_workers="block") as phone,
        visit(phone, f"/agreements/{TISA}", f"agreement-{TISA}-phone", ready="#terms") as (page, _),
    ):
        _readable(page)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_party_page(context: BrowserContext, sql: sqlite3.Connection) -> None:
    (name,) = sql.execute("select name from parties where id = 'kor'").fetchone()
    agreements = sql.execute(
        "select count(distinct agreement_id) from agreement_parties where party_id = 'kor' or state_id = 'kor'"
    ).fetchone()[0]
    with visit(context, "/parties/kor?on=2016-11-30", "party-kor", ready="#sharing") as (page, _):
        assert page.locator("h1").inner_text() == name
        assert all(rules > 0 for rules in _stylesheets_loaded(page))
        assert all_drawn(page, "#agreements tbody tr[data-agreement]") == agreements
        assert all_drawn(page, "#sharing tr[data-open]") >= 1
        _readable(page)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_comparison_page(context: BrowserContext, sql: sqlite3.Connection) -> None:
    kinds = {r[0] for r in sql.execute("select kind from provisions where agreement_id in (?, ?)", [TISA, GSOMIA])}
    path = f"/compare?a={TISA}&b={GSOMIA}"
    with visit(context, path, f"compare-{TISA}-{GSOMIA}", ready="table.compare") as (page, _):
        assert page.locator("h1").inner_text().split() == [
            *sql.execute("select short_name from agreements where id = ?", [TISA]).fetchone()[0].split(),
            "and",
            *sql.execute("select short_name from agreements where id = ?", [GSOMIA]).fetchone()[0].split(),
        ]
        assert all_drawn(page, "table.compare tr.kind-row") == len(kinds)
        assert all_drawn(page, "table.compare td.absent") >= 1  # a kind one of them lacks
        assert all_drawn(page, "table.compare dd[data-different]") >= 1  # a field whose values differ
        _side_by_side(page, "table.compare tr.kind-row", "td[data-side=a]", "td[data-side=b]")
        _readable(page)


def test_problem_page(context: BrowserContext, server: str) -> None:
    """A bad id is a 404 page in the site's style; the 404 itself is the only thing the browser reports."""
    path = "/agreements/no-such-agreement"
    page = context.new_page()
    journal = Journal()
    try:
        journal.watch(page)
        response = page.goto(path, wait_until="load")
        assert response is not None
        assert response.status == 404
        journal.settle(page)
        screenshot(page, "problem-404")
        assert page.locator("h1").inner_text() == "Not Found"
        assert "no-such-agreement" in page.locator(".problem .detail").inner_text()
        assert all(rules > 0 for rules in _stylesheets_loaded(page))
        own = f"{server}{path}"
        journal.problems = [p for p in journal.problems if own not in p and "status of 404" not in p]
        journal.check()
    finally:
        page.close()
