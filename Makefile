# One command each: `make` sets up and builds the outputs, `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: all build check test test-fast lint mutate typecheck setup system-tools schema clean

all: build

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

build: setup
	$(BIN)/python generate.py --clinic all

check: setup
	$(BIN)/python generate.py check --clinic all

# The tests read the outputs back with real tools: poppler-utils, zbar-tools, LibreOffice Impress (and
# python3-uno, for the preview), Chromium; LibreOffice draws Arabic and Ethiopic slides in the fonts the
# decks name, installed for this user from the project's own files (nothing downloaded).
system-tools: setup
	bash scripts/system-tools.sh
	$(BIN)/python scripts/install_fonts.py

# Lint and format (ruff, config in pyproject.toml); either fails `make test`. `ruff format .` fixes the format.
lint: setup
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

# Static types of generator/ (config in pyproject.toml); a type error fails `make test`.
typecheck: setup
	$(BIN)/python -m mypy generator

# Both tiers, on every core: tests/unit and tests/integration (builds read back with real tools).
test: setup system-tools lint typecheck
	$(BIN)/python -m pytest -n auto

# The unit tier only (tests/unit: no subprocess, no LibreOffice, no browser): for editing loops.
test-fast: setup
	$(BIN)/python -m pytest -q -n auto tests/unit

# Mutation testing (mutmut, config in pyproject.toml): slow (about 15 minutes); not part of `make test`.
mutate: setup
	$(BIN)/python -m mutmut run; $(BIN)/python -m mutmut results

schema: setup
	$(BIN)/python -m generator.loading.jsonschema content/schema

clean:
	rm -rf $(VENV) output/*/ .pytest_cache
