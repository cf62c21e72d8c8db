PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FRONTEND := src/realpolitik/web/frontend
VENDOR := src/realpolitik/web/static/vendor
ASSETS := $(VENDOR)/cytoscape.min.js $(VENDOR)/chart.umd.min.js $(VENDOR)/swagger-ui-bundle.js \
	$(VENDOR)/swagger-ui.css $(VENDOR)/redoc.standalone.js

.PHONY: install demo test bench clean assets

# Dashboard libraries come from the npm registry at build time and are served locally (no CDN).
$(ASSETS): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	npm ci --prefix $(FRONTEND) --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp $(FRONTEND)/node_modules/cytoscape/dist/cytoscape.min.js $(FRONTEND)/node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/
	cp $(FRONTEND)/node_modules/swagger-ui-dist/swagger-ui-bundle.js $(FRONTEND)/node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	cp $(FRONTEND)/node_modules/redoc/bundles/redoc.standalone.js $(VENDOR)/

assets: $(ASSETS)

$(STAMP): pyproject.toml $(ASSETS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,postgres,ray]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/realpolitik ingest examples/articles --db realpolitik.duckdb
	$(BIN)/realpolitik brief --db realpolitik.duckdb
	@echo ""
	@echo "Open the dashboard over these articles: $(BIN)/realpolitik serve --db realpolitik.duckdb, then browse http://127.0.0.1:8000"
	@echo "Also: $(BIN)/realpolitik events --factual; $(BIN)/realpolitik scenario run examples/scenarios/russia-dprk-military-technology.yaml"

test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) realpolitik.duckdb .pytest_cache $(VENDOR) $(FRONTEND)/node_modules
