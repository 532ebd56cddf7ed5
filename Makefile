# Everything an editor or CI needs, each target installing only what it uses (scripts/setup.sh):
#   make serve      preview the site at http://127.0.0.1:8000 (rebuilds on every save; errors show on the page)
#   make validate   check the curriculum (errors block, warnings never do)
#   make lesson     start a new lesson: asks questions, or takes flags: make lesson ARGS="--id ... --title ..."
#   make translation-diff LESSON=<id> [TO=en]   what changed in the source since the translation was made
#   make hooks      check changed lessons before every commit (installs pre-commit and its hooks)
#   make build      the site as CI publishes it (mkdocs build --strict with PDFs, safety gate, offline packs)
#   make test       lint, type-check and run the whole test suite (what CI runs; installs the test tools)
#   make zim        Kiwix ZIM files of the built site, one per language (site/offline/)
.PHONY: serve build test validate coverage setup handouts lesson hooks translation-diff zim

# The theme prints an end-of-life banner at every start that editors cannot act on.
export NO_MKDOCS_2_WARNING = 1

# CI's first step: everything `make test` and `make build` need.
setup:
	@bash scripts/setup.sh test

# --dirty: a save re-renders only the pages it put out of date (the lesson's pages in every language, and the pages
# listing it when its title or metadata changed); a change in the errors is written into the pages on disk.
serve:
	@bash scripts/setup.sh serve
	.venv/bin/mkdocs serve --dirty

# The PDF handouts on their own (`make build` renders them too): QR codes point at BASE_URL, e.g.
# make handouts BASE_URL=https://…/ (only what changed is laid out again).
handouts:
	@bash scripts/setup.sh build
	@test -n "$(BASE_URL)" || { echo "make handouts: set BASE_URL=<address of the published site>"; exit 2; }
	.venv/bin/python scripts/build_handouts.py --out .cache/handouts --base-url "$(BASE_URL)"

# --strict: MkDocs' own warnings (a broken link in a hand-written page) fail the build; curriculum warnings are
# reported without failing it (the one policy: errors block, warnings never do). The build renders the PDF
# handouts (only what changed) with QR codes for SITE_URL, the published address; without it, without QR codes.
build:
	@bash scripts/setup.sh build
	.venv/bin/mkdocs build --strict
	.venv/bin/python scripts/check_site.py site
	.venv/bin/python scripts/build_offline.py site

# Kiwix ZIM files, one per language, next to the zip: site/offline/hocvuso_<lang>_all.zim.
zim: build
	.venv/bin/python scripts/export_zim.py site

validate:
	@bash scripts/setup.sh serve
	.venv/bin/python scripts/validate.py $(ARGS)

coverage:
	@bash scripts/setup.sh serve
	.venv/bin/python scripts/coverage.py

lesson:
	@bash scripts/setup.sh serve
	.venv/bin/python scripts/new_lesson.py $(ARGS)

translation-diff:
	@bash scripts/setup.sh serve
	@test -n "$(LESSON)" || { echo "make translation-diff: set LESSON=<lesson id> (and TO=<language code>, default: every translation)"; exit 2; }
	.venv/bin/python scripts/translation_diff.py "$(LESSON)" $(if $(TO),"$(TO)",)

hooks:
	@bash scripts/setup.sh hooks
	.venv/bin/pre-commit install

# pytest exits 5 when it collected no test; make treats any non-zero exit as failure, so that cannot pass.
test:
	@bash scripts/setup.sh test
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/python -m pytest
