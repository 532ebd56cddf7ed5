"""What the checks need to know about a Markdown text: headings, links, images, raw HTML, with lines.

markdown-it-py gives a CommonMark token stream with source line maps, so code blocks are never mistaken
for content and every finding has a real line number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .markup import render_body
from .parallel import map_chunks
from .sanitize import URL_SCHEMES, Finding, check_characters, find_unsafe, locate, url_scheme
from .text import slugify


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Link:
    target: str
    text: str
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class Html:
    text: str
    line: int


@dataclass
class MarkdownDoc:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    html: list[Html] = field(default_factory=list)
    text_lines: list[tuple[int, str]] = field(default_factory=list)
    """Prose (not code) with its line, for placeholder and emptiness checks."""
    unsafe: list[tuple[int, Finding]] = field(default_factory=list)
    """What the sanitiser would remove from the page as published (see `published_findings`), with lines."""

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings} | _explicit_anchors(self)


_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")


def _explicit_anchors(doc: MarkdownDoc) -> set[str]:
    found = set()
    for item in doc.html:
        found.update(_HTML_ID.findall(item.text))
    return found


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    # markdown-it drops javascript:/data: links silently, but Python-Markdown (which renders the site) keeps
    # them, so let every link through and leave the judgement to the safety check.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def parse_markdown(body: str, first_line: int = 1) -> MarkdownDoc:
    """Parse a Markdown body; `first_line` is the file line where the body starts."""
    doc = MarkdownDoc()
    tokens = _parser().parse(body)
    seen: dict[str, int] = {}
    offset = first_line
    for index, token in enumerate(tokens):
        line = (token.map[0] if token.map else 0) + offset
        if token.type == "heading_open":
            inline = tokens[index + 1]
            text = inline.content
            explicit = _ATTR_ID.search(text)
            title = _ATTR_ID.sub("", text).strip()
            anchor = explicit.group(1) if explicit else _unique(slugify(_plain(inline) or title), seen)
            doc.headings.append(Heading(int(token.tag[1]), title, anchor, line))
        elif token.type == "html_block":
            doc.html.append(Html(token.content, line))
        elif token.type == "inline":
            _walk_inline(doc, token, line)
    doc.unsafe = published_findings(body, first_line, doc)
    return doc


MAX_NESTING = 16
"""Lists or quotes nested deeper than this are no lesson; Python-Markdown recurses on them."""
MAX_TAGS = 300
"""Raw HTML tags in one lesson: real lessons use none; thousands make Python-Markdown's HTML handling slow
(quadratic), which would stall the build of a pull request."""
_RISKY = re.compile(r"[<{\\]|&(?:#|[A-Za-z][A-Za-z0-9]*;)")
# Every link Python-Markdown can make: inline `](…)` and reference definitions `[x]: …` (autolinks need `<`).
# Read from the raw text, not markdown-it's links: it sees an indented link inside `!!! note` as code.
_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]*\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
_DEPTH = re.compile(r"^((?:[ \t]*>)*)([ \t]*)", re.MULTILINE)


def published_findings(body: str, first_line: int, doc: MarkdownDoc) -> list[tuple[int, Finding]]:
    """What the sanitiser would take out of this body as the site renders it, each with its source line.

    Rendering with Python-Markdown costs ~8 ms a text, so it runs only where the source could produce
    anything outside the allow-list: raw HTML (`<`), attribute lists (`{`), escapes and character
    references, or a link whose scheme is not plainly allowed. Skipping it is safe: the build sanitises
    every page regardless, this report only tells the editor what would be removed.
    """
    found = [(locate(body, f.needles, first_line), f) for f in check_characters(body)]
    for number, line in enumerate(body.splitlines(), start=first_line):
        match = _DEPTH.match(line)
        quotes = match.group(1).count(">") if match else 0
        indent = len((match.group(2) if match else "").expandtabs(4)) // 2
        if max(quotes, indent) > MAX_NESTING:
            found.append((number, Finding("too-deep", f"text nested more than {MAX_NESTING} levels deep",
                                          "use at most a few levels of lists or quotes")))
            return found
    if body.count("<") > MAX_TAGS:
        found.append((locate(body, ("<",), first_line), Finding("too-much-html", f"more than {MAX_TAGS} '<' characters",
                                          "write the lesson in Markdown; raw HTML is for rare cases")))
        return found
    links = [a or b for a, b in _LINK_TARGETS.findall(body)]
    if not _RISKY.search(body) and all(url_scheme(t) in URL_SCHEMES or not url_scheme(t) for t in links) \
            and all(not url_scheme(i.src) and not i.src.startswith("//") for i in doc.images):
        return found
    try:
        html = render_body(body)
    except RecursionError:
        return [*found, (first_line, Finding("too-deep", "text nested too deeply to render",
                                             "use at most a few levels of lists or quotes"))]
    found.extend((locate(body, f.needles, first_line), f) for f in find_unsafe(html))
    return found


# Below this many texts, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


def parse_many(items: list[tuple[str, int]]) -> list[MarkdownDoc]:
    """Parse many (body, first line) pairs, on every core when there are enough of them."""
    chunks = map_chunks(_parse_chunk, items, minimum=PARALLEL_FROM)
    return [doc for chunk in chunks for doc in chunk]


def _parse_chunk(items: Sequence[tuple[str, int]]) -> list[MarkdownDoc]:
    return [parse_markdown(body, line) for body, line in items]


def _unique(anchor: str, seen: dict[str, int]) -> str:
    # Same rule as Python-Markdown's toc extension: repeated headings get _1, _2 ...
    count = seen.get(anchor)
    seen[anchor] = 0 if count is None else count + 1
    return anchor if count is None else f"{anchor}_{count + 1}"


def _plain(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def _walk_inline(doc: MarkdownDoc, inline: Token, line: int) -> None:
    children = inline.children or []
    current = line
    link_stack: list[tuple[str, list[str]]] = []
    prose: list[str] = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            if prose:
                doc.text_lines.append((current, "".join(prose)))
                prose = []
            current += 1
        elif child.type == "text":
            prose.append(child.content)
            if link_stack:
                link_stack[-1][1].append(child.content)
        elif child.type == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), []))
        elif child.type == "link_close" and link_stack:
            target, words = link_stack.pop()
            doc.links.append(Link(target, "".join(words), current))
        elif child.type == "image":
            doc.images.append(Image(str(child.attrs.get("src", "")), child.content, current))
        elif child.type == "html_inline":
            doc.html.append(Html(child.content, current))
    if prose:
        doc.text_lines.append((current, "".join(prose)))
