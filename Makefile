# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make serve   — create .venv, install, build and serve the site on http://127.0.0.1:8000/
#   make test    — create .venv, install (Chromium included, for the browser tests), run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every Python package the project installs, pip and setuptools included, pinned with hashes: a new
# release of a dependency changes nothing until `make lock` is run (the scheduled workflow
# .github/workflows/newest.yml builds with the newest releases and reports what would change).
LOCK := requirements.lock
UV_VERSION := 0.13.8
UV := .cache/uv/bin/uv
# Reproducible output: timestamps come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export NO_MKDOCS_2_WARNING := 1
BASE ?= origin/main

.PHONY: install serve build test lint typecheck browser report clean bench lock lock-properdocs properdocs

$(STAMP): pyproject.toml $(LOCK) package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error  # iframe-worker: offline search without a CDN
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

# Debian's chromium for the Playwright browser tests (a browser download does not work here), and Debian's
# Noto CJK fonts, so that the browser tests see Chinese text drawn with the faces a Linux reader has.
BROWSER_PACKAGES = chromium fonts-noto-cjk
browser:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y $(BROWSER_PACKAGES); \
	  else sudo -n sh -c 'apt-get update && apt-get install -y $(BROWSER_PACKAGES)' || \
	    echo "warning: $(BROWSER_PACKAGES) missing and cannot be installed; browser tests will fail"; fi; \
	fi

test: install browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src hooks tests bench
	$(MAKE) --no-print-directory typecheck

# mypy --strict on the modules listed in pyproject.toml ([tool.mypy] files; the list grows as modules pass).
typecheck: install
	$(BIN)/mypy

report: install
	$(BIN)/annotate report --base $(BASE) --format markdown

bench: install
	$(BIN)/python bench/bench_build.py

# Rewrite requirements.lock from pyproject.toml (the test extra included) for Python 3.11+ on any
# platform, keeping the current pins where they still fit; `make lock UPGRADE=1` moves every pin to
# the newest release. uv comes from PyPI into its own venv, outside the project's.
lock: $(UV)
	printf 'pip\nsetuptools>=68\n' | $(UV) pip compile pyproject.toml - --extra test --universal \
	  --python-version 3.11 --generate-hashes --custom-compile-command 'make lock' \
	  $(if $(UPGRADE),--upgrade) --quiet --output-file $(LOCK)
	$(MAKE) --no-print-directory lock-properdocs

$(UV):
	$(PYTHON) -m venv .cache/uv
	.cache/uv/bin/python -m pip install --quiet uv==$(UV_VERSION)

# The site built by ProperDocs (the MkDocs 1.x fork) must be the same pages as the MkDocs build. ProperDocs
# aliases every `mkdocs.*` import to itself, so it gets a venv of its own, .venv-properdocs, installed from
# requirements-properdocs.lock: the project's locked runtime dependencies (the same pins as requirements.lock,
# which constrains it) plus ProperDocs, and without MkDocs itself, so nothing in that build can fall back on
# MkDocs' code. Both builds get the same SOURCE_DATE_EPOCH; tests/compare_sites.py fails on any difference
# other than the generator tag that names the tool and its version.
PROPERDOCS_VERSION := 1.6.7
PROPERDOCS_LOCK := requirements-properdocs.lock
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed-stamp
PROPERDOCS_OUT := test-output/properdocs

$(PROPERDOCS_STAMP): pyproject.toml $(PROPERDOCS_LOCK)
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r $(PROPERDOCS_LOCK)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(PROPERDOCS_STAMP)

# ProperDocs builds first: where .cache/annotate/ is empty (as in CI) its build is the one that does all the work.
properdocs: install $(PROPERDOCS_STAMP)
	rm -rf $(PROPERDOCS_OUT)
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --quiet --config-file "$(CURDIR)/mkdocs.yml" \
	  --site-dir $(PROPERDOCS_OUT)/properdocs
	$(BIN)/mkdocs build --strict --quiet --site-dir $(PROPERDOCS_OUT)/mkdocs
	$(BIN)/python tests/compare_sites.py $(PROPERDOCS_OUT)/mkdocs $(PROPERDOCS_OUT)/properdocs \
	  $(if $(SUMMARY),--summary "$(SUMMARY)")

# `make lock` runs this after rewriting requirements.lock. The override drops MkDocs (Material and the
# project still declare it) and the packages only it needs.
lock-properdocs: $(UV)
	printf 'mkdocs ; python_version < "0"\n' > .cache/uv/properdocs-overrides.txt
	printf 'properdocs==$(PROPERDOCS_VERSION)\npip\nsetuptools>=68\n' | $(UV) pip compile pyproject.toml - \
	  --constraint $(LOCK) --override .cache/uv/properdocs-overrides.txt --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command 'make lock-properdocs' --quiet --output-file $(PROPERDOCS_LOCK)

clean:
	rm -rf site .cache test-output $(PROPERDOCS_VENV)
