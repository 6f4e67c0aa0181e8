# Interview Closer: the two commands of a fresh machine are `make serve` and `make test`.
# Both create .venv when it is missing and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866

.PHONY: serve test lab bench train lint format chromium clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: the runtime install, and the install with test extras.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

serve: $(VENV)/.installed
	$(BIN)/closer serve --port $(PORT)

lab: $(VENV)/.installed
	$(BIN)/closer lab

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium', then 'make test' again." >&2; \
	    exit 1; \
	  fi; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check closer_widgets tests benchmarks docs
	$(BIN)/ruff format --check closer_widgets tests benchmarks docs

format: $(VENV)/.installed-test
	$(BIN)/ruff format closer_widgets tests benchmarks docs
	$(BIN)/ruff check --fix closer_widgets tests benchmarks docs

test: $(VENV)/.installed-test chromium lint
	$(BIN)/python -m pytest

# The README's pictures, taken from the running dashboard in headless Chromium.
screenshots: $(VENV)/.installed-test chromium
	$(BIN)/python docs/make_screenshots.py

# Rebuilds the analyzer's model from the labelled corpus (tests/data/corpus); deterministic.
train: $(VENV)/.installed-test
	$(BIN)/python -m closer_widgets.feedback.train

bench: $(VENV)/.installed-test chromium
	@for script in benchmarks/bench_*.py benchmarks/eval_*.py; do \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
