"""The shipped curriculum: valid, complete and covering every competence each group must reach."""

from __future__ import annotations

import pytest

from hocvuso.coverage import compute_coverage
from hocvuso.validate import Validation, validate
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def result() -> Validation:
    return validate(ROOT)


def test_curriculum_has_no_errors_and_no_warnings(result: Validation) -> None:
    assert [d.as_text() for d in result.diagnostics] == []


def test_framework_is_circular_02_with_the_foundation_extension(result: Validation) -> None:
    fw = result.loaded.curriculum.framework
    official = [d for d in fw.domains if not d.extension]
    assert len(official) == 6
    assert sum(len(d.competences) for d in official) == 24
    assert [lv.id for lv in fw.levels] == ["CB1", "CB2", "TC1", "TC2", "NC1", "NC2", "CS1", "CS2"]
    (foundation,) = [d for d in fw.domains if d.extension]
    assert [c.id for c in foundation.competences] == ["0.1", "0.2"]


def test_every_target_group_is_there_with_a_course(result: Validation) -> None:
    cur = result.loaded.curriculum
    expected = {"citizens", "older-people", "people-with-disabilities", "ethnic-minorities",
                "poor-remote-households", "traders-farmers", "students", "civil-servants", "workers",
                "digital-ambassadors"}
    assert {a.id for a in cur.audiences} == expected
    assert {c.audience for c in cur.courses} == expected


def test_every_required_cell_is_taught_and_assessed(result: Validation) -> None:
    cur = result.loaded.curriculum
    cov = compute_coverage(cur)
    assert cov.required > 100
    assert cov.taught == cov.required
    assert cov.assessed == cov.required
    citizens = {c.competence: c.level for c in cov.cells if c.audience == "citizens"}
    assert set(citizens) == {c.id for c in cur.framework.competences}  # every competence, for citizens


def test_every_lesson_is_bilingual_with_a_real_quiz(result: Validation) -> None:
    lessons = result.loaded.curriculum.lessons
    assert len(lessons) >= 40
    for lesson in lessons:
        assert set(lesson.texts) == {"vi", "en"}, lesson.id
        assert lesson.quiz is not None and len(lesson.quiz.questions) >= 3, lesson.id
        for q in lesson.quiz.questions:
            for lang in ("vi", "en"):
                text = q.texts[lang]
                if q.type in ("single", "multiple", "truefalse"):
                    assert all(c.feedback for c in text.choices.values()), (lesson.id, q.id, lang)
        assert lesson.reviewed is not None and lesson.references, lesson.id
