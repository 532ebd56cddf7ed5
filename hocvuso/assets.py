"""Which files of a lesson folder are published, and why the others are not.

A lesson folder comes from a pull request, so nothing in it is published because it is *there*: a file
reaches the site (and the offline zip, and the CI artifact) only when the lesson refers to it (an image in
its Markdown, in any language, or a quiz question's `image`), and only when it is

- a regular file inside the lesson folder: not a symbolic link (`anh.png → /etc/passwd`), not a folder,
  pipe or device, not reached through `..` or a linked folder;
- a picture by its name (IMAGE_SUFFIXES) and by its bytes: Pillow must read a PNG named .png, and an SVG
  must pass `hocvuso.svg.check_svg` (no script, nothing loaded);
- of a sane size: at most MAX_BYTES, MAX_SIDE pixels a side and MAX_PIXELS pixels.

`lesson_assets` says this for every referenced file, with the places that refer to it, so the validator
(`hocvuso.checks.assets`) reports exactly what the build leaves out; `published_names` and `read_asset`
are what the build uses. `lesson_folder_entries` finds what is not a regular file anywhere in a lesson
folder, referenced or not.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .images import header_size, raster_info, svg_size
from .markdowndoc import MarkdownDoc, parse_markdown
from .model import Lesson, LessonText
from .site import GENERATED_DIR, IMAGE_SUFFIXES
from .svg import check_svg

MAX_SIDE = 4096
"""Largest width or height, in pixels, of a published picture."""
MAX_PIXELS = 16_000_000
"""Largest area of a published picture: 16 megapixels (a phone would need 64 MB to show it)."""
MAX_BYTES = 5_000_000
"""Hard limit read from any file, far above the size budget of config.yml (which the validator reports)."""

RASTER_FORMATS: dict[str, str] = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF",
                                  ".avif": "AVIF"}
"""Suffix → the format Pillow must find in the bytes."""
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF"}

HINT_FORMAT = "save it again as PNG, JPEG, WebP or SVG, with the matching name ending: .png, .jpg, .webp or .svg"
HINT_LINK = "copy the picture itself into the lesson folder instead of a link to it"
_HTML_IMG = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """Why a file is not published: a rule id of hocvuso.rules, a message and a hint for the editor."""

    rule: str
    message: str
    hint: str


@dataclass(frozen=True)
class Reference:
    """A place in the curriculum that asks for a file: the address as written, the source file and line."""

    src: str
    path: str
    line: int


@dataclass(frozen=True)
class Asset:
    """A file a lesson refers to: its path inside the lesson folder (POSIX), where it is asked for, and the
    problems that keep it off the site (none: it is published)."""

    name: str
    references: tuple[Reference, ...]
    problems: tuple[Problem, ...] = ()
    outside: bool = False
    """The address leaves the lesson folder: `name` is then the address as written."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FolderEntry:
    """Something in a lesson folder that is not a regular file or folder (a link, pipe, device, socket)."""

    path: str
    """Project-relative POSIX path."""
    kind: str


# --- which files a lesson refers to -----------------------------------------------------------------------

def _local(src: str) -> str | None:
    """The path part of a reference to a file of the site, or None for another host, a data: address, etc."""
    src = src.strip()
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("//", "\\\\")) or not parts.path:
        return None
    return unquote(parts.path)


@lru_cache(maxsize=8192)
def _markdown_refs(body: str, first_line: int) -> tuple[tuple[str, int], ...]:
    return _doc_refs(parse_markdown(body, first_line))


def _doc_refs(doc: MarkdownDoc) -> tuple[tuple[str, int], ...]:
    refs = [(image.src, image.line) for image in doc.images]
    # A link to a picture in the folder ([the form](form.png)) publishes it as well.
    refs += [(link.target, link.line) for link in doc.links
             if (path := _local(link.target)) and posixpath.splitext(path)[1].lower() in IMAGE_SUFFIXES]
    for html in doc.html:
        for match in _HTML_IMG.finditer(html.text):
            src = next(g for g in match.groups() if g is not None)
            refs.append((src, html.line + html.text.count("\n", 0, match.start())))
    return tuple(refs)


def lesson_references(lesson: Lesson, markdown: Callable[[LessonText], MarkdownDoc] | None = None) -> list[Reference]:
    """Every address of a local file in the lesson's texts (every language) and quiz, in file order."""
    found = []
    for text in lesson.texts.values():
        pairs = _doc_refs(markdown(text)) if markdown else _markdown_refs(text.body, text.body_line)
        found += [Reference(src, text.source.path, line) for src, line in pairs]
    for q in lesson.quiz.questions if lesson.quiz else ():
        if q.image:
            spot = q.spots.get("image", q.source)
            found.append(Reference(q.image, spot.path, spot.line))
    return found


# --- is a file fit to publish -------------------------------------------------------------------------------

