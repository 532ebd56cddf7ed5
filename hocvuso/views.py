"""What each generated page shows, as plain data for the Jinja templates in overrides/.

Python decides *what* is on a page (in the reader's language, with fallbacks); the templates decide *how*
it looks. Every href is site-relative; templates pass it through MkDocs' `url` filter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from .assets import published_names
from .coverage import compute_coverage
from .handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from .model import Course, Curriculum, Lesson, Question, display_order, pick
from .site import GENERATED_DIR, SitePaths, Strings
from .translation_status import LanguageStatus

View = dict[str, Any]


@dataclass(frozen=True)
class EditLinks:
    """Where the curriculum's source files are edited, and where readers report a mistake."""

    edit_base: str
    """The editor's address for a file at the repository root, minus the file's path (ends with "/")."""
    repo_url: str

    def suggest(self, title: str, body: str) -> str:
        """A new-issue form filled in, on the hosts whose form takes a title and body in its address."""
        host = urlsplit(self.repo_url).netloc.lower()
        if host == "github.com":
            return f"{self.repo_url}/issues/new?{urlencode({'title': title, 'body': body, 'labels': 'content'})}"
        if host == "gitlab.com" or host.startswith("gitlab."):
            return f"{self.repo_url}/-/issues/new?{urlencode({'issue[title]': title, 'issue[description]': body})}"
        return ""


