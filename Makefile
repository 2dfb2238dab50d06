# Cổng — everyday tasks. `make` (or `make help`) lists them.
#
# Variables you may set on the command line or in the environment:
#   PORT=8000          port for `make run` (listens on 127.0.0.1 only)
#   PYTHON=/path/py    interpreter for a new .venv (default: scripts/find-python)
#   PYTEST_ARGS=...    extra arguments for pytest, e.g. PYTEST_ARGS='-k menu -x'
#   RUNSERVER_ARGS=... extra arguments for runserver, e.g. RUNSERVER_ARGS=--noreload
#   LOAD_DEMO_ARGS=... extra arguments for load_demo, e.g. LOAD_DEMO_ARGS='--articles 200'
#   DATABASE_URL=...   use this database instead of SQLite under var/ (run and test)
#   FILE=...           the archive for `make restore`
#   FORCE=1            let `make restore` replace a database that is not empty
#   LOCK_UPGRADE=...   what `make lock` upgrades (default --upgrade: everything; empty: nothing,
#                      only what pyproject.toml changed; --upgrade-package NAME: that package)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP := $(PY) -m pip --disable-pip-version-check

# Every package of .venv, pinned with its hashes (README.md, "Dependencies"); `make lock`
# writes it from pyproject.toml with uv, which is needed for that alone.
LOCK := requirements.lock
UV_VERSION := 0.13.9
# The lock holds for every platform and every Python from this one up (requires-python).
LOCK_PYTHON := 3.12
LOCK_UPGRADE ?= --upgrade

PORT ?= 8000
PYTHON ?=
PYTEST_ARGS ?=
RUNSERVER_ARGS ?=
LOAD_DEMO_ARGS ?=

.PHONY: help venv lock run test lint check clean backup restore messages messages-check

help:
	@echo "Cổng — các lệnh thường dùng / common tasks:"
	@echo ""
	@echo "  make run     chạy thử hai cổng mẫu: http://tinhuy.localhost:$(PORT)/ và http://tinhdoan.localhost:$(PORT)/"
	@echo "               run the portal with demo content (migrate, load_demo, runserver + task worker)"
	@echo "  make test    chạy bộ kiểm thử (PostgreSQL nếu có DATABASE_URL, không thì SQLite)"
	@echo "               run the test suite (PostgreSQL when DATABASE_URL is set, else SQLite)"
	@echo "  make manage CMD=createsuperuser"
	@echo "               lệnh manage.py với cấu hình chạy thử / a manage.py command with make run's settings"
	@echo "  make lint    ruff check + lint-imports (the apps depend one way)"
	@echo "  make check   manage.py check + makemigrations --check --dry-run"
	@echo "  make messages  dịch các tệp locale/vi/LC_MESSAGES/*.po thành .mo (cần msgfmt)"
	@echo "               compile the Vietnamese catalogue after editing it (GNU gettext's msgfmt)"
	@echo "  make venv    tạo/cập nhật .venv từ requirements.lock / create or update .venv from the lock"
	@echo "  make lock    cập nhật requirements.lock lên phiên bản mới nhất pyproject.toml cho phép"
	@echo "               refresh the lock (uv); LOCK_UPGRADE= keeps the pins, only follows pyproject.toml"
	@echo "  make serve   máy chủ production: migrate, collectstatic, gunicorn + tiến trình chạy nền (cần DJANGO_SECRET_KEY)"
	@echo "               the production server from the environment (docs/deployment.md)"
	@echo "  make bench   đo tải với gunicorn + wrk trên CSDL tạm, ghi bench/RESULTS.md (~10 phút)"
	@echo "               load benchmark: throwaway database, 10,000 articles, targets PASS/FAIL"
	@echo "  make bench-portals  đo 50 cổng × 1.000 bài so với một cổng, ghi bench/PORTALS.md"
	@echo "               many portals at scale: queries, host lookup, requests/s"
	@echo "  make backup  sao lưu CSDL và tệp media vào var/backups/cong-YYYYmmdd-HHMMSS.tar.gz"
	@echo "               back up the database and the media files into one dated archive"
	@echo "  make restore FILE=var/backups/cong-....tar.gz [FORCE=1]"
	@echo "               khôi phục vào CSDL trống / restore into an empty database"
	@echo "  make clean   xóa .venv và bộ nhớ đệm (giữ nguyên dữ liệu trong var/)"
	@echo "               remove .venv and caches (your data in var/ is kept)"
	@echo ""
	@echo "Biến / variables: PORT=$(PORT) PYTHON= PYTEST_ARGS= RUNSERVER_ARGS= LOAD_DEMO_ARGS= DATABASE_URL="
	@echo "                  LOCK_UPGRADE=$(LOCK_UPGRADE)"
	@echo "CI đầy đủ / full CI: bash .ci/run"
	@echo "Kiểm tra lint trước mỗi commit / CI's lint checks before each commit: pre-commit install"

