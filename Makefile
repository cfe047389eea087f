# omnitui — `make demo` and `make test` work on a fresh machine with Python 3.11 and nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format sandbox bench screenshots docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/omnitui --demo

test: $(STAMP)
	$(BIN)/ruff check omnitui tools tests
	$(BIN)/ruff format --check omnitui tools tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -p no:cacheprovider -n auto --maxprocesses=4

lint: $(STAMP)
	$(BIN)/ruff check omnitui tools tests
	$(BIN)/ruff format --check omnitui tools tests
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format omnitui tools tests
	$(BIN)/ruff check --fix omnitui tools tests

# The README's pictures, from the real app on the sandbox at a fixed size.
screenshots: $(STAMP)
	$(BIN)/python -m tools.screenshots --out screenshots

# The README's key tables, generated from the bindings.
docs: $(STAMP)
	$(BIN)/python -m tools.keys_doc

# Measures the performance targets of docs/performance.md against a sandbox of its own (a few minutes);
# prints one table and writes bench/results.json. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python -m tools.bench

sandbox: $(STAMP)
	$(BIN)/omnitui sandbox --port 8765 --api-key sandbox-key

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
