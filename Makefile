# Werkkamer portaal. A newcomer needs two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt package-lock.json | cksum | cut -d' ' -f1)
# The embedded default: SQLite, tasks eagerly in-process. Set DATABASE_URL/REDIS_URL to switch.
DEV_ENV := DEBUG=$${DEBUG:-true}
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-tests-only-not-secret} \
	DOELGROEPREGISTER_BSN_KEY=$${DOELGROEPREGISTER_BSN_KEY:-tests-only-bsn-key} DEBUG=false

.PHONY: run install migrate demo test lint format bench worker beat totp loadtest backup restore clean

$(STAMP): pyproject.toml constraints.txt package-lock.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	 else echo "npm not found: the accessibility audit (axe-core) will be skipped"; fi
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(PY) manage.py seed_demo

run: demo
	@echo "Portaal: http://127.0.0.1:8000  (stoppen: Ctrl-C)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install
	$(DEV_ENV) $(BIN)/celery -A werkkamer worker --loglevel=INFO --concurrency=2

beat: install
	$(DEV_ENV) $(BIN)/celery -A werkkamer beat --loglevel=INFO --schedule=var/celerybeat-schedule

totp: install
	@$(DEV_ENV) $(PY) manage.py demo_totp

bench: install
	$(TEST_ENV) $(PY) manage.py migrate --noinput -v0
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(PY) -m bench $(BENCH)

loadtest: install
	$(PY) -m bench.loadtest

backup: install
	$(PY) manage.py backup $(if $(TO),--to $(TO),)

restore: install
	@test -n "$(BACKUP)" || { echo "Gebruik: make restore BACKUP=var/backups/<map>"; exit 2; }
	$(PY) manage.py restore $(BACKUP)

clean:
	rm -rf $(VENV) var/werkkamer.sqlite3 var/staticfiles
