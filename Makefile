# The two quick-start commands and the checks CI runs. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck check setup setup-dev clean chromium

$(BIN)/sovet: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml $(BIN)/sovet
	$(BIN)/pip install --quiet -e '.[dev,oracles]'
	@command -v chromium >/dev/null || $(MAKE) chromium
	@touch $@

## Debian's Chromium for the browser tests (Playwright drives it; its own download
## is not used).
chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: $(BIN)/sovet

setup-dev: $(VENV)/.dev

## Set up and run the 1917 demo on the embedded SQLite default.
demo: setup
	$(BIN)/sovet demo

## Set up and run the whole test suite (needs PostgreSQL on 127.0.0.1:5432).
test: setup-dev
	$(BIN)/python -m pytest -q

lint: setup-dev
	$(BIN)/ruff check sovet tests bench
	$(BIN)/ruff format --check sovet tests bench
	$(BIN)/lint-imports

typecheck: setup-dev
	$(BIN)/mypy sovet/count sovet/ledger sovet/domain

check: lint typecheck test

clean:
	rm -rf $(VENV) sovet-demo .pytest_cache .mypy_cache .ruff_cache .hypothesis
