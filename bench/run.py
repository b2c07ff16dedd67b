"""The pactstore benchmark: generate a global-scale corpus, build it, load the API, write RESULTS.md.

    .venv/bin/python bench/run.py --scale 1.0          # the full run (make bench); ~15 minutes
    .venv/bin/python bench/run.py --scale 0.01 --duration 2 --warmup 1 --wait-idle 0   # a quick check

Steps, all on 127.0.0.1 and bounded in time:

1. `bench/generate.py` writes the corpus (reused when one of the same scale and seed exists).
2. `bench/build.py` builds it with `pactstore build` (time, phases, rows/s, size, peak memory).
3. Cold start: `pactstore serve` from process start to the first 200 on /api/v1/health.
4. For 1 and 2 workers: each endpoint under wrk for --duration seconds after --warmup seconds,
   side by side with two references: the framework ceiling (bench/ceiling_app.py: Litestar on
   the same uvicorn flags answering a constant body of the endpoint's typical size) and
   Datasette's own JSON for the equivalent query (the /data mount of the same server).
   Unloaded latency (one connection) per endpoint, and search latency per kind of query.
   Memory (RSS) of each serving worker after the run.
5. Scaling out: two `pactstore serve` processes behind a stock nginx (config in a temp dir,
   listening on 127.0.0.1 only, stopped at the end).
6. bench/RESULTS.md (and build/bench/results.json) from the figures of this run.

The harness knows the API only through HTTP (paths and query parameters), so it can be re-run
unchanged whatever the API does inside. It needs `wrk` and `nginx` (installed with apt-get when
missing and running as root); without wrk it falls back to a small Python load generator, and
without nginx it skips step 5.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
PACTSTORE = str(Path(PYTHON).parent / "pactstore")

# ---------------------------------------------------------------------------------------------
# Endpoints: what is asked, of our API and of Datasette


@dataclass
class Endpoint:
    name: str
    title: str
    ours: list[str]
    """Paths asked of the API, one per line of the wrk paths file."""
    datasette: list[str] | None
    """Equivalent Datasette JSON paths (several space-separated paths make one answer)."""
    datasette_title: str = ""
    media_type: str = "application/json"
    ours_bytes: int = 0
    results: dict[str, Any] = field(default_factory=dict)


def _q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def endpoints(corpus: dict[str, Any], seed: int, n: int = 400) -> list[Endpoint]:
    rng = random.Random(seed)
    ids = corpus["agreement_ids"]
    states = [s for s, count in corpus["states_by_agreements"] if count > 0]
    kinds = corpus["provision_kinds"]
    terms = corpus["search_terms"]
    sharing = corpus["sharing"] or [(states[0], states[-1], "2015-06-30")]
    detail = [rng.choice(ids) for _ in range(n)]
    listing = [(rng.choice(states), f"{rng.randint(1985, 2020)}-06-30", rng.choice([0, 0, 0, 50])) for _ in range(n)]
    by_kind = [(rng.choice(kinds), rng.choice([0, 0, 50, 100])) for _ in range(n)]
    searches = [rng.choice(terms) for _ in range(n)]
    exports = [rng.choice(states) for _ in range(n)]
    pairs = [rng.choice(sharing) for _ in range(n)]
    data = "/data/pactstore"
    plain = "_nofacet=1&_nosuggest=1"  # the API computes no facets: neither should its reference
    return [
        Endpoint(
            "detail",
            "agreement detail (random id)",
            [f"/api/v1/agreements/{a}" for a in detail],
            [f"{data}/agreements/{a}.json {data}/provisions.json?agreement_id={a}&_size=100&{plain}" for a in detail],
            "agreements/<id>.json + provisions.json?agreement_id=<id> (two requests per answer)",
        ),
        Endpoint(
            "list",
            "agreements of a party in force on a date, page of 50",
            [f"/api/v1/agreements?party={s}&status=in_force&on={d}&limit=50&offset={o}" for s, d, o in listing],
            [f"{data}/agreement_parties.json?state_id={s}&role=party&_size=50&{plain}" for s, _, _ in listing],
            "agreement_parties.json?state_id=<state>&role=party&_size=50",
        ),
        Endpoint(
            "provisions",
            "provisions of a kind, page of 50",
            [f"/api/v1/provisions?kind={k}&limit=50&offset={o}" for k, o in by_kind],
            [f"{data}/provisions.json?kind={k}&_size=50&{plain}" for k, _ in by_kind],
            "provisions.json?kind=<kind>&_size=50",
        ),
        Endpoint(
            "search",
            "full-text document search, 20 hits",
            [f"/api/v1/documents/search?q={_q(t)}&limit=20" for t in searches],
            [f"{data}/documents.json?_search={_q(t)}&_col=title&_col=published&_size=20&{plain}" for t in searches],
            "documents.json?_search=<words>&_col=title&_col=published&_size=20",
        ),
        Endpoint(
            "csv",
            "CSV export: every agreement of a party",
            [f"/api/v1/agreements.csv?party={s}" for s in exports],
            [f"{data}/agreement_parties.csv?state_id={s}&_stream=on&{plain}" for s in exports],
            "agreement_parties.csv?state_id=<state>&_stream=on",
            media_type="text/csv",
        ),
        Endpoint(
            "sharing",
            "sharing evaluation (from, to, on)",
            [f"/api/v1/sharing?from={a}&to={b}&on={d}" for a, b, d in pairs],
            None,
            "no equivalent (the evaluation is the API's own logic)",
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Processes: servers we start, and stop by their own pid


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Server:
    """A server process on 127.0.0.1: started, waited for, measured, stopped."""

    def __init__(self, name: str, command: list[str], port: int, log: Path, env: dict[str, str] | None = None) -> None:
        self.name, self.command, self.port, self.log = name, command, port, log
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_after: float | None = None

    def start(self, timeout: float = 60) -> Server:
        started = time.perf_counter()
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT, start_new_session=True
            )
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _ = http_get(self.port, "/api/v1/health", timeout=2)
                if status == 200:
                    self.ready_after = time.perf_counter() - started
                    return self
            time.sleep(0.005)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout}s; see {self.log}")

    def workers(self) -> list[int]:
        """The pids that serve requests: the process itself, or its spawned workers."""
        assert self.process is not None
        children = _children(self.process.pid)
        spawned = [pid for pid in children if "spawn_main" in _cmdline(pid)]
        return spawned or [self.process.pid]

    def rss_mb(self) -> dict[str, float]:
        assert self.process is not None
        out = {}
        for pid in [self.process.pid, *_children(self.process.pid)]:
            rss = _status_kb(pid, "VmRSS")
            if rss is not None:
                role = "worker" if pid in self.workers() else "supervisor"
                out[f"{role} {pid}"] = round(rss / 1024, 1)
        return out

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        children = _children(self.process.pid)
        self.process.send_signal(signal.SIGINT)  # uvicorn's graceful stop; it stops its workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        for pid in children:  # a worker the supervisor left behind: ours, so end it by its pid
            with contextlib.suppress(ProcessLookupError):
                if _status_kb(pid, "VmRSS") is not None:
                    os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def pactstore_server(db: Path, port: int, workers: int, log: Path) -> Server:
    command = [PACTSTORE, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    return Server(f"pactstore ({workers} worker)", [*command, "--workers", str(workers)], port, log)


def ceiling_server(port: int, workers: int, bodies: dict[str, Any], log: Path) -> Server:
    # Served as `pactstore serve` serves the API: same uvicorn options, same socket for several workers.
    command = [PYTHON, str(BENCH / "ceiling_app.py"), "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    env = {"PACTSTORE_CEILING_BODIES": json.dumps(bodies), "PYTHONPATH": str(ROOT)}
    return Server(f"ceiling ({workers} worker)", command, port, log, env)


# ---------------------------------------------------------------------------------------------
# Load: wrk, or a small Python generator when wrk is missing


def ensure_tool(binary: str, packages: list[str]) -> str | None:
    """The tool's path; installs it with apt-get when missing and we are root."""
    found = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for package in packages:
        print(f"  installing {package} with apt-get", flush=True)
        done = subprocess.run(["apt-get", "install", "-y", "-q", package], env=env, capture_output=True, timeout=300)
        if done.returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=300)
            done = subprocess.run(
                ["apt-get", "install", "-y", "-q", package], env=env, capture_output=True, timeout=300
            )
        found = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
        if found:
            return found
    return None


