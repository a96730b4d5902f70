# Two commands on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
# Both install what is missing (apt packages, a .venv, the package in editable mode) first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := output/demo
DEMO_PLAN ?= bu-gia-map-cds-2022-2025

# LibreOffice (headless: Writer for PDF, Calc to print a workbook as a clerk would), its Python-UNO
# bridge (the warm conversion workers), fonts metric-compatible with Times New Roman, poppler
# (pdftoppm for page previews) and venv support; Chromium for the web app's browser tests,
# redis-server for the distributed job queue, SoftHSM2 as a real PKCS#11 token for signing.
APT_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-liberation fonts-liberation2 \
	fontconfig poppler-utils python3-venv chromium redis-server softhsm2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all system venv demo serve test lint format bench goldens templates messages clean

all: demo

system:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài đặt gói hệ thống:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: system $(STAMP)

demo: venv
	@mkdir -p $(DEMO_DIR)
	$(BIN)/hoso init --force --plan $(DEMO_PLAN) --example $(DEMO_DIR)/hoso-mau.xlsx
	$(BIN)/hoso check $(DEMO_DIR)/hoso-mau.xlsx
	$(BIN)/hoso build -o $(DEMO_DIR) $(DEMO_DIR)/hoso-mau.xlsx
	@echo "Hồ sơ mẫu: $(DEMO_DIR)/hoso-mau/ (van-ban/, ho-so/, ho-so-tong-hop.pdf)"
	rm -rf $(DEMO_DIR)/dot-xet
	$(BIN)/hoso period init $(DEMO_DIR)/dot-xet --plan $(DEMO_PLAN) --example
	@# Exit code 1: the example period has one unit with a cell error, on purpose.
	$(BIN)/hoso period build -q $(DEMO_DIR)/dot-xet || [ $$? -eq 1 ]
	@echo "Đợt xét mẫu: $(DEMO_DIR)/dot-xet/ (dot-xet.toml, don-vi/, ket-qua/)"

# The web app with demo data (an example period, one login per role; printed at start).
serve: venv
	$(BIN)/hoso serve --demo --data output/web-demo

test: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_build.py

templates: venv
	$(BIN)/python -m pipeline.authoring.blueprints

# The web app's own Vietnamese for what Django's admin and django-axes leave untranslated
# (needs GNU gettext's msgfmt: apt install gettext); the .mo is committed beside its .po.
messages:
	msgfmt --check-format -o pipeline/web/locale/vi/LC_MESSAGES/django.mo pipeline/web/locale/vi/LC_MESSAGES/django.po

goldens: venv
	HOSO_UPDATE_GOLDENS=1 $(BIN)/pytest -q tests/test_goldens.py
	git diff --stat tests/golden

clean:
	rm -rf $(VENV) output/* build dist *.egg-info .pytest_cache .ruff_cache
	touch output/.gitkeep
