"""The HTML of each printed document, from the typed views and the theme's Jinja print templates (themefiles.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import SESSION_MINUTES, Course, Curriculum, Lesson
from ..themefiles import PACKAGE_THEME, PRINT, ThemeFiles
from .paths import with_qr
from .views import Printer

PRINT_DIR = PACKAGE_THEME / PRINT
"""The package's templates and stylesheet of the printed documents (a site's theme folder overrides them)."""
STYLESHEET = f"{PRINT}/print.css"
NOTES_MARK = "<!--hv-more-notes-->"
NOTES_LINE = '<div class="hv-notes__line"></div>'

ATTENDANCE_ROWS = 30
"""Names on the attendance and progress sheets: a commune class is rarely larger."""
ATTENDANCE_COLUMNS = 10
"""Sessions per attendance table: a 55 mm name column and ten 12.5 mm date columns fill a portrait page."""
PROGRESS_COLUMNS = 20
"""Lessons per progress table, one page each: a 50 mm name column and twenty 6.5 mm tick columns."""


@cache
def environment(folders: tuple[str, ...]) -> jinja2.Environment:
    """Print templates searched file by file in the theme folders, the site's first."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(list(folders)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def chunks(items: tuple[Any, ...], size: int) -> list[tuple[Any, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


class Documents:
    """The printer's views rendered as self-contained HTML documents (stylesheet inlined, so hashed too)."""

    def __init__(self, cur: Curriculum, base_url: str, theme: ThemeFiles | None = None) -> None:
        self.theme = theme or ThemeFiles()
        self.printer = Printer(cur, base_url, self.theme)
        self.cur = cur
        self.env = environment(self.theme.print_templates)
        # The theme's stylesheet, inlined into <style>: the site's own files, never curriculum text.
        self.css = Markup(self.theme.find(STYLESHEET).read_text("utf-8"))

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
                        theme: ThemeFiles | None = None) -> str:
    """The HTML of a lesson's learner handout: the steps to tick, the example, safety tips, the quiz as a
    worksheet (no answers), a QR code and the short URL of the online lesson, room for notes."""
    return with_qr(Documents(cur, base_url, theme).learner_html(lesson, lang))


def render_teacher_html(cur: Curriculum, lesson: Lesson, lang: str, base_url: str, *,
                        theme: ThemeFiles | None = None) -> str:
    """The HTML of a lesson's teacher guide: the lesson plan (authored, or a generic plan that says so), the
    answer key with explanations, and a "can they do it alone?" checklist."""
    return with_qr(Documents(cur, base_url, theme).teacher_html(lesson, lang))


def render_class_pack_html(cur: Curriculum, course: Course, lang: str, base_url: str, *,
                           theme: ThemeFiles | None = None) -> str:
    """The HTML of a course's teacher's book: cover, sessions in order (plan, materials, learner sheet),
    attendance sheet, progress sheet and completion record."""
    return with_qr(Documents(cur, base_url, theme).class_pack_html(course, lang))
