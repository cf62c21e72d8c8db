PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/realpolitik ingest examples/articles --db realpolitik.duckdb
	$(BIN)/realpolitik brief --db realpolitik.duckdb
	@echo "Next: $(BIN)/realpolitik events --factual, or $(BIN)/realpolitik scenario run examples/scenarios/russia-dprk-military-technology.yaml"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) realpolitik.duckdb .pytest_cache
