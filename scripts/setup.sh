#!/usr/bin/env bash
# Prepare a fresh machine for one task, and only for it:
#   bash scripts/setup.sh serve   the project in .venv: enough to preview, validate, build and start a lesson
#   bash scripts/setup.sh hooks   + pre-commit and ruff, for the commit hooks
#   bash scripts/setup.sh build   + Pango and fonts from Debian, to print PDF handouts
#   bash scripts/setup.sh test    everything CI runs: test tools (pytest, playwright, mypy...), chromium, axe-core
# With no argument: test (what CI's `make setup` expects). Idempotent and quick when nothing changed: every
# make target calls it. A task never installs what only a later one needs: `make serve` downloads no browser.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
case $mode in
  serve) extras=""; DEBS=() ;;
  hooks) extras="[hooks]"; DEBS=() ;;
  # Fonts with full Vietnamese coverage and Pango for PDF handouts.
  build) extras=""; DEBS=(fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0) ;;
  # + chromium for browser tests; poppler-utils and zbar-tools so tests can render a PDF page and read its QR code;
  # a Java runtime for the W3C Nu HTML checker (vnu-jar from npm) that the tests run over the built site.
  test) extras="[test,hooks]"
        DEBS=(chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils zbar-tools default-jre-headless) ;;
  *) echo "setup.sh: unknown task '$mode' (serve, hooks, build or test)" >&2; exit 2 ;;
esac

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    [[ $mode == test ]] && echo "setup: browser tests will be skipped on this machine" >&2
  fi
fi

# axe-core (accessibility rules) is injected into pages by the browser tests, vnu-jar (the W3C Nu HTML
# checker) reads the built site and Lighthouse scores built pages in Chromium; npm installs them locally.
if [[ $mode == test ]] && command -v npm >/dev/null &&
   [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar || ! -x node_modules/.bin/lighthouse || package.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm packages (axe-core, vnu-jar, lighthouse)"
  npm install --no-audit --no-fund --silent >/dev/null
fi

PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
stamp=".venv/.setup-stamp${extras:+-${extras//[^a-z]/}}"
# A wider install covers a narrower one: after `make test`, `make serve` installs nothing more.
for have in ".venv/.setup-stamp-testhooks" "$stamp"; do
  if [[ -f $have && $(cat "$have") == "$want" ]]; then exit 0; fi
done
if [[ $mode == build && -f .venv/.setup-stamp-hooks && $(cat .venv/.setup-stamp-hooks) == "$want" ]]; then exit 0; fi
echo "setup: installing Python packages into .venv (${extras:-the project only})"
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e ".${extras}"
echo "$want" > "$stamp"
