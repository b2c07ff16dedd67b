"""Build benchmark: `pactstore build` (the real command, run in this process) over a generated corpus.

    .venv/bin/python bench/build.py --seeds build/bench/seeds --db build/bench/pactstore.db
    .venv/bin/python bench/build.py ... --profile build/bench/build.prof   # cProfile, top functions printed
    .venv/bin/python bench/build.py ... --full        # ignore the build cache (a full build, the cache refreshed)
    .venv/bin/python bench/build.py ... --edit-one    # the rebuild after editing one agreement record

`--edit-one` changes the short name of the corpus's first agreement record, rebuilds with the cache of the
previous build (beside the database) and puts the file back as it was, so the corpus stays the generated one.

Prints the command's progress with elapsed times, then one JSON line (prefixed `RESULT `) with the
total time, the time of each phase (from one progress message to the next), rows written per
second (every row of every table, from the build's own counts), the database size and the peak
memory of the process. It calls the `build` command of cli.py, so it measures whatever
`pactstore build` does (loading, checks, tables, and any answers precomputed at build time).

The loader refuses YAML files over `loaders.yamlfile.MAX_FILE_BYTES` (and, where defined, with more
than `MAX_VALUES` values): limits meant for hand-edited records. A global-scale documents.yaml
(100,000 entries) is far above them, so this script lifts them for its own process and says so in
the result (`limits_lifted`); everything else is the loader exactly as `pactstore build` runs it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cli  # noqa: E402
from loaders import yamlfile  # noqa: E402

_LIMITS = ("MAX_FILE_BYTES", "MAX_VALUES")
HOW = ("full build", "incremental build")
"""How the closing progress line that says which kind of build ran begins (loaders/builder.py)."""
_VOLATILE = {"build_info": ("build_id", "built_at")}
"""Columns that differ between two builds of the same seeds by design (the build's id and time)."""


def row_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Rows per table, full-text shadow tables left out (as in RESULTS.md)."""
    return {
        name: db.execute(f"select count(*) from [{name}]").fetchone()[0]
        for (name,) in db.execute(
            "select name from sqlite_master where type = 'table' and name not like '%_fts%' and name != 'build_info'"
        )
    }


def canonical_dump(path: Path, *, full_text: bool = True) -> dict[str, list[str]]:
    """A database's content in a form two builds of the same seeds share: the schema (every table, index,
    view and trigger) and each table's rows, sorted, without the build's id and time.

    `full_text=False` leaves out the shadow tables of the full-text indexes (their pages depend on the
    order rows were indexed in), for databases whose indexes were updated rather than written whole."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        schema = sorted(repr(row) for row in db.execute("select type, name, tbl_name, sql from sqlite_master"))
        virtual = [name for (name,) in db.execute("select name from sqlite_master where sql like 'CREATE VIRTUAL%'")]
        dump = {"sqlite_master": schema}
        for (name,) in db.execute("select name from sqlite_master where type = 'table' order by name"):
            if name in virtual or (not full_text and name.startswith(tuple(f"{v}_" for v in virtual))):
                continue
            columns = [c[1] for c in db.execute(f"pragma table_info([{name}])") if c[1] not in _VOLATILE.get(name, ())]
            listed = ", ".join(f"[{c}]" for c in columns)
            dump[name] = sorted(repr(row) for row in db.execute(f"select {listed} from [{name}]"))
    return dump


def _lift_limits(seeds: Path) -> dict[str, dict[str, int]]:
    """Raise the hand-edited-file limits when a generated file exceeds them; report what was lifted."""
    biggest = max((p.stat().st_size for p in seeds.rglob("*.yaml")), default=0)
    lifted = {}
    for name in _LIMITS:
        value = getattr(yamlfile, name, None)
        if value is None:
            continue
        needed = biggest if name == "MAX_FILE_BYTES" else biggest // 4  # a value takes at least ~4 bytes of YAML
        if needed > value:
            lifted[name] = {"loader": value, "bench": needed * 2}
            setattr(yamlfile, name, needed * 2)
    return lifted


