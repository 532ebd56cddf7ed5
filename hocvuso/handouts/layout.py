"""WeasyPrint layout of one document, and the checks of the laid-out pages (images, length, layout faults).

WeasyPrint is imported only when something is rendered (it takes half a second). It has no public API for
box positions; the checks walk its page boxes, and check nothing (rather than fail) if a future version
changes them.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit

from ..assets import read_lesson_file
from ..diagnostic import Diagnostic, error
from ..pdfcheck import check_pdf_bytes
from .documents import NOTES_LINE, NOTES_MARK, PRINT_DIR
from .paths import Handout, with_qr
from .sections import ImageRef

MAX_NOTES_LINES = 20
MIN_NOTES_LINES = 2
_NOTES = re.compile(r"<!--hv-notes-->.*?<!--/hv-notes-->", re.DOTALL)
NEAR_EMPTY_MM = 19
"""A last page whose content ends this close to its top (three lines of 13 pt text or less) wastes paper."""
PDF_VARIANT = "pdf/ua-1"
"""PDF/UA-1: tagged, with title and language in the XMP metadata, for screen readers (~0.5 KB)."""


@dataclass(frozen=True)
class Job:
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
class Outcome:
    path: str
    pdf: bytes | None
    pages: int
    seconds: float
    diagnostics: tuple[Diagnostic, ...]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _layout(html: str, base_url: str) -> Any:
    # The document's one <style> (the theme's print.css, inlined so that it is part of the content hash) is
    # handed to WeasyPrint parsed once per process: parsing it and compiling its selectors took a sixth of
    # every layout. An author stylesheet either way, alone, so the cascade is the same.
    stylesheets = []
    if (style := _STYLE.search(html)) is not None:
        html = html[:style.start()] + html[style.end():]
        stylesheets.append(_stylesheet(style.group(1)))
    # Tagged PDF: screen readers and reflowing viewers get headings, lists and the language of the text.
    return _weasyprint().HTML(string=html, base_url=base_url, url_fetcher=_fetcher(base_url)).render(
        stylesheets=stylesheets, font_config=_font_config(), pdf_tags=True)


def render(job: Job) -> Outcome:
    """Lay out one document, check it, and return its PDF (or the diagnostics that stop it)."""
    start = time.perf_counter()
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    html = with_qr(job.html)
    # A single learner handout gives its notes the rest of its last page: laid out with all MAX_NOTES_LINES
    # lines, which may run on past the lesson's last page; those extra pages are then left out of the PDF
    # (`content` is the page count without them). Only when fewer than MIN_NOTES_LINES lines fit is the sheet
    # laid out a second time, without notes, so that they never push it onto a new page.
    notes = job.fill_notes and NOTES_MARK in html
    try:
        if notes:
            full = html.replace(NOTES_MARK, NOTES_LINE * MAX_NOTES_LINES, 1)
            document = _layout(full, job.base_url)
            content, lines = _notes_fit(document)
            if lines < MIN_NOTES_LINES:
                html = _NOTES.sub("", html)
            elif content == len(document.pages) or not _counts_all_pages(full):
                html = full
            else:
                # A site's own print.css that numbers pages by counter(pages) would print "1 / 3" on a sheet
                # cut from three laid-out pages to two: laid out again with just the lines that fit.
                html = html.replace(NOTES_MARK, NOTES_LINE * lines, 1)
            if html is not full:
                document = _layout(html, job.base_url)
                content = len(document.pages)
        else:
            document = _layout(html, job.base_url)
            content = len(document.pages)
    finally:
        logger.removeHandler(collect)
    problems = _image_problems(job, collect.records) + _overflowing_images(job, document)
    pages = content
    if job.max_pages and pages > job.max_pages and not problems:
        hd = job.handout
        problems.append(error(
            job.source, 1, "handout-too-long",
            f"the learner handout of lesson '{hd.subject}' ({hd.lang}) needs {pages} pages; it must fit on "
            f"{job.max_pages}", "shorten the steps, the example, the safety notes or the quiz, split the lesson in "
            "two, or declare a longer sheet in lesson.yml (handout_pages: 3)"))
    if not problems:
        faults = layout_faults(job, html, document, pages)
        if faults and job.handout.kind != "learner":
            # A guide or book a little too long for its last page is set a little tighter once (print.css,
            # .hv-tight) before its faults count: a teacher gets the same text on one sheet less.
            tight = html.replace('<body class="', '<body class="hv-tight ', 1)
            retry = _layout(tight, job.base_url)
            if not (again := layout_faults(job, tight, retry, len(retry.pages))):
                html, document, pages, faults = tight, retry, len(retry.pages), again
        problems += faults
    if problems:
        return Outcome(job.handout.path, None, pages, time.perf_counter() - start, tuple(problems))
    if pages < len(document.pages):
        document = document.copy(document.pages[:pages])  # the note lines that ran on past the last page
    pdf = document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)
    if unsafe := check_pdf_bytes(pdf):
        # Cannot happen with the URL fetcher and the sanitiser; if it ever does, nothing is published.
        raise RuntimeError(f"{job.handout.path} failed the PDF safety check: {'; '.join(unsafe)}")
    return Outcome(job.handout.path, pdf, pages, time.perf_counter() - start, ())


_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_PAGES = re.compile(r"counter\(\s*pages\s*\)")


def _counts_all_pages(html: str) -> bool:
    style = _STYLE.search(html)
    return bool(style and _PAGES.search(_COMMENT.sub("", style.group(1))))


def _notes_fit(document: Any) -> tuple[int, int]:
    """The pages of the lesson itself (up to its last line outside the notes) and how many note lines are on
    the last of them; (0, 0) if WeasyPrint's boxes changed."""
    content, lines = 0, 0
    for number, page in enumerate(document.pages, start=1):
        page_box = getattr(page, "_page_box", None)
        if page_box is None or not page_box.children:
            return 0, 0
        here = 0
        for box, classes in _walk(page_box.children[0]):
            kind = type(box).__name__
            if "hv-notes__line" in _class(box).split():
                here += 1
            elif kind == "LineBox" and "hv-footer" not in classes and "hv-notes" not in classes:
                content, lines = number, 0
        if content == number:
            lines = here
    return content, lines


