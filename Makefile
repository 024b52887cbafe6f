# leadflow: `make run` starts the embedded stack, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench import clean help

help:
	@echo "make run    - moto DynamoDB+S3, demo tenant, API on http://127.0.0.1:8000"
	@echo "make test   - the whole test suite"
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

import: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make import FILE=path/to/leads.csv [TENANT=demo-autohaus]"; exit 2; }
	AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local $(BIN)/python -c 'import boto3, os, sys; f = sys.argv[1]; key = "incoming/" + sys.argv[2] + "/" + os.path.basename(f); boto3.client("s3", endpoint_url="http://127.0.0.1:" + os.environ.get("LEADFLOW_MOTO_PORT", "4566"), region_name="eu-central-1").upload_file(f, "leadflow-files", key); print("uploaded to s3://leadflow-files/" + key)' "$(FILE)" "$(or $(TENANT),demo-autohaus)"

bench: $(STAMP)
	$(BIN)/python -m bench.list_leads
	$(BIN)/python -m bench.bulk_assign

clean:
	rm -rf $(VENV) .pytest_cache .leadflow
