# Single entry point. Quick start: `make demo` and `make test` on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export KG_HOME ?= $(CURDIR)/.kg-demo

.PHONY: venv demo test lint typecheck cypher-lint bench clean stop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg import examples/
	$(BIN)/kg stats
	$(BIN)/kg query --saved claims-by-speaker --param speaker=Patrushev || true
	$(BIN)/kg query --saved allegations-about --param name=Ukraine || true

test: $(STAMP)
	$(BIN)/ruff check kg loaders tests
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg loaders tests

typecheck: $(STAMP)
	$(BIN)/mypy

stop:
	-$(BIN)/kg store stop

clean: stop
	rm -rf $(VENV) .kg-demo .pytest_cache .ruff_cache .mypy_cache
