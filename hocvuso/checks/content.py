"""Markdown quality: links and anchors resolve, images exist and are small and described, headings nest,
no placeholder text, everything in Unicode NFC."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostic import Diagnostic, error, warning
from ..language import LANGUAGE_NAMES, guess_language
from ..model import Lesson, LessonText
from ..text import first_non_nfc
from . import CheckContext

_PLACEHOLDER = re.compile(r"\b(TODO|FIXME|TBD|XXX|lorem ipsum)\b|\[\.\.\.\]|…\s*$|^\s*\.\.\.\s*$", re.IGNORECASE)
_LANG_MD = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?\.md$")


def check_markdown(ctx: CheckContext) -> Iterator[Diagnostic]:
    starters = _starter_sentences()
    for lesson in ctx.cur.lessons:
        for text in lesson.texts.values():
            yield from _check_text(ctx, lesson, text)
            yield from _check_unwritten(ctx, lesson, text, starters)
        if lesson.quiz is not None:
            yield from _check_quiz_language(lesson)


def _starter_sentences() -> dict[str, tuple[str, ...]]:
    """Per language, the sentences scripts/new_lesson.py writes that are only there to be replaced (the safety
    advice is left out: it is true in every lesson and may well be kept)."""
    from ..scaffold import STARTERS  # the scaffold validates what it writes: import late to avoid a cycle

    return {lang: (*s.steps, s.example, s.objective, s.summary) for lang, s in STARTERS.items()}


def _check_unwritten(ctx: CheckContext, lesson: Lesson, text: LessonText,
                     starters: dict[str, tuple[str, ...]]) -> Iterator[Diagnostic]:
    """Text that is there but not really written: starter sentences, the wrong language, no summary."""
    path = text.source.path
    if not text.summary.strip():
        yield warning(path, 1, "md-summary-missing", f"lesson '{lesson.id}' has no summary",
                      "add a one-sentence summary: to the front matter")
    raw = ctx.loaded.texts.get(path, "")
    sentences = [s for lang_sentences in starters.values() for s in lang_sentences]
    for number, raw_line in enumerate(raw.splitlines(), 1):
        for sentence in sentences:
            if sentence in raw_line:
                yield warning(path, number, "text-starter",
                              f"starter text from new_lesson.py left unchanged: '{sentence[:50]}'",
                              "replace it with the lesson's own content")
                break
    other = _other_language(text.lang)
    if other is None:
        return
    for line, prose in ctx.markdown(text).text_lines:
        if guess_language(prose) == other:
            yield warning(path, line, "text-wrong-language",
                          f"this paragraph looks like {LANGUAGE_NAMES[other]}, not {LANGUAGE_NAMES[text.lang]}",
                          f"write this paragraph in {LANGUAGE_NAMES[text.lang]} (or move it to the {other}.md file)")


def _other_language(lang: str) -> str | None:
    """The language text in a `lang` file is most likely to be by mistake (a copy of the source, or the source
    written in the translation's language): only the pair the heuristic knows."""
    return {"vi": "en", "en": "vi"}.get(lang)


def _check_quiz_language(lesson: Lesson) -> Iterator[Diagnostic]:
    assert lesson.quiz is not None
    for question in lesson.quiz.questions:
        for lang, wording in question.texts.items():
            other = _other_language(lang)
            if other is None:
                continue
            texts = [wording.prompt, wording.explanation, *(c.text for c in wording.choices.values())]
            if guess_language(" ".join(texts)) == other:  # one question's words together: enough to judge
                src = wording.source
                yield warning(src.path, src.line, "text-wrong-language",
                              f"this paragraph looks like {LANGUAGE_NAMES[other]}, not {LANGUAGE_NAMES[lang]}",
                              f"write this paragraph in {LANGUAGE_NAMES[lang]} (or move it to the "
                              f"quiz.{other}.yml file)", col=src.col)


def _check_text(ctx: CheckContext, lesson: Lesson, text: LessonText) -> Iterator[Diagnostic]:
    path = text.source.path
    md = ctx.markdown(text)
    if not any(line.strip() for _, line in md.text_lines):
        yield error(path, text.body_line, "md-empty", f"lesson '{lesson.id}' has no text in {path}",
                    "write the lesson below the front matter")
    for line, prose in md.text_lines:
        if _PLACEHOLDER.search(prose):
            yield error(path, line, "md-placeholder", f"placeholder text left in the lesson: '{prose.strip()[:50]}'",
                        "replace it with the real content")
    previous = 1  # the page title, from front matter, is the only level-1 heading
    for heading in md.headings:
        if heading.level == 1:
            yield warning(path, heading.line, "md-heading-skip",
                          f"level-1 heading '{heading.text}': the lesson title is already the page heading",
                          "start sections with '## '")
        elif heading.level > previous + 1:
            yield warning(path, heading.line, "md-heading-skip",
                          f"heading '{heading.text}' jumps from level {previous} to {heading.level}",
                          f"use {'#' * (previous + 1)} here so screen-reader users can follow the structure")
        previous = heading.level
    for image in md.images:
        if not image.alt.strip():
            yield error(path, image.line, "md-image-alt", f"image '{image.src}' has no alt text",
                        "describe what the picture shows: ![Phone showing the VNeID home screen](file.png)")
        parts = urlsplit(image.src)
        if parts.scheme or parts.netloc:
            continue  # reported by the safety check (resources from other hosts)
        target = _join(lesson.folder, unquote(parts.path))
        if target not in ctx.files:
            yield error(path, image.line, "md-missing-image", f"image '{image.src}' not found",
                        f"put the file in {lesson.folder}/ or fix the name (names are case-sensitive)")
            continue
        try:
            size = (Path(ctx.root) / target).lstat().st_size
        except OSError:
            continue  # a dangling link: reported as file-not-regular by the assets check
        if size > ctx.cur.config.image_bytes:
            yield error(path, image.line, "md-image-size",
                        f"image '{image.src}' is {size // 1000} KB, over the {ctx.cur.config.image_bytes // 1000} KB "
                        "budget", "learners pay per MB: resize it (at most 800 px wide) and save as WebP or SVG")
    for link in md.links:
        yield from _check_link(ctx, lesson, text, link.target, link.line)


def _join(folder: str, target: str) -> str:
    """Project-relative path of `target` seen from `folder`, without touching the file system."""
    return posixpath.normpath(posixpath.join(folder, target))


def _check_link(ctx: CheckContext, lesson: Lesson, text: LessonText, target: str, line: int) -> Iterator[Diagnostic]:
    path = text.source.path
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("mailto:"):
        return
    anchor = unquote(parts.fragment)
    if not parts.path:
        if anchor and anchor not in ctx.markdown(text).anchors:
            yield error(path, line, "md-broken-anchor", f"link to '#{anchor}', but no heading on this page has it",
                        _anchor_hint(ctx.markdown(text).anchors))
        return
    resolved = _join(lesson.folder, unquote(parts.path))
    fallback = False
    if f"{resolved}/lesson.yml" in ctx.files:
        # ../other-lesson/ means the same language; the site shows the source text until it is translated.
        if f"{resolved}/{text.lang}.md" in ctx.files:
            resolved = f"{resolved}/{text.lang}.md"
        else:
            resolved, fallback = f"{resolved}/{ctx.cur.config.source_language}.md", True
    if resolved not in ctx.files:
        yield error(path, line, "md-broken-link", f"link to '{target}', which does not exist",
                    _link_hint(ctx, lesson, unquote(parts.path)))
        return
    # Anchors into a fallback page are not checked: the translation, once written, brings its own headings.
    name = posixpath.basename(resolved)
    if anchor and not fallback and _LANG_MD.match(name):
        other = ctx.cur.lesson(posixpath.basename(posixpath.dirname(resolved)))
        other_text = other.texts.get(name[: -len(".md")]) if other else None
        if other_text is not None:
            anchors = ctx.markdown(other_text).anchors
            if anchor not in anchors:
                yield error(path, line, "md-broken-anchor",
                            f"link to '{target}', but that lesson has no heading '#{anchor}'", _anchor_hint(anchors))


def _link_hint(ctx: CheckContext, lesson: Lesson, target: str) -> str:
    """"Did you mean" the lesson whose id is closest to the folder the link names (../safe-payy/)."""
    resolved = _join(lesson.folder, target)
    lessons_dir = posixpath.dirname(lesson.folder)
    if posixpath.dirname(resolved) == lessons_dir or posixpath.dirname(posixpath.dirname(resolved)) == lessons_dir:
        name = posixpath.relpath(resolved, lessons_dir).split("/")[0]
        ids = [other.id for other in ctx.cur.lessons]
        close = difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
        if close:
            return f"did you mean the lesson '{close[0]}'? link to it as ../{close[0]}/"
    return "link to another lesson as ../lesson-id/ or ../lesson-id/vi.md (check the spelling)"


def _anchor_hint(anchors: set[str]) -> str:
    shown = ", ".join(sorted(anchors)[:6])
    return f"anchors there: {shown}" if shown else "that page has no headings to link to"


def check_nfc(ctx: CheckContext) -> Iterator[Diagnostic]:
    for path, raw in ctx.loaded.texts.items():
        where = first_non_nfc(raw)
        if where is not None:
            line, col = where
            yield error(path, line, "text-not-nfc", "text is not in Unicode NFC (decomposed accents)",
                        "tone marks typed as separate characters break search and sorting; re-save the file as NFC "
                        "(e.g. run: python -m hocvuso.nfc FILE)", col=col)
