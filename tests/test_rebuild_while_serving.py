"""A rebuild swaps in under a running server without a single failed request.

Starts the real server (`pactstore serve`, two uvicorn workers, 127.0.0.1) over a private copy of
the database, keeps eight clients busy on the API and on Datasette, and rebuilds the database into
the same path several times meanwhile. Each rebuild changes the seeds a little (a comment), so
every build has its own build id. Every request must succeed, and afterwards the API and
Datasette must both serve the last build.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from loaders.builder import BuildResult
from tests.conftest import ROOT
from tests.conftest import build_seeds as build  # with the library, as the served database was built

CLIENTS = 8
REBUILDS = 3
SECONDS_BETWEEN_REBUILDS = 0.8
FRESH_CONNECTIONS = 8
URLS = [
    "/api/v1/health",
    "/api/v1/agreements",
    "/api/v1/agreements?status=signed&sort=-first_date",
    "/api/v1/agreements/jpn-kor-gsomia-2016",
    "/api/v1/agreements/jpn-kor-gsomia-2016/status?on=2016-12-01",
    "/api/v1/agreements.csv",
    "/api/v1/provisions?kind=loss_notification",
    "/api/v1/events?agreement=jpn-kor-usa-tisa-2014",
    "/api/v1/documents/search?q=intelligence",
    "/api/v1/parties/kor",
    "/data/",
    "/data/pactstore",
    "/data/pactstore/agreements",
    "/data/pactstore/events.json?_size=20",
    "/data/pactstore/build_info.json?_shape=array",
]


@dataclass
class Server:
    base_url: str
    db: Path
    process: subprocess.Popen[bytes]
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server we started: its own process group (uvicorn's supervisor and workers)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture
def server(built: BuildResult, tmp_path: Path) -> Iterator[Server]:
    db = tmp_path / "pactstore.db"
    shutil.copyfile(built.path, db)
    port = _free_port()
    log = tmp_path / "server.log"
    command = [str(Path(sys.executable).parent / "pactstore"), "serve", "--db", str(db), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "2"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"the server exited: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, f"the server did not start: {log.read_text()[-2000:]}"
            try:
                if httpx.get(f"{base_url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        yield Server(base_url, db, process, log)
    finally:
        _stop(process)


@dataclass
class Tally:
    ok: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    build_ids: list[str] = field(default_factory=list)


async def _client(base_url: str, urls: list[str], offset: int, stop: asyncio.Event, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        n = offset
        while not stop.is_set():
            url = urls[n % len(urls)]
            n += 1
            try:
                response = await http.get(url)
            except httpx.HTTPError as exc:
                tally.failures.append(f"{url}: {type(exc).__name__}: {exc}")
                continue
            if response.status_code != 200:
                tally.failures.append(f"{url}: {response.status_code} {response.text[:200]}")
                continue
            tally.ok[url] += 1
            if url == "/api/v1/health":
                tally.build_ids.append(response.json()["build_id"])


def _touch_seeds(seeds: Path, n: int) -> None:
    """A harmless change (a comment), so the rebuild has a new content hash and build id."""
    with (seeds / "parties.yaml").open("a") as file:
        file.write(f"# rebuild {n}\n")


async def _health(base_url: str) -> set[str]:
    """The build ids fresh connections see (they spread over both workers)."""
    seen = set()
    for _ in range(FRESH_CONNECTIONS):
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
            seen.add((await http.get("/api/v1/health")).json()["build_id"])
    return seen


async def _datasette_build(base_url: str) -> set[str]:
    """The build ids Datasette serves to fresh connections, four pages at once (to use its SQL threads)."""
    seen = set()
    for _ in range(FRESH_CONNECTIONS):
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
            pages = await asyncio.gather(*(http.get("/data/pactstore/build_info.json?_shape=array") for _ in range(4)))
            # A page Datasette could not answer in its time limit (a loaded machine) names no build.
            seen |= {page.json()[0]["build_id"] for page in pages if page.status_code == 200}
    return seen


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_rebuilds_swap_in_without_a_failed_request(server: Server, seeds_copy: Path) -> None:
    first = (await _health(server.base_url)).pop()
    async with httpx.AsyncClient(base_url=server.base_url) as http:  # the real server's headers
        headers = (await http.get("/api/v1/health")).headers
    assert "server" not in headers, "no server banner (uvicorn runs with server_header=False)"
    assert headers["x-content-type-options"] == "nosniff"
    # Warm Datasette's SQL threads, so they hold connections to the first build's file.
    assert await _datasette_build(server.base_url) == {first}

    tally, stop = Tally(), asyncio.Event()
    # The clients ask the URLs in turn; one more only asks /api/v1/health, to watch the builds go by.
    clients = [asyncio.create_task(_client(server.base_url, URLS, i, stop, tally)) for i in range(CLIENTS)]
    clients.append(asyncio.create_task(_client(server.base_url, ["/api/v1/health"], 0, stop, tally)))
    builds: list[str] = []
    try:
        for n in range(REBUILDS):
            await asyncio.sleep(SECONDS_BETWEEN_REBUILDS)
            _touch_seeds(seeds_copy, n)
            result = await asyncio.to_thread(build, seeds_copy, server.db)
            builds.append(result.build_id)
        # Go on until the watcher has seen the last build and every URL has been answered once (on a
        # loaded machine the slower Datasette pages take a while to come round), bounded in time.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (builds[-1] not in tally.build_ids or set(tally.ok) != set(URLS)):
            await asyncio.sleep(0.05)
        await asyncio.sleep(SECONDS_BETWEEN_REBUILDS / 2)
    finally:
        stop.set()
        await asyncio.gather(*clients)

    assert not tally.failures, f"{len(tally.failures)} failed requests, e.g. {tally.failures[:5]}"
    assert len(set(builds)) == REBUILDS, "each rebuild should have its own build id"
    assert set(tally.ok) == set(URLS), "every URL was asked at least once"
    assert sum(tally.ok.values()) > 100, tally.ok
    assert builds[-1] in tally.build_ids, "the clients never saw the last build"
    seen_during = [b for b in dict.fromkeys(tally.build_ids) if b in builds]
    assert len(seen_during) >= 2, f"health should have moved through the builds: {seen_during} of {builds}"
    assert await _health(server.base_url) == {builds[-1]}
    assert await _datasette_build(server.base_url) == {builds[-1]}, "Datasette still serves an old build"
    assert server.process.poll() is None
    log = server.log.read_text()
    assert "Traceback" not in log, log[-3000:]
    assert "ERROR" not in log, log[-3000:]