def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(name: str, kind: str) -> Problem:
    return Problem("file-not-regular", f"'{name}' is {kind}, not a file: only regular files in the lesson folder "
                   "are published", HINT_LINK if "link" in kind else "replace it with the picture file itself")


def _open_regular(root: Path, rel: str, name: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of root/rel if every part of that path is a real folder or file (no link), else the problem
    (named `name` for the editor); (None, None) if it does not exist.

    Each component is checked with lstat, and the file is opened with O_NOFOLLOW and checked again once open,
    so a link swapped in between cannot make it read another file.
    """
    current = root
    parts = rel.split("/")
    info = None
    for i, part in enumerate(parts):
        current = current / part
        try:
            info = os.lstat(current)
        except OSError:
            return None, None  # missing: md-missing-image says so
        last = i == len(parts) - 1
        if stat.S_ISLNK(info.st_mode) or (not last and not stat.S_ISDIR(info.st_mode)) or (
                last and not stat.S_ISREG(info.st_mode)):
            shown = name if last else "/".join(parts[: i + 1])
            return None, _not_regular(shown, _kind(info.st_mode))
    assert info is not None
    if info.st_size > MAX_BYTES:
        return None, Problem("image-format", f"'{name}' is {info.st_size // 1_000_000} MB, far too large for a picture",
                             "resize it: at most 800 px wide, saved as WebP, PNG or SVG")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(current, flags)
    except OSError:
        return None, _not_regular(name, "not readable")
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return None, _not_regular(name, _kind(opened.st_mode))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    return data, None


def check_image_bytes(name: str, data: bytes) -> list[Problem]:
    """Problems of a picture's bytes: they are not the format its name says, or it is too large."""
    suffix = posixpath.splitext(name)[1].lower()
    if suffix == ".svg":
        problems = [Problem(f.rule, f"image '{name}', line {f.line}: {f.message}", f.hint) for f in check_svg(data)]
        if not problems and (size := svg_size(data)) and (problem := _too_large(name, *size)):
            problems.append(problem)
        return problems
    wanted = RASTER_FORMATS.get(suffix)
    if wanted is None:
        shown = suffix or "a name without an ending"
        return [Problem("image-format", f"'{name}' is not a picture the site publishes ({shown})", HINT_FORMAT)]
    found, size = raster_info(data)
    if found and size is None:
        size = header_size(data) or (MAX_SIDE + 1, MAX_SIDE + 1)  # too many pixels for Pillow to even open
    if found != wanted:
        shown = _NAMES.get(found, found)
        what = f"{'an' if shown[:1] in 'AEIOU' else 'a'} {shown} picture" if found else (
            "text" if _looks_like_text(data) else "damaged or not a picture")
        return [Problem("image-format", f"'{name}' is named as a {_NAMES[wanted]} picture, but its content is {what}",
                        HINT_FORMAT)]
    problem = _too_large(name, *size) if size else None
    return [problem] if problem else []


def _too_large(name: str, width: int, height: int) -> Problem | None:
    if max(width, height) <= MAX_SIDE and width * height <= MAX_PIXELS:
        return None
    return Problem("image-dimensions", f"image '{name}' is {width} × {height} pixels; a picture may have at most "
                   f"{MAX_SIDE} pixels a side and {MAX_PIXELS // 1_000_000} megapixels",
                   "resize it: 800 px wide is plenty on a phone screen")


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:1024].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class _Checked:
    data: bytes | None = field(repr=False)
    problems: tuple[Problem, ...]


