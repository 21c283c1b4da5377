# Two commands for users: `make run` (the whole analysis) and `make test`.
# Paths are relative so that a project folder with a space in its path works.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
CORES ?= all
# Scripts run by Snakemake find the environment's tools on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install install-test run qdpx test lint bench screenshots test-cluster clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# deduce builds its lookup cache on first use (1-2 minutes): done once here, not in a run.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -c "from wijkverbinders.pseudonymise import load_deduce; load_deduce()" >/dev/null
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/python -m wijkverbinders.runlock
	$(BIN)/snakemake --workflow-profile workflow/profiles/default --cores $(CORES)

# The study as a REFI-QDA project for QDA software (restricted: it holds the transcripts).
qdpx: install
	$(BIN)/snakemake --workflow-profile workflow/profiles/default --cores $(CORES) results/restricted/project.qdpx

# Two workers, one test file each: the end-to-end workflow test runs beside the rest.
test: install-test
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: install-test
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/ruff check src tests workflow/scripts tools notebooks
	$(BIN)/ruff format --check src tests workflow/scripts tools notebooks

# The report as a reader sees it (headless Chromium): results/report/screenshots/, index.pdf.
screenshots: install
	$(BIN)/python tools/screenshot_report.py

# The pipeline through a real single-node SLURM cluster (root and Debian only).
test-cluster: install
	VENV=$(VENV) bash tools/cluster/test_cluster.sh

bench: install
	$(BIN)/python tools/benchmark_pipeline.py --documents 21 300 1000 --demo

clean:
	rm -rf results logs benchmarks .snakemake
