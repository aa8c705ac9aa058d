# One command each: `make` sets up and builds the outputs, `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: all build check test test-fast typecheck setup system-tools schema clean

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
# python3-uno, for the preview), Chromium.
system-tools:
	bash scripts/system-tools.sh

# Static types of generator/ (config in pyproject.toml); a type error fails `make test`.
typecheck: setup
	$(BIN)/python -m mypy generator

# Both tiers: the unit tests and the integration tests that build and read back real outputs.
test: setup system-tools typecheck
	$(BIN)/python -m pytest

# The unit tier only (no subprocess, no LibreOffice; seconds): for editing loops.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not integration"

schema: setup
	$(BIN)/python -m generator.loading.jsonschema content/schema

clean:
	rm -rf $(VENV) output/*/ .pytest_cache
