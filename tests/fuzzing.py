"""What the property-based tests share: the app over the seed database, built once per process (schemathesis needs the
schema at import time, before fixtures exist), and their Hypothesis settings.

In `make test` every run is bounded and reproducible: derandomized, no example database, a fixed number of examples
per operation. `bench/fuzz.py` runs the same tests longer and with random seeds for a release, through
PACTSTORE_FUZZ_EXAMPLES (examples per operation, and scenarios of the stateful run) and PACTSTORE_FUZZ_SEED
(unset: derandomized; a number: that seed; `random`: a new one each run).
"""

from __future__ import annotations

import functools
import os

import hypothesis
from litestar import Litestar

from tests.conftest import seed_database

EXAMPLES = int(os.environ.get("PACTSTORE_FUZZ_EXAMPLES", "0")) or None
"""Examples per operation when set (bench/fuzz.py); each test has its own bounded default."""
SEED = os.environ.get("PACTSTORE_FUZZ_SEED", "")


@functools.cache
def fuzz_app() -> Litestar:
    """The app over the seed database (built once per process: tests/conftest.py, `seed_database`), made once.

    schemathesis runs the app's lifespan from its first request until the process exits. tests/test_api_properties.py
    talks to the same app without a lifespan of its own: a second one (an entered TestClient's) replaces the event
    emitter's streams under the first, which leaves an unclosed stream to the garbage collector and schemathesis's
    shutdown waiting forever (it hung pytest-xdist workers)."""
    from api.app import create_app

    return create_app(seed_database().path)


def fuzz_settings(default_examples: int, **options: object) -> hypothesis.settings:
    """Bounded, reproducible settings (or bench/fuzz.py's longer, seeded ones)."""
    return hypothesis.settings(
        max_examples=EXAMPLES or default_examples,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=not SEED,
        database=None,
        print_blob=bool(SEED),
        **options,  # type: ignore[arg-type]
    )


def seeded(test):  # type: ignore[no-untyped-def]
    """Apply PACTSTORE_FUZZ_SEED to a Hypothesis test (`random`: a fresh seed each run, printed on failure).
    The stateful run takes no seed: with a seed set it runs randomized, as with `random`."""
    if SEED and SEED != "random":
        return hypothesis.seed(int(SEED))(test)
    return test
