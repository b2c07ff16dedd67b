"""The benchmark's generated corpus stays in step with the seed format: a small one validates and builds.

A smoke test only (scale 0.01, a few hundred agreements): no timing is asserted here; `make bench` measures."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from api.domain.build import build
from tests.conftest import bench_module


def test_a_generated_corpus_builds_with_its_library(tmp_path: Path) -> None:
    generator = bench_module("generate")
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
