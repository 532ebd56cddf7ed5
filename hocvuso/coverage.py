"""The coverage matrix: for each competence × audience with a required level, what teaches and assesses it.

One computation serves `scripts/coverage.py`, the validator's coverage check and the site's dashboard, so
the three can never disagree. `summarize_audiences` adds, per audience, how much is written for it and how
fair its quizzes are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .assets import published_names
from .model import Curriculum, Framework, Lesson, display_order, pick


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


# --- per audience: lessons written for it, pictures, quiz balance ----------------------------------------------

TAILORED_MAX_AUDIENCES = 3
"""A lesson tagged for at most this many audiences is written for them (examples, words, pace)."""
TARGET_TAILORED = 8
TARGET_LONGEST = 0.40
TARGET_POSITION = (0.15, 0.35)
TARGET_TRUE = (0.35, 0.65)
"""Curriculum targets (issue 15): per audience at least 8 tailored lessons; over all single-choice questions
the right answer is the longest option in at most 40%, and each position holds 15-35% of right answers
after shuffling; 35-65% of true/false keys are "true"."""


@dataclass(frozen=True)
class QuizBalance:
    """How guessable a set of quiz questions is, as a learner sees them (shuffled, in the source language)."""

    single: int = 0
    longest: int = 0
    """Single-choice questions whose right answer is strictly the longest option."""
    positions: tuple[int, ...] = ()
    """Right answers of single-choice questions at displayed position 1, 2, ..."""
    truefalse: int = 0
    true_keys: int = 0

    @property
    def longest_share(self) -> float:
        return self.longest / self.single if self.single else 0.0

    @property
    def position_shares(self) -> tuple[float, ...]:
        return tuple(n / self.single for n in self.positions) if self.single else ()

    @property
    def true_share(self) -> float:
        return self.true_keys / self.truefalse if self.truefalse else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"single": self.single, "longest": self.longest, "longest_share": round(self.longest_share, 3),
                "positions": list(self.positions), "position_shares": [round(x, 3) for x in self.position_shares],
                "truefalse": self.truefalse, "true": self.true_keys, "true_share": round(self.true_share, 3)}


def compute_balance(cur: Curriculum, lessons: Iterable[Lesson]) -> QuizBalance:
    src = cur.config.source_language
    single = longest = truefalse = true_keys = 0
    positions: list[int] = []
    for lesson in lessons:
        for q in lesson.quiz.questions if lesson.quiz else ():
            if q.type == "truefalse" and q.answer in (("true",), ("false",)):
                truefalse += 1
                true_keys += q.answer == ("true",)
            if q.type != "single" or len(q.answer) != 1 or q.answer[0] not in q.choices:
                continue
            single += 1
            shown = display_order(lesson.id, q)
            where = shown.index(q.answer[0])
            positions.extend([0] * (where + 1 - len(positions)))
            positions[where] += 1
            text = q.texts.get(src)
            if text is not None:
                lengths = {cid: len(c.text) for cid, c in text.choices.items() if cid in q.choices}
                right = lengths.pop(q.answer[0], 0)
                longest += bool(lengths) and right > max(lengths.values())
    return QuizBalance(single, longest, tuple(positions), truefalse, true_keys)


@dataclass(frozen=True)
class AudienceSummary:
    audience: str
    lessons: int
    tailored: int
    """Lessons for this audience tagged for at most TAILORED_MAX_AUDIENCES audiences."""
    illustrated: int
    """Lessons for this audience with at least one published picture (in the text or the quiz)."""
    levels_required: tuple[str, ...]
    levels_reached: tuple[str, ...]
    """Levels of this audience's courses."""
    levels_missing: tuple[str, ...]
    """Required levels above the highest course of this audience."""
    balance: QuizBalance

    @property
    def illustrated_share(self) -> float:
        return self.illustrated / self.lessons if self.lessons else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"audience": self.audience, "lessons": self.lessons, "tailored": self.tailored,
                "illustrated": self.illustrated, "illustrated_share": round(self.illustrated_share, 3),
                "levels_required": list(self.levels_required), "levels_reached": list(self.levels_reached),
                "levels_missing": list(self.levels_missing), "quiz_balance": self.balance.as_dict()}


