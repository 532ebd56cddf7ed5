"""Printable PDF handouts: per lesson and language a learner handout and a teacher guide, per course a class pack.

Python decides *what* a handout shows, from the same views as the site (hocvuso.views); the Jinja templates
and print CSS in overrides/print/ decide *how* it looks; WeasyPrint lays it out. Like the rest of the core,
this module never imports MkDocs.

Rendering costs about 0.2 s per document, so `write_handouts` renders a PDF only when the hash of its inputs
changed, and spreads the work over every core. Input that would make a bad PDF (an image that is missing or
does not fit on a page, a learner handout longer than two pages) is reported as a Diagnostic naming the lesson,
and that PDF is not written: a handout is never silently cut.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import multiprocessing
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.etree.ElementTree import Element

import jinja2
import markdown
import segno
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .assets import read_lesson_file
from .diagnostic import Diagnostic, Severity, error, sort_diagnostics
from .handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from .markdowndoc import MarkdownDoc, parse_markdown
from .model import Course, Curriculum, Lesson, LessonText
from .parallel import can_fork
from .pdfcheck import check_pdf_bytes
from .sanitize import clean_html
from .site import SitePaths, Strings, load_strings
from .text import slugify
from .views import View, Views

PROJECT = Path(__file__).resolve().parent.parent
PRINT_DIR = PROJECT / "overrides" / "print"
"""Templates and stylesheet of the printed documents (beside the site's templates, as the issue asks)."""
STRINGS_DIR = PROJECT / "overrides" / "strings"
STYLESHEET = "print.css"
MANIFEST = "manifest.json"
LEARNER_MAX_PAGES = 2
RENDERER_VERSION = "2"
"""Part of every content hash: bump it when a change to this module alters PDFs without altering their HTML."""

Kind = Literal["learner", "teacher", "class-pack"]

# The session plan of a teacher guide, as shares of the lesson's duration (welcome, demonstration, guided
# practice, self-check quiz, recap). Practice gets the most: adults learn by pressing the buttons themselves.
PLAN: tuple[tuple[str, int], ...] = (
    ("plan_welcome", 1), ("plan_demo", 3), ("plan_practice", 4), ("plan_quiz", 2), ("plan_recap", 1))

NOTES_MARK = "<!--hv-more-notes-->"
NOTES_LINE = '<div class="hv-notes__line"></div>'
MAX_NOTES_LINES = 20

SHORT_CHOICE = 40
"""Choices up to this many characters (about two lines of half the page) are printed in two columns."""

PROGRESS_ROWS = 10
PROGRESS_COLUMNS = 16
"""Lessons per progress table: a 7 cm name column and 16 tick columns of 12 mm fill an A4 landscape page."""


# --- where the PDFs go ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Handout:
    """One PDF: its kind, language, the lesson or course it is for, and its path under the output folder."""

    kind: Kind
    lang: str
    subject: str
    path: str


def handout_paths(cur: Curriculum) -> tuple[Handout, ...]:
    """Every PDF the curriculum has, in every configured language; the site links to these same paths."""
    found: list[Handout] = []
    for lang in cur.config.codes:
        for lesson in cur.lessons:
            found.append(Handout("learner", lang, lesson.id, learner_pdf(lang, lesson.id)))
            found.append(Handout("teacher", lang, lesson.id, teacher_pdf(lang, lesson.id)))
        for course in cur.courses:
            found.append(Handout("class-pack", lang, course.id, class_pack_pdf(lang, course.id)))
    return tuple(found)


def lesson_url(cur: Curriculum, lang: str, lesson_id: str, base_url: str) -> str:
    return _absolute(base_url, SitePaths(cur.config.source_language).lesson(lang, lesson_id))


def short_url(url: str) -> str:
    """The address to type: the same URL without its scheme."""
    return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url)


def _absolute(base_url: str, site_path: str) -> str:
    return base_url.rstrip("/") + "/" + site_path


@lru_cache(maxsize=4096)  # a lesson's code is on its learner handout, its teacher guide and class packs
def qr_svg(url: str) -> str:
    """The URL as an inline SVG QR code: vector, so it prints sharp at any size.

    Error correction M survives a smudged photocopy; the 4-module quiet zone is what phone cameras need.
    """
    return segno.make(url, error="m", micro=False).svg_inline(border=4, omitsize=True, svgclass="hv-qr__code",
                                                              lineclass=None, title=url)


# Encoding a QR code takes 15 ms (segno tries every mask), more than the rest of a handout's HTML. Documents
# are planned and hashed with a marker holding the URL, which is all the code depends on, and the code is
# drawn only for the documents that are rendered.
_QR_MARK = re.compile(r"<!--hv-qr (\S+?)-->")