# .venv's Python: an existing one is reused unless it is missing, broken or older than 3.12.
define venv-python
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		py='$(PYTHON)'; \
		if [ -z "$$py" ]; then py=$$(bash scripts/find-python); fi; \
		echo "Tạo môi trường ảo $(VENV) bằng / creating $(VENV) with: $$py"; \
		"$$py" -m venv --clear $(VENV); \
	fi
endef

# The virtual environment, rebuilt only when pyproject.toml or the lock changes (or .venv is
# gone). Everything comes from the lock, hash-checked (pip included); then the project itself,
# editable and without dependencies. A package dropped from the lock stays in an existing .venv
# until `make clean venv`. The check after the install fails when pyproject.toml asks for
# something the lock does not give (a dependency added without `make lock`).
venv: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	$(venv-python)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps -e .
	$(PIP) check
	@$(PY) -c "$$CHECK_LOCK"
	@touch $@

# Every requirement of the project (runtime and dev, with their extras) met by what is installed.
define check-lock-py
import sys
from importlib.metadata import PackageNotFoundError, requires, version
from packaging.requirements import Requirement

problems, todo, seen = [], [("cong", ("dev",))], set()
while todo:
    dist, extras = todo.pop()
    for text in requires(dist) or []:
        req = Requirement(text)
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in ("", *extras)):
            continue
        try:
            installed = version(req.name)
        except PackageNotFoundError:
            problems.append(f"{req}: not installed")
            continue
        if not req.specifier.contains(installed, prereleases=True):
            problems.append(f"{req}: {installed} installed")
        if req.extras and (req.name, *sorted(req.extras)) not in seen:
            seen.add((req.name, *sorted(req.extras)))
            todo.append((req.name, tuple(req.extras)))
if problems:
    print("$(LOCK) does not give what pyproject.toml asks for:", *problems, sep="\n  ", file=sys.stderr)
    print("Run `make lock LOCK_UPGRADE=` (the other pins stay) and commit $(LOCK).", file=sys.stderr)
    sys.exit(1)
endef
$(STAMP): export CHECK_LOCK = $(check-lock-py)

# Refresh the lock from pyproject.toml (README.md, "Dependencies"): every dependency, runtime and
# dev, transitive ones included, plus pip, pinned with the hashes of all their files on PyPI,
# resolved once for every platform and Python >= $(LOCK_PYTHON), so it is the same from any
# machine. uv is installed into .venv for this (pinned above); nothing else needs it. Does not
# depend on `venv`, which refuses a lock that falls short of pyproject.toml.
lock:
	$(venv-python)
	$(PIP) install --quiet 'uv==$(UV_VERSION)'
	@if [ -f $(LOCK) ]; then cp $(LOCK) $(VENV)/lock-before; else : >$(VENV)/lock-before; fi
	printf 'pip\n' | UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile pyproject.toml - \
		--extra dev --universal --python-version $(LOCK_PYTHON) --generate-hashes \
		--python $(PY) --custom-compile-command 'make lock' $(LOCK_UPGRADE) \
		--output-file $(LOCK) >/dev/null
	@pins() { grep -E '^[A-Za-z0-9]' "$$1" | sed 's/ *\\$$//' || true; }; \
	changes=$$( { diff <(pins $(VENV)/lock-before) <(pins $(LOCK)) || true; } | sed -n 's/^< /  - /p; s/^> /  + /p'); \
	rm -f $(VENV)/lock-before; \
	if [ -n "$$changes" ]; then echo "$(LOCK):"; echo "$$changes"; else echo "$(LOCK): no version changed"; fi
	@echo "Next: make test, then commit $(LOCK)."

