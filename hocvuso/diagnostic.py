"""One Diagnostic type for every problem the checks find, and its renderings."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .messages import localize, more_line, severity_word, summary_line


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a source file, with a stable rule id and a hint on how to fix it."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""

    def as_text(self, lang: str = "en") -> str:
        message, hint = localize(self, lang)
        hint = f" ({hint})" if hint else ""
        word = severity_word(self.severity.value, lang)
        return f"{self.path}:{self.line}:{self.col}: {word} [{self.rule}] {message}{hint}"

    def as_github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message part.
        text = f"[{self.rule}] {self.message}" + (f" ({self.hint})" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity.value} file={self.path},line={self.line},col={self.col}::{text}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }


def error(path: str, line: int, rule: str, message: str, hint: str = "", col: int = 1) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(col, 1), Severity.ERROR, rule, message, hint)


def warning(path: str, line: int, rule: str, message: str, hint: str = "", col: int = 1) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(col, 1), Severity.WARNING, rule, message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order for humans and golden tests: by file, then line, then rule; duplicates dropped."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.rule, d.message))


def render_summary(diagnostics: Sequence[Diagnostic], files_checked: int, lang: str = "en") -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return summary_line(errors, len(diagnostics) - errors, files_checked, lang)


def render_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, files_checked: int, *, lang: str = "en",
                       per_rule: int | None = None) -> str:
    """Render for a terminal ("text"), GitHub Actions ("github") or tools ("json").

    `lang`: language of the words around the facts ("vi" or "en"). `per_rule`: in text, show at most this many
    problems of one rule and sum up the rest in one line (150 lessons without a translation are one cause)."""
    if fmt == "json":
        errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
        return json.dumps(
            {
                "diagnostics": [d.as_dict() for d in diagnostics],
                "summary": {
                    "errors": errors,
                    "warnings": len(diagnostics) - errors,
                    "files": files_checked,
                },
            },
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "github":
        lines = [d.as_github() for d in diagnostics]
    else:
        shown, hidden = _limit(diagnostics, per_rule)
        lines = [d.as_text(lang) for d in shown]
        lines += [more_line(rule, count, lang, *_causes(diagnostics, rule)) for rule, count in hidden.items()]
    lines.append(render_summary(diagnostics, files_checked, lang))
    return "\n".join(lines)


_QUOTED = re.compile(r"'([^'\n]{1,40})'")


def _causes(diagnostics: Sequence[Diagnostic], rule: str) -> tuple[int, list[tuple[str, int]]]:
    """How many problems of `rule` in all, and the quoted values their messages name most often (up to 3, each
    met more than once): the cause shows in one line."""
    mine = [d for d in diagnostics if d.rule == rule]
    counts: dict[str, int] = {}
    for d in mine:
        if found := _QUOTED.search(d.message):
            counts[found.group(1)] = counts.get(found.group(1), 0) + 1
    common = sorted(((v, n) for v, n in counts.items() if n > 1), key=lambda item: (-item[1], item[0]))[:3]
    return len(mine), common


def _limit(diagnostics: Sequence[Diagnostic], per_rule: int | None) -> tuple[list[Diagnostic], dict[str, int]]:
    """The first `per_rule` problems of each rule (errors of a rule are never hidden behind its warnings),
    and how many of each rule are left out."""
    if per_rule is None:
        return list(diagnostics), {}
    seen: dict[tuple[str, Severity], int] = {}
    shown: list[Diagnostic] = []
    hidden: dict[str, int] = {}
    for d in diagnostics:
        key = (d.rule, d.severity)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= per_rule:
            shown.append(d)
        else:
            hidden[d.rule] = hidden.get(d.rule, 0) + 1
    return shown, hidden
