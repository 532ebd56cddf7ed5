"""Lesson text cut into the parts a handout prints, each turned into sanitised HTML fit for paper."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..markdowndoc import MarkdownDoc
from ..model import LessonText
from ..sanitize import clean_html
from ..text import slugify


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
    html: Markup
    """Trusted: made by Python-Markdown and passed through the site's sanitiser (clean_html)."""
    images: tuple[ImageRef, ...]
    text: str = ""
    """The Markdown source of the section, for checks of what reaches paper."""
    line: int = 1
    """File line of the section's first body line."""


@dataclass(frozen=True)
class LessonParts:
    text_lang: str
    source: str
    """The lesson text file these parts come from, for diagnostics."""
    materials: Part | None
    steps: Part | None
    example: Part | None
    safety: Part | None


@dataclass(frozen=True)
class Section:
    heading: str
    first_line: int
    """File line of the section's first body line."""
    markdown: str
    has_ordered_list: bool


_ORDERED_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]", re.MULTILINE)


def split_sections(text: LessonText, doc: MarkdownDoc) -> list[Section]:
    """The level-2 sections of a lesson text (with their sub-headings), found by the validator's own parser."""
    lines = text.body.splitlines(keepends=True)
    heads = [h for h in doc.headings if h.level <= 2]
    sections = []
    for i, head in enumerate(heads):
        begin = head.line - text.body_line + 1
        end = heads[i + 1].line - text.body_line if i + 1 < len(heads) else len(lines)
        body = "".join(lines[begin:end])
        sections.append(Section(head.text, head.line + 1, body, bool(_ORDERED_ITEM.search(body))))
    return sections


def starts_with(heading: str, wanted: str) -> bool:
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
                el.set("src", image_url(self.folder, el.get("src", "")))


class _PrintExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.tree: _PrintTree | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.tree = _PrintTree(md)
        md.treeprocessors.register(self.tree, "hv-print", 0)


def image_url(folder: str, src: str) -> str:
    """An image's address relative to the project folder (`folder` is the lesson's, relative to it too)."""
    if not src or urlsplit(src).scheme or src.startswith("/"):
        return src  # refused by the URL fetcher, and reported as a handout-image error
    return quote(posixpath.normpath(f"{folder}/{unquote(src.split('#')[0].split('?')[0])}"))


def image_ref(root_url: str, folder: str, src: str, path: str, line: int) -> ImageRef:
    html_src = image_url(folder, src)
    return ImageRef(html_src, urljoin(root_url, html_src), src, path, line)


class PrintMarkdown:
    """Python-Markdown with the site's extensions (mkdocs.yml), so a step prints as it reads online."""

    def __init__(self) -> None:
        self.paper = _PrintExtension()
        self.md = markdown.Markdown(
            extensions=["toc", "attr_list", "admonition", "tables", "md_in_html", self.paper],
            extension_configs={"toc": {"slugify": slugify, "permalink": False}})

    def html(self, source: str, folder: str) -> Markup:
        assert self.paper.tree is not None
        self.paper.tree.folder = folder
        # Lesson HTML reaches paper only through the site's sanitiser, and keeps no link: a link cannot be
        # followed on paper, and WeasyPrint would embed the target of <a rel="attachment"> into the PDF.
        return Markup(_LINK_TAG.sub(lambda m: "</span>" if m.group(1) else "<span>",
                                    clean_html(self.md.reset().convert(source))))


_LINK_TAG = re.compile(r"<(/?)a\b[^>]*>")
