"""How far each language has come: lessons translated, missing and out of date, for a translation dashboard.

The numbers come from `checks.translations.lesson_translations`, the function behind the validator's
translation-missing, translation-untracked and translation-outdated diagnostics, so a dashboard built from
them can never disagree with what the validator tells editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks.translations import TranslationState, lesson_translations
from .loader import Loaded


@dataclass(frozen=True)
class LanguageStatus:
    """One configured language. Lesson ids are listed in curriculum order."""

    lang: str
    name: str
    required: bool
    source: bool
    """True for the source language, whose "missing" lessons have no text to translate from at all."""
    lessons: int
    """Lessons this language should have: every lesson for the source language; for a translation, every
    lesson that has a source text (a translation follows the source)."""
    missing: tuple[str, ...]
    """No text in this language (reported as translation-missing, or missing-source-text for the source)."""
    unreadable: tuple[str, ...]
    """The text exists but cannot be read (reported by the loader, e.g. file-encoding)."""
    outdated: tuple[str, ...]
    """The source changed after the translation was made (translation-outdated)."""
    untracked: tuple[str, ...]
    """The translation does not record which source version it follows (translation-untracked)."""
    quiz_missing: tuple[str, ...]
    """The text is translated but the quiz wording is not (translation-missing on the quiz)."""

    @property
    def translated(self) -> int:
        """Lessons that have a readable text in this language, up to date or not."""
        return self.lessons - len(self.missing) - len(self.unreadable)

    @property
    def up_to_date(self) -> int:
        """Translated lessons known to follow the current source text."""
        return self.translated - len(set(self.outdated) | set(self.untracked))

    @property
    def percent(self) -> int:
        """Up-to-date share, rounded down so 99.6 % never shows as 100 %."""
        return 100 * self.up_to_date // self.lessons if self.lessons else 100


def translation_status(loaded: Loaded) -> tuple[LanguageStatus, ...]:
    """Per configured language, in config.yml order, for a fully loaded curriculum (`hocvuso.validate`)."""
    if loaded.metadata_only:
        raise ValueError("translation status needs every lesson's texts; this curriculum was loaded for an "
                         "incremental check")
    cur = loaded.curriculum
    src = cur.config.source_language
    found: dict[tuple[str, TranslationState], list[str]] = {}
    for finding in lesson_translations(cur, loaded.broken):
        found.setdefault((finding.lang, finding.state), []).append(finding.lesson)
    with_source = len(cur.lessons) - len(found.get((src, "missing-source"), []))
    result = []
    for language in cur.config.languages:
        lang = language.code
        is_source = lang == src

        def ids(state: TranslationState, lang: str = lang) -> tuple[str, ...]:
            return tuple(found.get((lang, state), ()))

        result.append(LanguageStatus(
            lang=lang, name=language.name, required=language.required, source=is_source,
            lessons=len(cur.lessons) if is_source else with_source,
            missing=ids("missing-source" if is_source else "missing"),
            unreadable=ids("unreadable"),  # never for the source: the check counts an unreadable one as missing
            outdated=ids("outdated"), untracked=ids("untracked"), quiz_missing=ids("quiz-missing"),
        ))
    return tuple(result)

