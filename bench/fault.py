"""Load and fault: well-behaved clients keep working while one client sends abusive queries and another
rebuilds the database under the running server.

    .venv/bin/python bench/fault.py                    # 64 clients for 60 s, 2 workers
    .venv/bin/python bench/fault.py --duration 10      # a short run

Starts `pactstore serve --workers 2` on 127.0.0.1 (a free port) over a database built from a private
copy of seeds/ into a temporary directory, then for --duration seconds:

- --clients keep-alive clients ask a mix of API, CSV and Datasette URLs (bench/load.py's client);
- one client sends the abusive queries of ABUSIVE in turn, over and over (two of them as a pair, at once),
  each on a fresh connection, and records every answer (status, Datasette's error title) and its time;
- one client rebuilds the database three times (`pactstore build` into the served path; each rebuild
  appends a comment to the seed copy so it gets a new build id), spread over the run.

Worker memory is sampled from /proc every 0.2 s; each process's peak (VmHWM) is reported, for the
server's workers and, apart, for their SQL sandbox processes. It reports requests, failures of the
well-behaved clients, p50/p99, every abusive query's answers and times, and the memory; it exits 1
unless there were no failures, every abusive query was refused or answered within 5 s, and no worker
went above 512 MB. Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load
from load import (
    BIN,
    REQUEST_TIMEOUT,
    ROOT,
    Connection,
    Tally,
    _percentile,
    _processes,
    _start_server,
    _stop_server,
    _wait_healthy,
    client,
)

MIX = [
    "/api/v1/health",
    "/api/v1/agreements",
    "/api/v1/agreements?status=in_force&sort=-first_date",
    "/api/v1/agreements/jpn-kor-gsomia-2016",
    "/api/v1/provisions?kind=loss_notification",
    "/api/v1/events?agreement=jpn-kor-gsomia-2016",
    "/api/v1/documents/search?q=intelligence",
    "/api/v1/sharing?from=kor&to=jpn&on=2015-06-30",
    "/api/v1/agreements.csv",
    "/api/v1/provisions.csv",
    "/data/pactstore/agreements",
    "/data/pactstore/events.json?_size=20",
    "/data/pactstore/agreements.csv",
    "/data/pactstore/in_force_on.json?on=2015-06-30",
    "/data/pactstore.json?sql=select+id,+short_name+from+agreements+order+by+id",
]
"""API lists and details, search, the sharing evaluation, CSV exports, Datasette tables, a canned query, SQL."""

BIG = 999_000
ABUSIVE: dict[str, str] = {
    "randomblob 1e9": "/data/pactstore.json?" + urlencode({"sql": "select randomblob(1000000000)"}),
    "zeroblob 1e9": "/data/pactstore.json?" + urlencode({"sql": "select zeroblob(1000000000)"}),
    "printf 9e8": "/data/pactstore.json?" + urlencode({"sql": "select length(printf('%.*c',900000000,'x'))"}),
    "1,600 _facet=id": "/data/pactstore/agreements.json?" + "&".join(["_facet=id"] * 1600),
    "fts3_tokenizer": "/data/pactstore.json?" + urlencode({"sql": "select fts3_tokenizer('simple')"}),
    "instr of two long strings": "/data/pactstore.json?"
    + urlencode({"sql": f"select instr(printf('%.*c',{BIG},'a'), printf('%.*c',{BIG // 2},'a') || 'b')"}),
    "LIKE with a long pattern": "/data/pactstore.json?"
    + urlencode({"sql": f"select printf('%.*c',{BIG},'a') like '%' || printf('%.*c',190,'a') || 'b'"}),
    "900 conversions of a 1 MB number": "/data/pactstore.json?"
    + urlencode(
        {"sql": f"with a(x) as (select printf('%.*c',{BIG},'1')) select " + ", ".join(["-x-x-x-x-x-x-x-x-x"] * 99)}
    )
    + "+from+a",
    "group_concat growth": "/data/pactstore.json?"
    + urlencode(
        {
            "sql": "with recursive n(i) as (select 1 union all select i+1 from n where i < 100000) "
            "select length(group_concat(hex(randomblob(1000)))) from n"
        }
    ),
    "300 distinct group_concats": "/data/pactstore.json?"
    + urlencode(
        {
            "sql": "with recursive n(i) as (select 1 union all select i+1 from n where i < 20), "
            "v(x) as (select hex(randomblob(20000)) from n) "
            + " union all ".join(
                "select " + "+".join(f"length(group_concat(x,'{c}{i}'))" for i in range(99)) + " from v" for c in "abc"
            )
        }
    ),
    "replace doubling": "/data/pactstore.json?"
    + urlencode({"sql": "select replace(replace(replace(printf('%.*c',400000,'x'),'x','xx'),'x','xx'),'x','xx')"}),
    "endless recursive CTE": "/data/pactstore.json?"
    + urlencode({"sql": "with recursive n(i) as (select 1 union all select i+1 from n) select count(*) from n"}),
    "huge join": "/data/pactstore.json?"
    + urlencode({"sql": "select count(*) from citations a, citations b, citations c, citations d"}),
    "100 rows of 900 kB blobs": "/data/pactstore.json?"
    + urlencode(
        {
            "sql": "with recursive n(i) as (select 1 union all select i+1 from n where i < 100) "
            "select zeroblob(900000) from n"
        }
    ),
    "_where bomb on a table": "/data/pactstore/agreements.json?"
    + urlencode({"_where": "length(printf('%.*c',900000000,'x')) > 0"}),
    "sqlite_stmt": "/data/pactstore.json?" + urlencode({"sql": "select * from sqlite_stmt"}),
}
PAIR = ("randomblob 1e9", "printf 9e8")
"""Sent together as well: two at once used to take both workers down."""
ANSWER_WITHIN = 5.0
MAX_WORKER_MIB = 512


@dataclass
class Abuse:
    answers: dict[str, list[tuple[int | str, float]]] = field(default_factory=lambda: defaultdict(list))


async def _one(name: str, host: str, port: int, abuse: Abuse) -> None:
    connection = Connection(host, port)
    began = time.perf_counter()
    try:
        status, _ = await asyncio.wait_for(connection.get(ABUSIVE[name]), REQUEST_TIMEOUT)
        result: int | str = status
    except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError) as error:
        result = type(error).__name__
    abuse.answers[name].append((result, time.perf_counter() - began))
    await connection.close()


async def abuser(host: str, port: int, deadline: float, abuse: Abuse) -> None:
    while time.monotonic() < deadline:
        for name in ABUSIVE:
            if time.monotonic() >= deadline:
                return
            await _one(name, host, port, abuse)
        await asyncio.gather(*(_one(name, host, port, abuse) for name in PAIR))


async def rebuilder(db: Path, seeds: Path, duration: float, log: list[str], sources: list[str]) -> None:
    for n in range(3):
        await asyncio.sleep(duration / 4)
        with (seeds / "parties.yaml").open("a") as file:
            file.write(f"# fault rebuild {n}\n")
        began = time.perf_counter()
        command = [str(BIN / "pactstore"), "build", "-q", "--seeds", str(seeds), "--db", str(db), *sources]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        out, _ = await process.communicate()
        summary = out.decode().strip().splitlines()[-1] if out else ""
        log.append(f"rebuild {n + 1}: exit {process.returncode} in {time.perf_counter() - began:.1f} s: {summary}")


def _kind(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    if b"api.sql_sandbox" in command:
        return "sandbox"
    if b"spawn_main" in command and b"resource_tracker" not in command:
        return "worker"
    return "other"


async def sampler(root: int, stop: asyncio.Event, peaks: dict[int, tuple[str, int]]) -> None:
    """Peak resident memory (VmHWM, KiB) of every process under the server, by kind."""
    while not stop.is_set():
        for pid in _processes(root):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = (_kind(pid) if pid not in peaks else peaks[pid][0], int(line.split()[1]))
        await asyncio.sleep(0.2)


async def run(
    url: str, pid: int, db: Path, seeds: Path, clients: int, duration: float, sources: list[str]
) -> dict[str, Any]:
    host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
    load.MIX[:] = MIX  # bench/load.py's client asks load.MIX
    tally, abuse, rebuilds, peaks = Tally(), Abuse(), [], {}
    stop = asyncio.Event()
    began = time.monotonic()
    deadline = began + duration
    memory = asyncio.create_task(sampler(pid, stop, peaks))
    tasks = [asyncio.create_task(client(host, port, i, deadline, tally)) for i in range(clients)]
    tasks += [
        asyncio.create_task(abuser(host, port, deadline, abuse)),
        asyncio.create_task(rebuilder(db, seeds, duration, rebuilds, sources)),
    ]
    await asyncio.wait_for(asyncio.gather(*tasks), duration + 4 * REQUEST_TIMEOUT)
    stop.set()
    await memory
    elapsed = time.monotonic() - began
    ordered = sorted(tally.latencies)
    failed = sum(tally.failures.values())
    unanswered = sum(v for k, v in tally.failures.items() if not k.startswith("HTTP "))
    worst = {
        name: {
            "answers": sorted({str(status) for status, _ in answers}),
            "count": len(answers),
            "max_s": round(max(seconds for _, seconds in answers), 2),
            "median_s": round(sorted(seconds for _, seconds in answers)[len(answers) // 2], 2),
        }
        for name, answers in abuse.answers.items()
    }
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, hwm in peaks.values():
        by_kind[kind].append(hwm)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(ordered) + unanswered,
        "failed": failed,
        "failures": dict(tally.failures),
        "failure_examples": tally.examples,
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "latency_ms": {
            "p50": round(_percentile(ordered, 50) * 1000, 1),
            "p99": round(_percentile(ordered, 99) * 1000, 1),
        },
        "abusive": worst,
        "rebuilds": rebuilds,
        "peak_rss_mib": {kind: sorted(round(v / 1024, 1) for v in values) for kind, values in by_kind.items()},
    }


def verdict(result: dict[str, Any]) -> list[str]:
    problems = []
    if result["failed"]:
        problems.append(f"{result['failed']} failed requests from the well-behaved clients")
    for name, figures in result["abusive"].items():
        if figures["max_s"] > ANSWER_WITHIN or not all(a.isdigit() for a in figures["answers"]):
            problems.append(f"abusive query {name!r}: {figures}")
    if any(v > MAX_WORKER_MIB for v in result["peak_rss_mib"].get("worker", [])):
        problems.append(f"a worker went above {MAX_WORKER_MIB} MB: {result['peak_rss_mib']['worker']}")
    if len(result["rebuilds"]) != 3 or any("exit 0" not in line for line in result["rebuilds"]):
        problems.append(f"rebuilds: {result['rebuilds']}")
    return problems


def _print(result: dict[str, Any], problems: list[str]) -> None:
    print(f"{result['clients']} well-behaved clients for {result['seconds']} s over {len(MIX)} URLs, 2 workers")
    print(f"  requests   {result['requests']} ({result['requests_per_second']}/s)")
    print(f"  failed     {result['failed']} {result['failures'] or ''}")
    for example in result["failure_examples"]:
        print(f"             {example}")
    print(f"  latency    p50 {result['latency_ms']['p50']} ms, p99 {result['latency_ms']['p99']} ms")
    print("  abusive queries (status answered, times sent, median and longest time):")
    for name, figures in result["abusive"].items():
        answers = ", ".join(figures["answers"])
        times = f"{figures['median_s']:5.2f} s  max {figures['max_s']:5.2f} s"
        print(f"    {name:34s} {answers:10s} x{figures['count']:<4d} {times}")
    for line in result["rebuilds"]:
        print(f"  {line}")
    for kind, values in sorted(result["peak_rss_mib"].items()):
        print(f"  peak RSS of each {kind} process (MiB): {', '.join(str(v) for v in values)}")
    print("  PASS" if not problems else "  FAIL:\n    " + "\n    ".join(problems))


LIBRARY = ROOT.parent / "shared" / "sources"
"""Where a checkout keeps the source library."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64, help="well-behaved keep-alive clients (default 64)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument(
        "--sources",
        type=Path,
        default=LIBRARY if LIBRARY.is_dir() else None,  # ../shared/sources, beside the checkout
        help="the source library (default ../shared/sources when it is there): the store is built as it is served",
    )
    args = parser.parse_args(argv)
    sources = ["--sources", str(args.sources)] if args.sources else []
    if not 1 <= args.clients <= 512 or not 4 <= args.duration <= 600:
        parser.error("--clients must be 1..512 and --duration 4..600 seconds")
    with tempfile.TemporaryDirectory(prefix="pactstore-fault-") as folder:
        seeds, db, log = Path(folder) / "seeds", Path(folder) / "pactstore.db", Path(folder) / "server.log"
        shutil.copytree(ROOT / "seeds", seeds)
        subprocess.run(
            [str(BIN / "pactstore"), "build", "-q", "--seeds", str(seeds), "--db", str(db), *sources],
            cwd=ROOT,
            check=True,
        )
        url, process = _start_server(db, 2, log)
        try:
            _wait_healthy(url, process)
            result = asyncio.run(run(url, process.pid, db, seeds, args.clients, args.duration, sources))
        finally:
            _stop_server(process)
        result["server_log_errors"] = [
            line for line in log.read_text(errors="replace").splitlines() if "ERROR" in line
        ][:10]
    problems = verdict(result)
    if args.json:
        print(json.dumps({**result, "problems": problems}, indent=2))
    else:
        _print(result, problems)
        for line in result["server_log_errors"]:
            print(f"  server log: {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
