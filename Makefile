# Two commands set everything up on a fresh machine:
#   make run    — install into .venv and check the real reports in ../shared/corpus (the report checker)
#   make test   — install into .venv (and LibreOffice from Debian when missing), lint, run all tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus

.PHONY: setup system-deps run test lint bench clean

# LibreOffice (reads legacy .doc/.wps; the tests lay out our DOCX in it) and a CJK font for it.
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-noto-cjk

$(BIN)/ogi: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/ogi

setup: $(BIN)/ogi

system-deps:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else \
	    echo "测试需要 LibreOffice：sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; \
	  fi; }

# `ogi check` exits 1 when a report breaks its own arithmetic: that is a finding, not a failed run.
run: setup
	$(BIN)/ogi check $(CORPUS) || test $$? -eq 1

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup system-deps lint
	$(BIN)/pytest -n 2 -q

bench: setup
	$(BIN)/python bench/run.py $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
