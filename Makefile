# The two commands: `make run` serves the demo portal, `make test` checks everything.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test install install-dev lint checks translations messages pytest clean bench bench-smoke bench-db bench-redis-outage

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Serve the demo portal at http://127.0.0.1:8000/ (SQLite, demo content loaded), with its job worker.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver 127.0.0.1:8000

## Lint, Django checks, migrations and translations up to date, then the whole test suite.
test: install-dev lint checks translations pytest bench-smoke

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

translations:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check_translations

## Refresh and compile the .po files after changing UI strings; translate the new entries of */locale/en, then run it again.
messages:
	$(PY) manage.py makemessages --locale fr --locale en --no-location --no-obsolete --ignore ".venv/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

## The suite on every core (pytest-xdist, one database per worker), then the browser journeys one at a time:
## each drives Chromium against a live server. PYTEST_ARGS go to both runs (a path, -k, -x, -n 0…); a run that
## selects no test (pytest's exit status 5, e.g. PYTEST_ARGS=tests/tax for the browser run) is not a failure.
pytest:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n auto -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

## Throughput (wrk against gunicorn, production settings, demo data, Redis) and the cost of each page
## (queries, Redis round trips, CPU ms): README, « Performance ». BENCH_ARGS go to the command
## (--duration 5 --rounds 3 --workers 2…); BENCH_REDIS_URL picks the Redis database it empties first.
BENCH_DIR ?= /tmp/portal-bench
BENCH_ENV := DJANGO_SETTINGS_MODULE=portal.settings.bench BENCH_DIR=$(BENCH_DIR)

bench-db: install
	mkdir -p $(BENCH_DIR)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py seed_demo --force-i-know >/dev/null
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v0

bench: install
	rm -rf $(BENCH_DIR)
	$(MAKE) bench-db
	$(BENCH_ENV) $(PY) manage.py bench $(BENCH_ARGS)

## A one-second run of the benchmark that only checks it works (part of `make test`; no speed is asserted).
## Its database is brought up to date first (migrations, demo, static files): never a stale one from an older checkout.
bench-smoke: bench-db
	$(BENCH_ENV) $(PY) manage.py bench --smoke

## Stop a private Redis for 20 s under load and count what gunicorn answered (README, « Performance »).
bench-redis-outage: bench-db
	$(BENCH_ENV) $(PY) manage.py bench_redis_outage $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 static_collected
