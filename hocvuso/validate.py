"""`scripts/validate.py`: load the curriculum, run every check, print every problem.

`--changed FILE...` checks only what those files put in question (the pre-commit hook): see
`hocvuso.incremental` for what that covers and when it falls back to checking everything.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .checks import run_checks
from .commands import commands_of
from .diagnostic import Diagnostic, has_errors, render_diagnostics, sort_diagnostics
from .incremental import LESSONS, Scope, linked_lessons, plan_changes
from .loader import Loaded, load_curriculum
from .markup import MarkdownOptions, configure, options_from_mkdocs
from .messages import LANGUAGES, message_language, next_steps

T = TypeVar("T")


@dataclass
class Validation:
    loaded: Loaded
    diagnostics: list[Diagnostic]
    checked: tuple[str, ...] | None = None
    """Files whose problems are reported, when not every file read (an incremental run)."""

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def files_checked(self) -> int:
        return len(self.loaded.curriculum.files if self.checked is None else self.checked)


def validate(root: Path | str, markdown: MarkdownOptions | None = None) -> Validation:
    """Load and check the curriculum under `root`; the one entry point the CLI and the site build share.

    `markdown`: the Markdown extensions the site renders with (the plugin passes MkDocs' own); by default
    those of `root`/mkdocs.yml, so lesson HTML is judged as it will be published."""
    _configure_markdown(Path(root), markdown)
    with paused_gc():
        loaded = load_curriculum(root)
        return Validation(loaded, sort_diagnostics(run_checks(loaded, Path(root))))


def validate_changed(root: Path | str, changed: Sequence[str], *, notes: list[str] | None = None,
                     markdown: MarkdownOptions | None = None) -> Validation:
    """Check what `changed` files (paths relative to the current folder, or absolute) put in question.

    Within its scope the report is the full run's report, filtered; `loaded` then holds a partial model
    (`loaded.metadata_only` names the lessons read from lesson.yml and quiz.yml alone): do not build pages
    or statistics from it. `notes` receives why a full run was needed, if it was.
    """
    root = Path(root)
    _configure_markdown(root, markdown)
    plan = plan_changes(root, changed)
    if plan.scope is None:
        if plan.nothing:
            with paused_gc():
                loaded = load_curriculum(root, full_lessons=())
            return Validation(loaded, [], ())
        if notes is not None:
            notes.append(f"{plan.full_reason}: checking the whole curriculum")
        return validate(root, markdown)
    return _validate_scope(root, plan.scope)


def _validate_scope(root: Path, scope: Scope) -> Validation:
    with paused_gc():
        loaded = load_curriculum(root, full_lessons=scope.lessons | linked_lessons(root, scope.lessons))
        found = [d for d in run_checks(loaded, root) if scope.covers(d)]
    checked = tuple(f for f in loaded.curriculum.files if scope.covers_path(f))
    return Validation(loaded, sort_diagnostics(found), checked)


def revalidate(root: Path | str, previous: Validation, changed: Sequence[str],
               markdown: MarkdownOptions | None = None) -> Validation:
    """The full validation of the curriculum after `changed` files (relative to the current folder, or absolute)
    changed, given the full validation `previous` of the curriculum before: the live preview's path.

    A full run reads and checks every lesson on every save (≈ 1.5 s of CPU for the shipped 132 lessons). Here
    only what the changed files put in question is read and checked, as in the commit hook (`validate_changed`),
    plus the lessons that mention a changed one (a link to one of its headings, a prerequisite), so that a
    renamed heading shows as the broken link it makes elsewhere. Every other lesson, its files and its
    problems are taken from `previous`, which saw the same bytes. Shared files, a deleted or new lesson and a
    changed lesson id fall back to a full run. The result is a complete model (pages, search and the
    translation status are built from it), what a full run gives: tests/test_preview_rebuild.py compares them
    on every golden case.
    """
    root = Path(root)
    if previous.checked is not None or previous.loaded.metadata_only:
        raise ValueError("revalidate needs a full validation to start from")
    _configure_markdown(root, markdown)
    plan = plan_changes(root, changed)
    if plan.nothing:
        return previous
    if plan.scope is None:
        return validate(root, markdown)
    changed_lessons = plan.scope.lessons
    scope = Scope(changed_lessons | _mentioning(previous.loaded, changed_lessons))
    part = _validate_scope(root, scope)
    merged = _merge(previous.loaded, part.loaded, scope, changed_lessons)
    if merged is None:
        return validate(root, markdown)
    kept = [d for d in previous.diagnostics if not scope.covers(d)]
    return Validation(merged, sort_diagnostics(kept + part.diagnostics))


def _mentioning(loaded: Loaded, lessons: frozenset[str]) -> frozenset[str]:
    """Lesson folders with a file that mentions one of `lessons` (by folder name or id): those that may link
    to it or need it. Generous on purpose: a lesson checked again costs milliseconds and changes nothing."""
    names = set(lessons) | {lesson.id for lesson in loaded.curriculum.lessons
                            if Path(lesson.folder).name in lessons and lesson.id}
    found = set()
    for path, text in loaded.texts.items():
        folder = _lesson_folder(path)
        if folder is not None and folder not in lessons and folder not in found and any(n in text for n in names):
            found.add(folder)
    return frozenset(found)


def _lesson_folder(path: str) -> str | None:
    """The lesson folder name of a path under curriculum/lessons/, else None."""
    parts = path.split("/")
    return parts[2] if len(parts) > 3 and path.startswith(LESSONS + "/") else None


def _merge(before: Loaded, part: Loaded, scope: Scope, changed: frozenset[str]) -> Loaded | None:
    """`part` (a scoped load) completed with `before` (a full load) for everything outside `scope`. Lessons
    whose files did not change stay the very objects of `before` (the preview re-renders the pages of the
    others only). None when the two do not fit together (then the caller runs a full validation)."""
    old_lessons = {Path(lesson.folder).name: lesson for lesson in before.curriculum.lessons}
    lessons = []
    for lesson in part.curriculum.lessons:
        name = Path(lesson.folder).name
        if (old := old_lessons.get(name)) is None or old.id != lesson.id:
            return None  # a new lesson, or a new id: other lessons may now point at it
        lessons.append(lesson if name in changed else old)
    # Files in the order a full load lists them: each lesson outside the scope keeps its place, its files
    # are the ones `before` read (texts and wording files too, which the scoped load did not read).
    old_files: dict[str, list[str]] = {}
    for path in before.curriculum.files:
        if (folder := _lesson_folder(path)) is not None:
            old_files.setdefault(folder, []).append(path)
    files: list[str] = []
    placed: set[str] = set()
    for path in part.curriculum.files:
        folder = _lesson_folder(path)
        if folder is None or folder in scope.lessons:
            files.append(path)
        elif folder not in placed:
            placed.add(folder)
            files.extend(old_files.get(folder, ()))
    if placed != old_files.keys() - scope.lessons:
        return None  # a lesson outside the scope was not found again: not the same curriculum

    def pick(new: dict[str, T], old: dict[str, T]) -> dict[str, T]:
        return {**{k: v for k, v in old.items() if not scope.covers_path(k)},
                **{k: v for k, v in new.items() if scope.covers_path(k)}}

    cur = dataclasses.replace(part.curriculum, lessons=tuple(lessons), files=tuple(files))
    return Loaded(
        cur,
        [d for d in before.diagnostics if not scope.covers(d)] + [d for d in part.diagnostics if scope.covers(d)],
        pick(part.docs, before.docs), pick(part.texts, before.texts),
        {p for p in before.broken if not scope.covers_path(p)} | {p for p in part.broken if scope.covers_path(p)},
        pick(part.markdown, before.markdown),
    )


def markdown_options(root: Path) -> MarkdownOptions:
    """The Markdown settings of the site under `root` (its mkdocs.yml), which lesson HTML is judged with."""
    config = root / "mkdocs.yml"
    return options_from_mkdocs(config) if config.is_file() else MarkdownOptions()


def _configure_markdown(root: Path, options: MarkdownOptions | None) -> None:
    configure(markdown_options(root) if options is None else options)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading creates millions of small objects and no garbage cycles worth collecting: pausing the cycle
    collector makes a 1,000-lesson validation about a third faster."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def main(argv: list[str] | None = None, *, prog: str = "validate.py") -> int:
    """The `hocvuso validate` command (`scripts/validate.py`, `python -m hocvuso.validate`)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check the curriculum: YAML and schemas, references, quizzes, translations, Markdown, "
        "safety and coverage. Exit 1 if any error is found.",
    )
    parser.add_argument("--root", default=".", help="project folder that contains curriculum/ (default: .)")
    parser.add_argument("--format", choices=("text", "github", "json"), default=None,
                        help="output format (default: github annotations under GitHub Actions, else text)")
    parser.add_argument("--errors-only", action="store_true", help="hide warnings")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the messages (default: the curriculum's source language)")
    parser.add_argument("--all", action="store_true",
                        help=f"list every problem (default: at most {PER_RULE} of one rule, then a count)")
    parser.add_argument("--changed", nargs="+", metavar="FILE",
                        help="check only the lessons containing these files, and the shared files, against the "
                             "whole curriculum (fast; for the pre-commit hook)")
    args = parser.parse_args(argv)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    root = Path(args.root)
    lang = message_language(root, args.lang)
    if not (root / "curriculum").is_dir():
        where = ("không có thư mục curriculum ở đây (chạy từ thư mục dự án hoặc dùng --root)" if lang == "vi" else
                 "no curriculum folder here (run from the project folder or pass --root)")
        print(f"{root}/curriculum: error [missing-file] {where}", file=sys.stderr)
        return 2
    notes: list[str] = []
    result = validate(root) if args.changed is None else validate_changed(root, args.changed, notes=notes)
    for note in notes:
        print(f"{prog}: {note}", file=sys.stderr)
    shown = [d for d in result.diagnostics if not args.errors_only or d.severity.value == "error"]
    print(render_diagnostics(shown, fmt, result.files_checked, lang=lang, per_rule=None if args.all else PER_RULE))
    errors = sum(1 for d in result.diagnostics if d.severity.value == "error")
    if fmt == "text" and (advice := next_steps(errors, len(result.diagnostics) - errors, lang, commands_of(root))):
        print(advice, file=sys.stderr)  # stdout stays the report, for tools and golden tests
    # The one policy, everywhere (this command, the commit hook, the site build, CI): errors block, warnings never.
    return 0 if result.ok else 1


PER_RULE = 10
"""Problems of one rule listed before the rest are counted: one cause (150 lessons without a translation) makes
one line, not a screenful hiding the error that matters."""


if __name__ == "__main__":  # `python -m hocvuso.validate` runs the validator (it used to exit 0 doing nothing)
    from .cli import run_command

    raise SystemExit(run_command(lambda: main(prog="python -m hocvuso.validate")))
