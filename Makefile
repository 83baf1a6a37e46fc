# sakip-report — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data/sample
OUT    ?= build
TEMPLATES ?=
SLIDES    ?=
LOOK := $(if $(TEMPLATES),--templates $(TEMPLATES)) $(if $(SLIDES),--slides $(SLIDES))
APT_PACKAGES := libreoffice-impress fonts-crosextra-carlito poppler-utils

.DEFAULT_GOAL := help
.PHONY: help report watch validate test bench system-deps clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	@touch $@

# Everything that decides the deck: a change in any of these rebuilds it, otherwise nothing runs.
INPUTS := $(shell find $(DATA) templates slides $(TEMPLATES) $(SLIDES) src -type f -not -name '*.pyc' 2>/dev/null) build_report.py constraints.txt
STAMP  := $(OUT)/.built-$(subst /,_,$(DATA)$(TEMPLATES)$(SLIDES))

report: $(STAMP) ## Build the deck (DATA=data/sample OUT=build TEMPLATES=… SLIDES=…): PPTX, PDF, preview; nothing to do when unchanged

$(STAMP): $(VENV)/.installed $(INPUTS)
	@command -v soffice >/dev/null 2>&1 || $(MAKE) --no-print-directory system-deps || \
	  echo "LibreOffice tidak terpasang: hanya PPTX yang dibuat (lihat README)."
	$(BIN)/python build_report.py --data $(DATA) --out $(OUT) $(LOOK) \
	  --formats $$(command -v soffice >/dev/null 2>&1 && echo pptx,pdf || echo pptx)
	@touch $@

watch: $(VENV)/.installed ## Rebuild deck and preview on every change in data, templates or slides
	$(BIN)/sakip-report watch --data $(DATA) --out $(OUT) $(LOOK) \
	  --formats $$(command -v soffice >/dev/null 2>&1 && echo pptx,pdf || echo pptx)

validate: $(VENV)/.installed ## Check the workbooks only (DATA=...)
	$(BIN)/sakip-report validate --data $(DATA)

test: $(VENV)/.installed ## Run the test suite
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed ## Benchmark: build vs import floor, PDF vs bare soffice, memory, growth (build/bench.json)
	$(BIN)/python benchmarks/bench.py

system-deps: ## Install LibreOffice, Carlito and poppler (Debian/Ubuntu; needs root or sudo)
	@if ! command -v apt-get >/dev/null 2>&1; then echo "apt-get tidak ada: pasang LibreOffice secara manual"; exit 1; fi
	@SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo "sudo -n" ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $(APT_PACKAGES)

clean: ## Remove build outputs (keeps .venv)
	rm -rf $(OUT)
