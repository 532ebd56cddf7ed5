"""The published-output gate: the built site, read as a browser would, holds nothing that runs or deceives.

The sanitiser and escaping templates make content safe by construction; this gate checks the result, so a
future template, theme update or plugin that lets something through fails CI instead of reaching learners.
It reads every published HTML page (and, through their own checks, SVG files and PDFs) and reports:
scripts other than the site's own files, event-handler attributes, javascript:/data:/file: and other
non-web addresses, style attributes, style elements other than the one whose hash the page's policy lists
(the critical CSS), frames, objects, <base>, refresh redirects, links, and
a page without the Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .pdfcheck import check_pdf_bytes
from .sanitize import url_scheme
from .svg import check_svg

SCRIPT_FOLDERS = ("assets/", "search/")
"""Where the site's own scripts live (theme and project assets, search index); content never writes there."""
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
WEB_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                            "cite", "srcset", "ping"})
FORBIDDEN_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _Page(HTMLParser):
    def __init__(self, rel: str, site: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.rel, self.site = rel, site
        self.problems: list[str] = []
        self.csp = False
        self.policy = ""
        self._style: list[str] | None = None
        self._in_script = False
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler '{name}'")
            elif name == "style":
                self.problems.append(f"<{tag}> has a style attribute")
            elif name in URL_ATTRIBUTES:
                for url in (value.split(",") if name == "srcset" else [value]):
                    scheme = url_scheme(url.strip().split(" ")[0] if name == "srcset" else url)
                    if scheme not in WEB_SCHEMES and not (tag == "img" and scheme == "data" and name == "src"
                                                          and url.strip().startswith("data:image/png")):
                        self.problems.append(f"<{tag} {name}> has a {scheme}: address")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        elif tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "refresh":
                self.problems.append("<meta http-equiv=refresh> redirect")
            elif equiv == "content-security-policy" and "script-src 'self'" in values.get("content", ""):
                self.csp = True
                self.policy = values.get("content", "")
        elif tag == "style":
            # Only the build's critical CSS: a <style> whose exact text the page's policy allows by hash.
            self._style = []
        elif tag == "link" and "stylesheet" in values.get("rel", "").split() and _remote(values.get("href", "")):
            self.problems.append(f"stylesheet from another host: {values.get('href')}")
        elif tag == "script":
            src = values.get("src")
            if src is None:
                if values.get("type", "").lower() not in DATA_SCRIPT_TYPES:
                    self.problems.append("inline <script>")
            elif not self._own_script(src):
                self.problems.append(f"<script src='{src[:80]}'> is not one of the site's own scripts")

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            text, self._style = "".join(self._style), None
            if not self.csp:
                self.problems.append("<style> element before the Content-Security-Policy")
            elif _style_source(text) not in _directive(self.policy, "style-src"):
                self.problems.append("<style> element whose hash the Content-Security-Policy does not list")

    def _own_script(self, src: str) -> bool:
        if _remote(src) or url_scheme(src):
            return False
        src = src.split("?")[0].split("#")[0]
        if src.startswith("/"):  # 404.html uses absolute paths; the site may be published under a sub-path
            found = [src.find(f"/{folder}") for folder in SCRIPT_FOLDERS if f"/{folder}" in src]
            path = src[min(found) + 1:] if found else src
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(self.rel), src))
        return path.startswith(SCRIPT_FOLDERS) and (self.site / path).is_file()


def _directive(policy: str, name: str) -> list[str]:
    """The sources a policy lists for one directive ("style-src" → ["'self'", "'sha256-…'"])."""
    for directive in policy.split(";"):
        words = directive.split()
        if words and words[0].lower() == name:
            return words[1:]
    return []


def _style_source(css: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"


def _remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or bool(url_scheme(url))


def check_page(html: str, rel: str, site: Path) -> list[str]:
    page = _Page(rel, site)
    page.feed(html)
    page.close()
    if page._style is not None:
        page.problems.append("unclosed <style> element")
    if not page.csp and "<html" in html[:2000].lower():
        page.problems.append("no Content-Security-Policy")
    return page.problems


FileCheck = Callable[[bytes], list[str]]


def check_site(site: Path, *, svg: FileCheck | None = None, pdf: FileCheck | None = None) -> list[Problem]:
    """Every problem of the built site in `site`; empty means it may be published. SVG files and PDFs are
    read with the checks the validator uses for lesson pictures and the handout printer for PDFs."""
    return sorted(_problems(site, svg or _svg_problems, pdf or check_pdf_bytes))


def _svg_problems(data: bytes) -> list[str]:
    return [f"line {f.line}: {f.message}" for f in check_svg(data)]


def _problems(site: Path, svg: FileCheck | None, pdf: FileCheck | None) -> Iterator[Problem]:
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink():
            yield Problem(rel, "is a link (could publish a file from outside the site)")
            continue
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            for message in check_page(path.read_text("utf-8", errors="replace"), rel, site):
                yield Problem(rel, message)
        elif suffix == ".svg" and svg is not None:
            for message in svg(path.read_bytes()):
                yield Problem(rel, message)
        elif suffix == ".pdf" and pdf is not None:
            for message in pdf(path.read_bytes()):
                yield Problem(rel, message)


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    """`hocvuso check-site SITE` (`scripts/check_site.py SITE`): print every problem of a built site; exit 1 if
    there is any."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog, description="Check a built site before publishing: nothing in it may "
                                                            "run script, load from elsewhere or disguise itself.")
    parser.add_argument("site", type=Path, help="the built site folder (e.g. site)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"check_site: {args.site} is not a folder; build the site first (mkdocs build)")
        return 2
    problems = check_site(args.site)
    for problem in problems:
        print(problem)
    print(f"{'FAILED' if problems else 'OK'}: {len(problems)} problems in {args.site}")
    return 1 if problems else 0
