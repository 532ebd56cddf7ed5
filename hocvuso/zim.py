"""A built site as Kiwix ZIM files, one per language, for phones and hotspots without data.

One ZIM per language, not one with both, because:
- Kiwix's library and catalogue filter books by their one `Language`; a teacher looking for Vietnamese
  courseware finds `vie`, and a learner downloads only the language they read (half the size);
- the full-text index of a ZIM has one indexing language: `eng` gets Xapian's English stemmer ("typed" finds
  "type"), which a mixed ZIM could not have; Vietnamese has no stemmer, and needs none;
- search results never mix two versions of the same lesson.

Inside the reader there is no web server and no service worker: every page keeps the site's relative links,
each pointing at a file (…/index.html), never at a folder or at "/". Links to the other language, the
language switch, the "save this course" button and the zip download are removed: they cannot work in a ZIM.
A folder URL ("learn/lessons/x/", which the site's own search links) is a redirect entry to its index.html.

Kiwix search is libzim's Xapian indexes. libzim strips tone marks and other combining marks from the query
(ICU: NFD, remove marks), and from a page's text when it extracts that text itself; it does neither when the page
brings its own index text (IndexData), which this module does. It leaves "đ" alone everywhere (a letter of its
own, not "d" plus a mark), so a query "dien thoai" stays "dien thoai" and never meets "điện thoại". Hence:
- full text: each page is indexed as its article text without marks ("đien thoai", what a query "điện thoại"
  becomes), followed by the words holding đ/Đ once more with đ → d ("dien"), so both spellings find it;
- titles (the suggestions shown while typing): a redirect entry whose title is the title without any
  diacritics ("Lam quen dien thoai"), added only when the title holds đ/Đ.
"""

from __future__ import annotations

import html as htmllib
import io
import mimetypes
import posixpath
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from libzim.writer import (  # type: ignore[import-untyped]
    Creator,
    FileProvider,
    Hint,
    IndexData,
    Item,
    StringProvider,
)
from PIL import Image

from .offline import local_url
from .text import fold

# ISO 639-3 codes, as Kiwix's `Language` metadata wants them.
ISO639_3 = {"vi": "vie", "en": "eng"}
# Kiwix shows at most 80 characters of Description; the site's description holds both languages.
DESCRIPTIONS = {
    "vi": "Bài học kỹ năng số cơ bản, miễn phí, cho mọi người dân — Bình dân học vụ số",
    "en": "Free basic digital skills lessons for everyone in Vietnam",
}
LONG_DESCRIPTIONS = {
    "vi": "Học liệu mở của phong trào Bình dân học vụ số: bài học ngắn theo khung năng lực số, câu hỏi tự kiểm "
          "tra và phiếu in (PDF) cho người dạy. Dùng được khi không có mạng.",
    "en": "Open courseware for Vietnam's Digital Education for All movement: short lessons following the digital "
          "competence framework, self-check quizzes and printable handouts (PDF) for teachers. Works offline.",
}
# No content licence has been chosen for the curriculum yet (docs/about.*.md): say so instead of guessing.
LICENSE = "Content licence not yet chosen (see the About page); software: MIT"
CREATOR = "Bình dân học vụ số contributors"
PUBLISHER = "hocvuso"
TAGS = "_category:other;education;digital-skills;vietnam"

# Material's own search (unused: the site has its own), source maps, the service worker and the offline
# downloads are not part of what a reader shows.
_SKIPPED_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
_SKIPPED_SUFFIXES = (".gz", ".map", ".zim", ".zip")
_SKIPPED_FILES = {"sw.js", "sitemap.xml", "404.html"}

