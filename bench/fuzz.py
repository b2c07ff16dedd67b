"""The property-based tests, longer, for a release: the same tests `make test` runs bounded and seeded, with more
examples and fresh random seeds.

    .venv/bin/python bench/fuzz.py                          # 200 examples per operation, random seeds
    .venv/bin/python bench/fuzz.py --examples 1000          # longer
    .venv/bin/python bench/fuzz.py --examples 50 --seed 7   # reproduce a run (the stateful run stays random)

Runs, in one pytest process, over a database built from the seeds into a temporary directory (in-process ASGI,
nothing listens on a port):

- tests/test_api_fuzz.py: schemathesis, valid and invalid requests for every operation of the spec, and its
  stateful run over the spec's links (--examples scenarios of up to 10 steps);
- tests/test_api_properties.py: Hypothesis, any value in every parameter of every operation;
- tests/test_seed_fuzz.py's mutated seeds: --examples mutated copies of the seeds, each built (a failure must
  name a file and a path and leave the old database as it was).

Every answer must be a 2xx that conforms to the spec, a 304, or a documented 4xx problem; never a 5xx. Prints the
run time and pytest's summary; exits with pytest's status (a failure prints the seed and the shrunk request to
reproduce it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_api_fuzz.py",
    "tests/test_api_properties.py",
    "tests/test_seed_fuzz.py::test_mutated_seeds_fail_cleanly_or_build",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200, help="examples per operation (default 200)")
    parser.add_argument("--seed", default="random", help="a number to reproduce a run, or `random` (default)")
    args = parser.parse_args()
    env = {**os.environ, "PACTSTORE_FUZZ_EXAMPLES": str(args.examples), "PACTSTORE_FUZZ_SEED": args.seed}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=5", *TESTS]
    print(f"{' '.join(command[2:])}  (examples {args.examples}, seed {args.seed})", flush=True)
    started, cpu = time.monotonic(), os.times()
    status = subprocess.call(command, cwd=ROOT, env=env)
    after = os.times()
    print(
        f"fuzz: {time.monotonic() - started:.0f} s, "
        f"{after.children_user - cpu.children_user + after.children_system - cpu.children_system:.0f} s CPU; "
        f"{'passed' if status == 0 else 'FAILED'}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
