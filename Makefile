# Banua: the two commands of the README are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= banua.settings.dev

.PHONY: install messages run serve stack test services services-down lint format bench bench-lighthouse bench-checkout bench-search bench-pages bench-calls clean

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

# Production settings on this machine: gunicorn (WEB_CONCURRENCY workers, default 2), the
# task worker and the scheduler, plain HTTP on 127.0.0.1:$(PORT). Uses the services'
# env (PostgreSQL, Redis, Elasticsearch...) when `make services` ran, else SQLite and locmem.
# A throwaway SECRET_KEY unless one is exported. Ctrl-C stops all three.
serve: messages
	@set -a; [ -f .services/env ] && . .services/env; set +a; \
	export DJANGO_SETTINGS_MODULE=banua.settings.production \
		SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')}" \
		SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		WEB_CONCURRENCY="$${WEB_CONCURRENCY:-2}" GUNICORN_BIND=127.0.0.1:$(PORT); \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	{ $(PY) manage.py tasks_worker & worker=$$!; $(PY) manage.py scheduler & scheduler=$$!; \
	  $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py; kill $$worker $$scheduler 2>/dev/null; wait; }

# The whole stack on loopback (HTTP cache, gunicorn x2, worker, every service) with the
# journeys and fault drills of scripts/stack.sh; prints the fault table.
stack: install
	bash scripts/stack.sh run

# The whole suite. Tests needing PostgreSQL, Elasticsearch, stripe-mock or Chromium run when
# those are up (`make services`), are skipped with a summary line otherwise, and fail under CI=true.
# TEST_WORKERS pytest-xdist processes (2, one per core here; 0 runs in this process), each
# with its own test database; the groups of tests/conftest.py keep some tests on one worker.
TEST_WORKERS ?= 2
test: messages
	DJANGO_SETTINGS_MODULE=banua.settings.test $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

services:
	bash scripts/services/up.sh

services-down:
	bash scripts/services/down.sh

# Ruff, the formatter, templates, and the import contracts of .importlinter (layers,
# no cycles, no private names across modules; README "Architecture").
lint: install
	$(VENV)/bin/lint-imports
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

bench-calls: messages
	$(PY) bench/page_calls.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .import_linter_cache .grimp_cache artifacts