def _inside(name: str) -> str | None:
    """`name` as a normalised path inside the lesson folder, or None if it leaves it."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return None
    normal = posixpath.normpath(name.replace("\\", "/"))
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal


def _check(root: Path, folder: str, name: str) -> _Checked:
    """A file of a lesson folder (`folder` relative to root, `name` inside it), read and checked."""
    data, problem = _open_regular(root, f"{folder}/{name}", name)
    if problem is not None:
        return _Checked(None, (problem,))
    if data is None:
        return _Checked(None, ())
    return _Checked(data, tuple(check_image_bytes(name, data)))


@lru_cache(maxsize=4096)
def _check_cached(root: str, folder: str, name: str, signature: tuple[int, ...]) -> tuple[Problem, ...]:
    return _check(Path(root), folder, name).problems


def _signature(path: Path) -> tuple[int, ...]:
    try:
        info = os.lstat(path)
    except OSError:
        return ()
    return info.st_mode, info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def lesson_assets(root: Path | str, lesson: Lesson,
                  markdown: Callable[[LessonText], MarkdownDoc] | None = None) -> list[Asset]:
    """Every file the lesson refers to, with where, and what keeps it off the site.

    Files that do not exist are left out (the validator's md-missing-image reports them); files outside the
    lesson folder come back with `outside=True` and are never published.
    """
    folder = Path(root) / lesson.folder
    if not _real_folder(Path(root), lesson.folder):
        return []  # lesson_folder_entries reports it; nothing in a linked folder is published
    by_name: dict[str, list[Reference]] = {}
    outside: dict[str, list[Reference]] = {}
    for ref in lesson_references(lesson, markdown):
        path = _local(ref.src)
        if path is None:
            continue
        name = _inside(path)
        if name is None:
            outside.setdefault(ref.src, []).append(ref)
        else:
            by_name.setdefault(name, []).append(ref)
    found = [Asset(src, tuple(refs), (Problem("image-outside-lesson", f"'{src}' is outside the lesson folder",
                                              f"copy the file into {lesson.folder}/ and refer to it by its name"),),
                   outside=True) for src, refs in outside.items()]
    for name, refs in by_name.items():
        target = folder / name
        if not os.path.lexists(target) and not _through_link(folder, name):
            continue
        problems = _check_cached(str(root), lesson.folder, name, _signature(target))
        found.append(Asset(name, tuple(refs), problems))
    return found


def _real_folder(root: Path, folder: str) -> bool:
    current = root
    for part in folder.split("/"):
        current = current / part
        try:
            if not stat.S_ISDIR(os.lstat(current).st_mode):
                return False
        except OSError:
            return False
    return True


def _through_link(folder: Path, name: str) -> bool:
    """True if a folder on the way to `name` is a link (so lexists may say "missing" for a real target)."""
    current = folder
    for part in name.split("/")[:-1]:
        current = current / part
        if current.is_symlink():
            return True
    return False


def published_names(root: Path | str, lesson: Lesson) -> list[str]:
    """Paths (inside the lesson folder, POSIX) of the files the site publishes for this lesson, sorted."""
    folder = Path(root) / lesson.folder
    if not _has_candidates(folder):
        return []
    return sorted(asset.name for asset in lesson_assets(root, lesson) if asset.ok and not asset.outside)


def read_asset(root: Path | str, lesson: Lesson, name: str) -> bytes | None:
    """The bytes of a published file, checked again as they are read; None if it is not fit to publish."""
    return read_lesson_file(root, f"{lesson.folder}/{name}")


LESSONS_DIR = "curriculum/lessons"


def read_lesson_file(root: Path | str, rel: str) -> bytes | None:
    """The bytes of the picture at `rel` (relative to the project root) if it is a file of a lesson folder
    (curriculum/lessons/<id>/…) that could be published, checked as it is read; else None. The print
    pipeline's URL fetcher uses this, so a handout loads nothing a lesson page could not show."""
    normal = _inside(rel)
    if normal is None or not normal.startswith(LESSONS_DIR + "/"):
        return None
    parts = normal[len(LESSONS_DIR) + 1:].split("/", 1)
    if len(parts) != 2:
        return None
    checked = _check(Path(root), f"{LESSONS_DIR}/{parts[0]}", parts[1])
    return checked.data if checked.data is not None and not checked.problems else None


def _has_candidates(folder: Path) -> bool:
    # Most lessons have no pictures: a listing of the folder is cheaper than parsing their Markdown.
    try:
        with os.scandir(folder) as entries:
            return any(e.name.lower().endswith(tuple(IMAGE_SUFFIXES)) or e.is_dir(follow_symlinks=False)
                       for e in entries)
    except OSError:
        return False


def lesson_folder_entries(root: Path | str, lesson: Lesson) -> Iterator[FolderEntry]:
    """Everything in the lesson folder that is not a regular file or a real folder, referenced or not."""
    yield from special_entries(root, lesson.folder)


SITE_SOURCES = ("docs", "overrides")
"""Folders MkDocs copies into the site as they are (docs_dir and the theme's custom_dir)."""


def site_source_entries(root: Path | str) -> Iterator[FolderEntry]:
    """Links, pipes and devices in the folders MkDocs publishes from (docs/, overrides/): MkDocs would copy
    what a link points to. docs/learn is left out: the build writes it, as regular files only."""
    for top in SITE_SOURCES:
        yield from special_entries(root, top, skip=f"docs/{GENERATED_DIR}")


def special_entries(root: Path | str, folder: str, skip: str = "") -> Iterator[FolderEntry]:
    """What is not a regular file or a real folder in root/folder (the folder itself included), depth first
    in name order; a linked folder is reported and not entered."""
    base = Path(root)
    top = base / folder
    try:
        mode = os.lstat(top).st_mode
    except OSError:
        return
    if not stat.S_ISDIR(mode):
        yield FolderEntry(folder, _kind(mode))
        return
    for current, dirs, names in os.walk(top):
        for name in sorted(dirs + names):
            path = Path(current) / name
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                yield FolderEntry(path.relative_to(base).as_posix(), _kind(mode))
        dirs[:] = sorted(d for d in dirs if not skip or (Path(current) / d).relative_to(base).as_posix() != skip)
