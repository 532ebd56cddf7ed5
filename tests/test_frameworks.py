"""Any framework is data: a DigComp-shaped framework (5 areas, 21 competences, levels "1"…"8" in 4 tiers)
validates, builds and reports coverage with no code change — what another province, school or union
needs to run the generator on the framework it is asked to follow."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hocvuso.validate import validate
from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build

AREAS = {
    "1": ("Information and data literacy", 3), "2": ("Communication and collaboration", 6),
    "3": ("Digital content creation", 4), "4": ("Safety", 4), "5": ("Problem solving", 4),
}
TIERS = [("foundation", "Foundation"), ("intermediate", "Intermediate"), ("advanced", "Advanced"),
         ("specialised", "Highly specialised")]


def _digcomp() -> str:
    lines = ["id: digcomp", "name: {vi: Khung DigComp, en: DigComp-shaped framework}",
             "source:", "  - {title: DigComp 2.2, url: https://example.org/digcomp}", "tiers:"]
    lines += [f"  - {{id: {tid}, name: {{vi: {name}, en: {name}}}}}" for tid, name in TIERS]
    lines.append("levels:")
    for rank in range(1, 9):
        tier = TIERS[(rank - 1) // 2][0]
        lines.append(f'  - {{id: "{rank}", rank: {rank}, tier: {tier}, name: {{vi: Mức {rank}, en: Level {rank}}}}}')
    lines.append("domains:")
    for area, (name, count) in AREAS.items():
        lines += [f'  - id: "{area}"', f"    name: {{vi: {name}, en: {name}}}", "    competences:"]
        lines += [f'      - {{id: "{area}.{n}", name: {{vi: Năng lực {area}.{n}, en: Competence {area}.{n}}}}}'
                  for n in range(1, count + 1)]
    return "\n".join(lines) + "\n"


def _to_digcomp(project: Path) -> None:
    cur = project / "curriculum"
    (cur / "framework.yml").write_text(_digcomp(), "utf-8")
    for path in cur.rglob("*.yml"):
        if path.name == "framework.yml":
            continue
        text = re.sub(r"\bCB1\b", '"2"', path.read_text("utf-8"))
        text = re.sub(r"\bCB2\b", '"3"', text).replace('"0.1"', '"1.1"').replace('{"0": "2", "4": "2"}',
                                                                                 '{"4": "2"}')
        path.write_text(text, "utf-8")
    aud = cur / "audiences.yml"
    aud.write_text(aud.read_text("utf-8").replace('domains: {"4": "2"}',
                                                  'competences: {"1.1": "2", "4.1": "2"}'), "utf-8")


def test_the_framework_has_the_shape_of_digcomp() -> None:
    assert sum(count for _, count in AREAS.values()) == 21 and len(AREAS) == 5


@pytest.mark.slow
def test_a_digcomp_shaped_framework_validates_builds_and_reports_coverage(tiny: Path) -> None:
    _to_digcomp(tiny)
    result = validate(tiny)
    assert [d.as_text() for d in result.diagnostics] == []
    fw = result.loaded.curriculum.framework
    assert len(fw.competences) == 21 and [lv.id for lv in fw.levels] == [str(n) for n in range(1, 9)]
    coverage = subprocess.run([sys.executable, str(ROOT / "scripts/coverage.py"), "--root", str(tiny), "--json",
                               "--strict"], capture_output=True, text=True, timeout=120)
    assert coverage.returncode == 0, coverage.stdout + coverage.stderr
    report = json.loads(coverage.stdout)
    assert report["framework"] == "digcomp"
    assert {(c["competence"], c["level"]) for c in report["cells"]} >= {("1.1", "2"), ("4.1", "2")}
    built = mkdocs_build(tiny, "--strict")
    assert built.returncode == 0, built.stderr[-2000:]
    skills = (tiny / "site/en/learn/skills/index.html").read_text("utf-8")
    assert "Competence 2.6" in skills and "Level 3" in (tiny / "site/en/learn/lessons/safe-pay/index.html").read_text(
        "utf-8")


def test_many_errors_of_one_cause_are_summed_up_with_the_values_behind_them(tiny: Path) -> None:
    """Lessons written for another framework: one line says how many and which levels they use."""
    framework = tiny / "curriculum/framework.yml"
    text = framework.read_text("utf-8")
    framework.write_text(text.replace("id: CB1,", "id: LV1,").replace("id: CB2,", "id: LV2,"), "utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(tiny), "--lang", "en"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    total = proc.stdout.count("[unknown-level]")
    assert total > 1 and "(use one of: LV1, LV2)" in proc.stdout
    summary = next(line for line in proc.stdout.splitlines() if line.startswith("… and"))
    assert "[unknown-level] —" in summary and "most often: 'CB1' ×" in summary