class Views:
    def __init__(self, cur: Curriculum, handouts: Mapping[str, int] | None = None,
                 edit: EditLinks | None = None) -> None:
        self.cur = cur
        self.edit = edit
        """Where a lesson's source is edited (None: no edit links)."""
        self.handouts = handouts or {}
        """Bytes of each rendered PDF, by its path under the handouts folder (empty: none rendered yet)."""
        self.src = cur.config.source_language
        self.paths = SitePaths(self.src)
        self.fw = cur.framework

    # --- small pieces ------------------------------------------------------------------------------------

    def _t(self, text: Any, lang: str) -> str:
        return pick(text, lang, self.src)

    def level(self, level_id: str, lang: str) -> View:
        found = self.fw.level(level_id)
        return {"id": level_id, "name": self._t(found.name, lang) if found else level_id,
                "rank": found.rank if found else 0}

    def lesson_title(self, lesson: Lesson, lang: str) -> str:
        text = lesson.text(lang, self.src)
        return text.title if text else lesson.id

    def lesson_link(self, lesson_id: str, lang: str) -> View:
        lesson = self.cur.lesson(lesson_id)
        title = self.lesson_title(lesson, lang) if lesson else lesson_id
        return {"id": lesson_id, "title": title, "href": self.paths.lesson(lang, lesson_id)}

    def lesson_images(self, lesson_id: str) -> list[str]:
        """Image files of a lesson the site publishes (hocvuso.assets: referenced, regular files of the lesson
        folder, really pictures); every language's page shows the one copy at the default language's path."""
        lesson = self.cur.lesson(lesson_id)
        return published_names(self.cur.root, lesson) if lesson else []

    def main_level(self, lesson: Lesson) -> str:
        """The level shown on a lesson's badge: the highest level it teaches."""
        return max((t.level for t in lesson.competences), key=self.fw.rank, default="")

    # --- pages -------------------------------------------------------------------------------------------

    def home(self, lang: str) -> View:
        return {"audiences": [
            {"id": a.id, "icon": a.icon, "name": self._t(a.name, lang), "promise": self._t(a.promise, lang),
             "href": self.paths.audience(lang, a.id)} for a in self.cur.audiences]}

    def lesson(self, lesson: Lesson, lang: str) -> View:
        text = lesson.text(lang, self.src)
        fallback = lang not in lesson.texts
        courses = []
        for course in self.cur.courses:
            if lesson.id not in course.lessons:
                continue
            i = course.lessons.index(lesson.id)
            courses.append({
                "id": course.id, "title": self._t(course.title, lang), "href": self.paths.course(lang, course.id),
                "position": i + 1, "count": len(course.lessons),
                "previous": self.lesson_link(course.lessons[i - 1], lang) if i > 0 else None,
                "next": self.lesson_link(course.lessons[i + 1], lang) if i + 1 < len(course.lessons) else None,
            })
        return {
            "id": lesson.id,
            "title": text.title if text else lesson.id,
            "summary": text.summary if text else "",
            "objectives": list(text.objectives) if text else [],
            "duration": lesson.duration,
            "level": self.level(self.main_level(lesson), lang),
            "competences": [
                {"id": t.competence, "name": self._t(c.name, lang) if (c := self.fw.competence(t.competence)) else "",
                 "level": self.level(t.level, lang), "href": self.paths.skills(lang, t.competence)}
                for t in lesson.competences],
            "audiences": [{"id": a, "name": self._t(aud.name, lang) if (aud := self.cur.audience(a)) else a,
                           "href": self.paths.audience(lang, a)} for a in lesson.audiences],
            "prerequisites": [self.lesson_link(p, lang) for p in lesson.prerequisites],
            "reviewed": lesson.reviewed.isoformat() if lesson.reviewed else "",
            "sources": [{"title": r.title, "url": r.url} for r in lesson.references],
            "quiz": self.quiz(lesson, lang),
            "courses": courses,
            "fallback": fallback,
            # A translation made from an older source text: readers are told, and linked to the source.
            "outdated": bool(not fallback and lang != self.src and text and text.translated_from
                             and text.translated_from != lesson.fingerprint),
            "source_lang": self.src,
            "source_href": self.paths.lesson(self.src, lesson.id),
            "text_lang": self.src if fallback else lang,
            "source_path": f"{lesson.folder}/{self.src}.md",
            **self.edit_links(lesson, lang, fallback, text.title if text else lesson.id),
            "handouts": self.pdfs(("learner", learner_pdf(lang, lesson.id)), ("teacher", teacher_pdf(lang, lesson.id))),
        }

    def pdfs(self, *wanted: tuple[str, str]) -> list[View]:
        """Links to the handouts that exist, with their size ("PDF, 180 KB")."""
        return [{"kind": kind, "href": f"handouts/{path}", "kb": max(1, round(self.handouts[path] / 1000))}
                for kind, path in wanted if path in self.handouts]

    def edit_links(self, lesson: Lesson, lang: str, fallback: bool, title: str) -> View:
        """Links to the lesson's own source (not the generated page), for editors and for everyone else."""
        if self.edit is None:
            return {"edit_url": "", "suggest_url": ""}
        shown = f"{lesson.folder}/{self.src if fallback else lang}.md"
        body = f"Lesson: {lesson.id} ({lang})\nSource: {shown}\n\nWhat is wrong or out of date?\n"
        return {"edit_url": self.edit.edit_base + shown,
                "suggest_url": self.edit.suggest(f"[{lesson.id}] {title}", body)}

    def quiz(self, lesson: Lesson, lang: str) -> list[View]:
        return [self.question(lesson, q, lang) for q in (lesson.quiz.questions if lesson.quiz else ())]

    def question(self, lesson: Lesson, q: Question, lang: str) -> View:
        text = q.texts.get(lang) or q.texts.get(self.src)
        choices = []
        for cid in display_order(lesson.id, q):
            wording = text.choices.get(cid) if text else None
            # The author's own label ("Có" / "Không" for a yes/no question). A true/false choice without one
            # keeps its id as text, which templates turn into "Đúng" / "Sai" in the reader's language.
            label = wording.text if wording and wording.text else cid
            choices.append({"id": cid, "text": label, "feedback": wording.feedback if wording else "",
                            "correct": q.is_correct(cid), "authored": label != cid})
        by_id = {c["id"]: c for c in choices}
        for c in choices:
            c["position"] = q.answer.index(c["id"]) + 1 if q.type == "order" and c["id"] in q.answer else 0
        return {
            "id": q.id, "dom_id": f"q-{lesson.id}-{q.id}", "type": q.type,
            "prompt": text.prompt if text else q.id, "quote": text.quote if text else "",
            "image": q.image, "image_alt": text.image_alt if text else "",
            "explanation": text.explanation if text else "",
            "choices": choices,
            "answer": [by_id[a] for a in q.answer if a in by_id],
            "competence": q.competence, "level": self.level(q.level, lang),
        }

    def course(self, course: Course, lang: str) -> View:
        lessons = []
        for n, lid in enumerate(course.lessons, start=1):
            lesson = self.cur.lesson(lid)
            if lesson is None:
                continue
            lessons.append({**self.lesson_link(lid, lang), "n": n, "duration": lesson.duration,
                            "level": self.level(self.main_level(lesson), lang),
                            "summary": (t.summary if (t := lesson.text(lang, self.src)) else ""),
                            "prerequisites": [self.lesson_link(p, lang) for p in lesson.prerequisites
                                              if p not in course.lessons]})
        audience = self.cur.audience(course.audience)
        offline = [self.paths.course(lang, course.id)]
        for item in lessons:
            offline.append(item["href"])
            offline.extend(f"{GENERATED_DIR}/lessons/{item['id']}/{name}" for name in self.lesson_images(item["id"]))
        return {
            "class_pack": self.pdfs(("class-pack", class_pack_pdf(lang, course.id))),
            "offline_urls": offline,
            "id": course.id, "title": self._t(course.title, lang), "description": self._t(course.description, lang),
            "level": self.level(course.level, lang),
            "audience": {"name": self._t(audience.name, lang) if audience else course.audience,
                         "href": self.paths.audience(lang, course.audience)},
            "lessons": lessons, "total_minutes": sum(item["duration"] for item in lessons),
            "after": [{"title": self._t(c.title, lang), "href": self.paths.course(lang, c.id)}
                      for cid in course.after if (c := self.cur.course(cid))],
        }

    def audience(self, audience_id: str, lang: str) -> View:
        aud = self.cur.audience(audience_id)
        assert aud is not None
        courses = sorted((c for c in self.cur.courses if c.audience == aud.id),
                         key=lambda c: (self.fw.rank(c.level), len(c.after), c.id))
        return {
            "id": aud.id, "icon": aud.icon, "name": self._t(aud.name, lang),
            "description": self._t(aud.description, lang), "why": self._t(aud.why, lang),
            "courses": [{"title": self._t(c.title, lang), "description": self._t(c.description, lang),
                         "href": self.paths.course(lang, c.id), "level": self.level(c.level, lang),
                         "lessons": len(c.lessons), "lesson_ids": " ".join(c.lessons),
                         "minutes": sum(le.duration for lid in c.lessons if (le := self.cur.lesson(lid)))}
                        for c in courses],
        }

    def skills(self, lang: str) -> View:
        domains = []
        for dom in self.fw.domains:
            comps = []
            for comp in dom.competences:
                by_level: dict[str, list[View]] = {}
                for lesson in self.cur.lessons:
                    for t in lesson.competences:
                        if t.competence == comp.id:
                            by_level.setdefault(t.level, []).append(self.lesson_link(lesson.id, lang))
                levels = [{"level": self.level(lv, lang), "lessons": items}
                          for lv, items in sorted(by_level.items(), key=lambda kv: self.fw.rank(kv[0]))]
                comps.append({"id": comp.id, "anchor": f"c-{comp.id.replace('.', '-')}",
                              "name": self._t(comp.name, lang), "description": self._t(comp.description, lang),
                              "levels": levels})
            domains.append({"id": dom.id, "name": self._t(dom.name, lang), "extension": dom.extension,
                            "competences": comps})
        return {"framework": self._t(self.fw.name, lang),
                "sources": [{"title": r.title, "url": r.url} for r in self.fw.references],
                "levels": [self.level(lv.id, lang) for lv in self.fw.levels], "domains": domains}

    def coverage(self, lang: str) -> View:
        cov = compute_coverage(self.cur)
        rows = []
        for comp in self.fw.competences:
            cells: list[View] = []
            for aud in self.cur.audiences:
                cell = cov.cell(comp.id, aud.id)
                if cell is None:
                    cells.append({"state": "none"})
                    continue
                state = "assessed" if cell.assessed else "taught" if cell.taught else "missing"
                cells.append({"state": state, "level": cell.level, "lessons": len(cell.lessons),
                              "questions": len(cell.questions),
                              "lesson_links": [self.lesson_link(lid, lang) for lid in cell.lessons]})
            rows.append({"id": comp.id, "name": self._t(comp.name, lang), "href": self.paths.skills(lang, comp.id),
                         "cells": cells})
        view: View = {"audiences": [{"id": a.id, "name": self._t(a.name, lang), "icon": a.icon}
                                    for a in self.cur.audiences],
                      "rows": rows, "required": cov.required, "taught": cov.taught, "assessed": cov.assessed}
        return view

    def translations(self, statuses: Sequence[LanguageStatus], lang: str) -> View:
        """The translation dashboard: per language, how far it has come, and which lessons need work."""
        def links(ids: Sequence[str]) -> list[View]:
            return [{**self.lesson_link(i, lang), "source": f"{lesson.folder}/"}
                    for i in ids if (lesson := self.cur.lesson(i))]

        return {"languages": [
            {"code": s.lang, "name": s.name, "required": s.required, "source": s.source, "lessons": s.lessons,
             "translated": s.translated, "up_to_date": s.up_to_date, "percent": s.percent,
             "missing": links(s.missing), "outdated": links(sorted(set(s.outdated) | set(s.untracked))),
             "quiz_missing": links(s.quiz_missing), "unreadable": links(s.unreadable)}
            for s in statuses]}

    def glossary(self, lang: str) -> View:
        entries = self.cur.glossary.get(lang) or self.cur.glossary.get(self.src, {})
        return {"terms": [{"id": e.id, "term": e.term, "aliases": list(e.aliases), "definition": e.definition}
                          for e in sorted(entries.values(), key=lambda e: e.term.casefold())]}


def strings_with(strings: Strings, **values: Any) -> Strings:
    return Strings({**strings, **{k: str(v) for k, v in values.items()}})
