"""Every check is a pure function from the loaded curriculum to diagnostics; this is their registry.

The command line (`scripts/validate.py`) and the MkDocs plugin both run `run_checks`, so a problem is
reported the same way wherever it is found.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..diagnostic import Diagnostic
from ..loader import Loaded
from ..markdowndoc import MarkdownDoc, parse_many, parse_markdown
from ..model import Curriculum, LessonText


@dataclass
class CheckContext:
    loaded: Loaded
    root: Path
    _markdown: dict[str, MarkdownDoc] = field(default_factory=dict)

    @property
    def cur(self) -> Curriculum:
        return self.loaded.curriculum

    @cached_property
    def files(self) -> frozenset[str]:
        """Every file under curriculum/, as project-relative POSIX paths: one walk instead of a stat per link."""
        found: set[str] = set()
        base = self.root / "curriculum"
        for folder, _dirs, names in os.walk(base):
            rel = Path(folder).relative_to(self.root).as_posix()
            found.update(f"{rel}/{name}" for name in names)
        return frozenset(found)

    def parse_all(self) -> None:
        """Parse every lesson text up front, in parallel when there are many."""
        texts = [t for lesson in self.cur.lessons for t in lesson.texts.values()
                 if t.source.path not in self._markdown]
        for text, doc in zip(texts, parse_many([(t.body, t.body_line) for t in texts]), strict=True):
            self._markdown[text.source.path] = doc

    def markdown(self, text: LessonText) -> MarkdownDoc:
        """Parsed once per file, shared by the content, link and safety checks."""
        found = self._markdown.get(text.source.path)
        if found is None:
            found = parse_markdown(text.body, text.body_line)
            self._markdown[text.source.path] = found
        return found


Check = Callable[[CheckContext], Iterable[Diagnostic]]


def registry() -> tuple[Check, ...]:
    from . import assets, content, coverage, length, quizzes, references, safety, teacher, translations

    return (
        references.check_duplicate_ids,
        references.check_references,
        references.check_prerequisite_cycles,
        references.check_courses,
        quizzes.check_quizzes,
        teacher.check_teacher,
        translations.check_translations,
        content.check_markdown,
        content.check_nfc,
        length.check_lesson_length,
        safety.check_safety,
        assets.check_assets,
        coverage.check_coverage,
    )


def run_checks(loaded: Loaded, root: Path) -> list[Diagnostic]:
    ctx = CheckContext(loaded, root, dict(loaded.markdown))
    ctx.parse_all()
    found = list(loaded.diagnostics)
    for check in registry():
        found.extend(check(ctx))
    return found
