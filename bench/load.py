"""Load test: many concurrent clients on a mix of endpoints for a fixed time; every request must succeed.

    .venv/bin/python bench/load.py                              # 64 clients, 30 s, a server started here
    .venv/bin/python bench/load.py --clients 8 --duration 5     # a quick check
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --pid 1234   # a server already running

Without --url it starts `pactstore serve` on 127.0.0.1 (a free port, --workers worker processes) over
--db (built from seeds/ into a temporary directory when the file does not exist), and stops it at the
end. The clients are keep-alive HTTP/1.1 connections driven by one asyncio loop in this process (a
small client of its own: httpx would cost more CPU than the server on a two-core machine). Each
client asks the URLs of the mix in turn, from a different starting point.

Reports the requests, the failures (any status but 200, a timeout or a broken connection; examples
are printed), latency p50/p90/p99/max, requests per second, and the resident memory (VmRSS) of the
server and its worker processes before and after the load. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

MIX = [
    "/api/v1/health",
    "/api/v1/agreements",
    "/api/v1/agreements?status=in_force&sort=-first_date",
    "/api/v1/agreements/jpn-kor-gsomia-2016",
    "/api/v1/agreements/jpn-kor-usa-tisa-2014",
    "/api/v1/provisions?kind=loss_notification",
    "/api/v1/provisions?kind=intermediary_routing",
    "/api/v1/events?agreement=jpn-kor-gsomia-2016",
    "/api/v1/events?from=2014-01-01&to=2016-12-31",
    "/api/v1/documents/search?q=intelligence",
    "/api/v1/documents/search?q=GSOMIA",
    "/api/v1/provisions.csv",
    "/api/v1/agreements.csv",
    "/data/pactstore/agreements",
]
"""The agreement list and details, provisions by kind, events, document search, CSV exports, health and a
Datasette table page."""

REQUEST_TIMEOUT = 10.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_url: dict[str, list[float]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def fail(self, url: str, what: str) -> None:
        self.failures[what.split(":")[0]] += 1  # "HTTP 503", "timeout", "ConnectionResetError", ...
        if len(self.examples) < 10:
            self.examples.append(f"{url}: {what}")


class Connection:
    """One keep-alive HTTP/1.1 connection: GET, read the status and the whole body (length or chunked)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, int]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        size = 0
        if "content-length" in headers:
            size = int(headers["content-length"])
            await self.reader.readexactly(size)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        else:  # the body runs to the end of the connection
            size = len(await self.reader.read())
            await self.close()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, size

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def client(host: str, port: int, start: int, deadline: float, tally: Tally) -> None:
    connection = Connection(host, port)
    n = start
    try:
        while time.monotonic() < deadline:
            url = MIX[n % len(MIX)]
            n += 1
            began = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(connection.get(url), REQUEST_TIMEOUT)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
                tally.fail(url, f"{type(exc).__name__}: {exc}")
                await connection.close()
                continue
            except TimeoutError:
                tally.fail(url, f"timeout: no answer within {REQUEST_TIMEOUT} s")
                await connection.close()
                continue
            took = time.perf_counter() - began
            tally.latencies.append(took)
            tally.by_url.setdefault(url, []).append(took)
            if status != 200:
                tally.fail(url, f"HTTP {status}")
    finally:
        await connection.close()


