"""Ids are unique, every reference resolves, prerequisites have no cycle, courses make sense."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..diagnostic import Diagnostic, error, warning
from ..model import Source
from . import CheckContext

# The incremental validator reads the lessons of a cycle back from its message (hocvuso/incremental.py).
CYCLE_PREFIX = "prerequisites form a cycle: "
CYCLE_ARROW = " → "


def _first_seen(items: Iterable[tuple[str, Source]], kind: str, where: str) -> Iterator[Diagnostic]:
    seen: dict[str, Source] = {}
    for key, src in items:
        if not key:
            continue
        if key in seen:
            first = seen[key]
            yield error(src.path, src.line, "duplicate-id",
                        f"{kind} id '{key}' is already used {where} at {first.path}:{first.line}",
                        "give each one its own id", col=src.col)
        else:
            seen[key] = src


def check_duplicate_ids(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    for fw in cur.frameworks:
        yield from _first_seen(((c.id, c.source) for c in fw.competences), "competence", "in this framework")
        yield from _first_seen(((d.id, d.source) for d in fw.domains), "domain", "in this framework")
        yield from _first_seen(((lv.id, lv.source) for lv in fw.levels), "level", "in this framework")
    yield from _first_seen(((f.id, f.source) for f in cur.frameworks), "framework", "by another framework")
    yield from _first_seen(((a.id, a.source) for a in cur.audiences), "audience", "")
    yield from _first_seen(((c.id, c.spots.get("id", c.source)) for c in cur.courses), "course", "by another course")
    yield from _first_seen(((lesson.id, lesson.spots.get("id", lesson.source)) for lesson in cur.lessons), "lesson",
                           "by another lesson")
    for lesson in cur.lessons:
        if lesson.quiz:
            yield from _first_seen(((q.id, q.source) for q in lesson.quiz.questions), "question", "in this quiz")


def _unknown(src: Source, kind: str, value: str, known: Iterable[str], fix: str) -> Diagnostic:
    import difflib

    options = sorted(set(known))
    near = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else fix
    return error(src.path, src.line, f"unknown-{kind}", f"unknown {kind} '{value}'", hint, col=src.col)


def check_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    fw = cur.framework
    comps = {c.id for c in fw.competences}
    domains = {d.id for d in fw.domains}
    levels = {lv.id for lv in fw.levels}
    audiences = {a.id for a in cur.audiences}
    lessons = {lesson.id for lesson in cur.lessons}
    courses = {c.id for c in cur.courses}
    comp_fix = f"use a competence code from {fw.source.path}, quoted, e.g. \"4.2\""
    level_fix = f"use one of: {', '.join(lv.id for lv in fw.levels)}"
    aud_fix = "use an id from curriculum/audiences.yml"

    for other in cur.frameworks[1:]:
        target = next((f for f in cur.frameworks if f.id == other.crosswalk_to), None)
        if other.crosswalk_to and target is None:
            yield _unknown(other.source, "framework", other.crosswalk_to, (f.id for f in cur.frameworks),
                           "crosswalk_to must name the primary framework's id")
            continue
        target_comps = {c.id for c in target.competences} if target else comps
        for comp in other.competences:
            for mapped in comp.maps_to:
                if mapped not in target_comps:
                    yield _unknown(comp.source, "competence", mapped, target_comps, comp_fix)
    tiers = {t.id for t in fw.tiers}
    for lv in fw.levels:
        if tiers and lv.tier and lv.tier not in tiers:
            yield _unknown(lv.source, "tier", lv.tier, tiers, "use a tier id from 'tiers'")

    for aud in cur.audiences:
        for key, level in aud.domain_levels.items():
            src = aud.spots.get(f"domains.{key}", aud.source)
            if key not in domains:
                yield _unknown(src, "domain", key, domains, "use a domain code from the framework, quoted")
            if level and level not in levels:
                yield _unknown(src, "level", level, levels, level_fix)
        for key, level in aud.competence_levels.items():
            src = aud.spots.get(f"competences.{key}", aud.source)
            if key not in comps:
                yield _unknown(src, "competence", key, comps, comp_fix)
            if level and level not in levels:
                yield _unknown(src, "level", level, levels, level_fix)

    for lesson in cur.lessons:
        for t in lesson.competences:
            if t.competence and t.competence not in comps:
                yield _unknown(t.source, "competence", t.competence, comps, comp_fix)
            if t.level and t.level not in levels:
                yield _unknown(t.source, "level", t.level, levels, level_fix)
        for i, aud_id in enumerate(lesson.audiences):
            if aud_id not in audiences:
                yield _unknown(lesson.spots.get(f"audiences.{i}", lesson.source), "audience", aud_id, audiences,
                               aud_fix)
        for i, pre in enumerate(lesson.prerequisites):
            src = lesson.spots.get(f"prerequisites.{i}", lesson.source)
            if pre == lesson.id:
                yield error(src.path, src.line, "prerequisite-cycle", f"lesson '{lesson.id}' lists itself as a "
                            "prerequisite", "remove it from prerequisites", col=src.col)
            elif pre not in lessons:
                yield _unknown(src, "prerequisite", pre, lessons, "use the id (folder name) of another lesson")
        for q in lesson.quiz.questions if lesson.quiz else ():
            if q.competence and q.competence not in comps:
                yield _unknown(q.spots.get("competence", q.source), "competence", q.competence, comps, comp_fix)
            if q.level and q.level not in levels:
                yield _unknown(q.spots.get("level", q.source), "level", q.level, levels, level_fix)

    for course in cur.courses:
        if course.audience and course.audience not in audiences:
            yield _unknown(course.spots.get("audience", course.source), "audience", course.audience, audiences,
                           aud_fix)
        if course.level and course.level not in levels:
            yield _unknown(course.spots.get("level", course.source), "level", course.level, levels, level_fix)
        for i, lid in enumerate(course.lessons):
            if lid not in lessons:
                yield _unknown(course.spots.get(f"lessons.{i}", course.source), "lesson", lid, lessons,
                               "use the id (folder name) of a lesson in curriculum/lessons/")
        for i, cid in enumerate(course.after):
            if cid not in courses:
                yield _unknown(course.spots.get(f"after.{i}", course.source), "course", cid, courses,
                               "use the id of another course in curriculum/courses/")


def check_prerequisite_cycles(ctx: CheckContext) -> Iterator[Diagnostic]:
    graph = {lesson.id: [p for p in lesson.prerequisites if p != lesson.id] for lesson in ctx.cur.lessons}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if state.get(start):
            continue
        # Iterative depth-first search: a long prerequisite chain must not hit Python's recursion limit.
        path: list[str] = [start]
        stack = [iter(graph[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    head = min(cycle)
                    turn = cycle.index(head)
                    ordered = cycle[turn:] + cycle[:turn]
                    found = ctx.cur.lesson(head)
                    src = found.spots.get("prerequisites", found.source) if found else None
                    if src:
                        yield error(src.path, src.line, "prerequisite-cycle",
                                    CYCLE_PREFIX + CYCLE_ARROW.join(ordered + [head]),
                                    "a lesson cannot (indirectly) require itself; remove one of these prerequisites",
                                    col=src.col)
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))


def check_courses(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    limit = cur.config.lesson_minutes
    for lesson in cur.lessons:
        if lesson.duration > limit:
            src = lesson.spots.get("duration", lesson.source)
            yield warning(src.path, src.line, "lesson-too-long",
                          f"lesson '{lesson.id}' takes {lesson.duration} minutes, more than the {limit}-minute budget",
                          "split it into shorter lessons: adults learn best in short sessions", col=src.col)
    for course in cur.courses:
        position: dict[str, int] = {}
        for i, lid in enumerate(course.lessons):
            position.setdefault(lid, i)
        seen: set[str] = set()
        for i, lid in enumerate(course.lessons):
            src = course.spots.get(f"lessons.{i}", course.source)
            if lid in seen:
                yield warning(src.path, src.line, "course-duplicate-lesson",
                              f"lesson '{lid}' appears twice in course '{course.id}'", "keep it once", col=src.col)
            seen.add(lid)
            member = cur.lesson(lid)
            if member is None or not member.complete:
                continue
            if course.audience and course.audience not in member.audiences:
                yield warning(src.path, src.line, "course-audience",
                              f"lesson '{lid}' is in a course for '{course.audience}' but does not list that audience",
                              f"add {course.audience} to audiences in {member.source.path}", col=src.col)
            for pre in member.prerequisites:
                if pre in position and position[pre] > i:
                    yield warning(src.path, src.line, "course-order",
                                  f"lesson '{lid}' comes before its prerequisite '{pre}' in course '{course.id}'",
                                  f"move '{pre}' above '{lid}'", col=src.col)
