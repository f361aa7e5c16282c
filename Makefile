# apprenance — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOME_DIR ?= apprenance-data
PYTEST_ARGS ?=
# Test processes (pytest-xdist): most tests wait on PostgreSQL, servers, Chromium or node, so
# three keep two cores busy. Each test file runs on one process, the longest files first
# (tests/conftest.py orders them); tests marked `serial` (kills) run alone after.
TEST_JOBS ?= 3

.PHONY: install system-deps interop-deps demo test unit lint typecheck bench clean help

help:
	@echo "make demo   — install into .venv and run the whole product on the example territory"
	@echo "make test   — lint, type-check and run every test"
	@echo "make bench  — run the benchmarks in bench/ and print their figures"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need: pdftoppm and pdftotext (poppler-utils) render and read PDFs;
# pg_dump and pg_restore (postgresql-client) back up and restore the store.
system-deps:
	@command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null || { \
	  echo "installing poppler-utils (pdftoppm, pdftotext)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }
	@command -v chromium >/dev/null || { \
	  echo "installing chromium (browser tests: Playwright drives Debian's /usr/bin/chromium)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@command -v pg_dump >/dev/null && command -v pg_restore >/dev/null || { \
	  echo "installing postgresql-client (backup and restore tests: pg_dump, pg_restore)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; }

# The JavaScript verifiers and issuer of the interop tests and benchmarks (tests/interop).
INTEROP := tests/interop
NODE_STAMP := $(INTEROP)/node_modules/.installed
$(NODE_STAMP): $(INTEROP)/package.json $(INTEROP)/package-lock.json
	@command -v npm >/dev/null || { echo "installing nodejs and npm"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --prefix $(INTEROP) --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# 1EdTech's Open Badges 2.0 validator in its own venv: its pins clash with ours, so the
# versions that work on Python 3.11 are installed with --no-deps (../shared/reference/interop.md).
BADGECHECK_VENV := $(INTEROP)/badgecheck-venv
BADGECHECK_STAMP := $(BADGECHECK_VENV)/.installed
BADGECHECK_PINS := badgecheck==1.2.0 openbadges-bakery==2.0.0 PyLD==0.7.1 jsonschema==2.6.0 \
  requests-cache==0.4.13 python-jose==3.3.0 pytz rfc3986==2.0.0 pycryptodome==3.24.1 \
  future==0.18.3 aniso8601==10.0.1 click==6.7 language_tags==0.4.3 puremagic==1.6 \
  pydux==0.2.2 python-mimeparse==1.6.0 validators==0.11.2 decorator defusedxml ecdsa rsa \
  pyasn1 pypng six requests urllib3 certifi charset-normalizer idna
$(BADGECHECK_STAMP): Makefile
	$(PYTHON) -m venv $(BADGECHECK_VENV)
	$(BADGECHECK_VENV)/bin/pip install --quiet --no-deps $(BADGECHECK_PINS)
	touch $(BADGECHECK_STAMP)

interop-deps: $(NODE_STAMP) $(BADGECHECK_STAMP)

demo: $(STAMP)
	$(BIN)/apprenance --home $(HOME_DIR) demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

typecheck: lint

test: $(STAMP) system-deps interop-deps lint
	$(BIN)/pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder -m "not serial" $(PYTEST_ARGS)
	$(BIN)/pytest -m serial $(PYTEST_ARGS)

# The tests without a database, a server or a subprocess (tests/unit: under a minute), then
# tests/integration (SQLite files, PostgreSQL, the CLI) and tests/e2e (Chromium, servers,
# external verifiers) are what `make test` adds.
unit: $(STAMP)
	$(BIN)/pytest -n $(TEST_JOBS) -m "not serial" tests/unit $(PYTEST_ARGS)

# The load test of the HTTP service uses wrk (Debian package).
bench-deps:
	@command -v wrk >/dev/null || { echo "installing wrk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: $(STAMP) bench-deps interop-deps
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(HOME_DIR) .pytest_cache .mypy_cache .ruff_cache
