"""One stamp of everything a handout run reads, so that a run over the same sources does nothing at all.

Laying out a PDF is skipped per handout by its content hash (manifest.py), but computing those hashes means
validating the curriculum and rendering every handout's HTML: ≈ 4 s for the shipped 132 lessons, on every
`make build` and `hocvuso handouts`. Yet most runs change nothing. The stamp hashes, in milliseconds, the
bytes those steps start from: every file of curriculum/, the site's print templates and strings, the Markdown
settings, the address for the QR codes, this package's own code and theme, and the versions of the libraries
that shape a PDF. When it equals the stamp of the last run that wrote every handout without an error, and
every PDF of that run is still there at its size, the handouts are what that run made: nothing is validated,
planned or laid out, and the run's warnings are reported again from the manifest.

Anything the stamp does not cover falls back to the per-handout hashes, never to a stale PDF: a run with
errors records no stamp.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib.metadata import PackageNotFoundError
from pathlib import Path

from ..incremental import content_stamp
from ..markup import MarkdownOptions
from ..themefiles import PRINT, STRINGS, ThemeFiles
from .manifest import RENDERER_VERSION, _version

PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "segno", "markdown", "pymdown-extensions", "nh3",
             "jinja2", "pyyaml", "pillow")
"""Libraries between the curriculum and the PDF: a new release may read or draw the same input differently."""


def sources_stamp(root: Path | str, base_url: str, theme: ThemeFiles | None, markdown: MarkdownOptions, *,
                  curriculum: str | None = None) -> str:
    """The stamp of a handout run: equal stamps, equal handouts (see the module's docstring). Take it before
    reading the curriculum: a file saved during the run then makes the next run's stamp differ.

    `markdown`: the Markdown settings the curriculum is read with (the site's, from mkdocs.yml).
    `curriculum`: the `content_stamp` of curriculum/ when the caller took it before validating (the site build)."""
    root = Path(root)
    digest = hashlib.sha256()

    def add(label: str, value: str | bytes) -> None:
        digest.update(label.encode() + b"\0")
        digest.update(value if isinstance(value, bytes) else value.encode("utf-8"))
        digest.update(b"\0")

    add("renderer", RENDERER_VERSION)
    add("code", _code_stamp())
    for library in LIBRARIES:
        add(library, _installed(library))
    add("base_url", base_url)
    add("curriculum", curriculum if curriculum is not None else content_stamp(root / "curriculum"))
    add("markdown", json.dumps([markdown.extensions, markdown.configs], sort_keys=True, default=_named))
    for folder in (theme or ThemeFiles()).overrides:  # the package's own theme is part of the code stamp
        for part in (PRINT, STRINGS):
            add(f"theme {folder.name}/{part}", content_stamp(folder / part))
    return digest.hexdigest()


@cache
def _code_stamp() -> str:
    """This package's source and theme files (not their compiled caches), once per process."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(PACKAGE):  # the theme (PACKAGE_THEME) is inside it
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(dirpath) / name
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _named(value: object) -> str:
    # A function in the settings (toc's slugify) by its name: its repr holds an address that differs per process.
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    return f"{module}.{name}" if module and name else repr(value)


def _installed(library: str) -> str:
    try:
        return _version(library)
    except PackageNotFoundError:  # not installed: part of the stamp as such
        return "-"
