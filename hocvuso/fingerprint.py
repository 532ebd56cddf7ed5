"""Content versions for a built site, so that a deploy reaches learners who came before it.

The service worker (overrides/sw.js) answers stylesheets, scripts and images from its cache without asking
the network: on 2G that is what makes a second visit fast and an offline visit possible. It is only safe if
a changed file is asked for under a new address. So, over the finished site:

- every local stylesheet, script, icon and image a page loads gets `?v=<hash of its bytes>`
  (``<link rel=stylesheet|icon…>``, ``<script src>``, ``<img src>``, ``<source src>``), and so do the files
  of a course's "save for offline" list (``data-hv-offline``), so what it stores is what the pages ask for.
  File names do not change: links from handouts, the offline zip (file:// ignores the query) and anything
  bookmarked keep working. Names that already carry a hash (Material's ``main.57a0d79d.min.css``) and URLs
  with another query (the search index asks for ``?v=<index version>`` itself) are left as they are.
- the build id is a hash of every file the service worker may cache (and of the worker's own code); it is
  written into the built ``sw.js`` as the cache name ``hv-build-<id>``. A changed build means changed
  ``sw.js`` bytes, so browsers install the new worker, which keeps what is still valid from the old caches
  (pages; assets whose URL carries a hash) and deletes the old caches.

Pages themselves are not versioned: the worker fetches them network-first.
This module never imports MkDocs; the plugin calls `fingerprint_site` once, after the last page is written.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

SERVICE_WORKER = "sw.js"
HASH_LENGTH = 10
"""Hex digits of sha256 kept: 40 bits, no collision to fear among a site's few thousand files."""

# Not content the worker keeps: pre-compressed copies, the offline zip (written after the build, in offline/).
_SKIP = re.compile(r"^offline/|\.gz$")
_CACHE_NAME = re.compile(r'"hv-build-[^"]*"')
_TAG = re.compile(r"<(link|script|img|source)\b[^>]*>", re.IGNORECASE)
_LINK_RELS = {"stylesheet", "icon", "shortcut icon", "apple-touch-icon", "preload", "modulepreload", "manifest"}
_REL = re.compile(r"""\srel\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_OFFLINE = re.compile(r'(data-hv-offline=")([^"]*)(")')
_ONLY_V = re.compile(r"v=[0-9a-zA-Z]*")
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)$")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


class Versions:
    """The versions of a site's files, each file read once."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._known: dict[str, str | None] = {}

    def of(self, rel: str) -> str | None:
        """The version of the site file at `rel` (relative to the site root), None when there is no such file."""
        if rel not in self._known:
            path = self.site / rel
            self._known[rel] = content_hash(path.read_bytes()) if path.is_file() else None
        return self._known[rel]

    def local_file(self, page: Path, url: str) -> str | None:
        """The site file (relative to the site root) a URL written in `page` points at, or None: another host,
        a folder, nothing there."""
        parts = urlsplit(html.unescape(url))
        if parts.scheme or parts.netloc or not parts.path or (parts.query and not _ONLY_V.fullmatch(parts.query)):
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            # Absolute (404.html): the site may be published under a sub-path (/project/assets/…).
            segments = path.strip("/").split("/")
            candidates = ["/".join(segments[i:]) for i in range(len(segments))]
        else:
            candidates = [posixpath.normpath(posixpath.join(page.parent.relative_to(self.site).as_posix(), path))]
        for rel in candidates:
            if not rel.startswith("..") and rel not in ("", ".") and self.of(rel) is not None:
                return rel
        return None

    def versioned(self, page: Path, url: str) -> str:
        """`url` with `?v=<hash>` of the file it points at; unchanged if it is not one of the site's files."""
        rel = self.local_file(page, url)
        if rel is None or rel.endswith(".html") or _HASHED_NAME.search(rel):
            return url
        base, _, fragment = url.partition("#")
        base = base.partition("?")[0]
        return f"{base}?v={self.of(rel)}" + (f"#{fragment}" if fragment else "")


def version_urls(text: str, page: Path, versions: Versions) -> str:
    """Add `?v=<hash>` to the asset URLs of one built HTML page (`page` is its path inside the site)."""

    def tag(match: re.Match[str]) -> str:
        whole, name = match.group(0), match.group(1).lower()
        if name == "link":
            rel = _REL.search(whole)
            if rel is None or rel.group(1).strip().lower() not in _LINK_RELS:
                return whole
            attr = "href"
        else:
            attr = "src"
        found = re.search(rf"""(\s{attr}\s*=\s*)(["'])([^"']*)\2""", whole, re.IGNORECASE)
        if found is None:
            return whole
        new = versions.versioned(page, found.group(3))
        if new == found.group(3):
            return whole
        return f"{whole[:found.start(3)]}{new}{whole[found.end(3):]}"

    def offline(match: re.Match[str]) -> str:
        urls = " ".join(versions.versioned(page, u) for u in match.group(2).split())
        return f"{match.group(1)}{urls}{match.group(3)}"

    return _OFFLINE.sub(offline, _TAG.sub(tag, text))


def version_site(site: Path, versions: Versions | None = None) -> int:
    """Version the asset URLs of every HTML file of a built site. Returns the number of files changed."""
    versions = versions or Versions(site)
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        new = version_urls(text, page, versions)
        if new != text:
            page.write_text(new, "utf-8")
            changed += 1
    return changed


def build_id(site: Path) -> str:
    """A hash of every file the service worker may cache, and of the worker's own code (not its cache name)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel == SERVICE_WORKER:
            data = _CACHE_NAME.sub('"hv-build-"', data.decode("utf-8")).encode("utf-8")
        elif _SKIP.search(rel):
            continue
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:HASH_LENGTH]


def write_build_id(site: Path, build: str) -> bool:
    """Name the built service worker's cache after the build. False when the site has no worker."""
    worker = site / SERVICE_WORKER
    if not worker.is_file():
        return False
    text = worker.read_text("utf-8")
    new, count = _CACHE_NAME.subn(f'"hv-build-{build}"', text)
    if count != 1:
        raise ValueError(f"{worker}: expected one cache name \"hv-build-…\", found {count}")
    if new != text:
        worker.write_text(new, "utf-8")
    return True


def fingerprint_site(site: Path) -> str:
    """Version every asset URL of the built site, then name the worker's cache after the build. Returns the id.

    Run once, after every page (and anything else the site publishes) is written.
    """
    version_site(site)
    build = build_id(site)
    write_build_id(site, build)
    return build
