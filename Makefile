# 政协履职管理 — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
ASSETS := node_modules/.installed

.PHONY: demo stack stack-run test install assets system-packages lint check messages messages-check clean loadtest

demo: system-packages install assets ## Load the demo committee and serve it on http://127.0.0.1:8000 (the real stack when DATABASE_URL and CELERY_BROKER_URL are set)
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	@if [ -n "$$DATABASE_URL" ] && [ -n "$$CELERY_BROKER_URL" ]; then \
	  $(MAKE) --no-print-directory stack-run; \
	else \
	  echo "Embedded defaults: SQLite in var/, Celery tasks inline (set DATABASE_URL and CELERY_BROKER_URL for the real stack)"; \
	  DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000; \
	fi

stack: system-packages install assets ## web + Celery worker + beat from the Procfile (needs DATABASE_URL and CELERY_BROKER_URL)
	@test -n "$$DATABASE_URL" && test -n "$$CELERY_BROKER_URL" || \
	  { echo "Set DATABASE_URL=postgres://… and CELERY_BROKER_URL=redis://… first (see .env.example)."; exit 1; }
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	$(MAKE) --no-print-directory stack-run

stack-run:
	DEBUG=true $(PY) manage.py collectstatic --noinput -v0
	@echo "web on http://127.0.0.1:8000, Celery worker and beat on $$CELERY_BROKER_URL; Ctrl-C stops all three"
	DEBUG=true GUNICORN_BIND=127.0.0.1:8000 $(VENV)/bin/honcho -f Procfile start

test: system-packages install assets ## Run the whole suite (SQLite unless DATABASE_URL is set)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n auto

system-packages: ## Install the Debian packages the tests and the demo need (as root), or say how
	@bash deploy/system-packages.sh

install: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet ".[dev]"
	touch $(STAMP)

assets: $(ASSETS)
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(ASSETS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install ## What CI checks besides the tests: migrations, system check, lint, format, types
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

messages: install ## Refresh the English catalogue after changing labels
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var staticfiles

messages-check: install ## Fail when a label in the code is missing from the English catalogue
	cp locale/en/LC_MESSAGES/django.po var/django.po.before 2>/dev/null || (mkdir -p var && cp locale/en/LC_MESSAGES/django.po var/django.po.before)
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=node_modules --ignore=tests >/dev/null
	@if ! diff -q -I '^"POT-Creation-Date' var/django.po.before locale/en/LC_MESSAGES/django.po >/dev/null; then \
	  diff -I '^"POT-Creation-Date' var/django.po.before locale/en/LC_MESSAGES/django.po | head -40; \
	  cp var/django.po.before locale/en/LC_MESSAGES/django.po; \
	  echo "The English catalogue is out of date: run 'make messages' and translate the new entries."; exit 1; fi
	cp var/django.po.before locale/en/LC_MESSAGES/django.po

loadtest: system-packages install assets ## 50 users on gunicorn + PostgreSQL on this machine (needs DATABASE_URL)
	$(PIP) install --quiet ".[load]"
	bash loadtest/run.sh
