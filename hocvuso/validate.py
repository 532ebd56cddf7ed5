"""`scripts/validate.py`: load the curriculum, run every check, print every problem.

`--changed FILE...` checks only what those files put in question (the pre-commit hook): see
`hocvuso.incremental` for what that covers and when it falls back to checking everything.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .checks import run_checks
from .diagnostic import Diagnostic, has_errors, render_diagnostics, sort_diagnostics
from .incremental import linked_lessons, plan_changes
from .loader import Loaded, load_curriculum
from .markup import MarkdownOptions, configure, options_from_mkdocs
from .messages import LANGUAGES, message_language, next_steps


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


def validate_changed(root: Path | str, changed: Sequence[str], *, notes: list[str] | None = None) -> Validation:
    """Check what `changed` files (paths relative to the current folder, or absolute) put in question.

    Within its scope the report is the full run's report, filtered; `loaded` then holds a partial model
    (`loaded.metadata_only` names the lessons read from lesson.yml and quiz.yml alone): do not build pages
    or statistics from it. `notes` receives why a full run was needed, if it was.
    """
    root = Path(root)
    _configure_markdown(root, None)
    plan = plan_changes(root, changed)
    if plan.scope is None:
        if plan.nothing:
            with paused_gc():
                loaded = load_curriculum(root, full_lessons=())
            return Validation(loaded, [], ())
        if notes is not None:
            notes.append(f"{plan.full_reason}: checking the whole curriculum")
        return validate(root)
    scope = plan.scope
    with paused_gc():
        loaded = load_curriculum(root, full_lessons=scope.lessons | linked_lessons(root, scope.lessons))
        found = [d for d in run_checks(loaded, root) if scope.covers(d)]
    checked = tuple(f for f in loaded.curriculum.files if scope.covers_path(f))
    return Validation(loaded, sort_diagnostics(found), checked)


def _configure_markdown(root: Path, options: MarkdownOptions | None) -> None:
    if options is None:
        config = root / "mkdocs.yml"
        options = options_from_mkdocs(config) if config.is_file() else MarkdownOptions()
    configure(options)


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
    if fmt == "text" and (advice := next_steps(errors, len(result.diagnostics) - errors, lang)):
        print(advice, file=sys.stderr)  # stdout stays the report, for tools and golden tests
    # The one policy, everywhere (this command, the commit hook, the site build, CI): errors block, warnings never.
    return 0 if result.ok else 1


PER_RULE = 10
"""Problems of one rule listed before the rest are counted: one cause (150 lessons without a translation) makes
one line, not a screenful hiding the error that matters."""


if __name__ == "__main__":  # `python -m hocvuso.validate` runs the validator (it used to exit 0 doing nothing)
    from .cli import run_command

    raise SystemExit(run_command(lambda: main(prog="python -m hocvuso.validate")))
