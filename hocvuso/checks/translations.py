"""Every lesson in every configured language, and translations that know which source they follow."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Diagnostic, error, warning
from . import CheckContext


def check_translations(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    src = cur.config.source_language
    for lesson in cur.lessons:
        source_file = f"{lesson.folder}/{src}.md"
        if src not in lesson.texts:
            yield error(source_file, 1, "missing-source-text",
                        f"lesson '{lesson.id}' has no text in the source language ({src})",
                        f"write {source_file} first; translations follow it")
            continue
        for language in cur.config.languages:
            lang = language.code
            if lang == src:
                continue
            target = f"{lesson.folder}/{lang}.md"
            text = lesson.texts.get(lang)
            if text is None and target in ctx.loaded.broken:
                continue  # exists but unreadable: already reported
            if text is None:
                severity = error if language.required else warning
                yield severity(lesson.source.path, 1, "translation-missing",
                               f"lesson '{lesson.id}' has no {language.name} ({lang}) translation",
                               f"translate {source_file} into {target} and set translated_from: {lesson.fingerprint}")
                continue
            quiz_file = f"{lesson.folder}/quiz.{lang}.yml"
            if (lesson.quiz is not None and lang not in lesson.quiz.text_files and src in lesson.quiz.text_files
                    and quiz_file not in ctx.loaded.broken):
                severity = error if language.required else warning
                yield severity(target, 1, "translation-missing",
                               f"the quiz of lesson '{lesson.id}' has no {language.name} ({lang}) wording",
                               f"translate {lesson.folder}/quiz.{src}.yml into {lesson.folder}/quiz.{lang}.yml")
            line = text.translated_from_line
            if not text.translated_from:
                yield warning(target, line, "translation-untracked",
                              f"{target} does not say which version of {source_file} it translates",
                              f"after checking it matches {source_file}, add translated_from: {lesson.fingerprint}")
            elif text.translated_from != lesson.fingerprint:
                yield warning(target, line, "translation-outdated",
                              f"{target} is out of date: {source_file} changed since it was translated",
                              f"update {target} to match {source_file} (and quiz.{src}.yml), then set "
                              f"translated_from: {lesson.fingerprint}")
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
