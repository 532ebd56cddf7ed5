"""The site links the rendered handouts, with their size, and publishes them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build

pytestmark = pytest.mark.slow


def test_lesson_and_course_pages_link_their_pdfs_with_sizes(tiny: Path) -> None:
    render = subprocess.run([sys.executable, str(ROOT / "scripts/build_handouts.py"), "--root", str(tiny),
                             "--out", str(tiny / ".cache/handouts"), "--base-url", "https://hoc.example.vn/"],
                            capture_output=True, text=True, check=False)
    assert render.returncode == 0, render.stdout + render.stderr
    assert mkdocs_build(tiny, "--strict").returncode == 0
    lesson = (tiny / "site/learn/lessons/hello-phone/index.html").read_text("utf-8")
    found = re.search(r'<a href="(\.\./\.\./\.\./handouts/vi/lessons/hello-phone-learner\.pdf)" download>'
                      r'Phiếu học tập</a> \(PDF, (\d+) KB\)', lesson)
    assert found is not None
    pdf = tiny / "site/handouts/vi/lessons/hello-phone-learner.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert int(found.group(2)) == max(1, round(pdf.stat().st_size / 1000))
    english = (tiny / "site/en/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert "handouts/en/lessons/hello-phone-teacher.pdf" in english
    course = (tiny / "site/learn/courses/basics/index.html").read_text("utf-8")
    assert "handouts/vi/courses/basics-class-pack.pdf" in course
    assert not (tiny / "site/print").exists() and not (tiny / "site/strings").exists()
