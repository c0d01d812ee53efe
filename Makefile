# One command to reproduce everything: `make report`. One to check it: `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CORPUS ?= seeds
MANIFEST ?= data/stories.csv
TABLE ?= data/processed/sentences.csv
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: install report tabulate test lab clean

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
	$(PY) -m analysis tabulate $(CORPUS) --stories $(MANIFEST) --out $(TABLE)

report: tabulate
	$(BIN)/jupyter nbconvert --to html --execute --output-dir data/reports $(NOTEBOOKS)

test: $(VENV)/.installed-test
	$(PY) -m pytest

lab: install
	$(BIN)/jupyter lab --ip 127.0.0.1 --no-browser $(ROOT_FLAG) notebooks

clean:
	rm -rf data/processed data/figures data/reports
