#!/usr/bin/env bash
# Prepare a fresh machine: Debian packages (when root), a virtualenv with the project and its test tools.
# Idempotent and quick when nothing changed: `make serve` and `make test` call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the project needs: chromium for browser tests; fonts with full Vietnamese coverage and
# Pango for PDF handouts; poppler-utils and zbar-tools so tests can render a PDF page and read its QR code;
# a Java runtime for the W3C Nu HTML checker (vnu-jar from npm) that the tests run over the built site.
DEBS=(chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils zbar-tools default-jre-headless)
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
    echo "setup: browser tests will be skipped on this machine" >&2
  fi
fi

# axe-core (accessibility rules) is injected into pages by the browser tests, and vnu-jar (the W3C Nu HTML
# checker) reads the built site; npm installs both locally.
if command -v npm >/dev/null && [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar || package.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm packages (axe-core, vnu-jar)"
  npm install --no-audit --no-fund --silent >/dev/null
fi

PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
stamp=.venv/.setup-stamp
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/pip install -q --upgrade pip >/dev/null
  .venv/bin/pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
