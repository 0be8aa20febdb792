# CANO-platform: `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install browser pg-extensions run serve migrate seed index test lint format check e2e bench reliability clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

# The browser tests drive Debian's Chromium; as root it is installed here, otherwise the exact
# command is printed.
CHROMIUM := /usr/bin/chromium
browser: ## Install Debian's Chromium for the browser tests when it is missing
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Chromium installeren (Debian-pakket chromium)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium ontbreekt. Installeer het met: sudo apt-get install chromium"; exit 1; \
		fi; \
	fi

# The PostgreSQL search backend ranks from a RUM index (Debian package postgresql-<version>-rum);
# as root it is installed here for the local server's version, otherwise the command is printed.
# Without it the backend uses a GIN index (see site/modelsearch_postgres/README.md).
PG_VERSION ?= $(shell ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
pg-extensions: ## Install the RUM extension for the local PostgreSQL server when it is missing
	@if [ -n "$(PG_VERSION)" ] && [ ! -f /usr/share/postgresql/$(PG_VERSION)/extension/rum.control ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "RUM-extensie installeren (Debian-pakket postgresql-$(PG_VERSION)-rum)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-$(PG_VERSION)-rum >/dev/null; \
		else \
			echo "De RUM-extensie ontbreekt. Installeer ze met: sudo apt-get install postgresql-$(PG_VERSION)-rum"; \
		fi; \
	fi

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

seed: migrate ## Load the Dutch demo content (idempotent)
	$(MANAGE) seed_demo

index: install ## Rebuild the search index
	$(MANAGE) update_index

# Links in e-mails (and the admin's) point at the address served on, unless DJANGO_BASE_URL is set.
run serve: export DJANGO_BASE_URL ?= http://$(HOST):$(PORT)

run: seed index ## Install, migrate, seed, index and serve on http://127.0.0.1:8000
	$(MANAGE) collectstatic --no-input -v0
	@$(MANAGE) seed_demo --logins-only
	@echo "De site draait op http://$(HOST):$(PORT)/ (beheer: http://$(HOST):$(PORT)/admin/)"
	@echo "Links in e-mails wijzen naar $$DJANGO_BASE_URL"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: ## Serve without reinstalling (after `make run` once)
	@echo "Links in e-mails wijzen naar $$DJANGO_BASE_URL"
	$(MANAGE) runserver $(HOST):$(PORT)

# The hooks of .pre-commit-config.yaml, called from .venv: CI needs no download for pre-commit's
# own hook environments. Like their hooks, the whitespace and end-of-file fixers repair what they
# report (in git's tracked text files) and fail.
TEXT_FILES := git grep -I -l -z ''

lint: install ## The pre-commit checks (ruff, whitespace, djhtml) and mypy, without git hooks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEXT_FILES) | xargs -0 -r $(BIN)/end-of-file-fixer
	$(TEXT_FILES) | xargs -0 -r $(BIN)/trailing-whitespace-fixer
	$(BIN)/mypy
	$(BIN)/djhtml --check templates/

format: install ## Format the code with ruff and the templates with djhtml
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates/

check: install ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=cano.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cano.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check browser ## Lint, checks and the whole test suite (browser tests included)
	$(PY) -m playwright --version >/dev/null
	$(PY) -m pytest

e2e: install browser ## Only the real-browser tests
	$(PY) -m pytest tests/e2e

bench: install ## Search benchmark: Whoosh and PostgreSQL backends (see docs/benchmarks.md)
	$(PY) bench/search.py

reliability: install ## Reliability suite on PostgreSQL: gunicorn, worker, kill -9 (docs/benchmarks.md)
	$(PY) bench/reliability.py

clean: ## Remove the virtualenv, the local database, media and index
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var
