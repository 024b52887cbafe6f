# leadflow: `make run` starts the embedded stack, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test package bench bench-import bench-webhooks import screenshots browser clean help

help:
	@echo "make run    - moto DynamoDB+S3, demo tenant, API on http://127.0.0.1:8000"
	@echo "make test   - the whole test suite (installs Debian's chromium for the browser tests)"
	@echo "make screenshots - regenerate docs/screenshots/ from the running workspace"
	@echo "make package STAGE=prod - CloudFormation template + deployment zip in build/STAGE, linted"
	@echo "make bench  - benchmarks that print figures (bench/)"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "leadflow needs Python 3.11, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==24.3.1
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python devstack/run.py

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium (never a browser downloaded by `playwright install`).
# As root (CI) it is installed with apt; otherwise say how, and stop: the suite must not skip them.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || test -n "$$LEADFLOW_CHROMIUM" || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium (apt) for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Chromium: sudo apt-get install chromium (or set LEADFLOW_CHROMIUM)"; exit 1; \
	  fi; }

screenshots: $(STAMP) browser
	$(BIN)/python -m devstack.screenshots

STAGE ?= prod
package: $(STAMP)
	$(BIN)/python -m deploy.package --stage $(STAGE)

import: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make import FILE=path/to/file [TENANT=demo-autohaus] [KIND=leads|customers]"; exit 2; }
	AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local $(BIN)/python -m devstack.drop "$(FILE)" "$(or $(TENANT),demo-autohaus)" "$(or $(KIND),leads)"

bench: $(STAMP)
	$(BIN)/python -m bench.list_leads
	$(BIN)/python -m bench.bulk_assign
	$(BIN)/python -m bench.cold_start
	$(BIN)/python -m bench.cost_per_lead
	$(BIN)/python -m bench.escalation_sweep
	$(BIN)/python -m bench.privacy_erasure

bench-import: $(STAMP)
	$(BIN)/python -m bench.import_file

bench-webhooks: $(STAMP)
	$(BIN)/python -m bench.webhook_latency

clean:
	rm -rf $(VENV) .pytest_cache .leadflow build
