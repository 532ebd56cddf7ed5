"""scripts/coverage.py and the coverage model: what teaches and assesses each required cell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hocvuso.coverage import QuizBalance, check_targets, compute_coverage
from hocvuso.loader import load_curriculum
from hocvuso.model import display_order
from tests.conftest import ROOT

SCRIPT = str(ROOT / "scripts" / "coverage.py")


def coverage_json(project: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    proc = subprocess.run([sys.executable, SCRIPT, "--root", str(project), "--json", *extra],
                          capture_output=True, text=True, check=False)
    return proc.returncode, json.loads(proc.stdout)


def test_json_lists_every_required_cell(tiny: Path) -> None:
    code, data = coverage_json(tiny)
    assert code == 0
    assert data["framework"] == "tiny"
    cells = {(c["competence"], c["audience"]): c for c in data["cells"]}
    # citizens require domains 0 and 4 at CB1 (3 cells); older people 0.1 at CB1 and 4.2 at CB2.
    assert sorted(cells) == [("0.1", "citizens"), ("0.1", "older-people"), ("4.1", "citizens"),
                             ("4.2", "citizens"), ("4.2", "older-people")]
    assert cells[("4.2", "older-people")] == {"competence": "4.2", "audience": "older-people", "level": "CB2",
                                              "lessons": ["safe-pay"], "questions": ["safe-pay#who"]}
    assert cells[("0.1", "citizens")]["questions"] == ["hello-phone#power"]
    assert data["summary"] == {"required": 5, "taught": 5, "assessed": 5}


def test_a_lesson_below_the_required_level_does_not_count(tiny: Path) -> None:
    lesson = tiny / "curriculum/lessons/safe-pay/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace('level: CB2', 'level: CB1'), "utf-8")
    cov = compute_coverage(load_curriculum(tiny).curriculum)
    older = cov.cell("4.2", "older-people")
    citizens = cov.cell("4.2", "citizens")
    assert older is not None and older.lessons == ()
    assert citizens is not None and citizens.lessons == ("safe-pay",)


def test_strict_fails_only_when_a_cell_is_not_taught(tiny: Path) -> None:
    assert subprocess.run([sys.executable, SCRIPT, "--root", str(tiny), "--strict"],
                          capture_output=True, check=False).returncode == 0
    lesson = tiny / "curriculum/lessons/safe-pay/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace("[citizens, older-people]", "[citizens]"), "utf-8")
    proc = subprocess.run([sys.executable, SCRIPT, "--root", str(tiny), "--strict"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "CB2 MISSING" in proc.stdout
    assert "5 required cells, 4 taught" in proc.stdout


def test_markdown_table_is_written(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "coverage.md"
    subprocess.run([sys.executable, SCRIPT, "--root", str(tiny), "--markdown", str(out), "--lang", "vi"],
                   capture_output=True, check=True)
    text = out.read_text("utf-8")
    assert text.startswith("| | Người dân | Người cao tuổi |")
    assert "| 4.2 Bảo vệ dữ liệu | CB1: 1 lessons, 1 questions | CB2: 1 lessons, 1 questions |" in text


def test_a_second_framework_is_data_only(tiny: Path) -> None:
    (tiny / "curriculum/frameworks").mkdir()
    (tiny / "curriculum/frameworks/digcomp.yml").write_text(
        "id: digcomp-2-2\nname: {en: DigComp 2.2}\ncrosswalk_to: tiny\n"
        "source: [{title: DigComp 2.2, url: 'https://example.org/digcomp'}]\n"
        "levels: [{id: FO1, rank: 1, name: {en: Foundation 1}}]\n"
        "domains:\n  - id: \"4\"\n    name: {en: Safety}\n    competences:\n"
        "      - {id: \"4.1\", name: {en: Protecting devices}, maps_to: [\"4.1\"]}\n"
        "      - {id: \"4.2\", name: {en: Protecting personal data and privacy}, maps_to: [\"4.2\"]}\n", "utf-8")
    code, data = coverage_json(tiny, "--framework", "digcomp-2-2")
    assert code == 0
    assert data["framework"] == "digcomp-2-2"
    assert {(c["competence"], c["audience"], c["level"]) for c in data["cells"]} == {
        ("4.1", "citizens", "CB1"), ("4.2", "citizens", "CB1"), ("4.2", "older-people", "CB2")}
    proc = subprocess.run([sys.executable, SCRIPT, "--root", str(tiny), "--framework", "nope"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "known: tiny, digcomp-2-2" in proc.stderr


def test_json_reports_each_audience_with_lessons_pictures_levels_and_quiz_balance(tiny: Path) -> None:
    code, data = coverage_json(tiny)
    assert code == 0
    audiences = {a["audience"]: a for a in data["audiences"]}
    assert list(audiences) == ["citizens", "older-people"]
    citizens = audiences["citizens"]
    # Both lessons are tagged for two audiences (tailored); only hello-phone has a picture (phone.svg).
    assert (citizens["lessons"], citizens["tailored"], citizens["illustrated"]) == (2, 2, 1)
    assert citizens["illustrated_share"] == 0.5
    assert (citizens["levels_required"], citizens["levels_reached"], citizens["levels_missing"]) == (
        ["CB1"], ["CB1"], [])
    older = audiences["older-people"]  # requires CB2 in 4.2, and has no course of its own
    assert (older["levels_required"], older["levels_reached"], older["levels_missing"]) == (
        ["CB1", "CB2"], [], ["CB1", "CB2"])
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("hello-phone")
    assert lesson is not None and lesson.quiz is not None
    power = next(q for q in lesson.quiz.questions if q.id == "power")
    where = display_order("hello-phone", power).index("hold")
    balance = citizens["quiz_balance"]
    # "Nhấn giữ nút nguồn" is longer than "Chạm màn hình"; the one true/false key is true.
    assert (balance["single"], balance["longest"], balance["truefalse"], balance["true"]) == (1, 1, 1, 1)
    assert balance["positions"] == [0] * where + [1]
    assert data["quiz_balance"] == balance  # every lesson is for citizens


def test_moving_a_lesson_to_more_audiences_makes_it_no_longer_tailored(tiny: Path) -> None:
    audiences = tiny / "curriculum/audiences.yml"
    extra = "".join(f"  - id: group-{n}\n    name: {{vi: Nhóm {n}, en: Group {n}}}\n"
                    f"    description: {{vi: Nhóm., en: Group.}}\n" for n in range(2))
    audiences.write_text(audiences.read_text("utf-8") + extra, "utf-8")
    lesson = tiny / "curriculum/lessons/safe-pay/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace("[citizens, older-people]",
                                                        "[citizens, older-people, group-0, group-1]"), "utf-8")
    _, data = coverage_json(tiny)
    citizens = next(a for a in data["audiences"] if a["audience"] == "citizens")
    assert (citizens["lessons"], citizens["tailored"]) == (2, 1)


def test_targets_flag_fails_and_says_which_targets_are_missed(tiny: Path) -> None:
    proc = subprocess.run([sys.executable, SCRIPT, "--root", str(tiny), "--targets"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "citizens: 2 tailored lessons, target 8" in proc.stdout
    assert "citizens" in proc.stdout.split("audience ")[1]  # the per-audience table is printed
    assert subprocess.run([sys.executable, SCRIPT, "--root", str(tiny)], check=False,
                          capture_output=True).returncode == 0  # without the flag, only a report


def test_targets_bound_the_longest_answer_positions_and_true_false_keys() -> None:
    fine = QuizBalance(single=100, longest=40, positions=(25, 25, 35, 15), truefalse=20, true_keys=7)
    assert check_targets([], fine) == []
    skewed = QuizBalance(single=100, longest=41, positions=(14, 50, 21, 15), truefalse=20, true_keys=14)
    assert check_targets([], skewed) == [
        "right answer is the longest option in 41% of single-choice questions, target at most 40%",
        "position 1 holds 14% of right answers, target 15%-35%",
        "position 2 holds 50% of right answers, target 15%-35%",
        "70% of true/false keys are true, target 35%-65%"]
