"""How a project runs each task, for the advice in messages ("run … again").

In a checkout of this repository the Makefile's targets are the way (`make validate` also sets the machine up);
a site made with `hocvuso new-site`, or any site that installed the package, has no Makefile and runs the
`hocvuso` and `mkdocs` commands. Advice names the one that works where it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TARGET = re.compile(r"^validate:", re.MULTILINE)
GUIDES = ("CONTRIBUTING.md", "docs/contribute.md")
"""Where a project explains its rules to editors: ours, then the one `hocvuso new-site` writes."""


@dataclass(frozen=True)
class Commands:
    """The commands and guides of one project."""

    make: bool
    """The project has our Makefile (its `validate` target)."""
    guide: str = ""
    """The project's guide for editors, if it has one."""
    rules: str = ""
    """The guide that lists the validator's rule ids, if there is one (ours does; `new-site`'s does not)."""

    @property
    def validate(self) -> str:
        return "make validate" if self.make else "hocvuso validate"

    @property
    def serve(self) -> str:
        return "make serve" if self.make else "mkdocs serve"

    def translation_diff(self, lesson: str, lang: str) -> str:
        return f"make translation-diff LESSON={lesson} TO={lang}" if self.make else \
            f"hocvuso translation-diff {lesson} {lang}"


def commands_of(root: Path | str) -> Commands:
    """The commands of the project under `root`, and its guides."""
    root = Path(root)
    make = _TARGET.search(_read(root / "Makefile")) is not None
    guides = {name: _read(root / name) for name in GUIDES}
    guide = next((name for name, text in guides.items() if text), "")
    rules = next((name for name, text in guides.items() if "md-broken-link" in text), "")
    return Commands(make, guide, rules)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


NO_MAKEFILE = Commands(make=False)