def summarize_audiences(cur: Curriculum) -> tuple[AudienceSummary, ...]:
    # Reads the lesson folders (which pictures are published); the coverage matrix itself never does.
    rank = cur.framework.rank
    pictured = {lesson.id for lesson in cur.lessons if published_names(Path(cur.root), lesson)}
    out = []
    for aud in cur.audiences:
        lessons = [lesson for lesson in cur.lessons if aud.id in lesson.audiences]
        required = tuple(sorted(set(aud.requires.values()), key=rank))
        reached = tuple(sorted({c.level for c in cur.courses if c.audience == aud.id}, key=rank))
        top = max((rank(lv) for lv in reached), default=0)
        out.append(AudienceSummary(
            aud.id, len(lessons),
            sum(1 for lesson in lessons if len(lesson.audiences) <= TAILORED_MAX_AUDIENCES),
            sum(1 for lesson in lessons if lesson.id in pictured),
            required, reached, tuple(lv for lv in required if rank(lv) > top),
            compute_balance(cur, lessons)))
    return tuple(out)


def check_targets(summaries: Iterable[AudienceSummary], overall: QuizBalance) -> list[str]:
    """The curriculum targets not met, each as a sentence; empty when all are."""
    missed = [f"{s.audience}: {s.tailored} tailored lessons, target {TARGET_TAILORED}"
              for s in summaries if s.tailored < TARGET_TAILORED]
    if overall.single and overall.longest_share > TARGET_LONGEST:
        missed.append(f"right answer is the longest option in {overall.longest_share:.0%} of single-choice "
                      f"questions, target at most {TARGET_LONGEST:.0%}")
    low, high = TARGET_POSITION
    for n, share in enumerate(overall.position_shares, start=1):
        if not low <= share <= high:
            missed.append(f"position {n} holds {share:.0%} of right answers, target {low:.0%}-{high:.0%}")
    low, high = TARGET_TRUE
    if overall.truefalse and not low <= overall.true_share <= high:
        missed.append(f"{overall.true_share:.0%} of true/false keys are true, target {low:.0%}-{high:.0%}")
    return missed


def render_audience_table(summaries: Iterable[AudienceSummary], overall: QuizBalance) -> str:
    """Per audience: lessons, tailored, illustrated, levels, and quiz balance; then the whole curriculum."""
    head = (f"{'audience':<26} {'lessons':>7} {'tailored':>8} {'pictures':>9}  {'levels required → courses':<28} "
            f"{'longest':>8}  {'right answer at 1/2/3/4':<24} {'true':>6}")
    lines = [head]
    for s in summaries:
        levels = f"{'-'.join(_ends(s.levels_required))} → {','.join(s.levels_reached) or 'none'}"
        if s.levels_missing:
            levels += " (!)"
        lines.append(f"{s.audience:<26} {s.lessons:>7} {s.tailored:>8} {_pct(s.illustrated, s.lessons):>9}  "
                     f"{levels:<28} {_balance_cells(s.balance)}")
    lines.append(f"{'all lessons':<26} {'':>7} {'':>8} {'':>9}  {'':<28} {_balance_cells(overall)}")
    lines.append(f"tailored: tagged for at most {TAILORED_MAX_AUDIENCES} audiences; pictures: lessons with at least "
                 "one; longest: single-choice questions whose right answer is the longest option; positions after "
                 "shuffling; true: share of true/false keys that are true; (!) a required level no course reaches")
    return "\n".join(lines)


def _ends(levels: tuple[str, ...]) -> list[str]:
    return [levels[0], levels[-1]] if len(levels) > 1 else list(levels)


def _pct(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "0"


def _balance_cells(b: QuizBalance) -> str:
    positions = "/".join(f"{x:.0%}" for x in b.position_shares) or "-"
    return (f"{(f'{b.longest_share:.0%}' if b.single else '-'):>8}  {positions:<24} "
            f"{(f'{b.true_share:.0%}' if b.truefalse else '-'):>6}")