def _qr_mark(url: str) -> Markup:
    return Markup(f"<!--hv-qr {quote(url, safe=':/?#[]@!$&()*+,;=%~')}-->")


def _with_qr(html: str) -> str:
    return _QR_MARK.sub(lambda m: qr_svg(unquote(m.group(1))), html)


# --- the session plan -------------------------------------------------------------------------------------

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


# --- lesson text, cut into the parts a handout prints ------------------------------------------------------

@dataclass(frozen=True)
class ImageRef:
    """An image a handout prints: as the HTML names it, the file it is, and where the curriculum asks for it."""

    html_src: str
    """Relative to the project folder, so the HTML (and its hash) does not depend on where the project is."""
    url: str
    """The absolute file URL WeasyPrint loads."""
    src: str
    path: str
    line: int


@dataclass(frozen=True)
class Part:
    """A section of the lesson text: its own heading and its body as HTML ready for print."""

    heading: str
    html: str
    images: tuple[ImageRef, ...]


@dataclass(frozen=True)
class LessonParts:
    text_lang: str
    source: str
    """The lesson text file these parts come from, for diagnostics."""
    materials: Part | None
    steps: Part | None
    safety: Part | None


@dataclass(frozen=True)
class _Section:
    heading: str
    first_line: int
    """File line of the section's first body line."""
    markdown: str
    has_ordered_list: bool


_ORDERED_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]", re.MULTILINE)


def _sections(text: LessonText, doc: MarkdownDoc) -> list[_Section]:
    """The level-2 sections of a lesson text (with their sub-headings), found by the validator's own parser."""
    lines = text.body.splitlines(keepends=True)
    heads = [h for h in doc.headings if h.level <= 2]
    sections = []
    for i, head in enumerate(heads):
        begin = head.line - text.body_line + 1
        end = heads[i + 1].line - text.body_line if i + 1 < len(heads) else len(lines)
        body = "".join(lines[begin:end])
        sections.append(_Section(head.text, head.line + 1, body, bool(_ORDERED_ITEM.search(body))))
    return sections


def _starts_with(heading: str, wanted: str) -> bool:
    return bool(wanted) and slugify(heading).startswith(slugify(wanted))


class _PrintTree(Treeprocessor):
    """Make Markdown fit for paper: links become plain text, images point at the lesson's files."""

    folder = ""

    def run(self, root: Element) -> None:
        for el in root.iter():
            if el.tag == "a":
                # A link cannot be followed on paper, and relative links would point nowhere in a PDF.
                el.tag = "span"
                el.attrib.clear()
            elif el.tag == "img":
                el.set("src", _image_url(self.folder, el.get("src", "")))


class _PrintExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.tree: _PrintTree | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.tree = _PrintTree(md)
        md.treeprocessors.register(self.tree, "hv-print", 0)


def _image_url(folder: str, src: str) -> str:
    """An image's address relative to the project folder (`folder` is the lesson's, relative to it too)."""
    if not src or urlsplit(src).scheme or src.startswith("/"):
        return src  # refused by the URL fetcher, and reported as a handout-image error
    return quote(posixpath.normpath(f"{folder}/{unquote(src.split('#')[0].split('?')[0])}"))


def _image_ref(root_url: str, folder: str, src: str, path: str, line: int) -> ImageRef:
    html_src = _image_url(folder, src)
    return ImageRef(html_src, urljoin(root_url, html_src), src, path, line)


class _Markdown:
    """Python-Markdown with the site's extensions (mkdocs.yml), so a step prints as it reads online."""

    def __init__(self) -> None:
        self.paper = _PrintExtension()
        self.md = markdown.Markdown(
            extensions=["toc", "attr_list", "admonition", "tables", "md_in_html", self.paper],
            extension_configs={"toc": {"slugify": slugify, "permalink": False}})

    def html(self, source: str, folder: str) -> str:
        assert self.paper.tree is not None
        self.paper.tree.folder = folder
        # Lesson HTML reaches paper only through the site's sanitiser, and keeps no link: a link cannot be
        # followed on paper, and WeasyPrint would embed the target of <a rel="attachment"> into the PDF.
        return _LINK_TAG.sub(lambda m: "</span>" if m.group(1) else "<span>",
                             clean_html(self.md.reset().convert(source)))


_LINK_TAG = re.compile(r"<(/?)a\b[^>]*>")


# --- the printer: views for templates, and the HTML of each document -----------------------------------------

