"""Every setting of the service in one place: URL prefixes, paths, limits and cache lifetimes.

Modules import their numbers from here rather than defining their own, so a limit is changed (and
documented) once. Nothing here imports Litestar or Datasette.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# --- Where things are -------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"
DEFAULT_DB = Path("build/pactstore.db")


def database_path() -> Path:
    """The served database: $PACTSTORE_DB, else build/pactstore.db."""
    return Path(os.environ.get("PACTSTORE_DB", DEFAULT_DB))


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
