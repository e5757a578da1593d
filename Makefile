# IT-Reorg-Cockpit — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test bench lint format db browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

db: $(VENV)/.installed
	$(BIN)/python -m core seed

run: db
	$(BIN)/python -m ui.launch --server.port $(PORT) --browser.gatherUsageStats false

# Debian's Chromium (browser tests), LibreOffice Calc (Excel recalculation tests) and the
# PostgreSQL server (the tests start a throwaway one on 127.0.0.1, tests/pg_server.py).
browser:
	bash scripts/install-system-deps.sh

# axe-core for the accessibility browser test, pinned in package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: $(VENV)/.installed-dev browser node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev browser
	$(BIN)/python -m bench

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts bench-results.json node_modules
