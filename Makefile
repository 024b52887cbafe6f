# leadflow: `make run` starts the embedded stack, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test package bench bench-import bench-webhooks import clean help

help:
	@echo "make run    - moto DynamoDB+S3, demo tenant, API on http://127.0.0.1:8000"
	@echo "make test   - the whole test suite"
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

test: $(STAMP)
	$(BIN)/python -m pytest

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

bench-import: $(STAMP)
	$(BIN)/python -m bench.import_file

bench-webhooks: $(STAMP)
	$(BIN)/python -m bench.webhook_latency

clean:
	rm -rf $(VENV) .pytest_cache .leadflow build
