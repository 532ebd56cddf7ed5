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
# Directory links (…/, …/#anchor) that a web server resolves to index.html but a file:// browser does not.
_DIR_LINK = re.compile(r"""(href=")((?!https?:|//|mailto:|#|data:)[^"]*?/)(#[^"]*)?(")""")


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


def file_links(text: str) -> str:
    """Point directory links at their index.html, so pages link to each other when opened from disk."""
    return _DIR_LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}index.html{m.group(3) or ''}{m.group(4)}", text)


def write_offline_zip(site: Path, target: Path, top: str = "hocvuso") -> int:
    """Zip the built site for use from file:// (open <top>/index.html). Returns the number of files."""
    count = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if not path.is_file() or path.resolve() == target.resolve() or path.suffix == ".gz":
                continue
            name = f"{top}/{path.relative_to(site).as_posix()}"
            if path.suffix == ".html":
                archive.writestr(name, file_links(path.read_text("utf-8")))
            else:
                archive.write(path, name)
            count += 1
    return count
