"""ASGI servers side by side with real sockets: request framing, slow and idle connections, throughput.

    .venv/bin/python bench/servers.py                       # every server this venv has, ~1 minute each
    .venv/bin/python bench/servers.py --only granian --hold 15

For each server (uvicorn with h11, uvicorn with httptools, granian, hypercorn; those not installed are
skipped) it starts the real app on 127.0.0.1 (a free port) over a database built from seeds/, and measures
on loopback:

- `CL+TE`: a request with both Content-Length and Transfer-Encoding (RFC 9112 §6.1: the server must close
  the connection after answering it). Reports the status and whether the connection was closed.
- `slow headers`: one header line a second after the request line (slowloris); seconds until the server
  closes the connection (capped at --hold).
- `idle (new)`: a connection that sends nothing; `idle (after a request)`: a keep-alive connection after one
  answer. Seconds until closed (capped at --hold).
- `50 slowloris`: 50 such slow connections at once: how many are still open after --hold seconds, and
  whether a normal request is still answered meanwhile.
- `req/s`: 16 keep-alive clients on /api/v1/health for 5 s (one worker; client and server share the cores).

uvicorn's httptools, granian and hypercorn are not dependencies of pactstore but httptools: to compare,
`.venv/bin/pip install granian hypercorn` first.

Every connection goes to 127.0.0.1, and every probe stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import Connection, _free_port, _wait_healthy

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def server_commands(port: int) -> dict[str, list[str]]:
    app = "api.app:create_app"
    hypercorn_app = f"{app}()"  # hypercorn calls a factory written as a call
    address = ["--host", HOST, "--port", str(port)]
    uvicorn = [str(BIN / "uvicorn"), "--factory", app, *address, "--no-server-header"]
    granian = [str(BIN / "granian"), "--interface", "asgi", "--factory", app, *address, "--no-ws"]
    return {
        "uvicorn (h11)": [*uvicorn, "--http", "h11"],
        "uvicorn (httptools)": [*uvicorn, "--http", "httptools"],
        "granian (defaults)": granian,
        "granian (header timeout 10 s)": [*granian, "--http1-header-read-timeout", "10000"],
        "hypercorn (keep-alive 5 s)": [
            str(BIN / "hypercorn"),
            "--bind",
            f"{HOST}:{port}",
            "--keep-alive",
            "5",
            hypercorn_app,
        ],
        "pactstore serve": [str(BIN / "pactstore"), "serve", *address],
    }


REQUIRES = {"uvicorn (h11)": "uvicorn", "uvicorn (httptools)": "httptools", "hypercorn (keep-alive 5 s)": "hypercorn"}
REQUIRES |= {
    "granian (defaults)": "granian",
    "granian (header timeout 10 s)": "granian",
    "pactstore serve": "httptools",
}


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> float | None:
    """Seconds until the peer closes (EOF or reset), or None if it is still open after `seconds`."""
    began = time.monotonic()
    try:
        while time.monotonic() - began < seconds:
            data = await asyncio.wait_for(reader.read(65536), seconds - (time.monotonic() - began))
            if not data:
                return time.monotonic() - began
    except TimeoutError:
        return None
    except OSError:
        return time.monotonic() - began
    return None


async def cl_te(port: int) -> str:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    await writer.drain()
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        status = head.split(b" ", 2)[1].decode()
    except (TimeoutError, asyncio.IncompleteReadError, OSError) as exc:
        status = type(exc).__name__
    closed = await _closed_within(reader, 3)
    writer.close()
    return f"{status}, {'closed' if closed is not None else 'kept open'}"


async def slow_headers(port: int, hold: float) -> float | None:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\n")
    began = time.monotonic()

    async def trickle() -> None:
        with contextlib.suppress(OSError):
            for n in range(int(hold) + 1):
                await asyncio.sleep(1)
                writer.write(f"X-Slow-{n}: y\r\n".encode())
                await writer.drain()

    task = asyncio.create_task(trickle())
    closed = await _closed_within(reader, hold)
    task.cancel()
    writer.close()
    return None if closed is None else time.monotonic() - began


async def idle(port: int, hold: float, after_request: bool) -> float | None:
    reader, writer = await asyncio.open_connection(HOST, port)
    if after_request:
        writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(v) for k, _, v in (h.partition(b":") for h in head.split(b"\r\n")) if k.lower() == b"content-length"
        )
        await reader.readexactly(length)
    closed = await _closed_within(reader, hold)
    writer.close()
    return closed


async def many_slowloris(port: int, hold: float, count: int = 50) -> str:
    tasks = [asyncio.create_task(slow_headers(port, hold)) for _ in range(count)]
    await asyncio.sleep(min(hold / 2, 5))
    connection = Connection(HOST, port)
    try:
        status, _ = await asyncio.wait_for(connection.get("/api/v1/health"), 5)
        meanwhile = f"health {status}"
    except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
        meanwhile = f"health failed ({type(exc).__name__})"
    await connection.close()
    results = await asyncio.gather(*tasks)
    return f"{sum(1 for r in results if r is None)} of {count} open after {hold:.0f} s; {meanwhile}"


async def throughput(port: int, seconds: float = 5, clients: int = 16) -> float:
    deadline = time.monotonic() + seconds
    done = 0

    async def one() -> None:
        nonlocal done
        connection = Connection(HOST, port)
        try:
            while time.monotonic() < deadline:
                status, _ = await connection.get("/api/v1/health")
                done += status == 200
        finally:
            await connection.close()

    await asyncio.gather(*(one() for _ in range(clients)))
    return done / seconds


def _seconds(value: float | None, hold: float) -> str:
    return f"> {hold:.0f} s (still open)" if value is None else f"{value:.1f} s"


async def probe(port: int, hold: float) -> dict[str, str]:
    framing = await cl_te(port)
    slow, fresh, kept, crowd = await asyncio.gather(
        slow_headers(port, hold), idle(port, hold, False), idle(port, hold, True), many_slowloris(port, hold)
    )
    rate = await throughput(port)
    return {
        "CL+TE": framing,
        "slow headers": _seconds(slow, hold),
        "idle (new)": _seconds(fresh, hold),
        "idle (after a request)": _seconds(kept, hold),
        "50 slowloris": crowd,
        "req/s": f"{rate:.0f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold", type=float, default=40.0, help="seconds to wait for a close (default 40)")
    parser.add_argument("--only", help="only servers whose name contains this")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="pactstore-servers-") as folder:
        db = Path(folder) / "pactstore.db"
        subprocess.run([str(BIN / "pactstore"), "build", "-q", "--db", str(db)], cwd=ROOT, check=True)
        env = {**os.environ, "PACTSTORE_DB": str(db)}
        for name in server_commands(0):
            if args.only and args.only not in name:
                continue
            if importlib.util.find_spec(REQUIRES[name]) is None:
                print(f"{name}: not installed, skipped")
                continue
            port = _free_port()
            command = server_commands(port)[name]
            if "serve" in command:
                command += ["--db", str(db)]
            log = Path(folder) / "server.log"
            with log.open("wb") as out:
                process = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            try:
                _wait_healthy(f"http://{HOST}:{port}", process)
                results[name] = asyncio.run(probe(port, args.hold))
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            print(f"{name}: {results[name]}", flush=True)
    if results:
        keys = list(next(iter(results.values())))
        print("\n| server | " + " | ".join(keys) + " |")
        print("| --- " * (len(keys) + 1) + "|")
        for name, row in results.items():
            print(f"| {name} | " + " | ".join(row[k] for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