class _Printer:
    """Everything shared by the documents of one curriculum: views, strings, templates, parsed lessons."""

    def __init__(self, cur: Curriculum, base_url: str, templates: Path = PRINT_DIR,
                 strings: Path = STRINGS_DIR) -> None:
        self.cur = cur
        self.base_url = base_url
        self.views = Views(cur)
        self.src = cur.config.source_language
        self.paths = SitePaths(self.src)
        self.root = Path(cur.root).resolve()
        self.root_url = self.root.as_uri() + "/"
        """Base URL of every document: images are named relative to the project folder."""
        self.strings_dir = strings
        self.env = _environment(str(templates))
        self.css = (templates / STYLESHEET).read_text("utf-8")
        self.markdown = _Markdown()
        self._parts: dict[tuple[str, str], LessonParts] = {}
        self._learner: dict[tuple[str, str], View] = {}

    def strings(self, lang: str) -> Strings:
        return load_strings(str(self.strings_dir), lang, self.src)

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
            return LessonParts(text_lang, source, None, None, None)
        # Sections are recognised by the headings the curriculum uses in the text's own language (strings
        # handout_steps_heading and handout_safety_heading); without a steps heading, the last section with
        # a numbered list holds the steps, as in every lesson written so far.
        t = self.strings(text_lang)
        doc = parse_markdown(text.body, text.body_line)
        sections = _sections(text, doc)
        steps = next((s for s in sections if _starts_with(s.heading, t["handout_steps_heading"])), None)
        if steps is None:
            steps = next((s for s in reversed(sections) if s.has_ordered_list), None)
        safety = next((s for s in sections if _starts_with(s.heading, t["handout_safety_heading"])), None)
        # The first section says what to bring ("Bạn cần gì" / "What you need"): the teacher's materials.
        first = sections[0] if sections and sections[0] not in (steps, safety) else None
        folder = lesson.folder

        def part(section: _Section | None) -> Part | None:
            if section is None:
                return None
            last = section.first_line + section.markdown.count("\n")
            refs = tuple(_image_ref(self.root_url, folder, im.src, source, im.line) for im in doc.images
                         if section.first_line <= im.line <= last)
            return Part(section.heading, self.markdown.html(section.markdown, folder), refs)

        return LessonParts(text_lang, source, part(first), part(steps), part(safety))

    def _quiz(self, lesson: Lesson, lang: str) -> list[View]:
        t = self.strings(lang)
        questions = []
        for q in self.views.quiz(lesson, lang):
            choices = [{**c, "label": _choice_label(q["type"], c, t)} for c in q["choices"]]
            by_id = {c["id"]: c for c in choices}
            image = q["image"]
            questions.append({**q, "choices": choices, "answer": [by_id[c["id"]] for c in q["answer"]],
                              "image": _image_url(lesson.folder, image) if image else ""})
        return questions

    def _common(self, lesson: Lesson, lang: str) -> View:
        view = self.views.lesson(lesson, lang)
        url = lesson_url(self.cur, lang, lesson.id, self.base_url)
        parts = self.parts(lesson, lang)
        return {
            "id": lesson.id, "lang": lang, "text_lang": view["text_lang"], "fallback": view["fallback"],
            "title": view["title"], "summary": view["summary"], "level": view["level"],
            "duration": view["duration"], "reviewed": view["reviewed"], "url": url, "short_url": short_url(url),
            "qr": _qr_mark(url), "steps": parts.steps, "safety": parts.safety,
        }

    def learner_view(self, lesson: Lesson, lang: str) -> View:
        """What a learner handout shows. Questions keep only their wording: no answer, feedback or explanation
        ever reaches the learner template."""
        key = (lesson.id, lang)
        if key not in self._learner:
            quiz = [{"type": q["type"], "prompt": q["prompt"], "quote": q["quote"], "image": q["image"],
                     "image_alt": q["image_alt"],
                     "choices": [{"id": c["id"], "label": c["label"]} for c in q["choices"]],
                     "short": all(len(c["label"]) <= SHORT_CHOICE for c in q["choices"])}
                    for q in self._quiz(lesson, lang)]
            self._learner[key] = {**self._common(lesson, lang), "quiz": quiz}
        return self._learner[key]

    def teacher_view(self, lesson: Lesson, lang: str) -> View:
        view = self.views.lesson(lesson, lang)
        quiz = self._quiz(lesson, lang)
        # Common mistakes are what the quiz already knows about them: the feedback on each wrong choice.
        mistakes = [{"n": n, "choice": c["label"], "feedback": c["feedback"]}
                    for n, q in enumerate(quiz, start=1) for c in q["choices"]
                    if not c["correct"] and c["feedback"] and q["type"] != "order"]
        return {
            **self._common(lesson, lang), "objectives": view["objectives"], "competences": view["competences"],
            "audiences": view["audiences"], "prerequisites": view["prerequisites"],
            "plan": timed_plan(lesson.duration), "materials": self.parts(lesson, lang).materials,
            "mistakes": mistakes, "quiz": quiz,
        }

    def course_view(self, course: Course, lang: str) -> View:
        view = self.views.course(course, lang)
        url = _absolute(self.base_url, self.paths.course(lang, course.id))
        return {**view, "url": url, "short_url": short_url(url), "qr": _qr_mark(url)}

    def document(self, template: str, lang: str, title: str, date: str, body_class: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            lang=lang, t=self.strings(lang), css=self.css, doc_title=title, doc_date=date, body_class=body_class,
            **context)

    def learner_html(self, lesson: Lesson, lang: str) -> str:
        h = self.learner_view(lesson, lang)
        t = self.strings(lang)
        return self.document("learner.html", lang, f"{h['title']} — {t['handout_learner']}", h["reviewed"],
                             "hv-learner", h=h)

    def teacher_html(self, lesson: Lesson, lang: str) -> str:
        g = self.teacher_view(lesson, lang)
        t = self.strings(lang)
        return self.document("teacher.html", lang, f"{g['title']} — {t['handout_teacher']}", g["reviewed"],
                             "hv-teacher", g=g)

    def class_pack_html(self, course: Course, lang: str) -> str:
        c = self.course_view(course, lang)
        lessons = [lesson for item in c["lessons"] if (lesson := self.cur.lesson(item["id"]))]
        handouts = [self.learner_view(lesson, lang) for lesson in lessons]
        dates = sorted(h["reviewed"] for h in handouts if h["reviewed"])
        columns = [c["lessons"][i:i + PROGRESS_COLUMNS] for i in range(0, len(c["lessons"]), PROGRESS_COLUMNS)]
        t = self.strings(lang)
        return self.document("class-pack.html", lang, f"{c['title']} — {t['class_pack']}",
                             dates[-1] if dates else "", "hv-pack", c=c, handouts=handouts,
                             progress_columns=columns, progress_rows=PROGRESS_ROWS)


