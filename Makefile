# Closeloop: `make run` serves the demo, `make test` runs the whole suite on SQLite and PostgreSQL.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The PostgreSQL server the suite also runs on; pytest-django creates and drops test_<name> on it.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/closeloop

.PHONY: install browser pdf mailserver gettext messages catalogue run demo test test-sqlite test-postgres lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used); the CJK
# font makes Chinese pages render in screenshots.
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(BROWSER_PACKAGES); \
	fi

# The public report's PDF: WeasyPrint draws with Pango and HarfBuzz; the CJK font renders Chinese.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
pdf:
	@if ! ldconfig -p | grep -q libharfbuzz-subset || ! ldconfig -p | grep -q libpangoft2 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(PDF_PACKAGES); \
	fi

# Mailbox tests poll a real IMAP server: Debian's Dovecot, started by the tests on loopback with a
# generated configuration. A system-wide service the package may start is stopped and disabled.
mailserver:
	@if ! command -v dovecot >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd; \
		$$SUDO systemctl disable --now dovecot >/dev/null 2>&1 || $$SUDO service dovecot stop >/dev/null 2>&1 || true; \
	fi

# The Chinese catalogue is committed as .po and compiled here with GNU gettext's msgfmt.
gettext:
	@if ! command -v msgfmt >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext; \
	fi

messages: install gettext
	cd src/closeloop && ../../$(BIN)/closeloop compilemessages >/dev/null

# Re-extract strings so a test can tell when a new string has no translation yet.
catalogue: install gettext
	cd src/closeloop && ../../$(BIN)/closeloop makemessages --locale zh_Hans --no-obsolete --add-location file >/dev/null
	@# The creation date would change the catalogue on every run; nothing reads it.
	sed -i '/^"POT-Creation-Date:/d' src/closeloop/locale/zh_Hans/LC_MESSAGES/django.po

demo: install pdf messages
	$(BIN)/closeloop migrate --noinput
	$(BIN)/closeloop load_demo

# The background jobs (SLA sweep, outgoing messages) run in-process beside the web server; with
# CELERY_BROKER_URL set, run `celery -A closeloop worker -B` instead and they go through Redis.
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (API docs: http://127.0.0.1:$(PORT)/api/docs/)"
	@$(BIN)/closeloop jobs & JOBS=$$!; trap 'kill $$JOBS 2>/dev/null' EXIT INT TERM; \
		DEBUG=$${DEBUG:-1} $(BIN)/closeloop runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/closeloop check
	$(BIN)/closeloop makemigrations --check --dry-run

test: lint browser pdf mailserver catalogue messages test-sqlite test-postgres

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
