# Two commands set everything up on a fresh machine:
#   make run    — install into .venv and check the real reports in ../shared/corpus (the report checker)
#   make test   — install into .venv, lint, and run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus

.PHONY: setup run test lint bench clean

$(BIN)/ogi: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/ogi

setup: $(BIN)/ogi

# `ogi check` exits 1 when a report breaks its own arithmetic: that is a finding, not a failed run.
run: setup
	$(BIN)/ogi check $(CORPUS) || test $$? -eq 1

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint
	$(BIN)/pytest -n 2 -q

bench: setup
	$(BIN)/python bench/run.py $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
