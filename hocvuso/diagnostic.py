"""One Diagnostic type for every problem the checks find, and its renderings."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


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

    def as_text(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value} [{self.rule}] {self.message}{hint}"

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


def render_summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    verdict = "FAILED" if errors else "OK"
    return (
        f"{verdict}: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} in {files_checked} files checked"
    )


def render_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, files_checked: int) -> str:
    """Render for a terminal ("text"), GitHub Actions ("github") or tools ("json")."""
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
    lines = [d.as_github() if fmt == "github" else d.as_text() for d in diagnostics]
    lines.append(render_summary(diagnostics, files_checked))
    return "\n".join(lines)
