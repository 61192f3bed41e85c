# `make run` and `make test` work on a fresh clone with nothing but Python 3.11+:
# they create .venv when needed and install the package with its test extras into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test raw-docs bench validate clean chromium review-screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "intra-extract needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/intra-extract run raw_docs/ --out structured/

test: $(STAMP) chromium
	$(BIN)/lint-imports importlinter.toml
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The review page's browser tests drive Debian's Chromium (never a downloaded one): installed
# here when it is missing and this user may (CI runs as root on a clean machine).
chromium:
	@test -x /usr/bin/chromium || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "no /usr/bin/chromium and cannot install it: the browser tests will be skipped (not under CI=true)"

# The screenshots in docs/ (the README shows docs/review-document.png), made by the browser tests.
review-screenshots: $(STAMP) chromium
	INTRA_EXTRACT_DOCS_SHOTS=1 $(BIN)/python -m pytest -q tests/test_review_browser.py

validate: $(STAMP)
	$(BIN)/intra-extract validate structured/

# Regenerate the sample inputs (deterministic), then `make run` to refresh structured/.
raw-docs: $(STAMP)
	$(BIN)/python scripts/make_raw_docs.py raw_docs/

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
