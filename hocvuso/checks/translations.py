"""Every lesson in every configured language, and translations that know which source they follow.

The per-lesson part is `lesson_translations`, which says what it found about each (lesson, language) pair;
the check turns that into diagnostics and `hocvuso.translation_status` into counts, so the site's
translation dashboard and the validator can never disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Literal

from ..commands import NO_MAKEFILE, Commands, commands_of
from ..diagnostic import Diagnostic, error, warning
from ..model import Curriculum
from . import CheckContext

TranslationState = Literal["missing-source", "missing", "unreadable", "quiz-missing", "untracked", "outdated"]


@dataclass(frozen=True)
class TranslationFinding:
    """Something to know about one lesson in one language; `diagnostic` is None when it was reported already
    (an unreadable translation is reported by the loader)."""

    lesson: str
    lang: str
    state: TranslationState
    diagnostic: Diagnostic | None


def check_translations(ctx: CheckContext) -> Iterator[Diagnostic]:
    for finding in lesson_translations(ctx.cur, ctx.loaded.broken, commands_of(ctx.root)):
        if finding.diagnostic is not None:
            yield finding.diagnostic
    yield from _check_glossaries(ctx.cur)


def lesson_translations(cur: Curriculum, broken: Collection[str],
                        commands: Commands = NO_MAKEFILE) -> Iterator[TranslationFinding]:
    """Every lesson text that is missing, unreadable, untracked or out of date (`broken`: unreadable files)."""
    src = cur.config.source_language
    for lesson in cur.lessons:
        source_file = f"{lesson.folder}/{src}.md"
        if src not in lesson.texts:
            yield TranslationFinding(lesson.id, src, "missing-source", error(
                source_file, 1, "missing-source-text",
                f"lesson '{lesson.id}' has no text in the source language ({src})",
                f"write {source_file} first; translations follow it"))
            continue
        for language in cur.config.languages:
            lang = language.code
            if lang == src:
                continue
            target = f"{lesson.folder}/{lang}.md"
            text = lesson.texts.get(lang)
            if text is None and target in broken:
                yield TranslationFinding(lesson.id, lang, "unreadable", None)  # exists but unreadable: reported
                continue
            if text is None:
                # Only the source language is required: an untranslated lesson is published with the source
                # text and a notice in the reader's language, so a missing translation never blocks.
                yield TranslationFinding(lesson.id, lang, "missing", warning(
                    lesson.source.path, 1, "translation-missing",
                    f"lesson '{lesson.id}' has no {language.name} ({lang}) translation",
                    f"optional: translate {source_file} into {target} and set translated_from: {lesson.fingerprint}"))
                continue
            quiz_file = f"{lesson.folder}/quiz.{lang}.yml"
            if (lesson.quiz is not None and lang not in lesson.quiz.text_files and src in lesson.quiz.text_files
                    and quiz_file not in broken):
                yield TranslationFinding(lesson.id, lang, "quiz-missing", warning(
                    target, 1, "translation-missing",
                    f"the quiz of lesson '{lesson.id}' has no {language.name} ({lang}) wording",
                    f"translate {lesson.folder}/quiz.{src}.yml into {quiz_file}"))
            # Messages name each path once: the diagnostic's own path is the translation.
            line = text.translated_from_line
            if not text.translated_from:
                yield TranslationFinding(lesson.id, lang, "untracked", warning(
                    target, line, "translation-untracked",
                    f"does not say which version of {src}.md it translates",
                    f"after checking it matches {src}.md, add translated_from: {lesson.fingerprint}"))
            elif text.translated_from != lesson.fingerprint:
                yield TranslationFinding(lesson.id, lang, "outdated", warning(
                    target, line, "translation-outdated",
                    f"out of date: {src}.md changed since it was translated",
                    f"update the translation to match {src}.md (see: {commands.translation_diff(lesson.id, lang)}), "
                    f"then set translated_from: {lesson.fingerprint}"))


def _check_glossaries(cur: Curriculum) -> Iterator[Diagnostic]:
    src = cur.config.source_language
    source_terms = cur.glossary.get(src, {})
    for language in cur.config.languages:
        lang = language.code
        if lang == src or not source_terms:
            continue
        terms = cur.glossary.get(lang)
        path = f"curriculum/glossary/{lang}.yml"
        if terms is None:
            yield warning(path, 1, "translation-missing", f"there is no {language.name} glossary",
                          f"translate curriculum/glossary/{src}.yml into {path}")
            continue
        for tid in source_terms:
            if tid not in terms:
                yield warning(path, 1, "translation-missing", f"glossary term '{tid}' has no {language.name} entry",
                              f"add '{tid}:' with term and definition")
        for tid, entry in terms.items():
            if tid not in source_terms:
                yield warning(entry.source.path, entry.source.line, "glossary-unknown-term",
                              f"glossary term '{tid}' is not in the source-language glossary",
                              f"use the same term ids as curriculum/glossary/{src}.yml")
