"""The `pactstore` command: a thin layer over loaders/ and the domain layer (api/domain/).

Every command has an example in its --help. Errors go to stderr with a non-zero exit code.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from api.export.command import export
from api.settings import DEFAULT_DB, DEFAULT_OPENAPI, DEFAULT_SCHEMA_DIR, DEFAULT_SEEDS
from loaders.options import seeds_option
from loaders.partial import partial_report
from loaders.propose.command import propose


def db_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The `--db` option, with what the command does with the file."""
    return click.option(
        "--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True, help=help_text
    )


sources_option = click.option(
    "--sources",
    "sources",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    envvar="PACTSTORE_SOURCES",
    help="A source library root (repeatable; searched in order). Also $PACTSTORE_SOURCES, "
    "several separated by ':'. Without one, records that cite library sources are left out.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail when a source is missing from the library instead of leaving records out."
)


def _peak_memory_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes, macOS bytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _progress(quiet: bool) -> Callable[[str], None] | None:
    if quiet:
        return None
    return lambda message: click.echo(f"  {message}", err=True)


@click.group()
@click.version_option(package_name="pactstore")
def main() -> None:
    """pactstore: the cited terms of military intelligence-sharing agreements.

    \b
    Build the database from the seeds, then serve it:
        pactstore build
        pactstore serve
    """


main.add_command(export)  # pactstore export DIR (api/export/command.py)
main.add_command(propose)  # pactstore propose PATH (loaders/propose/command.py)


@main.command()
@seeds_option()
@db_option("The database file to write (replaced atomically).")
@sources_option
@strict_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where files read and checked, and answers stored, before are cached (default: .cache/ beside the database).",
)
@click.option("--full", is_flag=True, help="Read and check every file again, ignoring the cache (and refresh it).")
def build(
    seeds_dir: Path,
    db_path: Path,
    sources: tuple[Path, ...],
    strict: bool,
    quiet: bool,
    cache_dir: Path | None,
    full: bool,
) -> None:
    """Check the seeds and build the SQLite database.

    A failed build changes nothing: the previous database stays as it was. Without the source
    library, the records that cite its files are left out and the build says which. Files that an
    earlier build read and checked, byte for byte the same, come from a cache (--cache-dir), and so
    do the stored answers of each agreement whose inputs did not change; the result is the database
    a full build (--full) writes.

    \b
    Examples:
        pactstore build --seeds seeds --db build/pactstore.db --sources ../shared/sources
        pactstore build --strict --sources ../shared/sources
        pactstore build --full
    """
    started = time.perf_counter()  # the closing line's time covers the whole command, imports included
    from api.domain.build import build as run_build
    from loaders.errors import SeedErrors

    click.echo(f"Building {db_path} from {seeds_dir}/", err=True)
    try:
        result = run_build(
            seeds_dir,
            db_path,
            _progress(quiet),
            sources=sources,
            strict=strict,
            cache_dir=cache_dir or db_path.parent / ".cache",
            full=full,
        )
    except SeedErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    click.echo(f"  {result.how}", err=True)
    counts = result.counts
    click.echo(
        f"Built {result.path} in {time.perf_counter() - started:.2f}s, peak memory {_peak_memory_mb():,.0f} MB "
        f"(build {result.build_id}): "
        f"{counts.get('agreements', 0)} agreements, {counts.get('provisions', 0)} provisions, "
        f"{counts.get('events', 0)} events, {counts.get('parties', 0)} parties, "
        f"{counts.get('documents', 0)} documents, {counts.get('citations', 0)} citations checked."
    )
    if result.partial:
        click.echo(partial_report(result.missing_sources, result.left_out))


@main.command()
@seeds_option()
@sources_option
@strict_option
def validate(seeds_dir: Path, sources: tuple[Path, ...], strict: bool) -> None:
    """Check every seed file and report all errors at once; build nothing.

    \b
    Examples:
        pactstore validate --seeds seeds --sources ../shared/sources
        pactstore validate --strict --sources ../shared/sources
    """
    from loaders.errors import SeedErrors
    from loaders.seeds import load_seeds

    try:
        seeds = load_seeds(seeds_dir, sources=sources, strict=strict)
    except SeedErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    click.echo(
        f"{seeds_dir}/ is valid: {len(seeds.agreements)} agreements, {len(seeds.documents)} documents, "
        f"{len(seeds.texts)} official texts, {len(seeds.parties)} parties, {len(seeds.subjects)} subjects."
    )
    if seeds.partial:
        click.echo(partial_report(list(seeds.missing_sources.values()), seeds.left_out))


@main.command("schema")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=DEFAULT_SCHEMA_DIR,
    show_default=True,
    help="Directory for the <format>.schema.json files.",
)
@click.option("--check", is_flag=True, help="Fail if the files there differ from the schema instead of writing.")
def schema_command(out: Path, check: bool) -> None:
    """Write the JSON Schemas of the seed file formats (generated from schema/).

    \b
    Examples:
        pactstore schema
        pactstore schema --check
    """
    from schema.formats import FORMATS, render_json_schema

    stale = []
    for name in FORMATS:
        path = out / f"{name}.schema.json"
        text = render_json_schema(name)
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(str(path))
            continue
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        click.echo(f"wrote {path}")
    if stale:
        click.echo(f"out of date: {', '.join(stale)}; run `pactstore schema`", err=True)
        sys.exit(1)


