"""The live preview (`mkdocs serve`): curriculum errors shown on every page, and pages that reload by themselves.

When an edit breaks the curriculum, the preview keeps the last good site and puts the list of errors (file:line,
rule, message) at the top of every page, as plain HTML: the pages' Content-Security-Policy allows no inline
script, and none is needed. MkDocs' own reload script is inline, so the policy blocks it; PREVIEW_SCRIPT, a
file of the site (script-src 'self'), does the same long poll, so a page shows the errors, and returns to the
lesson, a moment after each save. Neither is ever part of a built site: both are added only while serving.

A save rebuilds only what it changed (`mkdocs serve --dirty`, what `make serve` runs): the plugin re-reads the
changed lessons (`hocvuso.validate.revalidate`), rewrites only the generated pages whose text changed, and
`ShownPages` says which other pages show something that changed (a course page lists its lessons' titles);
their output is removed so MkDocs renders them again. When the list of errors changes, the pages on disk get
the new list in place (`restamp_error_banner`) rather than being rendered again. The CSS purge and the asset
fingerprints of the published build are left out (pages link the full stylesheets, which the policy allows).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .assets import published_names
from .diagnostic import Diagnostic
from .model import Curriculum, Lesson
from .site import GENERATED_DIR

ERROR_BANNER_ID = "hv-build-errors"
PREVIEW_SCRIPT_PATH = "assets/hv-preview.js"

# Reads the epoch from MkDocs' (blocked) inline script and asks the server, as it would, for a newer build.
PREVIEW_SCRIPT = """\
(function () {
  "use strict";
  var found = null;
  for (var i = 0; i < document.scripts.length && !found; i++) {
    found = /livereload\\((\\d+), (\\d+)\\)/.exec(document.scripts[i].textContent || "");
  }
  if (!found) { return; }
  var epoch = Number(found[1]), id = found[2];
  function poll() {
    fetch("/livereload/" + epoch + "/" + id, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (text) { if (Number(text) > epoch) { location.reload(); } else { poll(); } },
            function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


def render_error_banner(page_html: str, errors: Sequence[Diagnostic], lang: str, limit: int = 20) -> str:
    """`page_html` with the curriculum's errors at the top of <body> (escaped; no script, no style)."""
    if lang == "vi":
        title = f"Chương trình học có {len(errors)} lỗi: trang này là bản cũ, chưa có thay đổi mới nhất."
        tail = "Sửa các lỗi rồi lưu tệp: trang tự tải lại."
    else:
        title = f"The curriculum has {len(errors)} error(s): this page is the last good version."
        tail = "Fix them and save: the page reloads by itself."
    items = []
    for d in errors[:limit]:
        text = d.as_text(lang).split(f"[{d.rule}] ", 1)[-1]
        items.append(f"<li><code>{html.escape(f'{d.path}:{d.line}')}</code> [{html.escape(d.rule)}] "
                     f"{html.escape(text)}</li>")
    if len(errors) > limit:
        items.append(f"<li>… +{len(errors) - limit}</li>")
    banner = (f'<div id="{ERROR_BANNER_ID}" class="hv-notice" role="alert" lang="{lang}">'
              f"<p><strong>{html.escape(title)}</strong></p><ul>{''.join(items)}</ul>"
              f"<p>{html.escape(tail)}</p></div>")
    start = page_html.find("<body")
    end = page_html.find(">", start) if start >= 0 else -1
    if end < 0:
        return banner + page_html
    return page_html[: end + 1] + banner + page_html[end + 1:]


def add_preview_script(page_html: str, src: str) -> str:
    """A deferred external script before </body> (the policy allows scripts of the site itself)."""
    tag = f'<script src="{html.escape(src)}" defer></script>'
    end = page_html.rfind("</body>")
    return page_html + tag if end < 0 else page_html[:end] + tag + page_html[end:]


def write_preview_script(site_dir: Path) -> None:
    target = site_dir / PREVIEW_SCRIPT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text("utf-8") != PREVIEW_SCRIPT:
        target.write_text(PREVIEW_SCRIPT, "utf-8")


def strip_error_banner(page_html: str) -> str:
    """`page_html` without the list of errors `render_error_banner` put there (it holds no <div> of its own)."""
    start = page_html.find(f'<div id="{ERROR_BANNER_ID}"')
    if start < 0:
        return page_html
    end = page_html.find("</div>", start)
    return page_html if end < 0 else page_html[:start] + page_html[end + len("</div>"):]


def restamp_error_banner(page: Path, errors: Sequence[Diagnostic], lang: str) -> bool:
    """Give a page already on disk the current list of errors (or none), without rendering it again: a few
    milliseconds, where rendering every page again took seconds. False when the page was right already."""
    text = page.read_text("utf-8")
    new = strip_error_banner(text)
    if errors:
        new = render_error_banner(new, errors, lang)
    if new == text:
        return False
    page.write_text(new, "utf-8")
    return True


# --- which pages a save puts out of date ------------------------------------------------------------------

Listing = tuple[object, ...]


def lesson_listing(cur: Curriculum, lesson: Lesson) -> Listing:
    """What pages other than the lesson's own show of a lesson: titles and summaries, level, duration, skills,
    audiences, prerequisites, quiz questions (coverage counts them) and published pictures (a course's
    "save for offline" list names them). A change elsewhere (the body, the quiz wording) shows on its pages only."""
    return (
        tuple(sorted((lang, text.title, text.summary) for lang, text in lesson.texts.items())),
        lesson.duration, lesson.complete,
        tuple((t.competence, t.level) for t in lesson.competences),
        lesson.audiences, lesson.prerequisites,
        tuple((q.id, q.competence, q.level) for q in (lesson.quiz.questions if lesson.quiz else ())),
        tuple(published_names(cur.root, lesson)),
    )


@dataclass(frozen=True)
class Rerender:
    """Pages of the preview to render again (`mkdocs serve --dirty` renders only pages whose Markdown changed;
    generated pages also show what other files say)."""

    everything: bool = False
    lessons: frozenset[str] = frozenset()
    """Lessons whose pages, in every language, show something new (text, quiz, translation notice)."""
    listings: bool = False
    """Every page but the lesson pages: course, audience, skills, coverage, translation pages and the home."""
    translations: bool = False
    """The translation status pages (a text changed: its translations may now be out of date)."""

    def covers(self, src_uri: str) -> bool:
        """Whether the page of this source (a path under docs/, as MkDocs names it) is to be rendered again."""
        if self.everything:
            return True
        lessons = f"{GENERATED_DIR}/lessons/"
        if src_uri.startswith(lessons):
            return src_uri[len(lessons):].split("/", 1)[0] in self.lessons
        return self.listings or (self.translations and src_uri.startswith(f"{GENERATED_DIR}/translations/"))

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.lessons or self.listings or self.translations)

    def __or__(self, other: Rerender) -> Rerender:
        return Rerender(self.everything or other.everything, self.lessons | other.lessons,
                        self.listings or other.listings, self.translations or other.translations)


class ShownPages:
    """The curriculum the preview's pages on disk were rendered from, to tell which pages a new one puts out of
    date. Lessons whose model object is the same (`hocvuso.validate.revalidate` keeps the objects of lessons
    whose files did not change) are not looked at again."""

    def __init__(self) -> None:
        self.cur: Curriculum | None = None
        self.listings: dict[str, Listing] = {}

    def update(self, cur: Curriculum) -> Rerender:
        """Record `cur` as what the pages show, and say which pages must be rendered again for that."""
        before, self.cur = self.cur, cur
        if before is None or any(getattr(before, name) != getattr(cur, name) for name in _SHARED):
            self.listings = {lesson.id: lesson_listing(cur, lesson) for lesson in cur.lessons}
            return Rerender(everything=before is not None)
        if [lesson.id for lesson in before.lessons] != [lesson.id for lesson in cur.lessons]:
            self.listings = {lesson.id: lesson_listing(cur, lesson) for lesson in cur.lessons}
            return Rerender(everything=True)
        changed = {lesson.id for old, lesson in zip(before.lessons, cur.lessons, strict=True)
                   if old is not lesson and old != lesson}
        listed = set()
        for lid in changed:
            lesson = cur.lesson(lid)
            assert lesson is not None
            listing = lesson_listing(cur, lesson)
            if listing != self.listings.get(lid):
                self.listings[lid] = listing
                listed.add(lid)
        if listed:  # lessons that link to them: as prerequisite, or before and after them in a course
            mates = {other for c in cur.courses if listed & set(c.lessons) for other in c.lessons}
            changed |= mates | {lesson.id for lesson in cur.lessons if listed & set(lesson.prerequisites)}
        return Rerender(lessons=frozenset(changed), listings=bool(listed), translations=bool(changed))


_SHARED = ("root", "config", "framework", "frameworks", "audiences", "courses", "glossary")
"""Everything of the model but the lessons: a change there may show on any page."""
