# Two commands do everything on a fresh machine:
#   make serve   build the site and serve it at http://127.0.0.1:8000 (rebuilds on every curriculum edit)
#   make test    lint, type-check and run the whole test suite (what CI runs)
#   make lesson  start a new lesson (asks for its id, titles, audiences, competences, level)
#   make hooks   check changed lessons before every commit (installs the hooks in .pre-commit-config.yaml)
.PHONY: serve build test validate coverage setup handouts lesson hooks zim

setup:
	@bash scripts/setup.sh

serve: setup
	.venv/bin/mkdocs serve

# PDF handouts need the published address for their QR codes: make handouts BASE_URL=https://…/
# `make build BASE_URL=…` renders them first (only what changed) so the pages link them with their size.
handouts: setup
	@test -n "$(BASE_URL)" || { echo "make handouts: set BASE_URL=<address of the published site>"; exit 2; }
	.venv/bin/python scripts/build_handouts.py --out .cache/handouts --base-url "$(BASE_URL)"

build: setup
	@if [ -n "$(BASE_URL)" ]; then $(MAKE) --no-print-directory handouts BASE_URL="$(BASE_URL)"; fi
	.venv/bin/mkdocs build --strict
	.venv/bin/python scripts/check_site.py site
	.venv/bin/python scripts/build_offline.py site

# Kiwix ZIM files, one per language, next to the zip: site/offline/hocvuso_<lang>_all.zim (with PDFs: BASE_URL=…).
zim: build
	.venv/bin/python scripts/export_zim.py site

validate: setup
	.venv/bin/python scripts/validate.py

coverage: setup
	.venv/bin/python scripts/coverage.py

lesson: setup
	.venv/bin/python scripts/new_lesson.py

hooks: setup
	.venv/bin/pre-commit install

# pytest exits 5 when it collected no test; make treats any non-zero exit as failure, so that cannot pass.
test: setup
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/python -m pytest
