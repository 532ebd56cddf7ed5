"""Translation status per language: the same findings as the validator's translation diagnostics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hocvuso.diagnostic import Diagnostic
from hocvuso.loader import load_curriculum
from hocvuso.translation_status import translation_status
from hocvuso.validate import validate
from tests.golden_cases import apply_edits

ONE_MISSING_ONE_OUTDATED: list[dict[str, Any]] = [
    {"file": "curriculum/lessons/hello-phone/en.md", "delete": True},
    {"file": "curriculum/lessons/safe-pay/vi.md",
     "replace": ["Kiểm tra tên người nhận.", "Kiểm tra kỹ tên người nhận."]},
]


def _lessons_with(rule: str, diagnostics: list[Diagnostic], lang: str) -> set[str]:
    """Lesson ids of the validator's diagnostics of one rule about lesson texts in `lang`."""
    found = set()
    for d in diagnostics:
        parts = d.path.split("/")
        if d.rule != rule or parts[:2] != ["curriculum", "lessons"]:
            continue  # glossary translations are not lessons
        if parts[-1] == f"{lang}.md" or (parts[-1] == "lesson.yml" and f"({lang})" in d.message):
            found.add(parts[2])
    return found


def test_numbers_match_the_validator_with_one_missing_and_one_outdated(tiny: Path) -> None:
    apply_edits(tiny, ONE_MISSING_ONE_OUTDATED)
    result = validate(tiny)
    vi, en = translation_status(result.loaded)
    assert (vi.lang, vi.source, vi.lessons, vi.translated, vi.missing) == ("vi", True, 2, 2, ())
    assert (en.lang, en.source, en.required) == ("en", False, True)
    assert en.missing == ("hello-phone",) and en.outdated == ("safe-pay",)
    assert (en.lessons, en.translated, en.up_to_date, en.percent) == (2, 1, 0, 0)
    assert set(en.missing) == _lessons_with("translation-missing", result.diagnostics, "en")
    assert set(en.outdated) == _lessons_with("translation-outdated", result.diagnostics, "en")
    assert set(en.untracked) == _lessons_with("translation-untracked", result.diagnostics, "en") == set()


def test_clean_fixture_is_fully_translated(tiny: Path) -> None:
    _vi, en = translation_status(validate(tiny).loaded)
    assert (en.translated, en.up_to_date, en.percent, en.missing, en.outdated) == (2, 2, 100, (), ())


def test_untracked_quiz_missing_and_unreadable_are_told_apart(tiny: Path) -> None:
    apply_edits(tiny, [
        {"file": "curriculum/lessons/safe-pay/en.md", "replace": ["translated_from: onccoofglica\n", ""]},
        {"file": "curriculum/lessons/safe-pay/quiz.en.yml", "delete": True},
        {"file": "curriculum/lessons/hello-phone/en.md", "write_bytes_hex": "2d2d2d0a7469746c653a20e90a"},
    ])
    result = validate(tiny)
    _vi, en = translation_status(result.loaded)
    assert (en.untracked, en.quiz_missing, en.unreadable, en.missing) == (("safe-pay",), ("safe-pay",),
                                                                          ("hello-phone",), ())
    assert set(en.untracked) == _lessons_with("translation-untracked", result.diagnostics, "en")
    assert (en.translated, en.up_to_date) == (1, 0)


def test_refuses_a_partial_model(tiny: Path) -> None:
    with pytest.raises(ValueError, match="incremental"):
        translation_status(load_curriculum(tiny, full_lessons=()))
