"""Shared fixtures: the real seeds, and one database built from them per test run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

from loaders.builder import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The database built from the real seeds, once per run (sync: see stack-notes on event loops)."""
    return build(SEEDS, tmp_path_factory.mktemp("db") / "pactstore.db")


@pytest.fixture(scope="session")
def db(built: BuildResult) -> sqlite_utils.Database:
    return sqlite_utils.Database(built.path)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds that a test may break."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
