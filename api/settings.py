"""Every setting of the service in one place: URL prefixes, paths, limits and cache lifetimes.

Modules import their numbers from here rather than defining their own, so a limit is changed (and
documented) once. Nothing here imports Litestar or Datasette.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

# --- What this is -----------------------------------------------------------------------------

try:
    VERSION = version("pactstore")
    """The one version of the service: the package's, shown in the OpenAPI document and by /health.
    (A database records the version that built it, its own build id and its schema version.)"""
except PackageNotFoundError:  # run from a checkout that was never installed
    VERSION = "0+unknown"

# --- Where things are -------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"
STATIC = Path(__file__).resolve().parent / "static"
"""Our static files (served under /static/pactstore)."""
EXAMPLES_FILE = Path(__file__).resolve().parent / "examples.json"
"""The OpenAPI examples, recorded from the seed database (api/examples.py)."""
DEFAULT_DB = Path(os.environ.get("PACTSTORE_DB", "build/pactstore.db"))
DEFAULT_SEEDS = Path(os.environ.get("PACTSTORE_SEEDS", "seeds"))
DEFAULT_SCHEMA_DIR = Path("docs/schema")
"""Where `pactstore schema` writes the JSON Schemas of the seed formats."""
DEFAULT_OPENAPI = Path("docs/openapi.json")
"""Where `pactstore openapi` writes the OpenAPI document."""


def releases_path() -> Path:
    """Where /downloads finds the releases `pactstore export DIR` writes: $PACTSTORE_RELEASES, else build/releases."""
    return Path(os.environ.get("PACTSTORE_RELEASES", "build/releases"))


def database_path() -> Path:
    """The served database: $PACTSTORE_DB, else build/pactstore.db."""
    return Path(os.environ.get("PACTSTORE_DB", "build/pactstore.db"))


# --- URL prefixes -----------------------------------------------------------------------------

API_PREFIX = "/api/v1"
DATA_PREFIX = "/data"
"""Where Datasette is mounted."""
DATASETTE_DATABASE = "pactstore"
"""The name metadata.yml describes the database under, whatever the file is called."""
AGREEMENT_PAGES = "/agreements"
"""The readable page of an agreement is `/agreements/{id}` (api/pages/links.py builds every page link)."""
PARTY_PAGES = "/parties"
COMPARE_PAGE = "/compare"

# --- Pages and exports ------------------------------------------------------------------------

MAX_PAGE = 500
MAX_ANY_OF = 10
"""At most this many values of one repeatable filter (`party=kor&party=jpn`)."""
CSV_MAX_ROWS = 100_000
"""A CSV export without `limit` returns every matching row, up to this many."""
COUNT_CACHE_ENTRIES = 4096
"""List counts kept per build and worker (one per distinct filter; a few hundred bytes each)."""
SEARCH_CANDIDATES = 1000
"""A full-text search ranks at most this many matches of each kind (documents, official-text units) per index, or
`offset + limit` when more: a word found in most documents is ranked among the first matches in index order
(documents newest first) instead of scoring every match. `total` still counts every match."""

# --- Caching ----------------------------------------------------------------------------------

CACHE_SECONDS = 60
"""The data changes only when the database is rebuilt; clients and proxies may reuse an answer this long."""
CACHE_CONTROL = f"public, max-age={CACHE_SECONDS}"

# --- Request limits (api/security.py) ---------------------------------------------------------

MAX_PATH_BYTES = 4096
MAX_QUERY_BYTES = 8192
"""Room for every request the OpenAPI spec allows: each parameter has a maximum length (a repeatable filter a
maximum number of values too), and the longest valid path and query string (every parameter at its longest,
every repeatable one MAX_ANY_OF times, percent-encoded 4-byte characters where its pattern allows them) are
about 3.2 kB and 6.6 kB. tests/test_hostile_requests.py checks this against the spec."""
MAX_DATA_QUERY_BYTES = 16 * 1024
"""Datasette's ad-hoc SQL travels in the query string."""
MAX_BODY_BYTES = 1024
MAX_STATIC_NAME_CHARS = 128
"""The longest file or folder name under /static (the longest served is under 40); a longer one is a 404 before the
file system sees it (api/docs.py)."""
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# --- Datasette and the server (api/datasette_app.py, api/datasette_limits.py, api/sql_sandbox.py, cli.py serve)
# docs/deployment.md explains each limit and what it stops.