_URL_ATTR = re.compile(r"""(\s(?:href|src|action)=")([^"]*)(")""")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_TAG_WITH_LINK = re.compile(r"<(a|link)\b([^>]*)>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"')
_REL_DROPPED = re.compile(r'\srel="(?:alternate|canonical)"')
_OFFLINE_BLOCK = re.compile(r'<p class="hv-offline(?:-download)?">.*?</p>', re.DOTALL)
_SEARCH_VERSION = re.compile(r'\sdata-hv-v="[^"]*"')
_VERSION_QUERY = re.compile(r"\?v=[0-9a-f]+(?=#|$)")
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_LOGO_TITLE = re.compile(r'<a [^>]*title="([^"]+)" class="md-header__button md-logo"')
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
_LANGUAGE_SWITCH = '<div class="md-header__option">\n  <div class="md-select">'
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


@dataclass(frozen=True)
class ZimMetadata:
    """What Kiwix shows about a book; `name` is the stable id of the book across releases."""

    name: str
    title: str
    description: str
    long_description: str
    language: str
    creator: str
    publisher: str
    date: str
    license: str
    tags: str = TAGS
    source: str = ""

    def entries(self) -> dict[str, str]:
        found = {"Name": self.name, "Title": self.title, "Description": self.description,
                 "LongDescription": self.long_description, "Language": self.language, "Creator": self.creator,
                 "Publisher": self.publisher, "Date": self.date, "License": self.license, "Tags": self.tags,
                 "Scraper": "hocvuso"}
        if self.source:
            found["Source"] = self.source
        return found


@dataclass
class ZimReport:
    path: Path
    pages: int = 0
    files: int = 0
    redirects: int = 0
    seconds: float = 0.0

    @property
    def bytes(self) -> int:
        return self.path.stat().st_size


def unaccent(text: str) -> str:
    """Text without any diacritics, case kept: "Làm quen điện thoại" → "Lam quen dien thoai"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def strip_marks(text: str) -> str:
    """What libzim does to a query: tone marks and other combining marks removed, "đ" kept."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def index_text(text: str) -> str:
    """The text libzim indexes: the page's words without marks, then each word holding đ/Đ with đ → d.

    A query "đăng ký" reaches the index as "đang ky", and "dang ky" as itself: the first meets the page's own
    words, the second the added ones, so both find the page.
    """
    extra = dict.fromkeys(fold(w) for w in re.findall(r"\w+", text) if "đ" in w or "Đ" in w)
    return strip_marks(text) + ("\n" + " ".join(extra) if extra else "")


class _TextParser(HTMLParser):
    """The readable text of a page's <article>: what a learner would search for, not menus or scripts."""

    SKIPPED = frozenset({"script", "style", "nav", "header", "footer", "form", "noscript", "svg", "button"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag in self.SKIPPED:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth = max(0, self.depth - 1)
        elif self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping and data.strip():
            self.parts.append(data.strip())


def page_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    return " ".join(parser.parts)


def page_title(html: str, site_name: str) -> str:
    found = _TITLE.search(html)
    title = htmllib.unescape(found.group(1).strip()) if found else ""
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if site_name and title.endswith(suffix) and title != suffix else title or site_name


class _PageIndex(IndexData):  # type: ignore[misc]
    def __init__(self, title: str, content: str) -> None:
        super().__init__()
        self.title, self.content = strip_marks(title), content
        self.keywords = unaccent(title) if unaccent(title) != self.title else ""

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self.title

    def get_content(self) -> str:
        return self.content

    def get_keywords(self) -> str:
        return self.keywords

    def get_wordcount(self) -> int:
        return len(self.content.split())

    def get_geoposition(self) -> tuple[float, float] | None:
        return None


class _Page(Item):  # type: ignore[misc]
    def __init__(self, path: str, title: str, html: str, text: str) -> None:
        super().__init__()
        self.path, self.title, self.html, self.text = path, title, html, text

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return "text/html"

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.html)

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: True, Hint.COMPRESS: True}

    def get_indexdata(self) -> _PageIndex:
        return _PageIndex(self.title, index_text(self.text))


class _File(Item):  # type: ignore[misc]
    def __init__(self, path: str, source: Path) -> None:
        super().__init__()
        self.path, self.source = path, source
        self.mimetype = mimetype_of(path)

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return ""

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.source))

    def get_hints(self) -> dict[Hint, int]:
        # Images and PDFs are compressed already; text (CSS, scripts, search shards, SVG) is not.
        compressible = self.mimetype.startswith("text/") or self.mimetype.endswith(("javascript", "svg+xml",
                                                                                      "json"))
        return {Hint.FRONT_ARTICLE: False, Hint.COMPRESS: compressible}


def mimetype_of(path: str) -> str:
    if path.endswith(".js"):
        return "application/javascript"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def language_prefixes(languages: Iterable[str], default: str) -> dict[str, str]:
    """Where each language's pages are: the default at the root, the others under <code>/ (mkdocs-static-i18n)."""
    return {code: "" if code == default else f"{code}/" for code in languages}


def _is_page_of(rel: str, prefix: str, others: Iterable[str]) -> bool:
    return rel.endswith(".html") and rel.startswith(prefix) and not any(o and rel.startswith(o) for o in others)


def _skipped(rel: str) -> bool:
    return rel in _SKIPPED_FILES or rel.startswith(_SKIPPED_PREFIXES) or rel.endswith(_SKIPPED_SUFFIXES)


def resolve(page: str, url: str) -> str | None:
    """The site path a local link of `page` points at (no query or anchor), or None if it is not local."""
    if not url or re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)", url):
        return None
    path = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if joined.startswith("../") or joined == ".." else joined


def remove_language_switch(html: str) -> str:
    """Drop Material's language menu (a <div> holding <div>s): in a one-language ZIM it leads nowhere."""
    start = html.find(_LANGUAGE_SWITCH)
    if start < 0:
        return html
    depth = 0
    for match in _DIV.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[:start] + html[match.end():]
    return html


def _local(page: str, url: str) -> str:
    fixed = local_url(url, page)
    return fixed if resolve(page, fixed) is None else _VERSION_QUERY.sub("", fixed)


