"""Content from a pull request must not run code or load anything from another host.

Learners' data and bandwidth stay home: links to official sites are fine, but an image, script, frame or
style fetched from elsewhere is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..diagnostic import Diagnostic, error
from . import CheckContext

_TAGS = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet|base|meta|form)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
_JS_URL = re.compile(r"""(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):""",
                     re.IGNORECASE)
_REMOTE_ATTR = re.compile(
    r"""<\s*(img|link|video|audio|source|track|input|image|use)\b[^>]*?\s(?:src|href|srcset|poster|data)\s*=\s*"""
    r"""["']?\s*((?:https?:)?//[^\s"'>]+)""", re.IGNORECASE | re.DOTALL)
_CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*((?:https?:)?//[^\s"')]+)""", re.IGNORECASE)

HINT_REMOTE = "save the file in the lesson folder and link it locally; learners must not load anything from other sites"


def scan_html(fragment: str) -> Iterator[tuple[str, str, str]]:
    """(rule, message, hint) for each unsafe construct in an HTML fragment."""
    for match in _TAGS.finditer(fragment):
        tag = match.group(1).lower()
        yield ("unsafe-html", f"raw <{tag}> is not allowed in lessons",
               "describe the content in Markdown; scripts, frames and embeds are removed for learners' safety")
    for match in _HANDLER.finditer(fragment):
        yield ("unsafe-html", f"inline event handler '{match.group(1)}=' is not allowed",
               "remove the attribute; lessons cannot run scripts")
    for match in _JS_URL.finditer(fragment):
        yield ("unsafe-url", f"a {match.group(1).lower()}: address is not allowed", "link to a normal page instead")
    for match in _REMOTE_ATTR.finditer(fragment):
        yield "external-resource", f"<{match.group(1).lower()}> loads '{match.group(2)}' from another host", HINT_REMOTE
    for match in _CSS_REMOTE.finditer(fragment):
        yield "external-resource", f"a style loads '{match.group(1)}' from another host", HINT_REMOTE


def check_safety(ctx: CheckContext) -> Iterator[Diagnostic]:
    for lesson in ctx.cur.lessons:
        for text in lesson.texts.values():
            path = text.source.path
            md = ctx.markdown(text)
            for html in md.html:
                for rule, message, hint in scan_html(html.text):
                    yield error(path, html.line, rule, message, hint)
            for image in md.images:
                parts = urlsplit(image.src)
                if parts.scheme in ("http", "https") or image.src.startswith("//"):
                    yield error(path, image.line, "external-resource",
                                f"image '{image.src}' is loaded from another host", HINT_REMOTE)
                elif parts.scheme in ("javascript", "data", "vbscript"):
                    yield error(path, image.line, "unsafe-url", f"a {parts.scheme}: image address is not allowed",
                                "save the picture as a file in the lesson folder")
            for link in md.links:
                scheme = urlsplit(link.target.strip()).scheme.lower()
                if scheme in ("javascript", "vbscript", "data"):
                    yield error(path, link.line, "unsafe-url", f"a {scheme}: link is not allowed",
                                "link to a normal page instead")
        if lesson.quiz is None:
            continue
        # Quiz wording is shown as HTML too, so the same rules apply to it.
        for path in lesson.quiz.text_files.values():
            raw = ctx.loaded.texts.get(path, "")
            for number, line in enumerate(raw.splitlines(), start=1):
                for rule, message, hint in scan_html(line):
                    yield error(path, number, rule, message, hint)
