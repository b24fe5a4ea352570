# `make site` builds the site into site/; `make test` runs every test. Both set up what
# they need on first use (a virtualenv in .venv, Node tools in node_modules, and, as root
# on Debian, the chromium and Java packages the browser and HTML checks use).
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site deploy-site serve test validate translations schema bench screenshots cards system-packages clean

# The languages are built in parallel processes (the same bytes as `mkdocs build`).
site: $(VENV)/.installed
	$(BIN)/python -m eventsite_mkdocs build

# The site to publish: refuses to build unless SITE_URL gives its address.
deploy-site: $(VENV)/.installed
	EVENTSITE_DEPLOY=1 $(BIN)/python -m eventsite_mkdocs build

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

test: $(VENV)/.installed node_modules/.installed system-packages
	$(BIN)/pytest

validate: $(VENV)/.installed
	$(BIN)/python -m eventsite validate data/events.yaml

translations: $(VENV)/.installed
	$(BIN)/python -m eventsite translations report data/events.yaml

schema: $(VENV)/.installed
	$(BIN)/python -m eventsite schema --output data/events.schema.json

bench: $(VENV)/.installed node_modules/.installed system-packages
	$(BIN)/python bench/run.py

# Contact sheets of the main pages in six languages, phone and desktop, before, during and
# after the July week, for reviewers (screenshots/, not committed; a CJK font for Chinese).
screenshots: $(VENV)/.installed system-packages
	@fc-list | grep -qi "Noto Sans CJK" || { if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; \
	  else echo "Chinese text needs a font: sudo apt-get install fonts-noto-cjk"; fi; }
	$(BIN)/python tools/screenshots.py

# The sharing cards (overrides/assets/cards/<lang>.png, committed): again whenever
# site.title changes. Chinese needs a CJK font (fonts-noto-cjk).
cards: $(VENV)/.installed system-packages
	$(BIN)/python tools/cards.py

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Debian's chromium (never a downloaded browser), a Java runtime for the HTML checker and
# libical (Debian 12: 3.0.16), the C calendar library the feeds are checked with.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	dpkg -s libical3 >/dev/null 2>&1 || missing="$$missing libical3"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; fi; \
	fi

clean:
	rm -rf site .pytest_cache
