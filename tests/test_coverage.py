"""scripts/coverage.py and the coverage model: what teaches and assesses each required cell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hocvuso.coverage import compute_coverage
from hocvuso.loader import load_curriculum
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
