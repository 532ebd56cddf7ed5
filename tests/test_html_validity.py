"""Every published page is valid HTML: the W3C Nu HTML checker (vnu-jar from npm, on Java) finds no error.

Invalid markup is how attributes break out and how assistive technology gets lost; it is also how the
quiz explanations with a quotation mark were once cut off. The whole built fixture site is checked, with
our templates, the theme's partials we replaced, and content that holds quotes and angle brackets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def _require_checker() -> None:
    if shutil.which("java") and VNU.is_file():
        return
    if os.environ.get("CI"):
        pytest.fail("java or node_modules/vnu-jar is missing in CI: scripts/setup.sh installs both")
    pytest.skip("the W3C checker needs java (default-jre-headless) and npm's vnu-jar: run scripts/setup.sh")


@pytest.mark.slow
def test_every_page_of_the_built_site_is_valid_html(tiny: Path) -> None:
    _require_checker()
    quiz = tiny / "curriculum/lessons/hello-phone/quiz.en.yml"
    quiz.write_text(quiz.read_text("utf-8").replace(
        "feedback: Right.}", 'feedback: "Right: the \\"power\\" button (3 < 5 & 5 > 3) is on the side."}'), "utf-8")
    built = mkdocs_build(tiny)
    assert built.returncode == 0, built.stderr[-2000:]
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                          str(tiny / "site")], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [(Path(m.get("url", "")).name, m.get("message"), m.get("extract", "")[:80]) for m in messages]
    assert problems == []
    page = (tiny / "site/en/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert 'data-feedback="Right: the &#34;power&#34; button (3 &lt; 5 &amp; 5 &gt; 3) is on the side."' in page
