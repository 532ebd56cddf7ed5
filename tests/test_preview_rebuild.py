"""The live preview's fast path: after a save it re-reads only what changed, yet knows what a full run knows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from hocvuso.incremental import changed_files, file_digests
from hocvuso.validate import Validation, revalidate, validate
from tests.conftest import FIXTURE, ROOT
from tests.golden_cases import apply_edits

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.yml"))


def _same(updated: Validation, full: Validation) -> None:
    """What the preview builds from (model, problems, files read) is what a full validation gives."""
    assert updated.diagnostics == full.diagnostics
    assert updated.loaded.curriculum == full.loaded.curriculum
    assert updated.loaded.curriculum.files == full.loaded.curriculum.files
    assert updated.loaded.broken == full.loaded.broken
    assert updated.loaded.texts == full.loaded.texts
    assert not updated.loaded.metadata_only and updated.checked is None


def _update(project: Path, before: Validation, digests: dict[str, str]) -> tuple[Validation, dict[str, str]]:
    now = file_digests(project / "curriculum")
    changed = [str(project / "curriculum" / rel) for rel in changed_files(digests, now)]
    return revalidate(project, before, changed), now


@pytest.mark.parametrize("case", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_preview_update_equals_a_full_validation(case: Path, tiny: Path) -> None:
    """Every golden case as an editor's save, then undone: after each, the same result as validating anew."""
    spec = yaml.safe_load(case.read_text("utf-8"))
    start = validate(tiny)
    digests = file_digests(tiny / "curriculum")
    apply_edits(tiny, spec["edits"])
    broken, digests = _update(tiny, start, digests)
    _same(broken, validate(tiny))
    shutil.rmtree(tiny / "curriculum")
    shutil.copytree(FIXTURE / "curriculum", tiny / "curriculum")
    fixed, _ = _update(tiny, broken, digests)
    _same(fixed, validate(tiny))


def test_a_lesson_edit_rereads_that_lesson_only(tiny: Path) -> None:
    """The other lessons are the very objects of the previous model: nothing of them was read again."""
    start = validate(tiny)
    digests = file_digests(tiny / "curriculum")
    vi = tiny / "curriculum/lessons/safe-pay/vi.md"
    vi.write_text(vi.read_text("utf-8") + "\nThêm một câu.\n", "utf-8")
    updated, _ = _update(tiny, start, digests)
    _same(updated, validate(tiny))
    before = {lesson.id: lesson for lesson in start.loaded.curriculum.lessons}
    for lesson in updated.loaded.curriculum.lessons:
        assert (lesson is before[lesson.id]) == (lesson.id != "safe-pay"), lesson.id
    assert "Thêm một câu." in updated.loaded.curriculum.lesson("safe-pay").texts["vi"].body  # type: ignore[union-attr]


def test_nothing_changed_keeps_the_previous_result(tiny: Path) -> None:
    start = validate(tiny)
    assert revalidate(tiny, start, []) is start
