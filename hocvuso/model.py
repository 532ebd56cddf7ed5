"""The curriculum as typed, frozen data. Every object knows the file and line it came from."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Localized = Mapping[str, str]
QuestionType = Literal["single", "multiple", "truefalse", "order"]


@dataclass(frozen=True)
class Source:
    """A place in the curriculum: path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def pick(text: Localized, lang: str, fallback: str) -> str:
    """Text in `lang`, else in the fallback (source) language, else any language we have."""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    required: bool


@dataclass(frozen=True)
class Config:
    source_language: str
    languages: tuple[Language, ...]
    framework_file: str = "framework.yml"
    repository: str = ""
    image_bytes: int = 150_000
    lesson_minutes: int = 120

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)


@dataclass(frozen=True)
class Reference:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Level:
    id: str
    rank: int
    tier: str
    name: Localized
    description: Localized
    source: Source


@dataclass(frozen=True)
class Tier:
    id: str
    name: Localized


@dataclass(frozen=True)
class Competence:
    id: str
    domain: str
    name: Localized
    description: Localized
    extension: bool
    maps_to: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Domain:
    id: str
    name: Localized
    extension: bool
    references: tuple[Reference, ...]
    competences: tuple[Competence, ...]
    source: Source


@dataclass(frozen=True)
class Framework:
    id: str
    name: Localized
    description: Localized
    references: tuple[Reference, ...]
    tiers: tuple[Tier, ...]
    levels: tuple[Level, ...]
    domains: tuple[Domain, ...]
    crosswalk_to: str
    source: Source

    @property
    def competences(self) -> tuple[Competence, ...]:
        return tuple(c for d in self.domains for c in d.competences)

    def competence(self, cid: str) -> Competence | None:
        return next((c for c in self.competences if c.id == cid), None)

    def level(self, lid: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == lid), None)

    def rank(self, lid: str) -> int:
        found = self.level(lid)
        return found.rank if found else 0


@dataclass(frozen=True)
class Audience:
    id: str
    name: Localized
    description: Localized
    promise: Localized
    why: Localized
    icon: str
    requires: Mapping[str, str]
    """Competence id → level id this group must reach (already expanded from domain defaults)."""
    domain_levels: Mapping[str, str | None]
    competence_levels: Mapping[str, str | None]
    source: Source
    spots: Mapping[str, Source] = field(default_factory=dict)


@dataclass(frozen=True)
class Taught:
    competence: str
    level: str
    source: Source


@dataclass(frozen=True)
class ChoiceText:
    text: str
    feedback: str


@dataclass(frozen=True)
class QuestionText:
    prompt: str
    quote: str
    image_alt: str
    explanation: str
    choices: Mapping[str, ChoiceText]
    source: Source


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    competence: str
    level: str
    choices: tuple[str, ...]
    answer: tuple[str, ...]
    """Correct choice ids; for order questions, every id in the right order."""
    image: str
    texts: Mapping[str, QuestionText]
    source: Source
    spots: Mapping[str, Source] = field(default_factory=dict)

    def is_correct(self, choice: str) -> bool:
        return choice in self.answer


SHUFFLED_TYPES: tuple[QuestionType, ...] = ("single", "multiple")
"""Question types whose choices are shown in a shuffled order. True/false keeps "true, false" (readers expect
Đúng before Sai, Có before Không); an ordering question keeps the mixed-up order its author chose, which
`quiz-order-shown` already checks is not the answer."""


def display_order(lesson_id: str, q: Question) -> tuple[str, ...]:
    """The order in which a question's choices are shown, on the site and on paper.

    Authors tend to write the right answer first or second; shuffling hides that. The shuffle is a sort on a
    hash of (lesson id, question id, choice id): the same on every build and in every language (it never
    looks at wording), and adding or removing one choice leaves the others in the same relative order.
    """
    if q.type not in SHUFFLED_TYPES:
        return q.choices

    def key(cid: str) -> bytes:
        return hashlib.sha256(f"{lesson_id}\0{q.id}\0{cid}".encode()).digest()

    return tuple(sorted(q.choices, key=key))