SQL_TIME_LIMIT_MS = 1000
"""Datasette's own limit: a progress handler that interrupts a query at SQLite's loop jumps."""
SQL_KILL_AFTER_MS = 1500
"""Every Datasette query runs in a sandbox process; one still running this long after it started (a single
C-level call, or straight-line code over huge values, which the progress handler never interrupts) is killed."""
SQL_SANDBOX_NICENESS = 10
"""Sandbox processes run at a lower CPU priority than the workers, so a runaway query slows other queries
before it slows the API."""
SQL_SANDBOX_MEMORY_BYTES = 512 * 1024 * 1024
"""Address-space limit (RLIMIT_AS) of each sandbox process: a query that needs more fails, the server does not."""
SQL_HEAP_LIMIT_BYTES = 192 * 1024 * 1024
"""SQLite's hard heap limit in each sandbox process: SQLite's own memory fails cleanly ("out of memory") first."""
SQL_MAX_VALUE_BYTES = 1_000_000
"""SQLITE_LIMIT_LENGTH: the longest string or blob (or row) a query may read or make. The longest value the
seeds make is a few tens of kB (tests/test_datasette_limits.py checks the built database fits)."""
SQL_MAX_COLUMNS = 100
"""SQLITE_LIMIT_COLUMN: result columns (and table columns) per statement."""
SQL_MAX_LIKE_PATTERN = 200
"""SQLITE_LIMIT_LIKE_PATTERN_LENGTH: LIKE and GLOB cost grows with the pattern's length times the text's."""
SQL_MAX_RESULT_BYTES = 16 * 1024 * 1024
"""Text and blob bytes one query may return (all its rows together)."""
MAX_FACETS = 10
"""At most this many _facet, _facet_array and _facet_date options on one Datasette request, none repeated."""
SQL_SANDBOX_START_SECONDS = 30.0
"""How long a new SQL sandbox process may take to start (not counted against a query's time)."""

DATASETTE_SETTINGS: dict[str, Any] = {
    "base_url": DATA_PREFIX + "/",
    "sql_time_limit_ms": SQL_TIME_LIMIT_MS,
    "max_returned_rows": 1000,
    "allow_csv_stream": True,
    "max_csv_mb": 50,
    "default_cache_ttl": CACHE_SECONDS,
    # No download of the whole .db file: it holds the source articles in full (documents.raw_text), which
    # remain their publishers' and are only quoted for citation. The curated data stays open as JSON and
    # CSV here, and anyone can rebuild the file from seeds/ with `pactstore build`.
    "allow_download": False,
    # Suggested facets cost one query per column on every table page (through the SQL sandboxes): under
    # load with an abusive client they queued the pages past 10 s (bench/fault.py). Facets asked for still work.
    "suggest_facets": False,
}

# The HTTP server (`pactstore serve`: uvicorn with httptools, api/http_server.py)
HEADER_TIMEOUT_SECONDS = 10.0
"""A connection must finish sending a request's headers this long after it opened, or after the previous
answer; otherwise it is closed (slowloris, and connections that never send anything).
`pactstore serve --header-timeout` overrides it (through $PACTSTORE_HEADER_TIMEOUT, for its workers)."""


def header_timeout_seconds() -> float:
    return float(os.environ.get("PACTSTORE_HEADER_TIMEOUT", HEADER_TIMEOUT_SECONDS))


KEEP_ALIVE_SECONDS = 5
"""An idle keep-alive connection is closed after this long (uvicorn's timeout_keep_alive)."""