# Quickstart: debug mode, SQLite under var/ (or DATABASE_URL), demo content, dev server, and
# beside it the task worker (scripts/with-task-worker: Ctrl+C stops both).
# load_demo does not duplicate anything, so a second `make run` is quick and keeps the data.
run: export DJANGO_DEBUG := 1
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --port $(PORT) $(LOAD_DEMO_ARGS)
	@echo ""
	@echo "================================================================"
	@echo "  Cổng đã sẵn sàng. Mở trình duyệt tại (*.localhost là máy này):"
	@echo "    Cổng Tỉnh ủy (cổng chính):  http://tinhuy.localhost:$(PORT)/"
	@echo "    Cổng Tỉnh Đoàn:             http://tinhdoan.localhost:$(PORT)/"
	@echo "    Trang quản trị:             http://tinhuy.localhost:$(PORT)/admin/"
	@echo "  http://127.0.0.1:$(PORT)/ cũng mở cổng chính (docs/portals.md)."
	@echo "  Tài khoản mẫu: admin — mật khẩu được in ở trên khi tài khoản"
	@echo "  được tạo lần đầu (xem mục Bắt đầu nhanh trong README.md)."
	@echo "  Tiến trình chạy nền (db_worker) chạy cùng máy chủ."
	@echo "  Nhấn Ctrl+C để dừng cả hai."
	@echo "================================================================"
	@echo ""
	exec $(PY) scripts/with-task-worker $(PY) manage.py runserver 127.0.0.1:$(PORT) $(RUNSERVER_ARGS)

# Any manage.py command with the quickstart's settings (debug on, SQLite under var/ or
# DATABASE_URL), e.g. make manage CMD=createsuperuser, make manage CMD="import_articles f.html".
# The production default (debug off, DJANGO_SECRET_KEY required) is left as it is.
.PHONY: manage
manage: export DJANGO_DEBUG := $(if $(DJANGO_SECRET_KEY),$(DJANGO_DEBUG),1)
manage: venv
	@if [ -z "$(CMD)" ]; then \
		echo "Thiếu lệnh / missing command: make manage CMD=createsuperuser" >&2; \
		exit 2; \
	fi
	$(PY) manage.py $(CMD)

# Tests use portal.settings.test (set in pyproject.toml).
test: venv
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "Kiểm thử trên cơ sở dữ liệu của DATABASE_URL / testing on DATABASE_URL's database"; \
	else \
		echo "Kiểm thử trên SQLite / testing on SQLite (DATABASE_URL not set)"; \
	fi
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

check: export DJANGO_DEBUG := 1
check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# The portal's Vietnamese catalogue (docs/translations.md): the .mo files are
# committed beside their .po, so neither a deployment nor CI needs gettext; after editing a
# .po, compile and commit both. tests/accounts/test_admin_vietnamese.py fails when a .mo is
# out of step with its .po. messages-check only validates (placeholders, header).
MSGFMT_MISSING := "msgfmt (GNU gettext) is missing: apt-get install gettext, or brew install gettext"