@main.command()
@db_option("The database to serve; built from --seeds first if missing.")
@seeds_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; each keeps its own read-only connection. A worker that dies is replaced.",
)
@click.option(
    "--header-timeout",
    type=click.FloatRange(0.1, 600),
    default=None,
    help="Seconds a connection has to send a request's headers (default: api/settings.py, 10).",
)
@sources_option
def serve(
    db_path: Path,
    seeds_dir: Path,
    host: str,
    port: int,
    workers: int,
    header_timeout: float | None,
    sources: tuple[Path, ...],
) -> None:
    """Serve the API, its docs and Datasette over the database.

    A running server picks up a rebuilt database (`pactstore build`) without a restart. The HTTP server
    is uvicorn with httptools and a deadline for request headers (api/http_server.py, docs/deployment.md).

    \b
    Example:
        pactstore serve --host 127.0.0.1 --port 8000 --workers 2
    """
    import uvicorn

    from api.http_server import HeaderDeadlineProtocol
    from api.settings import KEEP_ALIVE_SECONDS

    if not db_path.is_file():
        click.echo(f"No database at {db_path}; building it from {seeds_dir}/ first.", err=True)
        from api.domain.build import build as run_build
        from loaders.errors import SeedErrors

        try:
            result = run_build(seeds_dir, db_path, _progress(False), sources=sources)
        except SeedErrors as exc:
            click.echo(exc.report(), err=True)
            sys.exit(1)
        if result.partial:
            click.echo(partial_report(result.missing_sources, result.left_out), err=True)
    os.environ["PACTSTORE_DB"] = str(db_path.resolve())
    if header_timeout is not None:
        os.environ["PACTSTORE_HEADER_TIMEOUT"] = str(header_timeout)  # read by every worker
    click.echo(f"Serving {db_path} on http://{host}:{port}/ (API docs at /schema/swagger)", err=True)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "server_header": False,
        "proxy_headers": False,
        "log_level": "info",
        "http": HeaderDeadlineProtocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
    }
    if workers == 1:
        uvicorn.run("api.app:create_app", factory=True, **options)
        return
    import socket

    from uvicorn.supervisors import Multiprocess

    # uvicorn binds the socket its workers share without IPPROTO_TCP, so asyncio never sets
    # TCP_NODELAY on their connections and every keep-alive answer waits on Nagle's algorithm
    # (~40 ms instead of ~1 ms; Kludex/uvicorn#3149). Bind it ourselves, as a TCP socket.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    config = uvicorn.Config("api.app:create_app", factory=True, workers=workers, **options)
    Multiprocess(config, sockets=[sock]).run()


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OPENAPI, show_default=True)
@click.option("--check", is_flag=True, help="Fail if the committed spec or examples differ from the app's.")
@sources_option
def openapi(out: Path, check: bool, sources: tuple[Path, ...]) -> None:
    """Record the response examples from the seeds and write the OpenAPI 3.1 spec.

    The examples (api/examples.json) are the API's real answers over a database built from
    seeds/, so the spec never shows an answer the API would not give.

    \b
    Examples:
        pactstore openapi --sources ../shared/sources
        pactstore openapi --check --sources ../shared/sources
    """
    import tempfile

    from api.app import create_app
    from api.domain.build import build as run_build
    from api.examples import record_examples, render_examples
    from api.settings import EXAMPLES_FILE
    from api.spec import render_openapi

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "pactstore.db"
        # The examples come from the whole store: strict, so a missing library source is an error here.
        run_build(DEFAULT_SEEDS, db_path, sources=sources, strict=True)
        examples = render_examples(record_examples(create_app(db_path)))
        if not check:
            EXAMPLES_FILE.write_text(examples)
        spec = render_openapi(create_app(db_path))
    if check:
        stale = [
            str(p) for p, text in ((EXAMPLES_FILE, examples), (out, spec)) if not p.is_file() or p.read_text() != text
        ]
        if stale:
            click.echo(f"out of date: {', '.join(stale)}; run `pactstore openapi`", err=True)
            sys.exit(1)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(spec)
    click.echo(f"wrote {EXAMPLES_FILE} and {out}")


@main.command()
@click.option("--from", "sender", required=True, help="The party sharing (a party id: kor, usa-dod, ...).")
@click.option("--to", "recipient", required=True, help="The recipient party.")
@click.option(
    "--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="The date (YYYY-MM-DD); default today."
)
@click.option("--subject", default=None, help="What the information is about (a subject id).")
@click.option("--classification", default=None, help="A marking (SECRET, 군사II급비밀, 極秘), in any party's script.")
@click.option("--onward-to", "onward_to", default=None, help="May the recipient pass it on to this party?")
@db_option("The database to ask.")
@click.option("--json", "as_json", is_flag=True, help="Print the full answer as JSON (as the API gives it).")
def sharing(
    sender: str,
    recipient: str,
    on: datetime.datetime | None,
    subject: str | None,
    classification: str | None,
    onward_to: str | None,
    db_path: Path,
    as_json: bool,
) -> None:
    """May one party pass information to another on a date, by which route, under which terms?

    \b
    Examples:
        pactstore sharing --from kor --to jpn --on 2015-06-30 --subject dprk-missile-programme
        pactstore sharing --from jpn --to kor --on 2016-11-30 --onward-to chn --json
    """
    import msgspec

    from api.domain.errors import DomainError
    from api.domain.query import DatabaseMissing, connect
    from api.domain.sharing import evaluate
    from api.domain.status import today

    try:
        answer = evaluate(
            connect(db_path),
            sender,
            recipient,
            on.date() if on else today(),
            subject,
            classification,
            onward_to,
        )
    except DomainError as exc:
        click.echo(f"error: {exc.detail}", err=True)
        sys.exit(2)
    except DatabaseMissing as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(msgspec.json.format(msgspec.json.encode(answer), indent=2).decode())
        return
    from api.domain.sharing_text import describe

    click.echo("\n".join(describe(answer)))
