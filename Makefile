# Banua: the two commands of the README are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= banua.settings.dev

.PHONY: install messages run test services services-down lint format bench bench-lighthouse bench-checkout bench-search bench-pages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Translation catalogues are compiled from locale/*.po; GNU gettext's msgfmt does the work.
messages: install
	@command -v msgfmt >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get install -y -qq gettext >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }; \
		else echo "msgfmt not found: install GNU gettext (Debian: apt-get install gettext)"; exit 1; fi; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.services -v0

# Quick start: SQLite, demo data, demo payments, database search. PORT overrides 8000.
run: messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite. Tests needing PostgreSQL, Elasticsearch, stripe-mock or Chromium run when
# those are up (`make services`), are skipped with a summary line otherwise, and fail under CI=true.
test: messages
	$(PY) -m pytest

services:
	bash scripts/services/up.sh

services-down:
	bash scripts/services/down.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates */templates --lint --quiet

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Benchmarks print numbers; checkout and search need `make services` first.
bench: bench-lighthouse bench-checkout bench-search

bench-lighthouse: messages
	$(PY) bench/lighthouse.py --runs 3

bench-checkout: install
	. .services/env && DATABASE_URL=$${DATABASE_URL%/*}/banua_bench $(PY) bench/checkout.py

bench-search: install
	. .services/env && $(PY) bench/search_bench.py

# Page throughput through Varnish, uncached, nginx static and bakerydemo (needs varnish, nginx, wrk).
bench-pages: messages
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache artifacts