messages:
	@command -v msgfmt >/dev/null || { echo $(MSGFMT_MISSING) >&2; exit 2; }
	@for po in locale/*/LC_MESSAGES/*.po; do \
		echo "msgfmt $$po"; msgfmt --check --statistics -o "$${po%.po}.mo" "$$po"; \
	done

messages-check:
	@command -v msgfmt >/dev/null || { echo $(MSGFMT_MISSING) >&2; exit 2; }
	@for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check -o /dev/null "$$po"; done

# Backups (docs/deployment.md). They use the environment as it is: DATABASE_URL, DJANGO_MEDIA_ROOT,
# DJANGO_BACKUP_DIR. Without DJANGO_SECRET_KEY (the quickstart) they run in debug mode like `make run`.
backup restore: export DJANGO_DEBUG := $(if $(DJANGO_SECRET_KEY),$(DJANGO_DEBUG),1)

backup:
	$(PY) manage.py backup

restore:
	@if [ -z "$(FILE)" ]; then \
		echo "Thiếu tệp sao lưu / missing archive: make restore FILE=var/backups/cong-YYYYmmdd-HHMMSS.tar.gz [FORCE=1]" >&2; \
		exit 2; \
	fi
	$(PY) manage.py restore "$(FILE)" $(if $(filter 1 yes true,$(FORCE)),--force)

# Only the environment and caches; var/ (database, uploads) is never touched.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -path ./.git -prune -o -path ./var -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	@echo "Đã xóa .venv và bộ nhớ đệm; dữ liệu trong var/ được giữ nguyên."

# Search benchmark, not a test (bench/SEARCH.md): a throwaway PostgreSQL database with
# 100,000 demo articles on the server of BENCH_DATABASE_URL (default: local, user postgres),
# p50/p95 of 20 queries, dropped afterwards. make bench-search BENCH_ARGS='--repeat 5'
.PHONY: bench-search
bench-search: venv
	$(PY) bench/search_bench.py $(BENCH_ARGS)

# Page weights, not a test (bench/PAGE_WEIGHT.md): what Chromium downloads for each public page
# at 390 and 1366 px, served as `make serve` serves it; the article's budget is 150 KB on a phone.
.PHONY: bench-weight
bench-weight: venv
	$(PY) bench/page_weight.py --output bench/PAGE_WEIGHT.md $(BENCH_ARGS)

# EXPLAIN ANALYZE of every public page's queries on the same kind of throwaway database
# (100,000 articles, 2,000 directives): index used, large scans and sorts, time (bench/INDEXES.md).
# make bench-explain BENCH_ARGS='--markdown var/explain.md --plans var/plans.txt'
.PHONY: bench-explain
bench-explain: venv
	$(PY) bench/explain_pages.py $(BENCH_ARGS)

# The production server, configured by the environment like any deployment (docs/deployment.md):
# debug off, so DJANGO_SECRET_KEY is required. Pages cached by the previous release are made
# stale. gunicorn's settings: portal/gunicorn_conf.py. The task worker runs beside gunicorn
# (scripts/with-task-worker); under systemd each has its own unit instead (deploy/).
.PHONY: serve
serve: venv
	@if [ -z "$${DJANGO_SECRET_KEY:-}" ] && [ -z "$${DJANGO_DEBUG:-}" ]; then \
		echo "Thiếu DJANGO_SECRET_KEY / DJANGO_SECRET_KEY is not set: make serve runs with production settings." >&2; \
		echo "Set it (python -c 'import secrets; print(secrets.token_urlsafe(50))') with DJANGO_ALLOWED_HOSTS and DATABASE_URL; see docs/deployment.md." >&2; \
		exit 2; \
	fi
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py clear_page_cache
	exec $(PY) scripts/with-task-worker $(VENV)/bin/gunicorn -c python:portal.gunicorn_conf portal.wsgi:application

# Load benchmark, not a test (bench/load_bench.py, figures in bench/RESULTS.md): a throwaway
# PostgreSQL database on BENCH_DATABASE_URL's server, Redis at BENCH_REDIS_URL, gunicorn and wrk.
# make bench BENCH_ARGS='--duration 5 --skip-memory'
.PHONY: bench
bench: venv
	bash scripts/install-wrk
	$(PY) bench/load_bench.py --output bench/RESULTS.md $(BENCH_ARGS)

# Many portals at scale, not a test (bench/portals_scale.py, figures in bench/PORTALS.md): a
# throwaway PostgreSQL database with 50 portals × 1,000 articles against one portal: queries
# per page, the host lookup's cost, requests/s of an article (gunicorn and wrk, like `bench`).
# make bench-portals BENCH_ARGS='--portals 10 --articles 200 --duration 3'
.PHONY: bench-portals
bench-portals: venv
	bash scripts/install-wrk
	$(PY) bench/portals_scale.py --output bench/PORTALS.md $(BENCH_ARGS)
