"""Where every page of the site lives, and the interface strings, for any language.

Pure functions of the model: the MkDocs plugin and the tests share them, so a link in a page and the file
written for it can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

GENERATED_DIR = "learn"
"""Folder under docs/ that the build owns: generated pages are written there and nowhere else."""
IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif"})


@dataclass(frozen=True)
class SitePaths:
    """Site-relative URLs (with directory URLs) of generated pages, per language."""

    default_lang: str

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"{lang}/"

    def home(self, lang: str) -> str:
        return self.prefix(lang)

    def lesson(self, lang: str, lesson_id: str) -> str:
        return f"{self.prefix(lang)}{GENERATED_DIR}/lessons/{lesson_id}/"

    def course(self, lang: str, course_id: str) -> str:
        return f"{self.prefix(lang)}{GENERATED_DIR}/courses/{course_id}/"

    def audience(self, lang: str, audience_id: str) -> str:
        return f"{self.prefix(lang)}{GENERATED_DIR}/audiences/{audience_id}/"

    def skills(self, lang: str, competence: str = "") -> str:
        anchor = f"#c-{competence.replace('.', '-')}" if competence else ""
        return f"{self.prefix(lang)}{GENERATED_DIR}/skills/{anchor}"

    def coverage(self, lang: str) -> str:
        return f"{self.prefix(lang)}{GENERATED_DIR}/coverage/"

    def glossary(self, lang: str, term: str = "") -> str:
        return f"{self.prefix(lang)}{GENERATED_DIR}/glossary/" + (f"#{term}" if term else "")


class Strings(dict[str, str]):
    """Interface strings of one language; a missing key shows itself instead of breaking the page."""

    def __missing__(self, key: str) -> str:
        return f"[{key}]"


@cache
def load_strings(folders: str | tuple[str, ...], lang: str, fallback: str) -> Strings:
    """Strings for `lang` from <folder>/<lang>.yml, completed from the fallback language.

    `folders` is one folder or several, highest priority first (a site's own strings, then the package's):
    within a language the first folder that has a key wins, and any key of `lang` beats the fallback's."""
    order = (folders,) if isinstance(folders, str) else folders
    merged: dict[str, str] = {}
    for code in (fallback, lang):
        for folder in reversed(order):
            path = Path(folder) / f"{code}.yml"
            if path.is_file():
                data = yaml.safe_load(path.read_text("utf-8")) or {}
                merged.update({str(k): str(v) for k, v in data.items()})
    return Strings(merged)


def pick_all(text: Mapping[str, str], lang: str, fallback: str) -> tuple[str, str]:
    """(text, language of that text): the page says which language it really shows."""
    if lang in text:
        return text[lang], lang
    if fallback in text:
        return text[fallback], fallback
    for code, value in text.items():
        return value, code
    return "", lang
