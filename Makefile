# Two commands set everything up on a fresh machine:
#   make run    — install into .venv and serve the platform on SQLite with demo data (http://127.0.0.1:8000)
#   make test   — install into .venv (and LibreOffice, Chromium, PostgreSQL start when missing), lint, run all tests
# The report checker keeps its own command: make check [CORPUS=folder]
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
PORT ?= 8000
# The platform tests run a second time on PostgreSQL (trust auth, user postgres; pytest-django makes test_ogi*).
PG_URL ?= postgres://postgres@127.0.0.1:5432/ogi

.PHONY: setup system-deps postgres run check test test-sqlite test-postgres lint bench clean

# LibreOffice (reads legacy .doc/.wps; the tests lay out our DOCX in it), CJK fonts for it and the 公文 typefaces'
# free substitutes the PDF writer embeds (Noto Serif CJK 小标宋/仿宋, Noto Sans CJK 黑体, AR PL UKai 楷体; AR PL
# UMing where Noto is missing), and Chromium for the browser tests (driven by Playwright through executable_path:
# Playwright cannot download browsers here) and the HTML writer's layout at a phone's width.
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai fonts-arphic-uming \
	chromium

$(BIN)/ogi: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/ogi

setup: $(BIN)/ogi

system-deps:
	@{ command -v soffice && command -v chromium && test -f /usr/share/fonts/truetype/arphic/ukai.ttc \
	  && test -f /usr/share/fonts/truetype/arphic/uming.ttc \
	  && test -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Light.ttc; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else \
	    echo "测试需要 LibreOffice、Chromium 和中文字体：sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; \
	  fi; }

# PostgreSQL at 127.0.0.1:5432: start the local cluster when it is installed but not running.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  command -v pg_ctlcluster >/dev/null 2>&1 && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | tail -1) main start; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
	  echo "测试需要 PostgreSQL（127.0.0.1:5432，trust 认证，用户 postgres）" >&2; exit 1; }

# The platform on SQLite with demo data, under gunicorn (the database path is printed).
run: setup
	$(BIN)/ogi serve --demo --port $(PORT)

# The report checker: `ogi check` exits 1 when a report breaks its own arithmetic: a finding, not a failed run.
check: setup
	$(BIN)/ogi check $(CORPUS) || test $$? -eq 1

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: setup system-deps postgres lint test-sqlite test-postgres

test-sqlite: setup
	$(BIN)/pytest -n 2 -q

test-postgres: setup postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 -q tests/platform

bench: setup postgres
	$(BIN)/python bench/run.py $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
