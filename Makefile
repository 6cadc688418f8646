# Closeloop: `make run` serves the demo, `make test` runs the whole suite on SQLite and PostgreSQL.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The PostgreSQL server the suite also runs on; pytest-django creates and drops test_<name> on it.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/closeloop

.PHONY: install run serve demo test test-sqlite test-postgres lint check-postgres clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/closeloop migrate --noinput
	$(BIN)/closeloop load_demo

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (API docs: http://127.0.0.1:$(PORT)/api/docs/)"
	DEBUG=$${DEBUG:-1} $(BIN)/closeloop runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/closeloop check
	$(BIN)/closeloop makemigrations --check --dry-run

test: lint test-sqlite test-postgres

test-sqlite: install
	CLOSELOOP_VAR_DIR=$(CURDIR)/var/test-sqlite DATABASE_URL=sqlite:///$(CURDIR)/var/test-sqlite/db.sqlite3 \
		$(BIN)/pytest -p no:cacheprovider

test-postgres: install
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		CLOSELOOP_VAR_DIR=$(CURDIR)/var/test-postgres DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -p no:cacheprovider; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL), and CI must test on it." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL not reachable at $(PG_TEST_URL); PostgreSQL tests skipped." >&2; \
	fi

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
