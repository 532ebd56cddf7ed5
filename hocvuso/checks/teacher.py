"""Teacher sections (teacher.<lang>.yml): the plan fits the 45- and 90-minute sessions, and every language
plans the same activities with the same minutes (a translation changes words, not the lesson plan)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Diagnostic, error
from ..model import SESSION_MINUTES
from . import CheckContext


def check_teacher(ctx: CheckContext) -> Iterator[Diagnostic]:
    src = ctx.cur.config.source_language
    for lesson in ctx.cur.lessons:
        for lang, text in sorted(lesson.teacher.items()):
            if not text.activities:
                continue  # the schema check already reports a missing list
            for i, session in enumerate(SESSION_MINUTES):
                total = sum(a.minutes[i] for a in text.activities)
                if total != session:
                    yield error(text.source.path, text.source.line, "teacher-timing",
                                f"the activities of lesson '{lesson.id}' take {total} minutes in the {session}-minute "
                                f"session ({lang})",
                                f"make the {'first' if i == 0 else 'second'} numbers of `minutes:` add up to "
                                f"{session}; 0 in the first means the activity is skipped when short of time")
            if text.activities and text.activities[-1].minutes[0] == 0:
                last = text.activities[-1]
                yield error(last.source.path, last.source.line, "teacher-timing",
                            f"the last activity of lesson '{lesson.id}' is skipped in the 45-minute session ({lang})",
                            "keep a short wrap-up in every session: give it at least a few minutes")
        base = lesson.teacher.get(src)
        if base is None:
            continue
        for lang, text in sorted(lesson.teacher.items()):
            if lang == src:
                continue
            ours = [a.minutes for a in text.activities]
            theirs = [a.minutes for a in base.activities]
            if ours != theirs:
                yield error(text.source.path, text.source.line, "teacher-mismatch",
                            f"the teacher section of lesson '{lesson.id}' in {lang} plans {len(ours)} activities "
                            f"({_minutes(ours)}), the {src} one {len(theirs)} ({_minutes(theirs)})",
                            f"translate the activities of teacher.{src}.yml one by one, with the same minutes")


def _minutes(plan: list[tuple[int, int]]) -> str:
    return ", ".join(f"{a}/{b}" for a, b in plan) or "none"