def _top(profile: Path, n: int) -> list[dict[str, Any]]:
    """The functions with the most own time: where the build's time goes, for RESULTS.md."""
    stats = pstats.Stats(str(profile))
    rows = []
    for (file, line, name), (_calls, ncalls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = file.split("site-packages/")[-1].removeprefix(str(ROOT) + "/")
        rows.append({"function": f"{where}:{line}({name})", "calls": ncalls, "own_s": own, "cumulative_s": cumulative})
    rows.sort(key=lambda row: -row["own_s"])
    return [{**row, "own_s": round(row["own_s"], 2), "cumulative_s": round(row["cumulative_s"], 2)} for row in rows[:n]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=Path("build/bench/seeds"))
    parser.add_argument("--db", type=Path, default=Path("build/bench/pactstore.db"))
    parser.add_argument(
        "--sources",
        type=Path,
        help="the source library (default: the generated one beside the seeds, <seeds>-library, when it is there)",
    )
    parser.add_argument("--profile", type=Path, help="write a cProfile to this file and print the top functions")
    parser.add_argument("--top", type=int, default=30, help="functions to print with --profile")
    parser.add_argument("--full", action="store_true", help="a full build: pass --full (the cache is not read)")
    parser.add_argument("--edit-one", action="store_true", help="rebuild after editing one agreement record")
    args = parser.parse_args()
    edited = _edit_one(args.seeds) if args.edit_one else None
    try:
        _run(args, edited)
    finally:
        if edited is not None:
            edited[0].write_bytes(edited[1])


def _edit_one(seeds: Path) -> tuple[Path, bytes]:
    """Rename the first agreement (its `short_name`); returns the file and its original bytes."""
    path = min((seeds / "agreements").glob("*.yaml"))
    original = path.read_bytes()
    lines = original.decode().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("short_name: "))
    name = yaml.safe_load(lines[n].removeprefix("short_name: "))
    lines[n] = "short_name: " + json.dumps(f"Edited: {name}") + "\n"  # a JSON string is a YAML string
    path.write_text("".join(lines), encoding="utf-8")
    return path, original


def _run(args: argparse.Namespace, edited: tuple[Path, bytes] | None) -> None:

    lifted = _lift_limits(args.seeds)
    for name, values in lifted.items():
        print(f"  note: {name} lifted from {values['loader']} to {values['bench']} for this build", flush=True)
    library = args.sources or args.seeds.with_name(f"{args.seeds.name}-library")
    sources = ["--sources", str(library)] if library.is_dir() else []
    phases: list[tuple[str, float]] = []
    started = time.perf_counter()

    class Progress(io.TextIOBase):
        """Stands in for stderr: timestamps each progress line the command prints."""

        def write(self, text: str | bytes) -> int:  # type: ignore[override]
            if isinstance(text, bytes):  # click writes to a stream's binary side when it can
                text = text.decode()
            for line in text.splitlines():
                if line.strip():
                    now = time.perf_counter() - started
                    phases.append((line.strip(), now))
                    print(f"  [{now:7.2f}s] {line.strip()}", flush=True)
            return len(text)

    profiler = cProfile.Profile() if args.profile else None
    stderr, sys.stderr = sys.stderr, Progress()
    try:
        if profiler:
            profiler.enable()
        full = ["--full"] if args.full else []
        cli.main(["build", "--seeds", str(args.seeds), "--db", str(args.db), *sources, *full], standalone_mode=False)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        sys.stderr = stderr
    total = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    how = phases.pop()[0] if phases and phases[-1][0].startswith(HOW) else None  # the kind of build, not a phase
    timings = []
    for n, (message, at) in enumerate(phases):
        end = phases[n + 1][1] if n + 1 < len(phases) else total
        timings.append({"phase": message, "seconds": round(end - at, 3)})
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as db:
        counts = row_counts(db)
    rows = sum(counts.values())
    size = args.db.stat().st_size
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"Built {args.db} in {total:.1f}s ({cpu:.1f}s of CPU): {rows:,} rows ({rows / total:,.0f} rows/s), "
        f"{size / 1e6:,.0f} MB, peak memory {peak_kb / 1024:,.0f} MB",
        flush=True,
    )
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(str(args.profile), stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    summary = {
        "seconds": round(total, 2),
        "cpu_seconds": round(cpu, 2),
        "rows": rows,
        "rows_per_second": round(rows / total),
        "db_bytes": size,
        "peak_rss_mb": round(peak_kb / 1024),
        "counts": counts,
        "phases": timings,
        "limits_lifted": lifted,
        "how": how,
        "edited": str(edited[0].relative_to(args.seeds)) if edited else None,
        "profiled": bool(profiler),
        "profile_top": _top(args.profile, args.top) if profiler else [],
    }
    print("RESULT " + json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
