"""A lesson page weighs the same whatever the size of the curriculum (stock Material repeats the whole
navigation in every page, so its pages grow with every lesson added)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.synthetic import write_synthetic
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build

pytestmark = pytest.mark.slow


def lesson_bytes(tmp: Path, lessons: int) -> int:
    project = write_synthetic(tmp / f"n{lessons}", lessons)
    shutil.copytree(FIXTURE / "docs", project / "docs")
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return (project / "site/learn/lessons/lesson-0005/index.html").stat().st_size


def test_lesson_html_does_not_grow_with_the_number_of_lessons(tmp_path: Path) -> None:
    small, large = lesson_bytes(tmp_path, 12), lesson_bytes(tmp_path, 80)
    # The only difference allowed is the course position text ("5/12" vs "5/20"): a few bytes.
    assert abs(large - small) < 64, (small, large)
