"""Typed views of what each printed document shows, built from the curriculum and the site's own views.

Python decides *what* a handout shows; the Jinja templates in overrides/print/ decide *how* it looks. A
learner view has no field that could hold an answer, so the learner template cannot print one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..markdowndoc import parse_markdown
from ..model import Activity, Course, Curriculum, Difficulty, Lesson, TeacherText
from ..site import SitePaths, Strings, load_strings
from ..themefiles import ThemeFiles
from ..views import View, Views
from .paths import absolute_url, lesson_url, qr_mark, short_url
from .plan import PlanStep, timed_plan
from .sections import LessonParts, Part, PrintMarkdown, Section, image_ref, image_url, split_sections, starts_with

SHORT_CHOICE = 40
"""Choices up to this many characters (about two lines of half the page) are printed in two columns."""

# A prompt that already says how to answer ("… (Chọn tất cả ý đúng)") gets no second hint from the handout.
_OWN_HINT = re.compile(r"\((?:chọn|hãy chọn|choose|select|tick|đánh dấu)\b[^)]*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class ChoiceView:
    id: str
    label: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class QuestionView:
    type: str
    prompt: str
    how: str
    """The answering hint printed after the prompt, or "" when the prompt carries its own."""
    quote: str
    image: str
    image_alt: str
    choices: tuple[ChoiceView, ...]
    short: bool


@dataclass(frozen=True)
class KeyView:
    """A question in the teacher's answer key: what the learner sheet shows, plus the answer and why."""

    question: QuestionView
    answer: tuple[ChoiceView, ...]
    explanation: str
    wrong: tuple[ChoiceView, ...]
    """Wrong choices that have feedback: what to say when a learner picks them."""


@dataclass(frozen=True)
class LessonHead:
    """What every document about a lesson shows at its top."""

    id: str
    lang: str
    text_lang: str
    fallback: bool
    title: str
    summary: str
    level: Named
    duration: int
    reviewed: str
    url: str
    short_url: str
    qr: Markup


@dataclass(frozen=True)
class LearnerView:
    head: LessonHead
    steps: Part | None
    example: Part | None
    safety: Part | None
    quiz: tuple[QuestionView, ...]
    max_pages: int


@dataclass(frozen=True)
class TimedActivity:
    n: int
    activity: Activity
    short: tuple[int, int]
    """Start and end minute in the 45-minute session (equal when skipped there)."""
    long: tuple[int, int]


@dataclass(frozen=True)
class TeacherView:
    head: LessonHead
    objectives: tuple[str, ...]
    competences: tuple[tuple[str, str, Named], ...]
    """(code, name, level) of every competence the lesson teaches."""
    audiences: tuple[str, ...]
    prerequisites: tuple[str, ...]
    authored: TeacherText | None
    """The lesson's own teacher section in this language (or the source language), if it has one."""
    activities: tuple[TimedActivity, ...]
    difficulties: tuple[Difficulty, ...]
    plan: tuple[PlanStep, ...]
    """The generic plan, printed only for a lesson without a teacher section."""
    materials: Part | None
    steps: Part | None
    example: Part | None
    safety: Part | None
    key: tuple[KeyView, ...]


@dataclass(frozen=True)
class SessionView:
    """One session of a course in the teacher's book: its plan in brief, and the learner sheet."""

    n: int
    learner: LearnerView
    activities: tuple[TimedActivity, ...]
    plan: tuple[PlanStep, ...]
    materials: tuple[str, ...]
    materials_part: Part | None


@dataclass(frozen=True)
class CourseView:
    id: str
    lang: str
    title: str
    description: str
    audience: str
    level: str
    """The levels of the course's lessons as the cover prints them ("Cơ bản 2", or "Cơ bản 1 – Cơ bản 2")."""
    declared_level: Named
    total_minutes: int
    url: str
    short_url: str
    qr: Markup
    sessions: tuple[SessionView, ...]
    competences: tuple[tuple[str, str, str], ...]
    """(code, name, highest level name) of every competence the course covers, for the completion record."""


def _choice_label(qtype: str, choice: View, t: Strings) -> str:
    # A true/false question without its own wording reads "True" / "False" in the reader's language.
    if qtype == "truefalse" and choice["text"] == choice["id"]:
        return str(t[choice["id"]])
    return str(choice["text"])


def _hint(qtype: str, prompt: str, t: Strings) -> str:
    if _OWN_HINT.search(prompt):
        return ""
    return str(t["handout_order_hint"] if qtype == "order" else t["choose_many"] if qtype == "multiple"
               else t["choose_one"])


