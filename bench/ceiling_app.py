"""The framework ceiling: Litestar answering a constant body, with no database work at all.

bench/run.py serves it the way `pactstore serve` serves the API (`main()` below: uvicorn, same workers,
no server header, no proxy headers, log level info with access log) and asks it for
`/ceiling/<endpoint>`: each endpoint's body is a constant of the size of that endpoint's typical
answer (measured on the real API first), JSON or CSV like the real one. Whatever the real API
loses against this is the cost of its own work (SQL, assembling, encoding) and middleware.

    PACTSTORE_CEILING_BODIES='{"detail": {"size": 9000, "media_type": "application/json"}}' \\
        PYTHONPATH=. .venv/bin/python bench/ceiling_app.py --port 8101 --workers 2
"""

from __future__ import annotations

import json
import os

from litestar import Litestar, Response, get
from litestar.exceptions import NotFoundException


def body_of_size(size: int, media_type: str) -> bytes:
    """A valid JSON document (or CSV text) of exactly `size` bytes."""
    if media_type.startswith("text/csv"):
        header = b"id,name,value\r\n"
        line = b"an-agreement-id,Some Name,42\r\n"
        body = header + line * max(0, (size - len(header)) // len(line))
        return body + b"x" * (size - len(body))
    skeleton = b'{"items":[],"pad":""}'
    return skeleton[:-2] + b"x" * max(0, size - len(skeleton)) + b'"}'


def create_app() -> Litestar:
    specs = json.loads(os.environ.get("PACTSTORE_CEILING_BODIES", "{}"))
    bodies = {
        name: (body_of_size(int(spec["size"]), spec["media_type"]), spec["media_type"]) for name, spec in specs.items()
    }

    @get("/ceiling/{endpoint:str}", sync_to_thread=False)
    def ceiling(endpoint: str) -> Response[bytes]:
        try:
            body, media_type = bodies[endpoint]
        except KeyError:
            raise NotFoundException(f"no ceiling body for {endpoint!r}") from None
        return Response(content=body, media_type=media_type)

    @get("/api/v1/health", sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar(route_handlers=[ceiling, health], debug=False)


def main() -> None:
    """Serve the ceiling exactly as `pactstore serve` serves the API (see cli.py): uvicorn.run for one
    worker; for several, a shared socket bound as TCP (so TCP_NODELAY holds) under uvicorn's Multiprocess."""
    import argparse
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    options = {"host": args.host, "port": args.port, "server_header": False, "proxy_headers": False}
    options["log_level"] = "info"
    if args.workers == 1:
        uvicorn.run("bench.ceiling_app:create_app", factory=True, **options)
        return
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.set_inheritable(True)
    config = uvicorn.Config("bench.ceiling_app:create_app", factory=True, workers=args.workers, **options)
    Multiprocess(config, sockets=[sock]).run()


if __name__ == "__main__":
    main()
