"""Page-weight budgets, checked on a built site without a browser: deterministic bytes, not timings.

For every lesson page: the bytes a first visit with an empty cache transfers (HTML and everything it
references: CSS, scripts, images, the icon, fonts), gzip-compressed as a web server would send them; and
the bytes a second lesson adds in the same visit (its HTML and anything not yet cached).
"""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

FIRST_VISIT = 60_000
SECOND_LESSON = 15_000
IMAGE_BYTES = 150_000
MODERN_IMAGES = (".svg", ".webp", ".avif")

_REF = re.compile(r"""<(link|script|img|source|audio|video|iframe|embed)\b([^>]*)>""", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|#|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class PageWeight:
    page: str
    html: int
    resources: dict[str, int] = field(default_factory=dict)

    @property
    def first_visit(self) -> int:
        return self.html + sum(self.resources.values())


@cache
def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(text)}


def weigh_page(site: Path, page: Path, problems: list[Problem]) -> PageWeight:
    rel = page.relative_to(site).as_posix()
    html = page.read_text("utf-8", errors="replace")
    weight = PageWeight(rel, gzipped(page))
    base = posixpath.dirname(rel)
    refs: list[tuple[str, str]] = []
    for tag, raw in _REF.findall(html):
        attrs = _attrs(raw)
        url = attrs.get("src") or (attrs.get("href") if tag.lower() == "link" else None)
        if tag.lower() == "link" and attrs.get("rel", "") not in ("stylesheet", "icon", "preload", "modulepreload",
                                                                    "manifest", "shortcut icon", "apple-touch-icon"):
            continue
        if not url:
            continue
        refs.append((tag.lower(), url))
        if tag.lower() == "img":
            if "width" not in attrs or "height" not in attrs:
                problems.append(Problem(rel, f"image {url} has no width and height (the page jumps as it loads)"))
            if attrs.get("loading") != "lazy":
                problems.append(Problem(rel, f"image {url} is not loaded lazily (loading=\"lazy\")"))
    for tag, url in refs:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            problems.append(Problem(rel, f"<{tag}> loads {url} from another host"))
            continue
        if parts.scheme == "data":
            continue
        target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if not target.is_file():
            problems.append(Problem(rel, f"<{tag}> refers to {url}, which is not in the site (a failing request)"))
            continue
        key = target.relative_to(site).as_posix()
        weight.resources[key] = gzipped(target)
        if _FONT_FILE.search(key):
            problems.append(Problem(rel, f"web font {key}: use the device's own fonts"))
        if tag == "img":
            if target.suffix.lower() not in MODERN_IMAGES:
                problems.append(Problem(rel, f"image {key} is not SVG, WebP or AVIF"))
            if target.stat().st_size > IMAGE_BYTES:
                problems.append(Problem(rel, f"image {key} is {target.stat().st_size // 1000} KB, over "
                                             f"{IMAGE_BYTES // 1000} KB"))
        if key.endswith(".css"):
            _weigh_css(site, target, weight, rel, problems)
    return weight


def _weigh_css(site: Path, css: Path, weight: PageWeight, page: str, problems: list[Problem]) -> None:
    for url in _CSS_URL.findall(css.read_text("utf-8", errors="replace")):
        if url.startswith(("data:", "#")):
            continue
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
            problems.append(Problem(page, f"{css.name} loads {url} from another host"))
            continue
        if _FONT_FILE.search(url):
            problems.append(Problem(page, f"{css.name} loads the web font {url}: use the device's own fonts"))


def check_site(site: Path, first_visit: int = FIRST_VISIT,
               second_lesson: int = SECOND_LESSON) -> tuple[list[PageWeight], list[Problem]]:
    """Weigh every lesson page (every language) and report each budget it breaks."""
    problems: list[Problem] = []
    lessons = sorted(site.glob("learn/lessons/*/index.html")) + sorted(site.glob("*/learn/lessons/*/index.html"))
    weights = [weigh_page(site, page, problems) for page in lessons]
    for w in weights:
        if w.first_visit > first_visit:
            problems.append(Problem(w.page, f"first visit transfers {w.first_visit:,} bytes, over {first_visit:,}"))
    if len(weights) >= 2:
        for first, second in zip(weights, weights[1:] + weights[:1], strict=True):
            added = second.html + sum(v for k, v in second.resources.items() if k not in first.resources)
            if added > second_lesson:
                problems.append(Problem(second.page, f"as a second lesson it adds {added:,} bytes, over "
                                                     f"{second_lesson:,}"))
    return weights, problems