def _choice_label(qtype: str, choice: View, t: Strings) -> str:
    # A true/false question without its own wording reads "True" / "False" in the reader's language.
    if qtype == "truefalse" and choice["text"] == choice["id"]:
        return t[choice["id"]]
    return str(choice["text"])


@cache
def _environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_learner_html(cur: Curriculum, lesson: Lesson, lang: str, base_url: str, *,
                        templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a lesson's learner handout: steps to tick, safety tips, the quiz as a worksheet (no answers),
    a QR code and the short URL of the online lesson, room for notes, licence and last-reviewed date."""
    return _with_qr(_Printer(cur, base_url, templates, strings).learner_html(lesson, lang))


def render_teacher_html(cur: Curriculum, lesson: Lesson, lang: str, base_url: str, *,
                        templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a lesson's teacher guide: objectives, a timed plan, materials, how to demonstrate, common
    mistakes, the answer key with explanations and a "can they do it alone?" checklist."""
    return _with_qr(_Printer(cur, base_url, templates, strings).teacher_html(lesson, lang))


def render_class_pack_html(cur: Curriculum, course: Course, lang: str, base_url: str, *,
                           templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a course's class pack: cover, contents, every learner handout and a progress sheet."""
    return _with_qr(_Printer(cur, base_url, templates, strings).class_pack_html(course, lang))


# --- rendering PDFs ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Job:
    handout: Handout
    html: str
    inputs: str
    """Content hash of everything the PDF is made from."""
    max_pages: int
    """0 for no limit."""
    source: str
    """The file a diagnostic about the whole handout points at."""
    images: tuple[ImageRef, ...]
    requires: tuple[str, ...] = ()
    """Other handouts whose errors stop this one (a class pack is written only if all its lessons are good)."""
    problems: tuple[Diagnostic, ...] = ()
    """Errors found before rendering (a missing image): the job is not rendered at all."""
    base_url: str = ""
    """The project folder as a file URL, against which the images of the HTML are found."""
    fill_notes: bool = False
    """Give the notes the rest of the last page (a single learner handout)."""


@dataclass(frozen=True)
class _Outcome:
    path: str
    pdf: bytes | None
    pages: int
    seconds: float
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ManifestEntry:
    """One PDF in manifest.json: what the site needs to link to it ("PDF, 180 KB") and to skip re-rendering."""

    path: str
    kind: Kind
    lang: str
    subject: str
    inputs: str
    sha256: str
    bytes: int
    pages: int


@dataclass(frozen=True)
class HandoutResult:
    written: tuple[str, ...]
    skipped: tuple[str, ...]
    """Unchanged since the last run, so not rendered again."""
    failed: tuple[str, ...]
    """Not written because of an error in their input (see diagnostics), or in one of their lessons."""
    removed: tuple[str, ...]
    """PDFs of an earlier run that are no longer wanted (or now have errors), deleted."""
    diagnostics: tuple[Diagnostic, ...]
    manifest: Mapping[str, ManifestEntry] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Render time of each written PDF, for benchmarks."""

    @property
    def ok(self) -> bool:
        return not self.diagnostics and not self.failed


def write_handouts(cur: Curriculum, out_dir: Path | str, base_url: str, *, jobs: int | None = None,
                   templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> HandoutResult:
    """Write every handout of the curriculum as out_dir/<lang>/..., plus out_dir/manifest.json.

    A PDF whose inputs (HTML from the templates and the curriculum, inlined CSS, image bytes, renderer
    version) hash as in the manifest, and whose file is still there, is not rendered again. The rest are
    rendered on `jobs` processes (default: every core). Only files listed in the previous manifest are ever
    deleted, so out_dir may hold other files.
    """
    out = Path(out_dir)
    old = read_manifest(out)
    known_bad = _read_failures(out)
    planned = _plan(_Printer(cur, base_url, templates, strings))
    # Errors are remembered like PDFs: an unchanged handout that was too long is reported, not laid out again.
    errors: dict[str, tuple[Diagnostic, ...]] = {}
    remembered: dict[str, tuple[str, tuple[Diagnostic, ...]]] = {}
    for job in planned:
        path = job.handout.path
        if job.problems:
            errors[path] = job.problems
        elif (bad := known_bad.get(path)) and bad[0] == job.inputs:
            errors[path] = bad[1]
            remembered[path] = bad
    done: dict[str, _Outcome] = {}
    inputs = {job.handout.path: job.inputs for job in planned}

    def todo(kinds: set[str]) -> list[_Job]:
        return [job for job in planned if job.handout.kind in kinds and job.handout.path not in errors
                and not _blocked(job, errors) and not _unchanged(job, old.get(job.handout.path), out)]

    def collect(outcome: _Outcome) -> None:
        if outcome.pdf is None:
            errors[outcome.path] = outcome.diagnostics
            remembered[outcome.path] = (inputs[outcome.path], outcome.diagnostics)
        else:
            done[outcome.path] = outcome

    # Lessons first, then class packs: a pack holding a handout that turned out too long is never laid out.
    _render_all(todo({"learner", "teacher"}), lambda: todo({"class-pack"}), jobs or os.cpu_count() or 1, collect)
    # A class pack is only as good as its lessons: without one of their handouts, it is not written.
    failed = set(errors) | {job.handout.path for job in planned if _blocked(job, errors)}

    manifest: dict[str, ManifestEntry] = {}
    written, skipped, seconds = [], [], {}
    for job in planned:
        hd = job.handout
        if hd.path in failed:
            continue
        if hd.path in done:
            result = done[hd.path]
            assert result.pdf is not None
            _write_atomic(out / hd.path, result.pdf)
            manifest[hd.path] = ManifestEntry(hd.path, hd.kind, hd.lang, hd.subject, job.inputs,
                                              hashlib.sha256(result.pdf).hexdigest(), len(result.pdf),
                                              result.pages)
            written.append(hd.path)
            seconds[hd.path] = result.seconds
        elif hd.path in old:
            manifest[hd.path] = old[hd.path]
            skipped.append(hd.path)
    # A PDF that now has errors is deleted too: an outdated handout must not stay online as if it were current.
    removed = [path for path in old if path not in manifest and _remove(out, path)]
    _write_atomic(out / MANIFEST, _manifest_json(manifest, remembered, base_url).encode("utf-8"))
    return HandoutResult(
        written=tuple(written), skipped=tuple(skipped),
        failed=tuple(job.handout.path for job in planned if job.handout.path in failed), removed=tuple(removed),
        diagnostics=tuple(sort_diagnostics(d for found in errors.values() for d in found)), manifest=manifest,
        seconds=seconds)


def _blocked(job: _Job, errors: Mapping[str, object]) -> bool:
    return any(path in errors for path in job.requires)


def _plan(printer: _Printer) -> list[_Job]:
    """Every handout's HTML and input hash, with the problems found before rendering (missing images)."""
    cur = printer.cur
    jobs: list[_Job] = []
    image_bytes: dict[str, bytes | None] = {}
    lessons_by_id = {lesson.id: lesson for lesson in cur.lessons}

    def images_of(lesson: Lesson, parts: Iterable[Part | None]) -> tuple[tuple[ImageRef, ...], list[Diagnostic]]:
        refs = [ref for part in parts if part for ref in part.images]
        for q in lesson.quiz.questions if lesson.quiz else ():
            if q.image:
                spot = q.spots.get("image", q.source)
                refs.append(_image_ref(printer.root_url, lesson.folder, q.image, spot.path, spot.line))
        problems = []
        for ref in refs:
            if ref.url not in image_bytes:
                image_bytes[ref.url] = _read_image(ref.url, printer.root_url)
            if image_bytes[ref.url] is None:
                problems.append(_unprintable(ref, lesson.id, printer.root_url))
        return tuple(refs), problems

    for lang in cur.config.codes:
        for lesson in cur.lessons:
            parts = printer.parts(lesson, lang)
            for handout, html, shown, limit in (
                    (Handout("learner", lang, lesson.id, learner_pdf(lang, lesson.id)),
                     printer.learner_html(lesson, lang), (parts.steps, parts.safety), LEARNER_MAX_PAGES),
                    (Handout("teacher", lang, lesson.id, teacher_pdf(lang, lesson.id)),
                     printer.teacher_html(lesson, lang), (parts.materials, parts.steps, parts.safety), 0)):
                images, problems = images_of(lesson, shown)
                jobs.append(_Job(handout, html, _hash(html, images, image_bytes), limit, parts.source, images,
                                 problems=tuple(problems), base_url=printer.root_url,
                                 fill_notes=handout.kind == "learner"))
        for course in cur.courses:
            members = [lessons_by_id[lid] for lid in course.lessons if lid in lessons_by_id]
            images = tuple(ref for lesson in members for ref in images_of(
                lesson, (printer.parts(lesson, lang).steps, printer.parts(lesson, lang).safety))[0])
            html = printer.class_pack_html(course, lang)
            jobs.append(_Job(Handout("class-pack", lang, course.id, class_pack_pdf(lang, course.id)), html,
                             _hash(html, images, image_bytes), 0, course.source.path, images,
                             requires=tuple(learner_pdf(lang, lesson.id) for lesson in members),
                             base_url=printer.root_url))
    return jobs


def _read_image(url: str, root_url: str) -> bytes | None:
    if not url.startswith(root_url):
        return None  # another host, or a file outside the project: not part of the lesson
    return _lesson_file(Path(unquote(urlsplit(root_url).path)), url)


def _unprintable(ref: ImageRef, lesson_id: str, root_url: str) -> Diagnostic:
    if not ref.url.startswith(root_url):
        return error(ref.path, ref.line, "handout-image",
                     f"image '{ref.src}' of lesson '{lesson_id}' is not a file of the lesson, so it cannot be printed",
                     "put the image in the lesson folder and link it by its file name")
    return error(ref.path, ref.line, "handout-image",
                 f"image '{ref.src}' of lesson '{lesson_id}' is missing, so its handouts cannot be printed",
                 "add the image to the lesson folder or fix its name (case matters)")


def _hash(html: str, images: Sequence[ImageRef], image_bytes: Mapping[str, bytes | None]) -> str:
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, _version("weasyprint"), _version("segno"), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for ref in sorted(set(images), key=lambda r: r.html_src):
        digest.update(ref.html_src.encode("utf-8"))
        digest.update(hashlib.sha256(image_bytes.get(ref.url) or b"").digest())
    return digest.hexdigest()


def _unchanged(job: _Job, entry: ManifestEntry | None, out: Path) -> bool:
    if entry is None or entry.inputs != job.inputs:
        return False
    try:
        return (out / job.handout.path).stat().st_size == entry.bytes
    except OSError:
        return False


def _by_cost(jobs: list[_Job]) -> list[_Job]:
    # Longest first (class packs hold a whole course), so no core idles at the end waiting for one big job.
    return sorted(jobs, key=lambda job: -len(job.html))


def _render_all(first: list[_Job], then: Callable[[], list[_Job]], workers: int,
                collect: Callable[[_Outcome], None]) -> None:
    """Render `first`, then the jobs `then` gives once those are done, on `workers` processes."""
    if not first and not then():
        return
    _weasyprint()  # imported once here, so forked workers share it instead of importing it each
    if workers <= 1 or not can_fork():
        for batch in (first, then()):
            for job in _by_cost(batch):
                collect(_render(job))
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for outcome in pool.imap_unordered(_render, _by_cost(first), chunksize=1):
            collect(outcome)
        for outcome in pool.imap_unordered(_render, _by_cost(then()), chunksize=1):
            collect(outcome)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _layout(html: str, base_url: str) -> Any:
    # Tagged PDF: screen readers and reflowing viewers get headings, lists and the language of the text.
    return _weasyprint().HTML(string=html, base_url=base_url, url_fetcher=_fetcher(base_url)).render(
        font_config=_font_config(), pdf_tags=True)


def _render(job: _Job) -> _Outcome:
    """Lay out one document, check it, and return its PDF (or the diagnostics that stop it)."""
    start = time.perf_counter()
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    html = _with_qr(job.html)
    try:
        document = _layout(html, job.base_url)
    finally:
        logger.removeHandler(collect)
    problems = _image_problems(job, collect.records) + _overflowing_images(job, document)
    pages = len(document.pages)
    if job.max_pages and pages > job.max_pages and not problems:
        hd = job.handout
        problems.append(error(
            job.source, 1, "handout-too-long",
            f"the learner handout of lesson '{hd.subject}' ({hd.lang}) needs {pages} pages; it must fit on "
            f"{job.max_pages}", "shorten the steps, the safety notes or the quiz, or split the lesson in two"))
    if problems:
        return _Outcome(job.handout.path, None, pages, time.perf_counter() - start, tuple(problems))
    if job.fill_notes and (more := _free_lines(document)) > 0:
        # Room for notes is whatever the last page has left: a second layout with that many more lines.
        filled = _layout(html.replace(NOTES_MARK, NOTES_LINE * more, 1), job.base_url)
        if len(filled.pages) == pages:
            document = filled
    pdf = document.write_pdf(pdf_tags=True)
    if unsafe := check_pdf_bytes(pdf):
        # Cannot happen with the URL fetcher and the sanitiser; if it ever does, nothing is published.
        raise RuntimeError(f"{job.handout.path} failed the PDF safety check: {'; '.join(unsafe)}")
    return _Outcome(job.handout.path, pdf, pages, time.perf_counter() - start, ())


def _free_lines(document: Any) -> int:
    """How many more note lines fit under the content of the last page (0 if WeasyPrint's boxes changed)."""
    page_box = getattr(document.pages[-1], "_page_box", None)
    if page_box is None or not page_box.children or not hasattr(page_box.children[0], "descendants"):
        return 0
    boxes = [box for box in page_box.children[0].descendants()
             if hasattr(box, "position_y") and hasattr(box, "margin_height")]
    lines = [box for box in boxes if box.element is not None and box.element_tag == "div"
             and "hv-notes__line" in (box.element.get("class") or "")]
    if not boxes or not lines:
        return 0
    pitch = lines[-1].margin_height()  # as print.css draws it, border included
    free = page_box.content_box_y() + page_box.height - max(box.position_y + box.margin_height() for box in boxes)
    return max(0, min(MAX_NOTES_LINES, int((free - 1) // pitch)))


def _image_problems(job: _Job, records: list[logging.LogRecord]) -> list[Diagnostic]:
    """WeasyPrint logs an image it cannot load and prints the page without it: that must be an error."""
    found = []
    for record in records:
        message = record.getMessage()
        if record.levelno < logging.ERROR or "image" not in message.lower():
            continue
        ref = next((r for r in job.images if r.url in message or (r.src and r.src in message)), None)
        path, line = (ref.path, ref.line) if ref else (job.source, 1)
        name = ref.src if ref else "?"
        found.append(error(path, line, "handout-image",
                           f"image '{name}' of lesson '{job.handout.subject}' cannot be read, so its handouts "
                           "cannot be printed", "save it again as a PNG, JPEG or SVG file in the lesson folder"))
    return found


def _overflowing_images(job: _Job, document: Any) -> list[Diagnostic]:
    """Images that stick out of their page would be cut off in print, so they are errors.

    WeasyPrint has no public API for box positions; this walks its page boxes, and checks nothing (rather
    than failing) if a future version changes them.
    """
    found = []
    by_src = {ref.html_src: ref for ref in job.images}
    for page in document.pages:
        box = getattr(page, "_page_box", None)
        if box is None or not hasattr(box, "descendants"):
            return []
        bottom = box.content_box_y() + box.height
        right = box.content_box_x() + box.width
        for child in box.descendants():
            element = getattr(child, "element", None)
            if getattr(child, "element_tag", None) != "img" or element is None:
                continue
            if type(child).__name__ not in ("BlockReplacedBox", "InlineReplacedBox"):
                continue
            too_tall = child.position_y + child.margin_height() > bottom + 1
            too_wide = child.position_x + child.margin_width() > right + 1
            if not (too_tall or too_wide):
                continue
            ref = by_src.get(element.get("src", ""))
            path, line, name = (ref.path, ref.line, ref.src) if ref else (job.source, 1, element.get("src", ""))
            cm = 2.54 / 96  # CSS pixels to centimetres
            size = (f"{child.margin_height() * cm:.0f} cm tall; a page has {box.height * cm:.0f} cm" if too_tall
                    else f"{child.margin_width() * cm:.0f} cm wide; a page has {box.width * cm:.0f} cm")
            found.append(error(path, line, "handout-image",
                               f"image '{name}' of lesson '{job.handout.subject}' is too large for the printed "
                               f"page ({size})",
                               f"crop it, or save it with fewer pixels: a page holds {box.width:.0f} × "
                               f"{box.height:.0f} pixels"))
    return found


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)  # a web server or a reader never sees half a PDF


def _remove(out: Path, path: str) -> bool:
    target = out / path
    if not target.is_file():
        return False
    target.unlink()
    parent = target.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return True


# --- the manifest -------------------------------------------------------------------------------------------

def _manifest_json(entries: Mapping[str, ManifestEntry], failures: Mapping[str, tuple[str, tuple[Diagnostic, ...]]],
                   base_url: str) -> str:
    files = {path: {"kind": e.kind, "lang": e.lang, "id": e.subject, "bytes": e.bytes, "pages": e.pages,
                    "sha256": e.sha256, "inputs": e.inputs} for path, e in sorted(entries.items())}
    failed = {path: {"inputs": inputs, "diagnostics": [d.as_dict() for d in found]}
              for path, (inputs, found) in sorted(failures.items())}
    return json.dumps({"version": 1, "base_url": base_url, "files": files, "failed": failed}, ensure_ascii=False,
                      indent=1) + "\n"


def read_manifest(out_dir: Path | str) -> dict[str, ManifestEntry]:
    """The PDFs of the last run, by path under out_dir; empty if there is no (readable) manifest."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text("utf-8"))
        return {path: ManifestEntry(path, e["kind"], e["lang"], e["id"], e["inputs"], e["sha256"], int(e["bytes"]),
                                    int(e["pages"])) for path, e in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _read_failures(out_dir: Path) -> dict[str, tuple[str, tuple[Diagnostic, ...]]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        return {path: (e["inputs"], tuple(
            Diagnostic(d["path"], d["line"], d["col"], Severity(d["severity"]), d["rule"], d["message"], d["hint"])
            for d in e["diagnostics"])) for path, e in data.get("failed", {}).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


# --- WeasyPrint, loaded only when something is rendered ---------------------------------------------------------

@cache
def _weasyprint() -> ModuleType:
    # Importing WeasyPrint takes about half a second: a rebuild with nothing to render never pays it.
    import weasyprint  # type: ignore[import-untyped]

    module: ModuleType = weasyprint
    return module


@cache
def _version(package: str) -> str:
    # Part of every hash: a new WeasyPrint or segno may draw a PDF differently from the same HTML.
    from importlib.metadata import version

    return version(package)


@cache
def _font_config() -> Any:
    # One per process: setting up fontconfig is the slowest part of a small document.
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    return FontConfiguration()


@cache
def _fetcher(root_url: str) -> Any:
    """WeasyPrint may load only the pictures a lesson page could show (hocvuso.assets: regular files of a
    lesson folder that really are pictures) and the print templates' own files: no other file of this
    machine, no other host, nothing to attach to a PDF."""
    urls = _weasyprint().urls
    base: Any = urls.URLFetcher
    root = Path(unquote(urlsplit(root_url).path))

    class LessonFiles(base):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            data = _lesson_file(root, url)
            if data is None:
                raise ValueError(f"not a picture of a lesson folder, so not loaded: {url}")
            kind = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(url, data, {"Content-Type": kind})

    return LessonFiles(allowed_protocols={"file"})


def _lesson_file(root: Path, url: str) -> bytes | None:
    """The bytes behind a file: URL if it is a publishable picture of a lesson folder or a print asset."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(posixpath.normpath(unquote(parts.path)))
    if path.is_relative_to(PRINT_DIR):
        real = path.resolve()
        return real.read_bytes() if real.is_relative_to(PRINT_DIR.resolve()) and real.is_file() else None
    if path.is_relative_to(root):
        return read_lesson_file(root, path.relative_to(root).as_posix())
    return None
