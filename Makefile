# The two commands: `make demo` (set up, then run the main job on SQLite with the bundled demo data)
# and `make test` (set up, then lint, type-check and run the test suite). Everything installs from
# requirements.lock into .venv; nothing is fetched at run time.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-all lint lock bench clean

# The compiled screening modules (optional: without a compiler everything runs as pure Python).
setup: $(STAMP)
	$(BIN)/python scripts/build_native.py

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("ipwarden needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: setup
	$(BIN)/ipwarden demo

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The default test run: lint, types, architecture, then every test that is not marked slow
# (PostgreSQL, Spark, interop and browser tests are included).
test: lint
	$(BIN)/python -m pytest -m "not slow"

test-all: lint
	$(BIN)/python -m pytest

lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --extra spark --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .ipwarden build *.egg-info src/*.egg-info
