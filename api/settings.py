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


def database_path() -> Path:
    """The served database: $PACTSTORE_DB, else build/pactstore.db."""
    return Path(os.environ.get("PACTSTORE_DB", "build/pactstore.db"))


# --- URL prefixes -----------------------------------------------------------------------------

API_PREFIX = "/api/v1"
DATA_PREFIX = "/data"
"""Where Datasette is mounted."""
DATASETTE_DATABASE = "pactstore"
"""The name metadata.yml describes the database under, whatever the file is called."""

# --- Pages and exports ------------------------------------------------------------------------

MAX_PAGE = 500
CSV_MAX_ROWS = 100_000
"""A CSV export without `limit` returns every matching row, up to this many."""

# --- Caching ----------------------------------------------------------------------------------

CACHE_SECONDS = 60
"""The data changes only when the database is rebuilt; clients and proxies may reuse an answer this long."""
CACHE_CONTROL = f"public, max-age={CACHE_SECONDS}"

# --- Request limits (api/security.py) ---------------------------------------------------------

MAX_PATH_BYTES = 4096
MAX_QUERY_BYTES = 8192
"""Room for every request the OpenAPI spec allows: each parameter has a maximum length, and the longest
valid path and query string (every parameter at its longest, percent-encoded 4-byte characters) are
about 3.2 kB and 4.6 kB. tests/test_hostile_requests.py checks this against the spec."""
MAX_DATA_QUERY_BYTES = 16 * 1024
"""Datasette's ad-hoc SQL travels in the query string."""
MAX_BODY_BYTES = 1024
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# --- Datasette (api/datasette_app.py) ---------------------------------------------------------

DATASETTE_SETTINGS: dict[str, Any] = {
    "base_url": DATA_PREFIX + "/",
    "sql_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "allow_csv_stream": True,
    "max_csv_mb": 50,
    "default_cache_ttl": CACHE_SECONDS,
    # No download of the whole .db file: it holds the source articles in full (documents.raw_text), which
    # remain their publishers' and are only quoted for citation. The curated data stays open as JSON and
    # CSV here, and anyone can rebuild the file from seeds/ with `pactstore build`.
    "allow_download": False,
}
