"""Lighthouse (npm, on Debian's chromium) scores a built lesson page and the home page 100 for SEO,
accessibility and best practices, with the site's published address set as CI sets it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import serve
from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
CATEGORIES = ("seo", "accessibility", "best-practices")


def lighthouse(url: str, out: Path) -> dict[str, object]:
    if not (LIGHTHOUSE.is_file() and CHROMIUM.is_file()):
        if os.environ.get("CI"):
            pytest.fail("node_modules/.bin/lighthouse or /usr/bin/chromium is missing in CI: scripts/setup.sh")
        pytest.skip("needs npm's lighthouse and Debian's chromium: run scripts/setup.sh test")
    run = subprocess.run([str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}",
                          f"--chrome-flags={FLAGS}", "--output=json", f"--output-path={out}", "--quiet"],
                         env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True,
                         timeout=240, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    report: dict[str, object] = json.loads(out.read_text("utf-8"))
    return report


def failing(report: dict[str, object]) -> dict[str, float]:
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    scores = {name: categories[name]["score"] for name in CATEGORIES}
    bad = {a["id"]: a["score"] for a in audits.values()
           if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0}
    return {**{k: v for k, v in scores.items() if v != 1}, **bad}


def test_lesson_and_home_pages_score_100_for_seo_accessibility_and_best_practices(tiny: Path,
                                                                                   tmp_path: Path) -> None:
    if not shutil.which("node"):
        pytest.skip("needs Node.js")
    write_config(tiny, site_url="https://hoc.example.vn/")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-2000:]
    with serve(tiny / "site") as url:
        for page in ("learn/lessons/hello-phone/", "en/"):
            report = lighthouse(url + page, tmp_path / (page.replace("/", "_") + ".json"))
            assert failing(report) == {}, page
