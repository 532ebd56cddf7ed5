"""The session plan of a lesson without a teacher section: the lesson's minutes over five generic phases.

A lesson with a teacher section (teacher.<lang>.yml) prints its own activities instead; this plan is the
honest fallback, and the guide says so.
"""

from __future__ import annotations

from dataclasses import dataclass

# Shares of the lesson's duration (welcome, demonstration, guided practice, self-check quiz, recap).
# Practice gets the most: adults learn by pressing the buttons themselves.
PLAN: tuple[tuple[str, int], ...] = (
    ("plan_welcome", 1), ("plan_demo", 3), ("plan_practice", 4), ("plan_quiz", 2), ("plan_recap", 1))


@dataclass(frozen=True)
class PlanStep:
    key: str
    """Interface string key of the activity."""
    minutes: int
    start: int
    end: int


def timed_plan(duration: int) -> tuple[PlanStep, ...]:
    """Split a lesson's minutes over the phases of PLAN; the minutes always add up to the duration."""
    duration = max(duration, 0)
    total = sum(weight for _, weight in PLAN)
    exact = [duration * weight / total for _, weight in PLAN]
    minutes = [int(x) for x in exact]
    # Largest remainder: the minutes lost to rounding down go to the phases that lost the most.
    by_remainder = sorted(range(len(PLAN)), key=lambda i: (minutes[i] - exact[i], i))
    for i in by_remainder[: duration - sum(minutes)]:
        minutes[i] += 1
    if duration >= len(PLAN):
        # Every phase happens, if only for a minute: the recap is what learners remember.
        for i in range(len(minutes)):
            if minutes[i] == 0:
                longest = max(range(len(minutes)), key=lambda k: minutes[k])
                minutes[longest] -= 1
                minutes[i] = 1
    steps, start = [], 0
    for (key, _), length in zip(PLAN, minutes, strict=True):
        steps.append(PlanStep(key, length, start, start + length))
        start += length
    return tuple(steps)
