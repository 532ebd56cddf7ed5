"""Quiz integrity and fairness: the answer key makes sense, every question has wording in every language,
every choice says why it is right or wrong, and the right answer cannot be guessed from its length."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

from ..diagnostic import Diagnostic, error, warning
from ..model import Lesson, Question
from . import CheckContext

STANDS_OUT = 1.25
"""A right answer "stands out" when its text is at least this many times as long as the longest wrong one.
Measured on the shipped quizzes: a real giveaway is 1.5-4x; 1.0-1.2x is the ordinary spread of wording."""


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
        yield from _check_fairness(ctx, lesson)


def stands_out(q: Question, lang: str) -> bool | None:
    """Whether the right answer of a single-choice question is conspicuously the longest in `lang`
    (None when the question is not single-choice or lacks the wording to tell)."""
    text = q.texts.get(lang)
    if q.type != "single" or text is None or len(q.answer) != 1 or len(q.choices) < 2:
        return None
    lengths = {cid: len(c.text) for cid, c in text.choices.items() if cid in q.choices}
    right = lengths.get(q.answer[0])
    wrong = [n for cid, n in lengths.items() if cid != q.answer[0]]
    if right is None or not wrong:
        return None
    return right >= STANDS_OUT * max(wrong) and right > max(wrong)


def _check_fairness(ctx: CheckContext, lesson: Lesson) -> Iterator[Diagnostic]:
    """Every item explains itself, every choice has feedback, the longest option is not a reliable hint, and an
    ordering question asks for a sequence the lesson teaches as numbered steps."""
    assert lesson.quiz is not None
    langs = [lang for lang in ctx.cur.config.codes if lang in lesson.texts]
    for lang in langs:
        judged: list[tuple[Question, bool]] = []
        for q in lesson.quiz.questions:
            text = q.texts.get(lang)
            if text is None:
                continue  # reported as quiz-text-missing
            src = text.source
            if not text.explanation.strip():
                yield warning(src.path, src.line, "quiz-explanation-missing",
                              f"question '{q.id}' has no explanation",
                              "add explanation: one or two sentences on why the answer is right", col=src.col)
            if q.type != "truefalse":  # a true/false item's explanation is its feedback
                bare = [cid for cid in q.choices if cid in text.choices and not text.choices[cid].feedback.strip()]
                if bare:
                    yield warning(src.path, src.line, "quiz-feedback-missing",
                                  f"choice{'s' if len(bare) > 1 else ''} {', '.join(bare)} of question '{q.id}' "
                                  "without feedback",
                                  "give every choice a feedback: why it is right or wrong"
                                  + (" (for steps: which step it is and why)" if q.type == "order" else ""),
                                  col=src.col)
            verdict = stands_out(q, lang)
            if verdict is not None:
                judged.append((q, verdict))
        longest = [q for q, out in judged if out]
        if len(longest) >= 2 and 2 * len(longest) > len(judged):
            src = longest[0].texts[lang].source
            ids = ", ".join(q.id for q in longest)
            yield warning(src.path, src.line, "quiz-longest-answer",
                          f"in {len(longest)} of {len(judged)} single-choice questions ({ids}) the right answer is "
                          f"much the longest option, so it can be guessed without reading",
                          "make a wrong option as detailed as the right one, or the right one shorter", col=src.col)
    source = lesson.texts.get(ctx.cur.config.source_language)
    orders = [q for q in lesson.quiz.questions if q.type == "order" and len(q.choices) > 1]
    if source is None or not orders:
        return
    steps = max(numbered_lists(source.body), default=0)
    for q in orders:
        if steps < len(q.choices):
            src = q.spots.get("choices", q.source)
            found = f"its longest numbered list has {steps}" if steps else "it has no numbered list"
            yield warning(src.path, src.line, "quiz-order-untaught",
                          f"ordering question '{q.id}' has {len(q.choices)} steps, but {found} in "
                          f"{source.source.path}",
                          "ask to order only steps the lesson teaches as a numbered list (1. 2. 3.), or use "
                          "another kind of question", col=src.col)


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")


def numbered_lists(body: str) -> list[int]:
    """How many steps each numbered (ordered) list of a Markdown text has, nested lists included. A list that
    goes on with the next number (1-3, a heading, 4-7) is the same sequence, split for readability."""
    sizes: list[int] = []
    ends: list[int] = []  # number of the last item of each list
    open_lists: list[tuple[int, int]] = []  # (token level, index in sizes)
    for token in _commonmark().parse(body):
        if token.type == "ordered_list_open":
            start = int(str(token.attrs.get("start", 1)))
            index = next((i for i in range(len(sizes)) if ends[i] == start - 1 and start > 1), len(sizes))
            if index == len(sizes):
                sizes.append(0)
                ends.append(start - 1)
            open_lists.append((token.level, index))
        elif token.type == "ordered_list_close" and open_lists:
            open_lists.pop()
        elif token.type == "list_item_open" and open_lists and token.level == open_lists[-1][0] + 1:
            sizes[open_lists[-1][1]] += 1
            ends[open_lists[-1][1]] += 1
    return sizes


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
