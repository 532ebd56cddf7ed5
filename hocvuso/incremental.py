"""Which part of the curriculum a set of changed files puts in question: the pre-commit hook's fast path.

A full validation of 1,000 lessons takes about 3 s; an editor committing one lesson should wait well under
2 s. So `scripts/validate.py --changed FILE...` (see `hocvuso.validate.validate_changed`):

- reads in full only the *focus* lessons, those that contain a changed file, plus the lessons their texts
  link to (a link to ``../other/#steps`` needs the other lesson's headings);
- reads every other lesson from lesson.yml and quiz.yml alone: enough for lesson ids, prerequisites and
  their cycles, courses and coverage, which are whole-curriculum checks and so stay exact;
- runs the very same checks, and keeps the diagnostics in scope (`Scope.covers`): those in the focus
  lessons' folders, those in the shared files (config, frameworks, audiences, courses, glossary), and
  prerequisite cycles through a focus lesson wherever they are reported.

Within that scope the report is exactly what a full run reports; tests/test_workflow.py compares them.

Some changes can alter what every lesson means, or break lessons that were not touched: a change to
config.yml, a framework or audiences.yml, and a lesson folder that is gone (deleted or renamed). Those fall
back to a full validation. What the fast path cannot see: a change that breaks *another* lesson's link
(e.g. a renamed heading), and unreadable files in lessons that did not change (a full run then skips the
coverage check). CI validates everything on every pull request, so nothing is missed for long.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .checks.references import CYCLE_ARROW, CYCLE_PREFIX
from .diagnostic import Diagnostic
from .loader import split_front_matter
from .markdowndoc import parse_markdown

LESSONS = "curriculum/lessons"
# Folders whose files only shared-file checks look at: a change there puts no lesson in question.
_SHARED_ONLY = ("curriculum/courses/", "curriculum/glossary/")
_LANG_MD = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?\.md$")


@dataclass(frozen=True)
class Scope:
    """The lessons checked in full; everything outside `curriculum/lessons/` is always in scope."""

    lessons: frozenset[str]

    def covers_path(self, path: str) -> bool:
        if not path.startswith(LESSONS + "/"):
            return True
        parts = path.split("/")
        return len(parts) > 2 and parts[2] in self.lessons

    def covers(self, diagnostic: Diagnostic) -> bool:
        if self.covers_path(diagnostic.path):
            return True
        # A cycle is reported once, on its alphabetically first lesson: a focus lesson that closes a cycle
        # must hear about it even when that first lesson is another one.
        return diagnostic.rule == "prerequisite-cycle" and not self.lessons.isdisjoint(cycle_members(diagnostic))


def cycle_members(diagnostic: Diagnostic) -> tuple[str, ...]:
    if not diagnostic.message.startswith(CYCLE_PREFIX):
        return ()
    return tuple(diagnostic.message[len(CYCLE_PREFIX):].split(CYCLE_ARROW))


@dataclass(frozen=True)
class Plan:
    """What to check for a set of changed files: a full run (with the reason), nothing, or a scope."""

    scope: Scope | None
    full_reason: str = ""

    @property
    def nothing(self) -> bool:
        return self.scope is None and not self.full_reason


def plan_changes(root: Path | str, changed: Iterable[str]) -> Plan:
    """Turn changed paths (relative to the current folder, or absolute) into what must be checked."""
    root = Path(root)
    base = os.path.abspath(root)
    focus: set[str] = set()
    curriculum_touched = False
    for name in changed:
        # abspath, not resolve(): a changed file may be a symlink, and its name is what counts.
        rel = Path(os.path.relpath(os.path.abspath(name), base)).as_posix()
        if rel != "curriculum" and not rel.startswith("curriculum/"):
            continue  # not part of the curriculum (pre-commit filters these out anyway)
        curriculum_touched = True
        if rel.startswith(_SHARED_ONLY):
            continue
        parts = rel.split("/")
        if len(parts) < 3 or parts[1] != "lessons":
            return Plan(None, f"{rel} is shared by every lesson")
        folder = root / LESSONS / parts[2]
        if folder.is_dir():
            focus.add(parts[2])
        elif len(parts) > 3 or not (root / rel).exists():
            return Plan(None, f"lesson folder {LESSONS}/{parts[2]} is gone, and other lessons may use it")
        # else: a plain file directly in curriculum/lessons/, which is not a lesson
    if not curriculum_touched:
        return Plan(None)
    return Plan(Scope(frozenset(focus)))


def linked_lessons(root: Path | str, lessons: Iterable[str]) -> frozenset[str]:
    """Lesson folders that the texts of `lessons` link to, so their headings are there for anchor checks.

    Generous on purpose: an extra lesson read in full costs a few milliseconds and changes nothing in scope.
    """
    root = Path(root)
    found: set[str] = set()
    for lesson in lessons:
        folder = f"{LESSONS}/{lesson}"
        for md in sorted((root / folder).glob("*.md")):
            if not _LANG_MD.match(md.name):
                continue
            try:
                raw = md.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # the loader reports it
            _front, body, body_line, _problems = split_front_matter(raw.replace("\r\n", "\n"), md.name)
            for link in parse_markdown(body, body_line).links:
                parts = urlsplit(link.target)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                resolved = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
                # `../x/` names the lesson itself, `../x/en.md` its parent folder: try both.
                for candidate in (posixpath.basename(resolved), posixpath.basename(posixpath.dirname(resolved))):
                    if candidate and (root / LESSONS / candidate).is_dir():
                        found.add(candidate)
    return frozenset(found - set(lessons))


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under `folder` (POSIX path relative to it) → a hash of its bytes ("link" for a symlink, which
    the loader never follows). ~1 MB for the shipped curriculum: milliseconds."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link"
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def stamp_of(digests: dict[str, str]) -> str:
    """One hash for a whole `file_digests` map: equal stamps, equal contents."""
    digest = hashlib.sha256()
    for rel in sorted(digests):
        digest.update(rel.encode() + b"\0" + digests[rel].encode() + b"\0")
    return digest.hexdigest()


def content_stamp(folder: Path) -> str:
    """A hash of every file's path and bytes under `folder`.

    `mkdocs serve` validates again only when this changes. Keyed on content rather than modification times,
    an edit that was rejected stays rejected, whatever other file is saved meanwhile."""
    return stamp_of(file_digests(folder))


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Paths (relative to the folder both maps were taken of) added, removed or changed between two
    `file_digests` maps: what the preview hands to `hocvuso.validate.revalidate`."""
    return sorted(rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel))
