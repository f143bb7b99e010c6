# Two commands: `make run` (set up and serve) and `make test` (set up and check everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# A project-local PostgreSQL runs unless DATABASE_URL is given (environment or .env).
USE_DEVDB = [ -z "$$DATABASE_URL" ] && ! grep -qs '^DATABASE_URL=' .env

.PHONY: run test setup db stop lint messages system-packages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

.env:
	$(PYTHON) scripts/make_env.py

db: .env
	@if $(USE_DEVDB); then scripts/devdb.sh start; fi

setup: $(VENV)/.installed .env db
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --once
	$(PY) manage.py collectstatic --no-input --verbosity 0

run: setup
	$(PY) manage.py load_demo --print-logins
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup system-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Tools the tests drive: Debian's Chromium for browser tests, gettext for the catalogue check.
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "make test needs:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogues after changing strings; translate the new entries, then compile.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

stop:
	scripts/devdb.sh stop
