# One command to reproduce everything: `make report`. One to check it: `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# What to analyse: empty for settings.yaml (the seed by default); NAME names data/runs/NAME.
CORPUS ?=
STORIES ?=
NAME ?=
# The frame set: generic (the default) or seed, or a folder in the same format (data/framing/README.md).
FRAMES ?=
# A filled coding sheet of the run's sentences (python -m analysis sample): corrects the charts' shares and means.
CODING ?=
JOBS ?= 1
# How numeric dates are written: true (day first), false (month first), or empty to tell it from each file.
DAYFIRST ?=
RUN_ARGS = $(CORPUS) $(if $(STORIES),--stories $(STORIES)) $(if $(NAME),--name $(NAME)) $(if $(FRAMES),--frames $(FRAMES)) $(if $(CODING),--coding $(CODING)) --jobs $(JOBS) \
	$(if $(filter true,$(DAYFIRST)),--dayfirst) $(if $(filter false,$(DAYFIRST)),--no-dayfirst)
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: install report tabulate test test-fast lab clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-notebooks: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[notebooks]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-notebooks

install: $(VENV)/.installed-notebooks

tabulate: install
	$(PY) -m analysis report $(RUN_ARGS) --tabulate-only

report: install
	$(PY) -m analysis report $(RUN_ARGS)

# Every test, notebooks included, on all cores (3 min 35 s and 3 min 39 s wall on 2 cores, 2026-12-08).
test: $(VENV)/.installed-test
	$(PY) -m pytest

# The tests that execute no notebook, for a quick check while working (about a minute).
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest tests -o addopts="-ra -n auto" -m "not notebooks"

lab: install
	$(BIN)/jupyter lab --ip 127.0.0.1 --no-browser $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks

clean:
	rm -rf data/processed data/figures data/reports data/runs
