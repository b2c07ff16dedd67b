"""The benchmark's generated corpus stays in step with the seed format: a small one validates and builds.

A smoke test only (scale 0.01, a few hundred agreements): no timing is asserted here; `make bench` measures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import sqlite_utils

from api.domain.build import build

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)
    spec.loader.exec_module(module)
    return module


def test_a_generated_corpus_builds_with_its_library(tmp_path: Path) -> None:
    generator = _generator()
    seeds = tmp_path / "seeds"
    meta = generator.generate(seeds, 0.01, 1, progress=lambda _message: None)
    library = generator.library_root(seeds)
    result = build(seeds, tmp_path / "bench.db", sources=(library,), strict=True)
    assert not result.partial
    db = sqlite_utils.Database(tmp_path / "bench.db")
    counts = meta["counts"]
    for table in ("agreements", "provisions", "events", "documents", "texts"):
        assert db[table].count == counts[table], table
    # Every provision kind of the schema occurs, and the library's official texts carry their ledgers.
    kinds = {row["kind"] for row in db.query("select distinct kind from provisions")}
    assert kinds == set(meta["provision_kinds"])
    assert db["text_ledger"].count > 0
    assert db.execute(
        "select count(*) from documents where source_file like ?", [f"{generator.LIBRARY_FOLDER}/%"]
    ).fetchone()[0]
