# The readiness portal. `make run` sets everything up and serves; `make test` sets up and tests.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENDOR := static/vendor
CYCLE_OPENS ?= 2023-04-27
CYCLE_CLOSES ?= 2023-06-30
# DEMO=0: the demo users only, no demo year (docs/contract.md#admin-commands)
DEMO ?= 1

.PHONY: setup install assets messages static data xlsform-template run worker beat test lint format bench bench-national load load-faults backup restore lighthouse clean

setup: install assets messages static data ## everything but serving; safe to run again

install: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@# WeasyPrint (the receipt PDF) needs the system's pango; Debian's package where it is missing
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 || { echo "Installing pango for the receipt PDF"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null \
		|| echo "pango is missing: receipts need it (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	@# --no-compile: modules are compiled when first imported, not all of them at install (set-up time)
	$(VENV)/bin/pip install --quiet --no-compile -r requirements-dev.txt
	touch $@

# The portal's CSS and JS, built from the npm packages by assets/build.mjs into static/dist (again
# whenever a package, a source, a template or a form changes: PurgeCSS reads them for class names);
# axe-core is copied for the browser tests' accessibility checks.
DIST := static/dist
assets: $(VENDOR)/.copied $(DIST)/.built
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
$(VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/axe-core
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe-core/
	touch $@
$(DIST)/.built: node_modules/.package-lock.json $(wildcard assets/*) $(shell find templates -name '*.html') \
		$(wildcard static/js/*.js */forms.py) | $(VENV)/.installed
	node assets/build.mjs
	touch $@

messages: install ## the compiled catalogue is committed; recompile when gettext is present
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0; fi

static: install assets
	$(MANAGE) collectstatic --noinput -v 0

data: install
	$(PY) -m readiness_portal.dbcreate
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) import_agencies agencies/data/agencies.csv \
		--ministries agencies/data/ministries.csv --provinces agencies/data/provinces.csv \
		--history agencies/data/agency-history.csv
	$(MANAGE) import_questionnaire surveys/questionnaires/dg-readiness-2566.yaml --publish
	$(MANAGE) import_questionnaire surveys/questionnaires/dg-pcio-2566.yaml --publish
	$(MANAGE) open_cycle --year 2566 --questionnaire department=dg-readiness-2566 \
		--questionnaire regional=dg-readiness-2566 --questionnaire pcio=dg-pcio-2566 \
		--opens $(CYCLE_OPENS) --closes $(CYCLE_CLOSES)
	$(MANAGE) import_awards awards/data/dg-awards-2566.yaml
	$(MANAGE) import_awards awards/data/dg-awards-pcio-2566.yaml
	$(MANAGE) seed_demo $(if $(filter 0,$(DEMO)),--users-only,)

xlsform-template: install ## regenerate the XLSForm twins of the 2566 questionnaires from their YAML (a scratch SQLite database)
	rm -f /tmp/xlsform-template.sqlite3
	DATABASE_URL=sqlite:////tmp/xlsform-template.sqlite3 $(MANAGE) migrate --noinput -v 0
	DATABASE_URL=sqlite:////tmp/xlsform-template.sqlite3 $(MANAGE) import_questionnaire surveys/questionnaires/dg-readiness-2566.yaml
	DATABASE_URL=sqlite:////tmp/xlsform-template.sqlite3 $(MANAGE) export_questionnaire dg-readiness-2566 --format xlsx \
		--output surveys/questionnaires/dg-readiness-2566.xlsx
	DATABASE_URL=sqlite:////tmp/xlsform-template.sqlite3 $(MANAGE) import_questionnaire surveys/questionnaires/dg-pcio-2566.yaml
	DATABASE_URL=sqlite:////tmp/xlsform-template.sqlite3 $(MANAGE) export_questionnaire dg-pcio-2566 --format xlsx \
		--output surveys/questionnaires/dg-pcio-2566.xlsx

run: setup ## serve on http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

worker: install ## a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A readiness_portal worker --loglevel=INFO --concurrency=2

beat: install ## celery beat: the scoring sweeper every SCORING_SWEEP_INTERVAL seconds (needs REDIS_URL)
	$(VENV)/bin/celery -A readiness_portal beat --loglevel=INFO --schedule=/tmp/readiness-celerybeat-schedule

# The suite runs twice: on the local PostgreSQL (production's database, with the browser journeys
# and the coverage of the apps) and on SQLite (the embedded default of `make run`).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/readiness
SQLITE_URL ?= sqlite:////tmp/readiness-portal-suite.sqlite3
COVERAGE := --cov=agencies --cov=surveys --cov=awards --cov=common --cov=readiness_portal \
	--cov-report=term:skip-covered

test: export REDIS_URL ?= redis://127.0.0.1:6379/0
test: setup ## checks, then the whole suite on PostgreSQL and on SQLite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run
	@echo "== the suite on PostgreSQL ($(POSTGRES_URL))"
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest $(COVERAGE)
	@echo "== the suite on SQLite ($(SQLITE_URL)), browser journeys left to the PostgreSQL run"
	DATABASE_URL=$(SQLITE_URL) $(PY) -m pytest -m "not e2e" -p no:cacheprovider

lint: install ## ruff, the import contracts and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

BACKUP_DIR ?= backups
backup: install ## database dump and evidence files into $(BACKUP_DIR)/<timestamp>
	$(MANAGE) backup --output $(BACKUP_DIR)

restore: install ## make restore BACKUP=backups/<timestamp>: replaces all data, then verifies it
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	$(MANAGE) restore $(BACKUP) --yes

# Deadline-day load on loopback: a private PostgreSQL and Redis, gunicorn, a Celery worker, locust.
LOAD_USERS ?= 300
LOAD_SECONDS ?= 180
load: install static ## LOAD_USERS officers for LOAD_SECONDS; fails on a lost answer or a 500
	$(PY) -m load.run --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

load-faults: install static ## the same load with PostgreSQL restarted mid-run, then Redis stopped during submissions
	$(PY) -m load.run --users $(LOAD_USERS) --seconds $(LOAD_SECONDS) --fault postgres
	$(PY) -m load.redis_fault

# Lighthouse (mobile) on the sign-in, pillar, dashboard and public results pages, served by gunicorn
# under the production settings (WhiteNoise) from a SQLite file that `make data` prepares once.
LIGHTHOUSE_DB ?= /tmp/readiness-lighthouse.sqlite3
# Lighthouse is its own npm package (load/lighthouse-npm, with its lockfile), installed here only.
LIGHTHOUSE_NPM := load/lighthouse-npm
$(LIGHTHOUSE_NPM)/node_modules/.package-lock.json: $(LIGHTHOUSE_NPM)/package.json $(LIGHTHOUSE_NPM)/package-lock.json
	npm ci --prefix $(LIGHTHOUSE_NPM) --no-audit --no-fund --loglevel=error
lighthouse: install static $(LIGHTHOUSE_NPM)/node_modules/.package-lock.json ## prints performance, accessibility, best practices and CLS per page; fails under the targets
	$(PY) -m load.lighthouse --database $(LIGHTHOUSE_DB)

bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/readiness
bench: export REDIS_URL ?= redis://127.0.0.1:6379/0
bench: install ## the performance budget of docs/contract.md (needs PostgreSQL and Redis); prints the figures
	$(PY) -m pytest benchmarks --benchmark-only -p no:cacheprovider -s --ignore=benchmarks/national

# A year the size of a nation: 8,300 target agencies (NATIONAL_AGENCIES), 25,000 officers, one cycle.
bench-national: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/readiness
bench-national: export REDIS_URL ?= redis://127.0.0.1:6379/0
bench-national: install ## dashboard, review queue, rankings, XLSX export and scoring at 8,300 agencies; prints the figures
	$(PY) -m pytest benchmarks/national --benchmark-only -p no:cacheprovider -s

PEER_VENV ?= /tmp/readiness-bench-peer
bench-peer: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/readiness
bench-peer: install ## the pillar page beside django-survey-and-report's and Django's floor; prints medians and ratios
	test -x $(PEER_VENV)/bin/python || (python3 -m venv $(PEER_VENV) && \
		$(PEER_VENV)/bin/pip install -q django-survey-and-report==1.5.0 psycopg2-binary)
	$(PY) -m benchmarks.peer --peer-python $(PEER_VENV)/bin/python

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(DIST) staticfiles