@dataclass(frozen=True)
class Quiz:
    questions: tuple[Question, ...]
    text_files: Mapping[str, str]
    source: Source
    text_keys: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)
    """Per wording file: every question id it has text for, with its position."""


@dataclass(frozen=True)
class LessonText:
    lang: str
    title: str
    summary: str
    objectives: tuple[str, ...]
    translated_from: str
    translated_from_line: int
    """Where `translated_from:` is (or where the front matter starts), for diagnostics about it."""
    body: str
    body_line: int
    """Line of the file on which the body starts, to turn body line numbers into file line numbers."""
    source: Source


@dataclass(frozen=True)
class Activity:
    """One activity of a lesson plan (Công văn 5512/BGDĐT-GDTrH, Phụ lục IV, part III)."""

    title: str
    minutes: tuple[int, int]
    """Minutes in the 45- and in the 90-minute session; 0 in the first means "skip when short of time"."""
    goal: str
    content: str
    product: str
    organise: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Difficulty:
    problem: str
    help: str


@dataclass(frozen=True)
class TeacherText:
    """The teacher section of a lesson in one language (teacher.<lang>.yml): how to run it as a class."""

    lang: str
    knowledge: tuple[str, ...]
    skills: tuple[str, ...]
    attitudes: tuple[str, ...]
    materials_teacher: tuple[str, ...]
    materials_learners: tuple[str, ...]
    before_class: tuple[str, ...]
    safe_practice: tuple[str, ...]
    activities: tuple[Activity, ...]
    difficulties: tuple[Difficulty, ...]
    source: Source


SESSION_MINUTES: tuple[int, int] = (45, 90)
"""The two lengths a teacher section plans for: one class period, and a double period or a Sunday morning."""


@dataclass(frozen=True)
class Lesson:
    id: str
    folder: str
    competences: tuple[Taught, ...]
    audiences: tuple[str, ...]
    duration: int
    prerequisites: tuple[str, ...]
    reviewed: dt.date | None
    references: tuple[Reference, ...]
    texts: Mapping[str, LessonText]
    quiz: Quiz | None
    fingerprint: str
    """Hash of the source-language text and quiz wording; translations record it in translated_from."""
    source: Source
    spots: Mapping[str, Source] = field(default_factory=dict)
    complete: bool = True
    """False when lesson.yml could not be parsed: checks that depend on its metadata skip the lesson."""
    teacher: Mapping[str, TeacherText] = field(default_factory=dict)
    handout_pages: int = 2
    """Pages the learner sheet may take: 2 unless lesson.yml declares a longer sheet (handout_pages: 3)."""
    """Optional teacher sections by language; a lesson without one gets a guide built from its text and quiz."""

    def text(self, lang: str, fallback: str) -> LessonText | None:
        return self.texts.get(lang) or self.texts.get(fallback)


@dataclass(frozen=True)
class Course:
    id: str
    audience: str
    level: str
    title: Localized
    description: Localized
    after: tuple[str, ...]
    lessons: tuple[str, ...]
    source: Source
    spots: Mapping[str, Source] = field(default_factory=dict)


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    lang: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    source: Source


@dataclass(frozen=True)
class Curriculum:
    root: str
    config: Config
    framework: Framework
    frameworks: tuple[Framework, ...]
    audiences: tuple[Audience, ...]
    courses: tuple[Course, ...]
    lessons: tuple[Lesson, ...]
    glossary: Mapping[str, Mapping[str, GlossaryEntry]] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def lesson(self, lid: str) -> Lesson | None:
        return self._lessons.get(lid)

    def audience(self, aid: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == aid), None)

    def course(self, cid: str) -> Course | None:
        return next((c for c in self.courses if c.id == cid), None)

    @property
    def _lessons(self) -> Mapping[str, Lesson]:
        # Computed once: frozen dataclasses cannot cache normally, so stash it in __dict__.
        cached = self.__dict__.get("_lesson_index")
        if cached is None:
            cached = {lesson.id: lesson for lesson in self.lessons}
            object.__setattr__(self, "_lesson_index", cached)
        return cached
