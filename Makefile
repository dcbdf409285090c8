# `make run` and `make test` work on a fresh machine with only Python 3.11+:
# each creates .venv and installs what it needs the first time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run demo test lint typecheck importlint pytest bench clean

# constraints-test.txt pins what the tests need exactly (Textual: the snapshots change between releases);
# the package itself asks only for a compatible range.
$(STAMP): pyproject.toml constraints-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints-test.txt -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/imr-tui

demo: $(STAMP)
	$(BIN)/imr-tui --demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

importlint: $(STAMP)
	$(BIN)/lint-imports

# The TUI tests run a second time in a zone far from UTC (UTC+14): a date taken in UTC where the
# local one is meant shows there (FIXED_NOW in tests/conftest.py is still the day before in UTC).
pytest: $(STAMP)
	$(BIN)/pytest -n 2
	TZ=Pacific/Kiritimati $(BIN)/pytest -n 2 -q tests/test_tui_*.py tests/test_snapshots.py

test: lint typecheck importlint pytest

bench: $(STAMP)
	$(BIN)/python bench/store.py
	$(BIN)/python bench/content_index.py
	$(BIN)/python bench/rules.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/ttfp.py
	$(BIN)/python bench/idle_cpu.py
	@echo "1,000 kills (about 5 minutes): $(BIN)/python bench/torture.py"

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
