"""Time the two search functions the API serves, unloaded, in-process: GET /api/v1/search
(`api.domain.search.search`) and GET /api/v1/documents/search (`api.domain.documents.search_documents`).

    .venv/bin/python bench/search_timing.py --db WORK/p.db [--runs 20] [--limit 20] [WORDS ...]

For each query: how many rows match, the first call on a fresh store (the build's count not yet cached),
and the median and worst of `--runs` further calls on the same store (as a serving worker sees them), and the
median CPU time of as many more (steadier than the wall clock on a shared machine).
The default queries are the corpus's most frequent topic, a word in about a third of the documents,
a state's name and a word in none.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.domain.documents import search_documents
from api.domain.search import SearchFilters, search
from api.store import Store

DEFAULT_WORDS = ['"missile programme"', "intelligence", "minister", "zzyzx"]


def _ms(call: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call(*args)
    return (time.perf_counter() - start) * 1000, result


def _cpu_ms(call: Callable[..., Any], *args: Any) -> float:
    start = time.process_time()
    call(*args)
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("words", nargs="*", default=DEFAULT_WORDS)
    args = parser.parse_args()
    functions: dict[str, Callable[[Any, str], tuple[list[Any], int]]] = {
        "/search": lambda db, q: search(db, q, SearchFilters(), args.limit, args.offset),
        "/documents/search": lambda db, q: search_documents(db, q, args.limit, args.offset),
    }
    print(f"| endpoint | q | matches | first call ms | median of {args.runs} ms | worst ms | median CPU ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, function in functions.items():
        for q in args.words:
            store = Store(args.db)  # a fresh store: its count cache is empty
            db = store.snapshot()
            first, (_, total) = _ms(function, db, q)
            times = [_ms(function, db, q)[0] for _ in range(args.runs)]
            cpu = statistics.median(_cpu_ms(function, db, q) for _ in range(args.runs))
            print(
                f"| {name} | `{q}` | {total} | {first:.1f} | {statistics.median(times):.1f} | {max(times):.1f} "
                f"| {cpu:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