def _percentile(ordered: list[float], p: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _processes(root: int) -> list[int]:
    """`root` and its descendants (uvicorn's supervisor and its workers), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss_kib(root: int) -> dict[int, int]:
    """VmRSS in KiB of the server and each of its processes."""
    sizes = {}
    for pid in _processes(root):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = int(line.split()[1])
    return sizes


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes] | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"no answer from {url}/api/v1/health within {timeout:.0f} s")


def _start_server(db: Path, workers: int, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    command = [str(BIN / "pactstore"), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return f"http://127.0.0.1:{port}", process


def _stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


async def run_load(url: str, clients: int, duration: float) -> tuple[Tally, float]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    tally = Tally()
    began = time.monotonic()
    deadline = began + duration
    tasks = [asyncio.create_task(client(host, port, i, deadline, tally)) for i in range(clients)]
    # Every client stops asking at the deadline; one in flight has REQUEST_TIMEOUT more to finish.
    await asyncio.wait_for(asyncio.gather(*tasks), duration + REQUEST_TIMEOUT + 5)
    return tally, time.monotonic() - began


def report(tally: Tally, elapsed: float, rss_before: dict[int, int], rss_after: dict[int, int]) -> dict[str, Any]:
    ordered = sorted(tally.latencies)  # of every answered request, whatever its status
    failed = sum(tally.failures.values())
    unanswered = sum(v for k, v in tally.failures.items() if not k.startswith("HTTP "))
    return {
        "requests": len(ordered) + unanswered,
        "failed": failed,
        "failures": dict(tally.failures),
        "failure_examples": tally.examples,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            name: round(value * 1000, 2)
            for name, value in (
                ("p50", _percentile(ordered, 50)),
                ("p90", _percentile(ordered, 90)),
                ("p99", _percentile(ordered, 99)),
                ("max", ordered[-1] if ordered else float("nan")),
            )
        },
        "rss_kib_before": {"total": sum(rss_before.values()), "by_pid": rss_before},
        "rss_kib_after": {"total": sum(rss_after.values()), "by_pid": rss_after},
        "by_url": {
            url: {
                "requests": len(times),
                "p50_ms": round(_percentile(sorted(times), 50) * 1000, 2),
                "p99_ms": round(_percentile(sorted(times), 99) * 1000, 2),
            }
            for url, times in tally.by_url.items()
        },
    }


def _print(result: dict[str, Any], clients: int, url: str) -> None:
    latency, before, after = result["latency_ms"], result["rss_kib_before"], result["rss_kib_after"]
    print(f"{clients} clients against {url} for {result['seconds']} s over {len(MIX)} URLs")
    print(f"  requests   {result['requests']}  ({result['requests_per_second']}/s)")
    print(f"  failed     {result['failed']}  {result['failures'] or ''}")
    for example in result["failure_examples"]:
        print(f"             {example}")
    print(f"  latency    p50 {latency['p50']} ms, p90 {latency['p90']} ms, p99 {latency['p99']} ms, ", end="")
    print(f"max {latency['max']} ms")
    print("  by URL     requests    p50 ms    p99 ms")
    for url, figures in sorted(result["by_url"].items(), key=lambda item: -item[1]["p99_ms"]):
        print(f"             {figures['requests']:8d}  {figures['p50_ms']:8.1f}  {figures['p99_ms']:8.1f}  {url}")
    if before["by_pid"]:
        each = ", ".join(f"{v / 1024:.1f}" for v in after["by_pid"].values())
        print(
            f"  server RSS {before['total'] / 1024:.1f} MiB before, {after['total'] / 1024:.1f} MiB after "
            f"({len(after['by_pid'])} processes: {each} MiB)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64, help="concurrent keep-alive connections (default 64)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--url", help="a running server to load, e.g. http://127.0.0.1:8000 (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, to report its memory")
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "pactstore.db", help="database to serve")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the started server (default 2)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 1024 or not 0 < args.duration <= 3600:
        parser.error("--clients must be 1..1024 and --duration 0..3600 seconds")

    with tempfile.TemporaryDirectory(prefix="pactstore-load-") as folder:
        process = None
        url, pid = args.url, args.pid
        try:
            if url is None:
                db = args.db
                if not db.is_file():
                    db = Path(folder) / "pactstore.db"
                    subprocess.run([str(BIN / "pactstore"), "build", "-q", "--db", str(db)], cwd=ROOT, check=True)
                url, process = _start_server(db, args.workers, Path(folder) / "server.log")
                pid = process.pid
            url = url.rstrip("/")
            _wait_healthy(url, process)
            rss_before = rss_kib(pid) if pid else {}
            tally, elapsed = asyncio.run(run_load(url, args.clients, args.duration))
            rss_after = rss_kib(pid) if pid else {}
        finally:
            if process is not None:
                _stop_server(process)
                log = Path(folder) / "server.log"
                errors = [line for line in log.read_text(errors="replace").splitlines() if "ERROR" in line]
                if errors:
                    print("server log errors:", *errors[:10], sep="\n  ", file=sys.stderr)
    result = report(tally, elapsed, rss_before, rss_after)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result, args.clients, url)
    return 1 if result["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
