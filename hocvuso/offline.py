"""Offline use of a built site: the size shown on "save this course" buttons, and a zip that opens from disk."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .budget import gzipped

PLACEHOLDER = "__HV_OFFLINE_KB__"
_BUTTON = re.compile(r'data-hv-offline="([^"]*)"')
_ASSET = re.compile(r"""<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src)="([^"]+)\"""")
# Every href/src value; only local ones (no scheme, not protocol-relative, not a bare #anchor) are rewritten.
_URL_ATTR = re.compile(r"""(\s(?:href|src|action)=")([^"]*)(")""")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")
# Only dot segments ("." "../.."): a folder, though it has no trailing slash (MkDocs writes the logo link so).
_DOTS_ONLY = re.compile(r"^\.{1,2}(?:/\.{1,2})*$")


def _resolve(site: Path, page: Path, url: str) -> Path:
    parts = urlsplit(html.unescape(url))
    rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path)))
    target = site / rel
    return target / "index.html" if url.endswith("/") or target.is_dir() else target


def fill_offline_sizes(site: Path) -> int:
    """Replace the size placeholder on every course page with the bytes its offline button will download.

    Sizes are known only once every page is written, so this runs after the build. Returns pages changed.
    """
    changed = 0
    for page in site.rglob("index.html"):
        text = page.read_text("utf-8")
        if PLACEHOLDER not in text:
            continue
        match = _BUTTON.search(text)
        urls = (match.group(1).split() if match else []) + _ASSET.findall(text)
        files = {_resolve(site, page, u) for u in urls}
        total = sum(gzipped(f) for f in files if f.is_file())
        page.write_text(text.replace(PLACEHOLDER, str(max(1, round(total / 1000)))), "utf-8")
        changed += 1
    return changed


def local_url(url: str, page: str = "index.html") -> str:
    """A link that works without a web server: relative, and naming the file, never a folder.

    `page` is the linking page's path inside the site. A root-absolute "/en/" (the language switch on the home
    page) means the root of the disk or of the server, not of the copy: it becomes relative to `page`. A folder
    link ("../safe-pay/", "../../..", ".") gets its index.html, which a file:// browser never adds itself: it
    shows a folder listing instead, and so does a phone's file viewer.
    """
    if not url or _EXTERNAL.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.startswith("/"):
        here = posixpath.dirname(page)
        target = path.lstrip("/")
        rel = posixpath.relpath(target or ".", here or ".")
        path = rel + "/" if path.endswith("/") else rel
    if path.endswith("/"):
        path += "index.html"
    elif _DOTS_ONLY.match(path):
        path += "/index.html"
    return path + rest


def file_links(text: str, page: str = "index.html") -> str:
    """Point every local link of a page at a file, so pages link to each other when opened from disk."""
    return _URL_ATTR.sub(lambda m: f"{m.group(1)}{local_url(m.group(2), page)}{m.group(3)}", text)


def write_offline_zip(site: Path, target: Path, top: str = "hocvuso") -> int:
    """Zip the built site for use from file:// (open <top>/index.html). Returns the number of files."""
    count = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            # Compressed copies and ZIM files (a separate download for Kiwix) would only make the zip bigger.
            if not path.is_file() or path.resolve() == target.resolve() or path.suffix in (".gz", ".zim"):
                continue
            rel = path.relative_to(site).as_posix()
            name = f"{top}/{rel}"
            if path.suffix == ".html":
                archive.writestr(name, file_links(path.read_text("utf-8"), rel))
            else:
                archive.write(path, name)
            count += 1
    return count
