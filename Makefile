# Two commands: `make run` (set up, serve and run a job worker) and `make test` (set up and check everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# A project-local PostgreSQL runs unless DATABASE_URL is given (environment or .env);
# scripts/devdb.sh start also creates its roles (and updates a cluster made without them).
USE_DEVDB = [ -z "$$DATABASE_URL" ] && ! grep -qs '^DATABASE_URL=' .env
# The apps (a folder with apps.py: members/, welfare/, ..., yuyang_union/summary/) each keep
# their own catalogue; the project catalogue in locale/ holds the rest (templates/, yuyang_union/).
APP_DIRS = $(shell find . \( -path ./.venv -o -path ./.pgdata -o -path ./.git -o -path ./staticfiles \
	-o -path ./media -o -path ./tests \) -prune -o -name apps.py -print | sed -e 's|^\./||' -e 's|/apps.py$$||' \
	| grep -vx yuyang_union | sort)
CATALOGUES = locale/zh_Hans/LC_MESSAGES/django.po $(foreach dir,$(APP_DIRS),$(dir)/locale/zh_Hans/LC_MESSAGES/django.po)

.PHONY: run test setup db stop lint messages system-packages lock otp

# Every install comes from the hashed lock files: requirements-dev.lock here (the runtime
# dependencies, pinned as in requirements.lock, plus the tools), requirements.lock in production.
$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Refresh both lock files from pyproject.toml (needs the network); keeps every pin it can.
# `make lock LOCK_FLAGS=--upgrade` moves everything to the newest versions allowed.
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)
lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --allow-unsafe --extra dev --constraint requirements.lock \
	  --output-file requirements-dev.lock pyproject.toml

.env:
	$(PYTHON) scripts/make_env.py

db: .env
	@if $(USE_DEVDB); then scripts/devdb.sh start; fi

# migrate logs in as the tables' owner (locally yuyang_owner) and then grants the site's role
# (yuyang_site) its rows; everything else, load_demo and the server included, runs as the site.
setup: $(VENV)/.installed .env db
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --once
	$(PY) manage.py purge_import_uploads
	$(PY) manage.py collectstatic --no-input --verbosity 0

run: setup
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py load_demo --print-logins
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/run.sh

# A fresh test database each time (--create-db): a reused one may miss rows that an
# interrupted run of the browser tests emptied.
test: setup system-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pre-commit validate-config .pre-commit-config.yaml
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --create-db

# Tools the tests drive: Debian's Chromium for browser tests (and a Chinese font, for readable
# failure screenshots), gettext for the catalogue check.
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "make test needs:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh every catalogue after changing strings (the project's, then each app's from inside
# its folder, so its strings land in its own catalogue), then compile them all. Translate the
# new entries (no empty or fuzzy ones: tests/test_translations.py checks) and run it again.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' \
	  --ignore 'staticfiles/*' --ignore 'media/*' --ignore 'tests/*' \
	  $(foreach dir,$(APP_DIRS),--ignore '$(dir)/*')
	@set -e; for dir in $(APP_DIRS); do \
	  echo "$$dir:"; mkdir -p $$dir/locale; \
	  (cd $$dir && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages --locale zh_Hans --no-obsolete); \
	done
	@set -e; for po in $(CATALOGUES); do msgfmt --check-format -o $${po%.po}.mo $$po; done

stop:
	scripts/devdb.sh stop

# The second-step code a demo staff login's authenticator shows now: make otp LOGIN=zuzhi
otp: $(VENV)/.installed
	$(PY) manage.py demo_code $(or $(LOGIN),admin)
