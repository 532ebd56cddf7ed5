"""The HTML of each printed document, from the typed views and the Jinja templates of overrides/print/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import SESSION_MINUTES, Course, Curriculum, Lesson
from .paths import with_qr
from .views import Printer

PROJECT = Path(__file__).resolve().parent.parent.parent
PRINT_DIR = PROJECT / "overrides" / "print"
"""Templates and stylesheet of the printed documents (beside the site's templates)."""
STRINGS_DIR = PROJECT / "overrides" / "strings"
PRINT_STRINGS = "strings"
"""Folder under the templates with the print documents' own strings, laid over the site's."""
STYLESHEET = "print.css"
NOTES_MARK = "<!--hv-more-notes-->"
NOTES_LINE = '<div class="hv-notes__line"></div>'

ATTENDANCE_ROWS = 30
"""Names on the attendance and progress sheets: a commune class is rarely larger."""
ATTENDANCE_COLUMNS = 10
"""Sessions per attendance table: a 55 mm name column and ten 12.5 mm date columns fill a portrait page."""
PROGRESS_COLUMNS = 20
"""Lessons per progress table, one page each: a 50 mm name column and twenty 6.5 mm tick columns."""


@cache
def environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def chunks(items: tuple[Any, ...], size: int) -> list[tuple[Any, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


class Documents:
    """The printer's views rendered as self-contained HTML documents (stylesheet inlined, so hashed too)."""

    def __init__(self, cur: Curriculum, base_url: str, templates: Path = PRINT_DIR,
                 strings: Path = STRINGS_DIR) -> None:
        self.printer = Printer(cur, base_url, strings, templates / PRINT_STRINGS)
        self.cur = cur
        self.env = environment(str(templates))
        # Our own stylesheet, inlined into <style>: trusted, it never holds curriculum text.
        self.css = Markup((templates / STYLESHEET).read_text("utf-8"))

    def document(self, template: str, lang: str, title: str, date: str, body_class: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            lang=lang, t=self.printer.strings(lang), css=self.css, doc_title=title, doc_date=date,
            body_class=body_class, sessions=SESSION_MINUTES, **context)

    def learner_html(self, lesson: Lesson, lang: str) -> str:
        h = self.printer.learner_view(lesson, lang)
        t = self.printer.strings(lang)
        return self.document("learner.html", lang, f"{h.head.title} — {t['handout_learner']}", h.head.reviewed,
                             "hv-learner", h=h)

    def teacher_html(self, lesson: Lesson, lang: str) -> str:
        g = self.printer.teacher_view(lesson, lang)
        t = self.printer.strings(lang)
        return self.document("teacher.html", lang, f"{g.head.title} — {t['handout_teacher']}", g.head.reviewed,
                             "hv-teacher", g=g)

    def class_pack_html(self, course: Course, lang: str) -> str:
        c = self.printer.course_view(course, lang)
        dates = sorted(s.learner.head.reviewed for s in c.sessions if s.learner.head.reviewed)
        t = self.printer.strings(lang)
        return self.document("class-pack.html", lang, f"{c.title} — {t['class_pack']}", dates[-1] if dates else "",
                             "hv-pack", c=c, attendance=chunks(c.sessions, ATTENDANCE_COLUMNS),
                             progress=chunks(c.sessions, PROGRESS_COLUMNS), rows=ATTENDANCE_ROWS)


def render_learner_html(cur: Curriculum, lesson: Lesson, lang: str, base_url: str, *,
                        templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a lesson's learner handout: the steps to tick, the example, safety tips, the quiz as a
    worksheet (no answers), a QR code and the short URL of the online lesson, room for notes."""
    return with_qr(Documents(cur, base_url, templates, strings).learner_html(lesson, lang))


def render_teacher_html(cur: Curriculum, lesson: Lesson, lang: str, base_url: str, *,
                        templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a lesson's teacher guide: the lesson plan (authored, or a generic plan that says so), the
    answer key with explanations, and a "can they do it alone?" checklist."""
    return with_qr(Documents(cur, base_url, templates, strings).teacher_html(lesson, lang))


def render_class_pack_html(cur: Curriculum, course: Course, lang: str, base_url: str, *,
                           templates: Path = PRINT_DIR, strings: Path = STRINGS_DIR) -> str:
    """The HTML of a course's teacher's book: cover, sessions in order (plan, materials, learner sheet),
    attendance sheet, progress sheet and completion record."""
    return with_qr(Documents(cur, base_url, templates, strings).class_pack_html(course, lang))