_HINT = re.compile(r"\((?:chọn|hãy chọn|choose|select|tick|đánh dấu|ghi số|write)\b[^)]*\)", re.IGNORECASE)
_PROMPT = re.compile(r'<p class="hv-question__prompt">(.*?)</p>', re.DOTALL)
_MM = 96 / 25.4  # CSS pixels per millimetre


def _fault(job: Job, what: str, hint: str = "") -> Diagnostic:
    hd = job.handout
    return error(job.source, 1, "handout-layout", f"the {hd.kind} handout {hd.path} {what}",
                 hint or "shorten or reorder the text near that place; if the fault comes from the print "
                         "templates, report it")


def _class(box: Any) -> str:
    element = getattr(box, "element", None)
    return str(element.get("class") or "") if element is not None else ""


def _walk(box: Any, classes: frozenset[str] = frozenset()) -> Iterator[tuple[Any, frozenset[str]]]:
    """Every box under `box` with the classes of its element and of all its ancestors' elements."""
    own = frozenset(_class(box).split())
    here = classes | own
    yield box, here
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child, here)


def layout_faults(job: Job, html: str, document: Any, pages: int | None = None) -> list[Diagnostic]:
    """Faults a teacher would notice on paper: a heading alone at a page foot, a question or a table cut in
    two, a last page with three lines or less, the answering hint printed twice. `pages`: how many of the
    document's pages are printed (the note lines that ran on past them are not), by default all."""
    found = []
    for prompt in _PROMPT.findall(html):
        if len(_HINT.findall(prompt)) > 1:
            text = re.sub(r"<[^>]+>", "", prompt).strip()
            found.append(_fault(job, f"prints the answering hint twice in the question “{text[:60]}”",
                                "keep one hint in the prompt of quiz.<language>.yml (the handout adds none when "
                                "the prompt ends with one)"))
    pages_of: dict[int, set[int]] = {}
    names: dict[int, str] = {}
    last = len(document.pages) if pages is None else pages
    for number, page in enumerate(document.pages[:last], start=1):
        page_box = getattr(page, "_page_box", None)
        if page_box is None or not page_box.children:
            return found
        lines, headings, leaves = [], [], []
        for box, classes in _walk(page_box.children[0]):
            tag = getattr(box, "element_tag", None)
            element = getattr(box, "element", None)
            if element is None or not hasattr(box, "position_y"):
                continue
            kind = type(box).__name__
            if kind == "TableBox" or (kind == "BlockBox" and "hv-question" in _class(box).split()):
                pages_of.setdefault(id(element), set()).add(number)
                names[id(element)] = "question" if kind == "BlockBox" else "table"
            if kind == "LineBox" and "hv-footer" not in classes and "hv-notes" not in classes:
                lines.append(box)
            if kind == "BlockBox" and tag in ("h2", "h3"):
                headings.append(box)
            if "hv-footer" not in classes and (kind == "LineBox" or not getattr(box, "children", None)):
                leaves.append(box)
        if headings and lines and number < last:
            heading = max(headings, key=lambda b: b.position_y)
            bottom = heading.position_y + heading.margin_height() - 1
            if not any(leaf.position_y >= bottom for leaf in leaves):
                text = "".join(heading.element.itertext()).strip()
                found.append(_fault(job, f"leaves the heading “{text[:60]}” alone at the foot of page {number}"))
        if number == last > 1 and job.handout.kind != "learner":  # a learner's last page gets note lines
            used = (max(b.position_y + b.margin_height() for b in lines) - page_box.content_box_y()) / _MM \
                if lines else 0
            if used < NEAR_EMPTY_MM:
                found.append(_fault(job, f"ends on a page with only {used:.0f} mm of content (page {number})"))
    for key, spread in pages_of.items():
        if len(spread) > 1:
            found.append(_fault(job, f"splits a {names[key]} across pages {min(spread)}–{max(spread)}"))
    return found


def _image_problems(job: Job, records: list[logging.LogRecord]) -> list[Diagnostic]:
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


def _overflowing_images(job: Job, document: Any) -> list[Diagnostic]:
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


# --- WeasyPrint, loaded only when something is rendered ---------------------------------------------------------

@cache
def _weasyprint() -> ModuleType:
    # Importing WeasyPrint takes about half a second: a rebuild with nothing to render never pays it.
    import weasyprint  # type: ignore[import-untyped]

    module: ModuleType = weasyprint
    return module


@cache
def _font_config() -> Any:
    # One per process: setting up fontconfig is the slowest part of a small document.
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    return FontConfiguration()


@cache
def _stylesheet(text: str) -> Any:
    # Keyed on the text: a site's own print.css is another stylesheet. The markup escaped nothing in it (it
    # is the theme's file, never curriculum text), so it is the text WeasyPrint would have read from <style>.
    return _weasyprint().CSS(string=text, font_config=_font_config())


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
