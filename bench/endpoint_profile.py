"""Where one endpoint's time goes: the app called in-process over ASGI (no server, no socket), timed and
under cProfile, with the paths bench/run.py asks of it.

    .venv/bin/python bench/endpoint_profile.py --work WORK                    # every endpoint, 300 requests each
    .venv/bin/python bench/endpoint_profile.py --work WORK --only list,csv --requests 500 --top 30

WORK is a bench/run.py work directory (its `corpus.json` and `pactstore.db`). For each endpoint it prints
the median time per request over the ASGI interface (CPU time, steadier than the wall clock on a shared
machine) beside what bench/ceiling_app.py (Litestar answering a constant body of the same size) costs in the
same loop, and the functions with the most cumulative and own time. The server's own work (uvicorn: parsing,
sockets), which bench/run.py's figures include for both, is not in either: the ratio here is lower.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from bench.ceiling_app import create_app as create_ceiling  # noqa: E402
from bench.run import endpoints  # noqa: E402

Asgi = Callable[[dict[str, Any], Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Any]], Any]


async def _get(app: Asgi, target: str) -> tuple[int, int]:
    """One GET over ASGI: its status and body size."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    status, size = 0, 0
    asked, done = False, asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # as uvicorn does: a disconnect once the answer is complete
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    await app(scope, receive, send)
    return status, size


async def _run(app: Asgi, paths: list[str]) -> tuple[list[float], dict[int, int], int]:
    times, statuses, sizes = [], {}, []
    for path in paths:
        started = time.process_time()
        status, size = await _get(app, path)
        times.append(time.process_time() - started)
        statuses[status] = statuses.get(status, 0) + 1
        sizes.append(size)
    return times, statuses, int(statistics.median(sizes))


def _profile(app: Asgi, paths: list[str], top: int) -> str:
    profile = cProfile.Profile()
    profile.enable()
    asyncio.run(_run(app, paths))
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True, help="a bench/run.py work directory")
    parser.add_argument("--only", default="", help="comma-separated endpoint names (detail,list,provisions,...)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true", help="only the timings")
    args = parser.parse_args()
    corpus = json.loads((args.work / "corpus.json").read_text())
    app = create_app(args.work / "pactstore.db")
    wanted = set(filter(None, args.only.split(",")))
    chosen = [ep for ep in endpoints(corpus, 1) if not wanted or ep.name in wanted]
    for ep in chosen:
        paths = (ep.ours * (args.requests // len(ep.ours) + 1))[: args.requests]
        asyncio.run(_run(app, paths[:20]))  # warm: connections, count cache, imports
        times, statuses, size = asyncio.run(_run(app, paths))
        ceiling = create_ceiling_for(ep.name, size, ep.media_type)
        ceiling_times, _, _ = asyncio.run(_run(ceiling, [f"/ceiling/{ep.name}"] * args.requests))
        ours_ms, ceiling_ms = statistics.median(times) * 1000, statistics.median(ceiling_times) * 1000
        print(
            f"## {ep.name}: median {ours_ms:.3f} ms CPU per request over ASGI, ceiling {ceiling_ms:.3f} ms "
            f"(ratio {ceiling_ms / ours_ms:.2f}); p90 {statistics.quantiles(times, n=10)[-1] * 1000:.3f} ms; "
            f"{size} bytes; statuses {statuses}",
            flush=True,
        )
        if not args.no_profile:
            print(_profile(app, paths, args.top), flush=True)


def create_ceiling_for(name: str, size: int, media_type: str) -> Asgi:
    """The ceiling app answering a constant body of `size` bytes for `/ceiling/<name>`."""
    import os

    os.environ["PACTSTORE_CEILING_BODIES"] = json.dumps({name: {"size": size, "media_type": media_type}})
    return create_ceiling()


if __name__ == "__main__":
    main()