def render_zim_page(html: str, page: str, entries: set[str]) -> str:
    """A built page as the reader shows it: links to files in the ZIM, nothing that needs a server or a worker."""
    html = remove_language_switch(_OFFLINE_BLOCK.sub("", html))
    html = _URL_ATTR.sub(lambda m: f"{m.group(1)}{_local(page, m.group(2))}{m.group(3)}", html)
    # Versioned URLs guard against stale caches on the web; a ZIM never changes, and not every reader
    # accepts a query string on an entry.
    html = _SEARCH_VERSION.sub(' data-hv-v=""', html)

    def tag(m: re.Match[str]) -> str:
        name, attrs = m.group(1), m.group(2)
        href = _HREF.search(attrs)
        target = resolve(page, href.group(1)) if href else None
        if name.lower() == "link":
            return "" if _REL_DROPPED.search(attrs) else m.group(0)
        if href and target is not None and target not in entries:
            return f"<{name}{_HREF.sub('', attrs, count=1)}>"  # the other language, the zip: text stays
        return m.group(0)

    return _TAG_WITH_LINK.sub(tag, html)


def _references(site: Path, rel: str, text: str) -> set[str]:
    found = set()
    for url in [m.group(2) for m in _URL_ATTR.finditer(text)] + (_CSS_URL.findall(text) if rel.endswith(".css")
                                                                   else []):
        target = resolve(rel, local_url(url, rel) if not rel.endswith(".css") else url)
        if target is not None and (site / target).is_file():
            found.add(target)
    return found


def plan_zim(site: Path, lang: str, prefixes: dict[str, str]) -> tuple[list[str], list[str]]:
    """The pages of `lang` and every other file they use (stylesheets, scripts, images, PDFs, search shards)."""
    prefix = prefixes[lang]
    others = [p for code, p in prefixes.items() if code != lang]
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = [r for r in files if _is_page_of(r, prefix, others) and not _skipped(r)]
    # The search index's shards (loaded by script, so no page links them); the search pages are pages.
    needed: set[str] = {r for r in files if r.startswith(f"{prefix}search/") and not _skipped(r)} - set(pages)
    queue = list(pages)
    seen = set(pages)
    while queue:
        rel = queue.pop()
        if not rel.endswith((".html", ".css")):
            continue
        for target in _references(site, rel, (site / rel).read_text("utf-8", errors="replace")):
            if target.endswith(".html") or _skipped(target) or target in seen:
                continue
            seen.add(target)
            needed.add(target)
            queue.append(target)
    return pages, sorted(needed)


def illustration_png(source: Path) -> bytes:
    """The 48×48 PNG Kiwix shows next to the book, from the site's icon."""
    with Image.open(source) as image:
        icon = image.convert("RGBA").resize((48, 48), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    icon.save(out, "PNG", optimize=True)
    return out.getvalue()


def metadata_for(site: Path, lang: str, prefixes: dict[str, str], date: str, *, creator: str = CREATOR,
                 publisher: str = PUBLISHER, license: str = LICENSE, source: str = "") -> ZimMetadata:
    home = (site / prefixes[lang] / "index.html").read_text("utf-8")
    # The site's name in that language: Material's logo link carries it; a page title ends with it.
    logo = _LOGO_TITLE.search(home)
    found = _TITLE.search(home)
    title = htmllib.unescape(logo.group(1) if logo else found.group(1).rsplit(" - ", 1)[-1] if found else "hocvuso")
    return ZimMetadata(name=f"hocvuso_{lang}_all", title=title, description=DESCRIPTIONS.get(lang, title),
                       long_description=LONG_DESCRIPTIONS.get(lang, ""), language=ISO639_3.get(lang, lang),
                       creator=creator, publisher=publisher, date=date, license=license, source=source)


def write_zim(site: Path, out: Path, lang: str, prefixes: dict[str, str], meta: ZimMetadata,
              icon: Path | None = None) -> ZimReport:
    """Write the ZIM of one language of a built site; returns what went in and how long it took."""
    started = time.perf_counter()
    pages, files = plan_zim(site, lang, prefixes)
    entries = set(pages) | set(files)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()  # libzim refuses to overwrite
    report = ZimReport(path=out)
    with Creator(str(out)).config_indexing(True, meta.language) as creator:
        creator.set_mainpath(f"{prefixes[lang]}index.html")
        for key, value in meta.entries().items():
            creator.add_metadata(key, value)
        creator.add_illustration(48, illustration_png(icon or site / "assets/images/favicon.png"))
        for rel in pages:
            html = (site / rel).read_text("utf-8")
            title = page_title(html, meta.title)
            creator.add_item(_Page(rel, title, render_zim_page(html, rel, entries), page_text(html)))
            report.pages += 1
            if rel.endswith("/index.html"):
                # The site's own search links folders ("learn/lessons/x/"), which a web server completes and
                # a ZIM reader does not: the folder is an entry that redirects to its index.html.
                creator.add_redirection(rel.removesuffix("index.html"), "", rel, {Hint.FRONT_ARTICLE: False})
                report.redirects += 1
            bare = unaccent(title)
            if bare != title and ("đ" in title or "Đ" in title):
                # libzim folds tone marks in its title index but not đ: a second, diacritic-free title.
                creator.add_redirection(f"_nodiacritics/{rel}", bare, rel, {Hint.FRONT_ARTICLE: True})
                report.redirects += 1
        for rel in files:
            creator.add_item(_File(rel, site / rel))
            report.files += 1
    report.seconds = time.perf_counter() - started
    return report
