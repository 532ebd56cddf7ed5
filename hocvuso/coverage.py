"""The coverage matrix: for each competence × audience with a required level, what teaches and assesses it.

One computation serves `scripts/coverage.py`, the validator's coverage check and the site's dashboard, so
the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Curriculum, Framework, pick


@dataclass(frozen=True)
class Cell:
    competence: str
    audience: str
    level: str
    lessons: tuple[str, ...]
    questions: tuple[str, ...]
    """Question references as "lesson-id#question-id"."""

    @property
    def taught(self) -> bool:
        return bool(self.lessons)

    @property
    def assessed(self) -> bool:
        return bool(self.questions)


@dataclass(frozen=True)
class Coverage:
    framework: str
    cells: tuple[Cell, ...]

    @property
    def required(self) -> int:
        return len(self.cells)

    @property
    def taught(self) -> int:
        return sum(1 for c in self.cells if c.taught)

    @property
    def assessed(self) -> int:
        return sum(1 for c in self.cells if c.assessed)

    def cell(self, competence: str, audience: str) -> Cell | None:
        return next((c for c in self.cells if c.competence == competence and c.audience == audience), None)

    def as_dict(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "cells": [
                {"competence": c.competence, "audience": c.audience, "level": c.level,
                 "lessons": list(c.lessons), "questions": list(c.questions)}
                for c in self.cells
            ],
            "summary": {"required": self.required, "taught": self.taught, "assessed": self.assessed},
        }


def compute_coverage(cur: Curriculum, framework_id: str = "") -> Coverage:
    """Coverage of the primary framework, or of a crosswalked one through its `maps_to` entries.

    A cell (competence C, audience A, required level R) is taught by every lesson for A that teaches C at
    level R or above (a lesson below R does not bring the learner to R), and assessed by every quiz question
    in such a lesson that assesses C at R or above.
    """
    primary = cur.framework
    rank = primary.rank
    taught: dict[tuple[str, str], list[tuple[int, str]]] = {}
    asked: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for lesson in cur.lessons:
        for aud in lesson.audiences:
            for t in lesson.competences:
                taught.setdefault((t.competence, aud), []).append((rank(t.level), lesson.id))
            for q in lesson.quiz.questions if lesson.quiz else ():
                asked.setdefault((q.competence, aud), []).append((rank(q.level), f"{lesson.id}#{q.id}"))

    def at_least(table: dict[tuple[str, str], list[tuple[int, str]]], keys: list[tuple[str, str]],
                 need: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for key in keys for r, name in table.get(key, []) if r >= need))

    cells = []
    target = _framework(cur, framework_id)
    for comp, primary_ids in _competences(target, primary):
        for audience in cur.audiences:
            levels = [audience.requires[p] for p in primary_ids if p in audience.requires]
            if not levels:
                continue
            level = max(levels, key=rank)
            keys = [(p, audience.id) for p in primary_ids]
            need = rank(level)
            cells.append(Cell(comp, audience.id, level, at_least(taught, keys, need), at_least(asked, keys, need)))
    return Coverage(target.id, tuple(cells))


def _framework(cur: Curriculum, framework_id: str) -> Framework:
    if not framework_id:
        return cur.framework
    for fw in cur.frameworks:
        if fw.id == framework_id:
            return fw
    raise KeyError(framework_id)


def _competences(target: Framework, primary: Framework) -> Iterator[tuple[str, tuple[str, ...]]]:
    for comp in target.competences:
        yield comp.id, ((comp.id,) if target is primary else comp.maps_to)


def render_coverage_table(cov: Coverage, cur: Curriculum, lang: str = "en") -> str:
    """A plain-text matrix for terminals: one row per competence, one numbered column per audience."""
    audiences = [a.id for a in cur.audiences]
    comps = list(dict.fromkeys(c.competence for c in cov.cells))
    width = 11  # fits "CB1 12L/34Q" and "CB1 MISSING"
    lines = [f"{'':<6} " + " ".join(f"{'A' + str(i + 1):>{width}}" for i in range(len(audiences)))]
    for comp in comps:
        row = [f"{comp:<6}"]
        for aud in audiences:
            cell = cov.cell(comp, aud)
            if cell is None:
                mark = "·"
            elif not cell.taught:
                mark = f"{cell.level} MISSING"
            else:
                mark = f"{cell.level} {len(cell.lessons)}L/{len(cell.questions)}Q"
            row.append(f"{mark:>{width}}")
        lines.append(" ".join(row))
    lines.append("")
    lines.extend(f"A{i + 1} = {aud}" for i, aud in enumerate(audiences))
    lines.append("cell: required level, lessons (L) that teach it, quiz questions (Q) that assess it; · not required")
    lines.append(render_summary(cov))
    return "\n".join(lines)


def render_summary(cov: Coverage) -> str:
    return (f"{cov.framework}: {cov.required} required cells, {cov.taught} taught, {cov.assessed} assessed, "
            f"{cov.required - cov.taught} not taught")


def render_coverage_markdown(cov: Coverage, cur: Curriculum, lang: str = "en") -> str:
    src = cur.config.source_language
    heads = [pick(a.name, lang, src) for a in cur.audiences]
    out = ["| | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
    for comp in dict.fromkeys(c.competence for c in cov.cells):
        found = next((c for c in cur.framework.competences if c.id == comp), None)
        label = f"{comp} {pick(found.name, lang, src)}" if found else comp
        cells = []
        for aud in cur.audiences:
            cell = cov.cell(comp, aud.id)
            if cell is None:
                cells.append("")
            elif not cell.taught:
                cells.append(f"**{cell.level} — missing**")
            else:
                cells.append(f"{cell.level}: {len(cell.lessons)} lessons, {len(cell.questions)} questions")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    out.append(render_summary(cov))
    return "\n".join(out) + "\n"
