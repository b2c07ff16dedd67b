"""Shared fixtures: the real seeds, and one database built from them per test run."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlite_utils

from loaders.builder import BuildResult
from loaders.seeds import Seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LIBRARY = Path(os.environ.get("PACTSTORE_SOURCES", ROOT.parent / "shared" / "sources"))
"""The source library beside the checkout (README: "The source library"). Tests that read it carry the
`library` marker: without it they are deselected, with a notice at the end of the run; with
PACTSTORE_REQUIRE_LIBRARY=1 (set by .ci/run) a missing library is an error instead."""
HAS_LIBRARY = LIBRARY.is_dir()
SOURCES = (LIBRARY,) if HAS_LIBRARY else ()
"""What the test database is built with: the library when there is one (strictly), else nothing."""
TEST_CACHE = Path(tempfile.mkdtemp(prefix="pactstore-test-cache-"))
"""One loader cache (loaders/cache.py) for the run's test builds, as a curator's rebuilds share one: a test that
breaks a file has that file read and checked again (only files without problems are cached), the rest come from
the cache. tests/test_incremental_build.py checks that a build from the cache equals a full build."""


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)
    shutil.rmtree(SEED_DATABASE_DIR, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    # Here rather than at collection, which pytest-xdist runs in its workers: the run stops with this message.
    if not HAS_LIBRARY and os.environ.get("PACTSTORE_REQUIRE_LIBRARY") == "1":
        raise pytest.UsageError(f"the source library is required here and missing: {LIBRARY}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAS_LIBRARY:
        return
    kept = [item for item in items if item.get_closest_marker("library") is None]
    deselected = [item for item in items if item.get_closest_marker("library") is not None]
    config.stash[_DESELECTED] = len(deselected)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


_DESELECTED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if HAS_LIBRARY:
        return
    # Under pytest-xdist the workers collect, and this process does not know how many they left out.
    count = config.stash.get(_DESELECTED, None)
    if count != 0:
        terminalreporter.write_line(
            f"NOTICE: {count or 'the'} tests that need the source library were deselected: no library at {LIBRARY} "
            "(set PACTSTORE_SOURCES, or put the library at ../shared/sources).",
            yellow=True,
            bold=True,
        )


def bench_module(name: str) -> ModuleType:
    """A script of bench/ (bench/<name>.py, not a package) imported as the module `bench_<name>`."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(f"bench_{name}", module)
    spec.loader.exec_module(module)
    return module


def build_seeds(seeds: Path, db: Path, **options: Any) -> BuildResult:
    """`pactstore build` as the tests build: with the library when there is one, strictly."""
    from api.domain.build import build

    return build(seeds, db, **{"sources": SOURCES, "strict": HAS_LIBRARY, "cache_dir": TEST_CACHE, **options})


def load_test_seeds(seeds: Path, **options: Any) -> Seeds:
    """`loaders.seeds.load_seeds` with the library when there is one, strictly."""
    from loaders.cache import BuildCache
    from loaders.seeds import load_seeds

    cache = options.pop("cache", None) or BuildCache(TEST_CACHE)
    try:
        return load_seeds(seeds, **{"sources": SOURCES, "strict": HAS_LIBRARY, "cache": cache, **options})
    finally:
        cache.close()


SEED_DATABASE_DIR = Path(tempfile.mkdtemp(prefix="pactstore-seeds-"))
"""Where `seed_database` builds, removed with the test cache at the end of the run."""


@functools.cache
def seed_database() -> BuildResult:
    """The database built from the real seeds as `pactstore build` builds it (precomputed answers included),
    once per test process, for tests that only read it: the `built` fixture, and the property-based tests,
    which need it at import time (tests/fuzzing.py)."""
    return build_seeds(SEEDS, SEED_DATABASE_DIR / "pactstore.db")


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The seed database (`seed_database`), built once per run (sync: see stack-notes on event loops)."""
    return seed_database()


@pytest.fixture(scope="session")
def db(built: BuildResult) -> sqlite_utils.Database:
    return sqlite_utils.Database(built.path)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds that a test may break."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def app(built: BuildResult):  # type: ignore[no-untyped-def]
    from api.app import create_app

    return create_app(built.path)


@pytest.fixture
async def client(app):  # type: ignore[no-untyped-def]
    """An HTTP client talking to the real app over the real seed database (function-scoped)."""
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


def problem(response) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Assert a response is an RFC 9457 problem and return it."""
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    body = response.json()
    assert body["status"] == response.status_code
    assert body["title"]
    assert body["detail"]
    assert "Traceback" not in response.text
    return body
