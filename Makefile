# Two commands for users: `make run` (the whole analysis) and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(abspath $(VENV))/bin
CORES ?= all
# Scripts and notebooks run by Snakemake find the environment's tools on PATH.
export PATH := $(BIN):$(PATH)

.PHONY: install install-test run test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/snakemake --cores $(CORES)

test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/ruff check src tests workflow/scripts tools
	$(BIN)/ruff format --check src tests workflow/scripts tools

clean:
	rm -rf results logs .snakemake
