# The README names two targets: `make run` (a fresh clone to a served site) and `make test` (the whole suite);
# `make bench` measures speed and memory.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Python 3.12 from PATH, else from pyenv's versions folder (pyenv's shim refuses when 3.12 is not selected).
PYTHON312 := $(shell for candidate in python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -n 1) /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	"$$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo "$$candidate"; break; }; done)

MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
TEST_ENV := DJANGO_SETTINGS_MODULE=portal.settings.test

.PHONY: run bench fuzz loadtest test lint format messages check-python serve-setup pytest-sqlite pytest-postgres browser-deps

check-python:
	@test -n "$(PYTHON312)" || { echo "Python 3.12 was not found. Install it (e.g. 'pyenv install 3.12') and run make again." >&2; exit 1; }

$(VENV)/.installed: requirements/base.txt requirements/dev.txt | check-python
	@test -x $(PY) || $(PYTHON312) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@touch $@

# gettext's msgfmt compiles the catalogues; Debian's package is installed when it is missing.
/usr/bin/msgfmt:
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | /usr/bin/msgfmt
	msgfmt --check-format -o $@ $<

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium and CJK fonts for the browser tests (never a browser download). Without root they are
# skipped with a message, except in CI, where they must run.
CHROMIUM_PARTS := /usr/bin/chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
browser-deps:
	@for part in $(CHROMIUM_PARTS); do [ -e "$$part" ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "Chromium or CJK fonts missing and not root: browser tests will be skipped (sudo apt-get install chromium fonts-noto-cjk)."; fi; \
	fi

serve-setup: $(VENV)/.installed $(MO_FILES)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py update_index

run: serve-setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Throughput and latency as ratios to a minimal view (gunicorn + wrk on loopback, bounded runs).
/usr/bin/wrk:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

bench: serve-setup /usr/bin/wrk node_modules/.installed browser-deps
	$(PY) -m bench.run
	$(PY) -m bench.lighthouse
	$(PY) -m bench.search

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# Extract new strings into both catalogues (translate them, then `make test` compiles them).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --no-obsolete -l zh_Hans -l en --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*'
	@# English is the source language: its catalogue repeats each msgid (fuzzy guesses are dropped first).
	msgattrib --clear-fuzzy --empty -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	msgen --force-po -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

TEST_DEPS := $(VENV)/.installed $(MO_FILES) node_modules/.installed browser-deps /usr/bin/pg_dump

pytest-sqlite: $(TEST_DEPS)
	env -u DATABASE_URL $(PY) -m pytest

# A mixed crowd at rising concurrency, then a spike to 150 users, against gunicorn on PostgreSQL and Redis
# (this machine's; a fresh database portal_loadtest). Bounded, loopback only; var/bench/loadtest.json.
loadtest: serve-setup /usr/bin/wrk
	$(PY) -m bench.loadtest

# pg_dump and pg_restore for the restore drill (manage.py restore_drill, docs/operations.md).
/usr/bin/pg_dump:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null

# The dedicated fuzzing run: every hypothesis test (forms, JSON endpoints, money maths) with FUZZ_EXAMPLES
# examples each instead of make test's few, on SQLite. Long: run it before a release, not on every change.
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.installed $(MO_FILES)
	env -u DATABASE_URL FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -m "hypothesis and not browser" -q

# PostgreSQL runs when DATABASE_URL is set or 127.0.0.1:5432 answers; CI insists on it.
pytest-postgres: $(TEST_DEPS)
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then url="$(PG_TEST_URL)"; fi; \
	if [ -n "$$url" ]; then echo "== pytest on PostgreSQL ($$url)"; DATABASE_URL="$$url" $(PY) -m pytest; \
	elif [ -n "$${CI:-}" ]; then echo "PostgreSQL is required in CI and did not answer on 127.0.0.1:5432." >&2; exit 1; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432 and DATABASE_URL not set: skipped"; fi

test: lint $(MO_FILES)
	$(TEST_ENV) env -u DATABASE_URL $(PY) manage.py check --fail-level WARNING
	$(TEST_ENV) env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run
	@echo "== pytest on SQLite"
	@$(MAKE) --no-print-directory pytest-sqlite
	@$(MAKE) --no-print-directory pytest-postgres
