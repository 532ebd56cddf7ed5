"""Quiz integrity: the answer key makes sense, and every question has wording in every language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostic import Diagnostic, error, warning
from ..model import Lesson, Question
from . import CheckContext


def _key_problems(q: Question) -> Iterator[tuple[str, str, str]]:
    """(rule, message, hint) for an answer key that cannot be right."""
    choices = set(q.choices)
    if q.type != "truefalse" and len(q.choices) < 2:
        yield "quiz-choices", f"question '{q.id}' has fewer than two choices", "list at least two choice ids"
    if len(choices) != len(q.choices):
        yield "quiz-choices", f"question '{q.id}' lists the same choice twice", "give each choice its own id"
    for answer in q.answer:
        if answer not in choices:
            yield ("quiz-unknown-choice", f"answer '{answer}' of question '{q.id}' is not one of its choices",
                   f"use one of: {', '.join(q.choices)}" if q.choices else "list the choices first")
    if q.type == "truefalse" and q.answer not in (("true",), ("false",)):
        yield "quiz-single-answer", f"true/false question '{q.id}' needs answer: true or answer: false", ""
    elif q.type == "single" and len(q.answer) != 1:
        found = "no correct answer" if not q.answer else f"{len(q.answer)} correct answers"
        yield ("quiz-single-answer", f"single-choice question '{q.id}' has {found}",
               "give exactly one choice id in answer, or use type: multiple")
    elif q.type == "multiple" and not q.answer:
        yield "quiz-multiple-answer", f"multiple-choice question '{q.id}' has no correct answer", \
            "list at least one choice id in answer"
    elif q.type == "order":
        if sorted(q.answer) != sorted(q.choices):
            yield ("quiz-order", f"ordering question '{q.id}' must list every choice exactly once in answer",
                   f"answer must be the choices {', '.join(q.choices)} in the right order")
        elif list(q.answer) == list(q.choices) and len(q.choices) > 1:
            yield ("quiz-order-shown", f"ordering question '{q.id}' shows its steps already in the right order",
                   "list choices in a mixed-up order; answer holds the right order")


def check_quizzes(ctx: CheckContext) -> Iterator[Diagnostic]:
    for lesson in ctx.cur.lessons:
        if lesson.quiz is None:
            continue
        yield from _check_quiz(ctx, lesson)


def _check_quiz(ctx: CheckContext, lesson: Lesson) -> Iterator[Diagnostic]:
    assert lesson.quiz is not None
    taught = {t.competence for t in lesson.competences}
    # A translation without any quiz wording file shows the source wording (reported once, as a missing
    # translation); a wording file that exists must be complete.
    source_lang = ctx.cur.config.source_language
    langs = [lang for lang in ctx.cur.config.codes
             if lang in lesson.texts and (lang == source_lang or lang in lesson.quiz.text_files)]
    known = {q.id for q in lesson.quiz.questions}
    for q in lesson.quiz.questions:
        for rule, message, hint in _key_problems(q):
            src = q.spots.get("answer", q.source) if "answer" in message else q.source
            severity = warning if rule == "quiz-order-shown" else error
            yield severity(src.path, src.line, rule, message, hint, col=src.col)
        if q.competence and lesson.complete and q.competence not in taught:
            src = q.spots.get("competence", q.source)
            yield warning(src.path, src.line, "quiz-competence",
                          f"question '{q.id}' assesses {q.competence}, which this lesson does not teach",
                          "assess a competence listed in lesson.yml, or add it there", col=src.col)
        if q.image and not (Path(ctx.root) / lesson.folder / q.image).is_file():
            src = q.spots.get("image", q.source)
            yield error(src.path, src.line, "md-missing-image", f"image '{q.image}' of question '{q.id}' not found",
                        f"put the file in {lesson.folder}/ or fix the name", col=src.col)
        for lang in langs:
            text = q.texts.get(lang)
            text_file = lesson.quiz.text_files.get(lang, f"{lesson.folder}/quiz.{lang}.yml")
            if text is None:
                if text_file in ctx.loaded.broken:
                    continue  # already reported as unreadable
                yield error(text_file, 1, "quiz-text-missing", f"question '{q.id}' has no wording in {text_file}",
                            f"add questions: {q.id}: prompt: ... to {text_file}")
                continue
            for cid in q.choices if q.type != "truefalse" else ():
                if cid not in text.choices:
                    yield error(text.source.path, text.source.line, "quiz-text-missing",
                                f"choice '{cid}' of question '{q.id}' has no text",
                                f"add choices: {cid}: text: ... under {q.id}", col=text.source.col)
            for cid in text.choices:
                if cid not in q.choices:
                    yield warning(text.source.path, text.source.line, "quiz-unknown-choice",
                                  f"wording for choice '{cid}' of question '{q.id}', which quiz.yml does not list",
                                  f"remove it or add '{cid}' to choices in quiz.yml", col=text.source.col)
            if q.image and not text.image_alt:
                yield error(text.source.path, text.source.line, "md-image-alt",
                            f"the image of question '{q.id}' has no image_alt text",
                            "describe what the picture shows for people who cannot see it", col=text.source.col)
    for path, keys in lesson.quiz.text_keys.items():
        for qid, (line, col) in keys.items():
            if qid not in known:
                yield warning(path, line, "quiz-unknown-question",
                              f"wording for question '{qid}', which quiz.yml does not have",
                              "remove it, or fix the id to match quiz.yml", col=col)
