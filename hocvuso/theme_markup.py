"""Repairs to markup the theme writes outside any template we can override.

Material's base.html gives its two toggle checkboxes `autocomplete="off"`, which HTML allows only on text
inputs: one W3C validator error on every page, in a block (the body's first lines) that cannot be
overridden without copying the whole base template. The exact strings are replaced after rendering; if a
theme update changes them, nothing is replaced and the HTML validity test says so.
"""

from __future__ import annotations

THEME_REPAIRS = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)


def repair_theme_markup(html: str) -> str:
    for old, new in THEME_REPAIRS:
        html = html.replace(old, new, 1)
    return html
