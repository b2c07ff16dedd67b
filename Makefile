# pactstore: `make run` serves the seed database, `make test` runs the tests. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB ?= build/pactstore.db
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): `auto` spreads the suite over every core; `make test TEST_WORKERS=0` runs it in
# this process (for a debugger, or to read one traceback in order).
TEST_WORKERS ?= auto
SEEDS := $(shell find seeds -type f 2>/dev/null)
# The source library beside the checkout, when it is there; without it the build is partial and says so.
LIBRARY ?= $(wildcard ../shared/sources)
SOURCES := $(if $(LIBRARY),--sources $(LIBRARY))

.PHONY: help install browser db run release test lint typecheck format schema bench eval constraints clean

help:
	@echo "make run     build the database from seeds/ and serve the API and Datasette on $(HOST):$(PORT)"
	@echo "make test    lint, type-check and run the test suite"
	@echo "make db      (re)build $(DB) from seeds/"
	@echo "make release write a versioned release of $(DB) under build/releases/ (served at /downloads)"
	@echo "make schema  regenerate docs/schema/*.schema.json from schema/"
	@echo "make bench   run the benchmarks under bench/"
	@echo "make eval    measure pactstore propose against the hand-curated records"
	@echo "make clean   remove .venv and build/"

$(INSTALLED): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pactstore needs Python 3.11 or newer (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

$(DB): $(INSTALLED) $(SEEDS)
	$(BIN)/pactstore build --seeds seeds --db $(DB) $(SOURCES)

db: $(DB)

run: $(DB)
	$(BIN)/pactstore serve --db $(DB) --host $(HOST) --port $(PORT)

release: $(DB)
	$(BIN)/pactstore export build/releases --db $(DB)

# Debian's chromium for tests/test_browser.py, installed (apt-get, as root or with sudo) only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || .ci/install-browser

test: $(INSTALLED) browser
	$(BIN)/ruff check .
	$(MAKE) typecheck
	@# Bytecode for the project's modules, once: besides its workers the suite starts servers and CLIs of its own,
	@# and with PYTHONDONTWRITEBYTECODE set each process compiled them again (0.6 s of its start). Plugins are named in
	@# pyproject.toml; autoload off keeps pytest from rewriting the asserts of their whole distributions.
	$(BIN)/python -m compileall -q api loaders schema cli.py
	PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# The whole tree, as pyproject.toml configures it (strict for schema/ and api/domain/).
typecheck: $(INSTALLED)
	$(BIN)/mypy

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: $(INSTALLED)
	$(BIN)/pactstore schema

# Generate a global-scale corpus, build it, load the API and write bench/RESULTS.md (bench/README.md).
# A quick run: make bench BENCH_ARGS="--scale 0.01 --duration 2 --warmup 1 --wait-idle 0"
bench: $(INSTALLED)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

constraints: $(INSTALLED)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^pactstore' > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache

# How well `pactstore propose` finds the terms of the hand-curated records (docs/extraction.md).
eval: $(INSTALLED)
	$(BIN)/python bench/eval.py $(if $(LIBRARY),--sources $(LIBRARY)) $(EVAL_ARGS)
