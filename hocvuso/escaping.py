"""Escaping by default in templates, and text the theme prints unescaped.

MkDocs creates its Jinja environment with autoescape off, so every `{{ value }}` is raw HTML unless a
template escapes it. Our templates escape everything: trusted HTML reaches them only as `Markup`, made in
one place (`sanitize.clean_html`). The theme's own templates keep MkDocs' setting (they print HTML they
built themselves); where they print page metadata that comes from content (title, description), the
plugin hands them escaped text instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path

from markupsafe import Markup, escape


def escapes(template_dirs: Iterable[Path]) -> Callable[[str | None], bool]:
    """Jinja `autoescape` setting: on for every template found in `template_dirs` (ours), off otherwise."""
    ours = frozenset(p.relative_to(d).as_posix() for d in template_dirs if d.is_dir() for p in d.rglob("*.html"))

    def autoescape(name: str | None) -> bool:
        return name is not None and name.replace("\\", "/") in ours

    return autoescape


ESCAPED_META = ("title", "description")
"""Front-matter keys the theme prints as HTML."""


def escape_meta(meta: MutableMapping[str, object]) -> None:
    """Escape the page metadata the theme prints raw; `Markup` keeps our escaping templates from doing it twice."""
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)
