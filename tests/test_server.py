"""The real server (`pactstore serve --workers 2` on 127.0.0.1): request framing, slow and silent
connections, a killed worker, and worker memory under abusive SQL (issue 15, items 1 and 10)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from loaders.builder import BuildResult
from tests.conftest import ROOT
from tests.test_rebuild_while_serving import _free_port, _stop

HEADER_TIMEOUT = 1.0
WAIT = 15.0
"""The longest any step here waits for the server before failing (never reached when it behaves)."""
MAX_WORKER_RSS_KIB = 512 * 1024


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process, self.port, self.log = process, port, log
        self.base_url = f"http://127.0.0.1:{port}"

    def workers(self) -> list[int]:
        """The worker processes: the server's children that are not SQL sandboxes."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            # uvicorn spawns its workers through multiprocessing (which also starts a resource tracker).
            if parent == self.process.pid and b"spawn_main" in command:
                found.append(int(entry.name))
        return sorted(found)


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


@pytest.fixture(scope="module")
def server(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module (starting one takes seconds); the kill test leaves it with two workers."""
    tmp_path = tmp_path_factory.mktemp("server")
    db = tmp_path / "pactstore.db"
    shutil.copyfile(built.path, db)
    port = _free_port()
    log = tmp_path / "server.log"
    command = [str(Path(sys.executable).parent / "pactstore"), "serve", "--db", str(db), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "2", "--header-timeout", str(HEADER_TIMEOUT)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            try:
                if httpx.get(f"{server.base_url}/api/v1/health", timeout=1).status_code == 200 and server.workers():
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        yield server
    finally:
        _stop(process)


async def _closed(reader: asyncio.StreamReader) -> bool:
    """Whether the server closes the connection (EOF or reset) within WAIT seconds, reading what it sends."""
    try:
        async with asyncio.timeout(WAIT):
            while await reader.read(65536):
                pass
    except TimeoutError:
        return False
    except ConnectionError:
        pass
    return True


async def test_content_length_with_transfer_encoding_is_refused_and_closed(server: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(
        b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
    assert head.startswith(b"HTTP/1.1 400"), head
    assert await _closed(reader), "RFC 9112 6.1: close the connection after answering such a request"
    writer.close()


async def test_slow_headers_are_cut_off(server: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\n")

    async def trickle() -> int:
        sent = 0
        try:
            while sent < WAIT / (HEADER_TIMEOUT / 4):
                await asyncio.sleep(HEADER_TIMEOUT / 4)
                writer.write(f"X-Slow-{sent}: y\r\n".encode())
                await writer.drain()
                sent += 1
        except ConnectionError:
            pass
        return sent

    sending = asyncio.create_task(trickle())
    assert await _closed(reader), "a client sending a header line at a time is held open"
    sending.cancel()
    writer.close()


async def test_a_silent_connection_is_closed(server: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    assert await _closed(reader), "a connection that never sends a request is held open"
    writer.close()


async def test_keep_alive_still_serves_a_prompt_client(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        for _ in range(3):
            assert (await http.get("/api/v1/health")).status_code == 200
            await asyncio.sleep(HEADER_TIMEOUT / 4)
        # One connection did it all (a deadline cut mid-request would have forced a new one).
        assert (await http.get("/data/pactstore/agreements.json?_size=2")).status_code == 200


def _peer_ports(pid: int, port: int) -> set[int]:
    """The client ports of the connections a process holds on `port` (its socket fds, via /proc/net/tcp)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    peers = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if inode in inodes and int(local.rsplit(":", 1)[1], 16) == port:
                peers.add(int(remote.rsplit(":", 1)[1], 16))
    return peers


async def test_a_killed_worker_is_replaced_without_failing_the_others(server: Server) -> None:
    workers = server.workers()
    assert len(workers) == 2, workers
    failures: dict[int, list[str]] = {}
    answered: dict[int, int] = {}
    ports: dict[int, int] = {}
    stop = asyncio.Event()

    async def client(n: int) -> None:
        failures[n], answered[n] = [], 0
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as http:
            while not stop.is_set():
                try:
                    response = await http.get("/api/v1/agreements" if n % 2 else "/data/pactstore/events.json")
                except httpx.TransportError as error:
                    failures[n].append(repr(error))
                    continue
                with contextlib.suppress(OSError):  # the connection may be closed already
                    ports[n] = response.extensions["network_stream"].get_extra_info("client_addr")[1]
                answered[n] += 1 if response.status_code == 200 else 0
                if response.status_code != 200:
                    failures[n].append(f"HTTP {response.status_code}")

    clients = [asyncio.create_task(client(n)) for n in range(8)]
    # Until every client has its keep-alive connection and an answer on it (on a loaded machine the first
    # answers take a while), bounded in time.
    deadline = time.monotonic() + WAIT
    while (len(ports) < len(clients) or not all(answered.values())) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    # Which worker holds each client's keep-alive connection (uvicorn's workers share one socket, and
    # one of them may have accepted them all). Kill the one with fewer, so that the other has clients.
    held = {pid: _peer_ports(pid, server.port) for pid in workers}
    victim, survivor = sorted(workers, key=lambda pid: len(held[pid]))
    on_survivor = {n for n, port in ports.items() if port in held[survivor]}
    assert on_survivor, (held, ports)
    assert not failures_before_kill(failures), failures
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and (len(server.workers()) < 2 or victim in server.workers()):
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)  # the new worker serves too
    stop.set()
    await asyncio.gather(*clients)

    replaced = server.workers()
    assert len(replaced) == 2, replaced
    assert victim not in replaced
    assert survivor in replaced
    # The clients on the surviving worker never fail; one on the killed worker loses the request in
    # flight there, once, and carries on over a new connection.
    assert all(not failures[n] for n in on_survivor), failures
    assert all(len(errors) <= 1 for errors in failures.values()), failures
    assert all(count > 0 for count in answered.values()), answered
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        for _ in range(8):  # fresh connections land on both workers
            assert (await http.get("/api/v1/health", headers={"connection": "close"})).status_code == 200


def failures_before_kill(failures: dict[int, list[str]]) -> list[str]:
    return [error for errors in failures.values() for error in errors]


ABUSIVE = [
    "select randomblob(1000000000)",
    "select randomblob(1000000000)",
    "select length(printf('%.*c', 900000000, 'x'))",
    "select zeroblob(1000000000)",
    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 40) select zeroblob(900000) from n",
]


async def test_abusive_sql_leaves_the_workers_small(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as http:
        answers = await asyncio.gather(*(http.get("/data/pactstore.json", params={"sql": sql}) for sql in ABUSIVE))
        assert [answer.status_code for answer in answers] == [400] * len(ABUSIVE), [a.text[:200] for a in answers]
        assert (await http.get("/api/v1/health")).status_code == 200
    for pid in server.workers():
        assert _status(pid, "VmHWM") < MAX_WORKER_RSS_KIB, f"worker {pid} peaked at {_status(pid, 'VmHWM')} KiB"
    assert server.process.poll() is None
