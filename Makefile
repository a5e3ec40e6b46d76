# Single entry point. Quick start: `make demo` and `make test` on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT := tools/cypher-lint/node_modules/.package-lock.json
export KG_HOME ?= $(CURDIR)/.kg-demo

.PHONY: venv demo test lint typecheck cypher-lint screenshots readme-examples bench clean stop neo4j

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Neo4j's own Cypher parser/linter (npm, pinned in package-lock.json) validates Neo4j-bound Cypher.
$(LINT): tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund --loglevel=error
cypher-lint: $(LINT)

demo: $(STAMP)
	$(BIN)/kg import examples/
	$(BIN)/kg query --saved claims-by-speaker --param speaker=Zongo
	$(BIN)/kg query --saved contradictions
	$(BIN)/kg entity "Mali"
	$(BIN)/kg viz --saved recruitment-training-support-network -o out/graph.html
	$(BIN)/kg map -o out/map.html
	@echo "open out/graph.html and out/map.html in a browser"

test: $(STAMP) $(LINT)
	$(BIN)/ruff check kg loaders tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg loaders tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# Renders out/graph.html and out/map.html in headless Chromium (apt-get install chromium).
screenshots: $(STAMP)
	$(BIN)/python -m tests.analyst.screenshots docs/img

# README.md's example outputs, run on the bundled corpus in the demo store (tools/readme_examples.py).
readme-examples: $(STAMP)
	$(BIN)/kg import -q examples/ > /dev/null
	$(BIN)/python tools/readme_examples.py README.md

# The benchmark (bench/README.md): 1k and 10k articles, ~25 min on two idle cores.
bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes 1000,10000 --workers 2,1 --out bench/results/latest.json

# A Neo4j-5-compatible Bolt server for development (ArcadeDB from the dev extra, docs/neo4j.md): in the
# foreground on 127.0.0.1:$(NEO4J_PORT), data in .kg-neo4j/; it prints the NEO4J_* exports. Ctrl-C stops it.
NEO4J_PORT ?= 7687
neo4j: $(STAMP)
	$(BIN)/python -m tests.bolt_server --data $(CURDIR)/.kg-neo4j --port $(NEO4J_PORT)

stop:
	-$(BIN)/kg store stop

clean: stop
	rm -rf $(VENV) .kg-demo .kg-neo4j out .pytest_cache .ruff_cache .mypy_cache tools/cypher-lint/node_modules
