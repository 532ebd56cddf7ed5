"""Where the theme's files come from: the templates, interface strings, print templates and assets shipped
inside this package, overridden file by file by a site's own folder (MkDocs' `theme.custom_dir`).

The site's folder comes first, the package's last, as MkDocs searches `theme.dirs`: a site that wants another
footer puts `partials/copyright.html` in its folder and keeps every other file of ours. Strings merge key by
key instead (a site changes one sentence without copying the whole file), and so do print strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

PACKAGE_THEME = Path(str(resources.files("hocvuso") / "theme"))
"""The theme shipped in the package (on disk: MkDocs and WeasyPrint read real folders, not a zip)."""
STRINGS = "strings"
PRINT = "print"


@dataclass(frozen=True)
class ThemeFiles:
    """The theme folders of one site, highest priority first; the package's own is always last."""

    overrides: tuple[Path, ...] = field(default=())

    @classmethod
    def of_site(cls, custom_dir: str | Path | None) -> ThemeFiles:
        if not custom_dir:
            return cls()
        return cls((Path(custom_dir),))

    @property
    def dirs(self) -> tuple[Path, ...]:
        return (*self.overrides, PACKAGE_THEME)

    @property
    def strings(self) -> tuple[str, ...]:
        """Folders of interface strings (<lang>.yml), highest priority first."""
        return tuple(str(d / STRINGS) for d in self.dirs)

    @property
    def print_templates(self) -> tuple[str, ...]:
        """Folders of the print templates, highest priority first (a Jinja search path)."""
        return tuple(str(d / PRINT) for d in self.dirs)

    @property
    def print_strings(self) -> tuple[str, ...]:
        """Folders of the print documents' own strings, laid over the interface strings."""
        return tuple(str(d / PRINT / STRINGS) for d in self.dirs)

    def find(self, relative: str) -> Path:
        """The file that wins for `relative` (e.g. "print/print.css"): the site's if it has one."""
        for folder in self.dirs:
            if (folder / relative).is_file():
                return folder / relative
        raise FileNotFoundError(f"{relative}: in none of the theme folders {', '.join(map(str, self.dirs))}")