@dataclass
class Load:
    wrk: str | None
    duration: float
    warmup: float
    connections: int
    workdir: Path

    def run(self, port: int, paths: list[str], *, connections: int | None = None, duration: float | None = None,
            parts: int = 1, warm: bool = True) -> dict[str, Any]:  # fmt: skip
        """requests/s (answers/s when a line holds several paths), latency percentiles in ms."""
        connections = connections or self.connections
        duration = duration or self.duration
        if warm and self.warmup > 0:
            self._once(port, paths, connections, self.warmup)
        result = self._once(port, paths, connections, duration)
        seconds = result["duration_us"] / 1e6
        errors = sum(result[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
        return {
            "rps": round(result["requests"] / seconds / parts, 1),
            "requests": result["requests"],
            "p50_ms": round(result["p50_us"] / 1000, 2),
            "p99_ms": round(result["p99_us"] / 1000, 2),
            "max_ms": round(result["max_us"] / 1000, 2),
            "errors": errors,
            "connections": connections,
            "seconds": round(seconds, 1),
            "mb_per_s": round(result["bytes"] / seconds / 1e6, 2),
        }

    def _once(self, port: int, paths: list[str], connections: int, duration: float) -> dict[str, Any]:
        if self.wrk is None:
            return _python_load(port, paths, connections, duration)
        paths_file = self.workdir / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        command = [self.wrk, "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "10s"]
        command += ["-s", str(BENCH / "paths.lua"), f"http://127.0.0.1:{port}", "--", str(paths_file), "1"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
        for line in done.stdout.splitlines():
            if line.startswith("WRK_JSON "):
                return json.loads(line.removeprefix("WRK_JSON "))
        raise RuntimeError(f"wrk gave no result: {done.stdout[-500:]} {done.stderr[-500:]}")


def _python_load(port: int, paths: list[str], connections: int, duration: float) -> dict[str, Any]:
    """A bounded keep-alive load generator (one thread per connection), for machines without wrk."""
    deadline = time.perf_counter() + duration
    latencies: list[float] = []
    counts = {"requests": 0, "bytes": 0, "status_errors": 0, "read_errors": 0}
    lock = threading.Lock()
    lines = [line.split() for line in paths]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        local = {"requests": 0, "bytes": 0, "status_errors": 0, "read_errors": 0}
        while time.perf_counter() < deadline:
            for path in rng.choice(lines):
                began = time.perf_counter()
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException):
                    local["read_errors"] += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    continue
                mine.append(time.perf_counter() - began)
                local["requests"] += 1
                local["bytes"] += len(body)
                local["status_errors"] += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            for key, value in local.items():
                counts[key] += value

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 30)
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> int:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e6) if latencies else 0

    return {
        **counts,
        "duration_us": round(elapsed * 1e6),
        "p50_us": pct(50),
        "p90_us": pct(90),
        "p99_us": pct(99),
        "max_us": pct(100),
        "mean_us": statistics.fmean(latencies) * 1e6 if latencies else 0,
        "connect_errors": 0,
        "write_errors": 0,
        "timeouts": 0,
    }


# ---------------------------------------------------------------------------------------------
# nginx in front of two server processes


class Nginx:
    def __init__(self, binary: str, upstreams: list[int], port: int, workdir: Path) -> None:
        self.binary, self.port = binary, port
        self.dir = Path(tempfile.mkdtemp(prefix="nginx-", dir=workdir))
        servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstreams)
        temp = {name: self.dir / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir()
        self.config = self.dir / "nginx.conf"
        self.config.write_text(
            f"""# Written by bench/run.py; served on 127.0.0.1 only, stopped at the end of the run.
daemon off;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    upstream pactstore {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://pactstore;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [self.binary, "-c", str(self.config), "-p", str(self.dir), "-e", str(self.dir / "error.log")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(500):
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}; see {self.dir}/error.log")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if http_get(self.port, "/api/v1/health", timeout=2)[0] == 200:
                    return
            time.sleep(0.01)
        self.stop()
        raise RuntimeError("nginx did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: master and workers exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# ---------------------------------------------------------------------------------------------
# The machine


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_idle(limit: float, threshold: float) -> tuple[float, float]:
    """Wait (at most `limit` seconds, polling every 15 s) for the 1-minute load average to fall under
    `threshold`. Returns (load average now, seconds waited)."""
    began = time.perf_counter()
    while loadavg() >= threshold and time.perf_counter() - began < limit:
        print(
            f"  load average {loadavg():.2f} >= {threshold}; waiting ({time.perf_counter() - began:.0f}s)", flush=True
        )
        time.sleep(15)
    return loadavg(), round(time.perf_counter() - began)


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1) if found else cpu
    mem_kb = 0
    with contextlib.suppress(OSError):
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
    }


def versions(wrk: str | None, nginx: str | None) -> dict[str, str]:
    import sqlite3
    from importlib.metadata import version

    out = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for package in ("litestar", "uvicorn", "datasette", "msgspec", "sqlite-utils", "pyyaml"):
        with contextlib.suppress(Exception):
            out[package] = version(package)
    for package in ("uvloop", "httptools"):
        try:
            out[package] = version(package)
        except Exception:
            out[package] = "not installed (uvicorn uses asyncio and h11)"
    if wrk:
        done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        out["wrk"] = (done.stdout or done.stderr).split("\n")[0].split(" [")[0].removeprefix("wrk ")
    if nginx:
        done = subprocess.run([nginx, "-v"], capture_output=True, text=True)
        out["nginx"] = done.stderr.strip().split("/")[-1]
    with contextlib.suppress(Exception):
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT)
        out["pactstore"] = commit.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    return out


# ---------------------------------------------------------------------------------------------
# The run


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


def generate(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    seeds, meta_file = work / "seeds", work / "corpus.json"
    if meta_file.is_file() and seeds.is_dir() and not args.regenerate:
        meta = json.loads(meta_file.read_text())
        if meta.get("scale") == args.scale and meta.get("seed") == args.seed:
            print(f"  reusing {seeds} (scale {args.scale}, seed {args.seed}); --regenerate to make it anew")
            return meta
    subprocess.run(
        [PYTHON, str(BENCH / "generate.py"), "--out", str(seeds), "--scale", str(args.scale), "--seed", str(args.seed)],
        check=True,
        cwd=ROOT,
    )
    return json.loads(meta_file.read_text())


def build(work: Path, profile: bool = False, options: tuple[str, ...] = ("--full",)) -> dict[str, Any]:
    """bench/build.py over the corpus: a full build by default; `("--edit-one",)` for the rebuild after an edit."""
    command = [PYTHON, str(BENCH / "build.py"), "--seeds", str(work / "seeds"), "--db", str(work / "pactstore.db")]
    command += options
    if profile:
        command += ["--profile", str(work / "build.prof"), "--top", "25"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    result = None
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("RESULT "):
            result = json.loads(line.removeprefix("RESULT "))
        else:
            print(line, end="", flush=True)
    if process.wait() != 0 or result is None:
        raise SystemExit("the build failed; see above")
    return result


def sample(port: int, endpoint: Endpoint, n: int = 40) -> dict[str, Any]:
    """Typical answer size of the endpoint (median over n paths), and the statuses seen."""
    sizes, statuses = [], {}
    for path in endpoint.ours[:n]:
        status, body = http_get(port, path)
        statuses[status] = statuses.get(status, 0) + 1
        sizes.append(len(body))
    return {"median_bytes": int(statistics.median(sizes)), "statuses": statuses}


def latency_probe(port: int, paths: list[str], n: int, limit: float = 15) -> dict[str, float]:
    """One request at a time over a keep-alive connection (n requests, at most `limit` seconds):
    p50 and p99 in ms."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times: list[float] = []
    deadline = time.perf_counter() + limit
    for path in (paths * (n // len(paths) + 1))[:n]:
        if time.perf_counter() > deadline:
            break
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - began) * 1000)
    connection.close()
    times.sort()
    return {
        "n": len(times),
        "p50_ms": round(times[len(times) // 2], 2),
        "p99_ms": round(times[min(len(times) - 1, int(0.99 * len(times)))], 2),
        "max_ms": round(times[-1], 2),
    }


def cold_start(db: Path, work: Path, runs: int) -> dict[str, Any]:
    times = []
    for _ in range(runs):
        server = pactstore_server(db, free_port(), 1, work / "cold-start.log").start()
        assert server.ready_after is not None
        times.append(round(server.ready_after, 3))
        server.stop()
    return {"runs": times, "median_s": statistics.median(times)}


def measure(args: argparse.Namespace, work: Path, db: Path, eps: list[Endpoint], load: Load) -> dict[str, Any]:
    out: dict[str, Any] = {"workers": {}}
    for workers in args.workers:
        step(f"{workers} worker(s): our API, the framework ceiling and Datasette, {args.duration:g}s per endpoint")
        ours = pactstore_server(db, free_port(), workers, work / f"server-{workers}.log").start()
        try:
            if "bodies" not in out:
                out["bodies"] = {}
                for ep in eps:
                    seen = sample(ours.port, ep)
                    ep.ours_bytes = seen["median_bytes"]
                    out["bodies"][ep.name] = {"size": ep.ours_bytes, "media_type": ep.media_type, **seen}
                    print(f"  {ep.name}: typical answer {ep.ours_bytes:,} bytes, statuses {seen['statuses']}")
            ceiling = ceiling_server(free_port(), workers, out["bodies"], work / f"ceiling-{workers}.log").start()
            rows = {}
            try:
                for ep in eps:
                    row = {"ours": load.run(ours.port, ep.ours)}
                    row["ceiling"] = load.run(ceiling.port, [f"/ceiling/{ep.name}"])
                    if ep.datasette:
                        parts = len(ep.datasette[0].split())
                        row["datasette"] = load.run(ours.port, ep.datasette, parts=parts)
                    rows[ep.name] = row
                    print("  " + _line(ep.name, row), flush=True)
            finally:
                ceiling.stop()
            result: dict[str, Any] = {"endpoints": rows, "rss_mb": ours.rss_mb()}
            if workers == 1:
                step(f"unloaded latency: one connection, {args.latency_duration:g}s per endpoint")
                result["latency"] = {}
                for ep in eps:
                    result["latency"][ep.name] = load.run(
                        ours.port, ep.ours, connections=1, duration=args.latency_duration
                    )
                    lat = result["latency"][ep.name]
                    print(f"  {ep.name:11} p50 {lat['p50_ms']:8.2f} ms  p99 {lat['p99_ms']:8.2f} ms", flush=True)
                result["search_classes"] = search_classes(ours.port, args)
                result["rss_mb"] = ours.rss_mb()
            out["workers"][workers] = result
            print(f"  memory after the run: {result['rss_mb']} MB", flush=True)
        finally:
            ours.stop()
    return out


def search_classes(port: int, args: argparse.Namespace) -> dict[str, Any]:
    """Search latency by kind of query: how many documents match drives the cost."""
    corpus = json.loads((Path(args.work) / "corpus.json").read_text())
    terms = corpus["search_terms"]
    classes = {
        "frequent topic (in most documents)": terms[:2],
        "rare topic (a few % of documents)": terms[18:24],
        "state name": terms[-20:],
        "no match": ["zzyzx", "qwertyuiop"],
    }
    out = {}
    for label, words in classes.items():
        paths = [f"/api/v1/documents/search?q={_q(w)}&limit=20" for w in words]
        _, body = http_get(port, paths[0])
        total = json.loads(body).get("total") if body.startswith(b"{") else None
        out[label] = {**latency_probe(port, paths, args.probe_requests), "example": words[0], "total_hits": total}
        print(f"  search, {label}: {out[label]}", flush=True)
    return out


def scale_out(args: argparse.Namespace, work: Path, db: Path, eps: list[Endpoint], load: Load, nginx: str) -> Any:
    step("scaling out: two server processes behind nginx")
    backends = [pactstore_server(db, free_port(), 1, work / f"backend-{n}.log") for n in range(2)]
    proxy = Nginx(nginx, [b.port for b in backends], free_port(), work)
    rows = {}
    try:
        for backend in backends:
            backend.start()
        proxy.start()
        for ep in eps:
            rows[ep.name] = {"ours": load.run(proxy.port, ep.ours)}
            print("  " + _line(ep.name, rows[ep.name]), flush=True)
        rss = {b.name + f" :{b.port}": b.rss_mb() for b in backends}
    finally:
        proxy.stop()
        for backend in backends:
            backend.stop()
        shutil.rmtree(proxy.dir, ignore_errors=True)
    return {"endpoints": rows, "rss_mb": rss, "nginx_worker_processes": 1}


def _line(name: str, row: dict[str, Any]) -> str:
    parts = [f"{name:11}"]
    for key in ("ours", "ceiling", "datasette"):
        if key in row:
            r = row[key]
            errors = f" ERRORS {r['errors']}" if r["errors"] else ""
            parts.append(f"{key} {r['rps']:8.1f}/s p50 {r['p50_ms']:7.2f} p99 {r['p99_ms']:7.2f}{errors}")
    return " | ".join(parts)


# ---------------------------------------------------------------------------------------------
# RESULTS.md


TARGETS = {
    "build_s": 60,
    "build_mb": 2048,
    "rebuild_s": 5,
    "rebuild_share": 0.1,
    "detail_vs_ceiling": 0.8,
    "detail_vs_datasette": 10,
    "lists_vs_ceiling": 0.5,
    "csv_vs_ceiling": 0.3,
    "sharing_vs_ceiling": 0.3,
    "search_p99_ms": 50,
    "rss_mb": 200,
    "cold_start_s": 2,
}
"""Issue 19's targets (the build's at scale 1.0), and the earlier ones for memory, cold start and Datasette."""


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def write_results(path: Path, r: dict[str, Any]) -> None:
    m, v, corpus, b = r["machine"], r["versions"], r["corpus"], r["build"]
    counts = corpus["counts"]
    one = r["load"]["workers"].get(1) or next(iter(r["load"]["workers"].values()))
    lines = [
        "# pactstore benchmark results",
        "",
        f"Generated by `{r['command']}` on {r['finished']} (UTC), in {r['seconds'] / 60:.1f} minutes. "
        "Do not edit by hand: re-run the command.",
        "",
        "## Machine and versions",
        "",
        f"- {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Linux {m['kernel']}",
        f"- 1-minute load average: {r['loadavg_start']:.2f} at the start of the measurements "
        f"(after waiting {r['waited_s']} s for it to fall under {r['idle_threshold']}), "
        f"{r['loadavg_before_load']:.2f} before the load tests, {r['loadavg_end']:.2f} at the end",
        "- " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"- load generator: {r['load_generator']}, {r['connections']} connections, {r['warmup']:g} s warm-up "
        f"then {r['duration']:g} s per measurement; unloaded latency: 1 connection, {r['latency_duration']:g} s",
        "",
        "## Dataset",
        "",
        f"Generated by `bench/generate.py --scale {corpus['scale']} --seed {corpus['seed']}` "
        f"in {corpus['seconds']:.0f} s "
        f"({corpus['bytes'] / 1e6:,.0f} MB of seeds): {counts['agreements']:,} agreements, {counts['provisions']:,} "
        f"provisions, {counts['events']:,} events, {counts['documents']:,} documents, {counts['citations']:,} "
        f"citations, {counts['parties']:,} parties, {counts['subjects']} subjects.",
        "",
        "## Build",
        "",
        f"`pactstore build` of that corpus: **{b['seconds']:.1f} s**, {b['rows']:,} rows "
        f"({b['rows_per_second']:,} rows/s), database {b['db_bytes'] / 1e6:,.0f} MB, peak memory "
        f"{b['peak_rss_mb']:,} MB; {b.get('cpu_seconds', 0):.1f} s of CPU (user + system), which a machine shared "
        "with other work stretches less than wall time."
        + (" Built under cProfile (slower than without)." if b.get("profiled") else "")
        + (" The build ran in an earlier run of this corpus (`--reuse-build`)." if b.get("reused") else ""),
        "",
    ]
    if b.get("limits_lifted"):
        lifted = ", ".join(f"`{k}` {val['loader']:,} -> {val['bench']:,}" for k, val in b["limits_lifted"].items())
        lines += [
            f"The loader's limits for hand-edited YAML refuse a documents.yaml of this size; the benchmark lifts "
            f"them for its own build process ({lifted}).",
            "",
        ]
    lines += ["| phase (progress message) | seconds |", "| --- | ---: |"]
    lines += [f"| {p['phase']} | {p['seconds']:.2f} |" for p in b["phases"]]
    rebuild = b.get("rebuild")
    if rebuild:
        lines += [
            "",
            f"The rebuild after editing one agreement record (`bench/build.py --edit-one`: "
            f"{rebuild['edited']} renamed, "
            f"rebuilt with the cache of the build above, then put back): **{rebuild['seconds']:.1f} s**, "
            f"{rebuild.get('cpu_seconds', 0):.1f} s of CPU; {rebuild.get('how')}.",
            "",
            "| phase of the rebuild | seconds |",
            "| --- | ---: |",
            *(f"| {p['phase']} | {p['seconds']:.2f} |" for p in rebuild["phases"]),
        ]
    lines += ["", "Rows per table: " + ", ".join(f"{k} {n:,}" for k, n in b["counts"].items() if n) + ".", ""]
    if b.get("profile_top"):
        lines += [
            "Where the build's time goes (cProfile, functions by own time; `--profile-build`):",
            "",
            "| function | calls | own s | cumulative s |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| `{row['function']}` | {row['calls']:,} | {row['own_s']:.2f} | {row['cumulative_s']:.2f} |"
                for row in b["profile_top"]
            ),
            "",
        ]

    lines += [
        "## Load, one worker: our API against the framework ceiling and Datasette",
        "",
        "Requests per second (answers per second for Datasette's two-request detail) with latency under load "
        "(p50/p99 in ms). *Ceiling*: Litestar on the same uvicorn flags returning a constant body of the "
        "endpoint's typical size, no database work. *Datasette*: its own JSON for the equivalent query, "
        "from the /data mount of the same server.",
        "",
    ]
    for workers, result in r["load"]["workers"].items():
        if workers != 1:
            lines += [f"## Load, {workers} workers", ""]
            first = r["load"]["workers"].get(1)
            if first and _slower_ceiling(first, result):
                lines += [
                    f"The ceiling itself is slower with {workers} workers than with one. A p50 stuck near 44 ms "
                    "is Nagle's algorithm: plain `uvicorn --workers N` binds the shared socket without "
                    "IPPROTO_TCP, so asyncio never sets TCP_NODELAY and keep-alive answers wait for the client's "
                    "delayed ACK (Kludex/uvicorn#3149); `pactstore serve` and bench/ceiling_app.py bind it as TCP.",
                    "",
                ]
        lines += [
            "| endpoint | answer | ours req/s | p50 | p99 | ceiling req/s | ours / ceiling | Datasette ans/s "
            "| ours / Datasette |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in result["endpoints"].items():
            o, c, d = row["ours"], row["ceiling"], row.get("datasette")
            size = r["load"]["bodies"][name]["size"]
            errors = f" ({o['errors']} errors)" if o["errors"] else ""
            lines.append(
                f"| {r['titles'][name]} | {size / 1000:,.1f} kB | {o['rps']:,.0f}{errors} | {o['p50_ms']:.1f} "
                f"| {o['p99_ms']:.1f} | {c['rps']:,.0f} | {_ratio(o['rps'], c['rps'])} "
                f"| {format(d['rps'], ',.0f') if d else 'n/a'} | {_ratio(o['rps'], d['rps']) if d else 'n/a'} |"
            )
        lines += ["", f"Memory (RSS) after the run: {_rss(result['rss_mb'])}.", ""]
        if "latency" in result:
            lines += [
                "Unloaded latency (one connection, one request at a time):",
                "",
                "| endpoint | p50 ms | p99 ms | max ms |",
                "| --- | ---: | ---: | ---: |",
            ]
            lines += [
                f"| {r['titles'][n]} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} | {x['max_ms']:.2f} |"
                for n, x in result["latency"].items()
            ]
            lines += [
                "",
                "Search latency by kind of query (one connection):",
                "",
                "| query | example | hits | requests | p50 ms | p99 ms |",
                "| --- | --- | ---: | ---: | ---: | ---: |",
            ]
            lines += [
                f"| {label} | {x['example']} | {x['total_hits']} | {x['n']} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} |"
                for label, x in result["search_classes"].items()
            ]
            lines.append("")
    lines += ["Datasette equivalents asked:", ""]
    lines += [f"- {r['titles'][n]}: `{t}`" for n, t in r["datasette_titles"].items()]
    lines.append("")

    if r.get("scale_out"):
        lines += [
            "## Scaling out",
            "",
            "Requests per second of our API: one worker, two uvicorn workers, and two `pactstore serve` "
            "processes (one worker each) behind nginx (one nginx worker process, keep-alive upstream). On 2 cores "
            "the load generator, the proxy and the servers share the same CPUs.",
            "",
            "| endpoint | 1 worker | 2 workers | 2 processes + nginx |",
            "| --- | ---: | ---: | ---: |",
        ]
        note = (
            "uvicorn's workers share one listening socket and each accepts as many pending connections as it "
            "can: wrk's 16 keep-alive connections, opened at once, can all land on one worker, so two workers may "
            "serve no more than one. nginx spreads requests, not connections."
        )
        lines[-2:-2] = [note, ""]
        for name in r["titles"]:
            cells = []
            for source in (r["load"]["workers"].get(1), r["load"]["workers"].get(2), r["scale_out"]):
                row = source["endpoints"].get(name) if source else None
                cells.append(f"{row['ours']['rps']:,.0f} (p99 {row['ours']['p99_ms']:.0f} ms)" if row else "n/a")
            lines.append(f"| {r['titles'][name]} | " + " | ".join(cells) + " |")
        backends = "; ".join(f"{k}: {_rss(val)}" for k, val in r["scale_out"]["rss_mb"].items())
        lines += ["", f"Memory of the two backends: {backends}.", ""]
    elif r.get("scale_out_skipped"):
        lines += ["## Scaling out", "", f"Skipped: {r['scale_out_skipped']}.", ""]

    t = r["targets"]

    def build_verdict(ok: bool) -> str:
        # The build's targets are set at scale 1.0: a smaller corpus meets or misses nothing.
        return _met(ok) if r["corpus"]["scale"] == 1.0 else f"not measured at scale 1.0 ({_met(ok)} at this scale)"

    lines += [
        "## Targets (one worker)",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
        f"| full build < {TARGETS['build_s']} s at scale 1.0 | {b['seconds']:.1f} s wall, "
        f"{b.get('cpu_seconds', 0):.1f} s CPU at scale {r['corpus']['scale']} | {build_verdict(t['build'])} |",
        f"| full build < {TARGETS['build_mb']:,} MB peak memory at scale 1.0 | {b['peak_rss_mb']:,} MB at scale "
        f"{r['corpus']['scale']} | {build_verdict(t['build_memory'])} |",
        *(
            [
                f"| rebuild after editing one record < {TARGETS['rebuild_s']} s at scale 0.1, "
                f"< {TARGETS['rebuild_share']:.0%} of a full build at scale 1.0 | {b['rebuild']['seconds']:.1f} s "
                f"wall, {b['rebuild'].get('cpu_seconds', 0):.1f} s CPU ({t['rebuild_share']:.0%} of the full build) "
                f"at scale {r['corpus']['scale']} | {_met(t['rebuild'])} |"
            ]
            if "rebuild" in t
            else []
        ),
        f"| agreement detail >= {TARGETS['detail_vs_ceiling']:.0%} of the ceiling | {t['detail_vs_ceiling']} | "
        f"{_met(t['detail_ceiling'])} |",
        f"| agreement detail >= {TARGETS['detail_vs_datasette']}x Datasette (row + provisions) | "
        f"{t['detail_vs_datasette']}x | {_met(t['detail_datasette'])} |",
        f"| filtered list >= {TARGETS['lists_vs_ceiling']:.0%} of the ceiling | {t['list_vs_ceiling']} | "
        f"{_met(t['list_ceiling'])} |",
        f"| provisions by kind >= {TARGETS['lists_vs_ceiling']:.0%} of the ceiling | {t['provisions_vs_ceiling']} | "
        f"{_met(t['provisions_ceiling'])} |",
        f"| CSV export >= {TARGETS['csv_vs_ceiling']:.0%} of the ceiling (streamed) | {t.get('csv_vs_ceiling')} | "
        f"{_met(t.get('csv_ceiling'))} |",
        f"| sharing evaluation >= {TARGETS['sharing_vs_ceiling']:.0%} of the ceiling | "
        f"{t.get('sharing_vs_ceiling')} | {_met(t.get('sharing_ceiling'))} |",
        f"| full-text search p99 < {TARGETS['search_p99_ms']} ms under the bench load "
        f"| {t['search_p99_ms']} ms | {_met(t['search'])} |",
        f"| serving worker memory < {TARGETS['rss_mb']} MB | {t['rss_mb']} MB | {_met(t['rss'])} |",
        f"| cold start < {TARGETS['cold_start_s']} s (process start to first 200 on /api/v1/health) | "
        f"{r['cold_start']['median_s']:.2f} s (runs: {r['cold_start']['runs']}) | {_met(t['cold_start'])} |",
        "",
        "## Commands",
        "",
        "```",
        *r["commands"],
        "```",
        "",
    ]
    # The work folder is this machine's: RESULTS.md names it WORK (the command line says which folder it was).
    work = str(r.get("work_dir") or "")
    text = "\n".join(lines)
    path.write_text(text.replace(work, "WORK") if work else text)
    _ = one


def _slower_ceiling(one: dict[str, Any], more: dict[str, Any]) -> bool:
    pairs = [(one["endpoints"][n]["ceiling"]["rps"], row["ceiling"]["rps"]) for n, row in more["endpoints"].items()]
    return statistics.median(m / o for o, m in pairs if o) < 0.9


def _rss(rss: dict[str, float]) -> str:
    return ", ".join(f"{k}: {val:.0f} MB" for k, val in rss.items())


def targets(r: dict[str, Any]) -> dict[str, Any]:
    one = r["load"]["workers"].get(1)
    out: dict[str, Any] = {
        "build": r["build"]["seconds"] < TARGETS["build_s"],
        "build_memory": r["build"]["peak_rss_mb"] < TARGETS["build_mb"],
    }
    rebuild = r["build"].get("rebuild")
    if rebuild:
        out["rebuild_share"] = round(rebuild["seconds"] / r["build"]["seconds"], 3)
        out["rebuild"] = (
            out["rebuild_share"] < TARGETS["rebuild_share"]
            if r["corpus"]["scale"] >= 1.0
            else rebuild["seconds"] < TARGETS["rebuild_s"]
        )
    if one is None:
        return out
    e = one["endpoints"]

    def vs(name: str, ref: str) -> float | None:
        return _ratio(e[name]["ours"]["rps"], e[name][ref]["rps"]) if ref in e[name] else None

    out["detail_vs_ceiling"] = vs("detail", "ceiling")
    out["detail_ceiling"] = (out["detail_vs_ceiling"] or 0) >= TARGETS["detail_vs_ceiling"]
    out["detail_vs_datasette"] = vs("detail", "datasette")
    out["detail_datasette"] = (out["detail_vs_datasette"] or 0) >= TARGETS["detail_vs_datasette"]
    out["list_vs_ceiling"] = vs("list", "ceiling")
    out["list_ceiling"] = (out["list_vs_ceiling"] or 0) >= TARGETS["lists_vs_ceiling"]
    out["provisions_vs_ceiling"] = vs("provisions", "ceiling")
    out["provisions_ceiling"] = (out["provisions_vs_ceiling"] or 0) >= TARGETS["lists_vs_ceiling"]
    out["csv_vs_ceiling"] = vs("csv", "ceiling")
    out["csv_ceiling"] = (out["csv_vs_ceiling"] or 0) >= TARGETS["csv_vs_ceiling"]
    out["sharing_vs_ceiling"] = vs("sharing", "ceiling")
    out["sharing_ceiling"] = (out["sharing_vs_ceiling"] or 0) >= TARGETS["sharing_vs_ceiling"]
    out["search_p99_ms"] = e["search"]["ours"]["p99_ms"]  # under the bench load, as issue 19 asks
    out["search"] = out["search_p99_ms"] < TARGETS["search_p99_ms"]
    workers_rss = [v for k, v in one["rss_mb"].items() if k.startswith("worker")]
    out["rss_mb"] = max(workers_rss) if workers_rss else None
    out["rss"] = out["rss_mb"] is not None and out["rss_mb"] < TARGETS["rss_mb"]
    out["cold_start"] = r["cold_start"]["median_s"] < TARGETS["cold_start_s"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size; 1.0 = 20,000 agreements")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="corpus, database and logs")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per measurement")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of load before each measurement")
    parser.add_argument("--latency-duration", type=float, default=5, help="seconds per unloaded-latency run")
    parser.add_argument("--probe-requests", type=int, default=200, help="requests per search-latency class")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    parser.add_argument("--cold-starts", type=int, default=3)
    parser.add_argument("--wait-idle", type=float, default=600, help="max seconds to wait for an idle machine")
    parser.add_argument("--idle-load", type=float, default=0.7, help="1-minute load average counted as idle")
    parser.add_argument(
        "--profile-build", action="store_true", help="build under cProfile (slower) and list where its time goes"
    )
    parser.add_argument(
        "--reuse-build",
        action="store_true",
        help="load the database an earlier run built from this corpus, with that build's figures, instead of building",
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the corpus even if one exists")
    parser.add_argument("--no-nginx", action="store_true", help="skip the scaling-out step")
    args = parser.parse_args()
    began = time.perf_counter()
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    args.work = work
    command = "bench/run.py " + " ".join(sys.argv[1:])

    step("tools")
    wrk = ensure_tool("wrk", ["wrk"])
    nginx = None if args.no_nginx else ensure_tool("nginx", ["nginx-light", "nginx"])
    print(f"  wrk: {wrk or 'missing: using the Python load generator'}; nginx: {nginx or 'skipped'}")

    step("corpus")
    corpus = generate(args, work)
    step(f"waiting for an idle machine (1-minute load average < {args.idle_load}, at most {args.wait_idle:g} s)")
    load_start, waited = wait_idle(args.wait_idle, args.idle_load)
    print(f"  load average {load_start:.2f} after {waited} s")
    step("build")
    db = work / "pactstore.db"
    saved = work / "build.json"
    if args.reuse_build and saved.is_file() and db.is_file():
        # The build's figures as its own run measured them; the load below runs on that database.
        build_result = {**json.loads(saved.read_text()), "reused": True}
        print(f"  reusing {db} and the figures of the build that made it ({saved})")
    else:
        build_result = build(work, profile=args.profile_build)
        step("rebuild after editing one agreement record")
        build_result["rebuild"] = build(work, options=("--edit-one",))
        saved.write_text(json.dumps(build_result))

    step("cold start")
    cold = cold_start(db, work, args.cold_starts)
    print(f"  {cold}")
    load_before, waited_again = wait_idle(args.wait_idle, args.idle_load)
    print(f"  load average {load_before:.2f} before the load tests (waited {waited_again} s)")
    eps = endpoints(corpus, args.seed)
    load = Load(wrk, args.duration, args.warmup, args.connections, work)
    measured = measure(args, work, db, eps, load)
    scaled = None
    skipped = None
    if nginx and 1 in args.workers:
        scaled = scale_out(args, work, db, eps, load, nginx)
    else:
        skipped = "--no-nginx given" if args.no_nginx else "nginx is not installed and could not be installed"

    results: dict[str, Any] = {
        "command": command,
        "finished": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        "seconds": time.perf_counter() - began,
        "machine": machine(),
        "versions": versions(wrk, nginx),
        "loadavg_start": load_start,
        "loadavg_before_load": load_before,
        "loadavg_end": loadavg(),
        "waited_s": waited,
        "idle_threshold": args.idle_load,
        "load_generator": f"wrk ({wrk}), 1 thread" if wrk else "Python threads (wrk missing)",
        "connections": args.connections,
        "warmup": args.warmup,
        "duration": args.duration,
        "latency_duration": args.latency_duration,
        "corpus": {k: corpus[k] for k in ("scale", "seed", "counts", "seconds", "bytes")},
        "build": build_result,
        "cold_start": cold,
        "load": measured,
        "scale_out": scaled,
        "scale_out_skipped": skipped,
        "titles": {ep.name: ep.title for ep in eps},
        "datasette_titles": {ep.name: ep.datasette_title for ep in eps},
        "commands": [
            f".venv/bin/python {command}",
            "# which runs, in turn:",
            f".venv/bin/python bench/generate.py --out {work / 'seeds'} --scale {args.scale} --seed {args.seed}",
            f".venv/bin/python bench/build.py --seeds {work / 'seeds'} --db {db}",
            f".venv/bin/pactstore serve --db {db} --host 127.0.0.1 --port PORT --workers 1|2",
            "PACTSTORE_CEILING_BODIES='{...}' PYTHONPATH=. .venv/bin/python bench/ceiling_app.py "
            "--host 127.0.0.1 --port PORT --workers 1|2",
            f"wrk -t1 -c{args.connections} -d{args.duration:g}s --timeout 10s -s bench/paths.lua "
            "http://127.0.0.1:PORT -- paths.txt 1",
            "nginx -c TMP/nginx.conf -p TMP -e TMP/error.log   # upstream: two pactstore serve --workers 1",
        ],
    }
    results["targets"] = targets(results)
    results["work_dir"] = str(work)
    (work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    write_results(args.results, results)
    step(f"wrote {args.results} and {work / 'results.json'} in {(time.perf_counter() - began) / 60:.1f} minutes")
    print(json.dumps(results["targets"], indent=2))


if __name__ == "__main__":
    main()