def timed_activities(teacher: TeacherText) -> tuple[TimedActivity, ...]:
    found, short, long = [], 0, 0
    for n, a in enumerate(teacher.activities, start=1):
        found.append(TimedActivity(n, a, (short, short + a.minutes[0]), (long, long + a.minutes[1])))
        short, long = short + a.minutes[0], long + a.minutes[1]
    return tuple(found)


class Printer:
    """Everything shared by the documents of one curriculum: views, strings, parsed lessons."""

    def __init__(self, cur: Curriculum, base_url: str, theme: ThemeFiles | None = None) -> None:
        self.cur = cur
        self.base_url = base_url
        self.views = Views(cur)
        self.src = cur.config.source_language
        self.paths = SitePaths(self.src)
        self.root = Path(cur.root).resolve()
        self.root_url = self.root.as_uri() + "/"
        """Base URL of every document: images are named relative to the project folder."""
        self.theme = theme or ThemeFiles()
        self.markdown = PrintMarkdown()
        self._parts: dict[tuple[str, str], LessonParts] = {}
        self._learner: dict[tuple[str, str], LearnerView] = {}
        self._strings: dict[str, Strings] = {}

    def strings(self, lang: str) -> Strings:
        if lang not in self._strings:
            # The print documents' own wording (overrides/print/strings/) over the site's interface strings.
            base = dict(load_strings(self.theme.strings, lang, self.src))
            base.update(load_strings(self.theme.print_strings, lang, self.src))
            self._strings[lang] = Strings(base)
        return self._strings[lang]

    def parts(self, lesson: Lesson, lang: str) -> LessonParts:
        key = (lesson.id, lang)
        if key not in self._parts:
            self._parts[key] = self._cut(lesson, lang)
        return self._parts[key]

    def _cut(self, lesson: Lesson, lang: str) -> LessonParts:
        text = lesson.text(lang, self.src)
        text_lang = lang if lang in lesson.texts else self.src
        source = f"{lesson.folder}/{text_lang}.md"
        if text is None:
            return LessonParts(text_lang, source, None, None, None, None)
        # Sections are recognised by the headings the curriculum uses in the text's own language (strings
        # handout_steps_heading, handout_example_heading, handout_safety_heading); without a steps heading,
        # the last section with a numbered list holds the steps, as in every lesson written so far.
        t = self.strings(text_lang)
        doc = parse_markdown(text.body, text.body_line)
        sections = split_sections(text, doc)
        steps = next((s for s in sections if starts_with(s.heading, t["handout_steps_heading"])), None)
        if steps is None:
            steps = next((s for s in reversed(sections) if s.has_ordered_list), None)
        example = next((s for s in sections if starts_with(s.heading, t["handout_example_heading"])), None)
        safety = next((s for s in sections if starts_with(s.heading, t["handout_safety_heading"])), None)
        # The first section says what to bring ("Bạn cần gì" / "What you need"): the teacher's materials.
        first = sections[0] if sections and sections[0] not in (steps, example, safety) else None
        folder = lesson.folder

        def part(section: Section | None) -> Part | None:
            if section is None:
                return None
            last = section.first_line + section.markdown.count("\n")
            refs = tuple(image_ref(self.root_url, folder, im.src, source, im.line) for im in doc.images
                         if section.first_line <= im.line <= last)
            return Part(section.heading, self.markdown.html(section.markdown, folder), refs, section.markdown,
                        section.first_line)

        return LessonParts(text_lang, source, part(first), part(steps), part(example), part(safety))

    def head(self, lesson: Lesson, lang: str) -> LessonHead:
        view = self.views.lesson(lesson, lang)
        # Without the site's published address there is nothing to point a QR code at: the sheet goes without.
        url = lesson_url(self.cur, lang, lesson.id, self.base_url) if self.base_url else ""
        return LessonHead(
            id=lesson.id, lang=lang, text_lang=view["text_lang"], fallback=view["fallback"], title=view["title"],
            summary=view["summary"], level=Named(view["level"]["id"], view["level"]["name"]),
            duration=lesson.duration, reviewed=view["reviewed"], url=url, short_url=short_url(url),
            qr=qr_mark(url) if url else Markup(""))

    def _questions(self, lesson: Lesson, lang: str) -> list[tuple[QuestionView, View]]:
        t = self.strings(lang)
        found = []
        # Views.quiz gives the choices in the model's display order (display_order): paper matches the site.
        for q in self.views.quiz(lesson, lang):
            choices = tuple(ChoiceView(c["id"], _choice_label(q["type"], c, t), c["feedback"], c["correct"])
                            for c in q["choices"])
            image = q["image"]
            found.append((QuestionView(
                type=q["type"], prompt=q["prompt"], how=_hint(q["type"], q["prompt"], t), quote=q["quote"],
                image=image_url(lesson.folder, image) if image else "", image_alt=q["image_alt"], choices=choices,
                short=all(len(c.label) <= SHORT_CHOICE for c in choices)), q))
        return found

    def learner_view(self, lesson: Lesson, lang: str) -> LearnerView:
        """What a learner handout shows. Questions keep only their wording and choices (ChoiceView's answer
        fields are never printed by the learner template, and feedback is blanked here too)."""
        key = (lesson.id, lang)
        if key not in self._learner:
            parts = self.parts(lesson, lang)
            quiz = tuple(QuestionView(q.type, q.prompt, q.how, q.quote, q.image, q.image_alt,
                                      tuple(ChoiceView(c.id, c.label, "", False) for c in q.choices), q.short)
                         for q, _ in self._questions(lesson, lang))
            self._learner[key] = LearnerView(self.head(lesson, lang), parts.steps, parts.example, parts.safety,
                                             quiz, lesson.handout_pages)
        return self._learner[key]

    def authored(self, lesson: Lesson, lang: str) -> TeacherText | None:
        return lesson.teacher.get(lang) or lesson.teacher.get(self.src)

    def teacher_view(self, lesson: Lesson, lang: str) -> TeacherView:
        view = self.views.lesson(lesson, lang)
        parts = self.parts(lesson, lang)
        key = []
        for q, raw in self._questions(lesson, lang):
            by_id = {c.id: c for c in q.choices}
            key.append(KeyView(q, tuple(by_id[a["id"]] for a in raw["answer"] if a["id"] in by_id),
                               raw["explanation"],
                               tuple(c for c in q.choices if not c.correct and c.feedback and q.type != "order")))
        authored = self.authored(lesson, lang)
        return TeacherView(
            head=self.head(lesson, lang), objectives=tuple(view["objectives"]),
            competences=tuple((c["id"], c["name"], Named(c["level"]["id"], c["level"]["name"]))
                              for c in view["competences"]),
            audiences=tuple(a["name"] for a in view["audiences"]),
            prerequisites=tuple(p["title"] for p in view["prerequisites"]), authored=authored,
            activities=timed_activities(authored) if authored else (),
            difficulties=authored.difficulties if authored else (),
            plan=timed_plan(lesson.duration), materials=parts.materials, steps=parts.steps, example=parts.example,
            safety=parts.safety, key=tuple(key))

    def course_view(self, course: Course, lang: str) -> CourseView:
        view = self.views.course(course, lang)
        url = absolute_url(self.base_url, self.paths.course(lang, course.id)) if self.base_url else ""
        sessions = []
        covered: dict[str, str] = {}
        fw = self.cur.framework
        levels = []
        for n, lid in enumerate(course.lessons, start=1):
            lesson = self.cur.lesson(lid)
            if lesson is None:
                continue
            authored = self.authored(lesson, lang)
            sessions.append(SessionView(
                n=n, learner=self.learner_view(lesson, lang),
                activities=timed_activities(authored) if authored else (), plan=timed_plan(lesson.duration),
                materials=authored.materials_teacher + authored.materials_learners if authored else (),
                materials_part=self.parts(lesson, lang).materials))
            for taught in lesson.competences:
                if fw.rank(taught.level) > fw.rank(covered.get(taught.competence, "")):
                    covered[taught.competence] = taught.level
            levels.append(self.views.main_level(lesson))
        ranked = sorted({lv for lv in levels if lv}, key=fw.rank)
        names = [self.views.level(lv, lang)["name"] for lv in ranked]
        level = names[0] if len(names) == 1 else f"{names[0]} – {names[-1]}" if names else view["level"]["name"]

        def competence_name(cid: str) -> str:
            found = fw.competence(cid)
            return str(found.name.get(lang) or found.name.get(self.src, "")) if found else ""

        competences = tuple((cid, competence_name(cid), self.views.level(lv, lang)["name"])
                            for cid, lv in sorted(covered.items(), key=lambda kv: [int(p) if p.isdigit() else p
                                                                                   for p in kv[0].split(".")]))
        return CourseView(
            id=course.id, lang=lang, title=view["title"], description=view["description"],
            audience=view["audience"]["name"], level=level,
            declared_level=Named(view["level"]["id"], view["level"]["name"]), total_minutes=view["total_minutes"],
            url=url, short_url=short_url(url), qr=qr_mark(url) if url else Markup(""),
            sessions=tuple(sessions), competences=competences)
