"""Reading length: a basic-level (CB) lesson stays short enough to read on a phone in one sitting."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Diagnostic, warning
from ..markdowndoc import MarkdownDoc
from ..model import Curriculum, Lesson
from . import CheckContext

BASIC_MAX_SYLLABLES = 600
"""Body text of a lesson at the first tier (CB1, CB2), in the source language. In Vietnamese every written
syllable is a word between spaces, so this counts words; at ~10 syllables a sentence it is about 60 sentences,
what a new learner reads in a 30-minute session with practice."""
_WORD = re.compile(r"\w")


def count_syllables(doc: MarkdownDoc) -> int:
    """Words of prose (headings, paragraphs, lists, tables; not code, addresses or image files) that hold a
    letter or digit: in Vietnamese, one per syllable."""
    return sum(1 for _, line in doc.text_lines for word in line.split() if _WORD.search(word))


def is_basic(cur: Curriculum, lesson: Lesson) -> bool:
    """A lesson whose highest level is in the framework's first tier (CB1, CB2)."""
    fw = cur.framework
    if not lesson.competences or not fw.tiers:
        return False
    top = fw.level(max((t.level for t in lesson.competences), key=fw.rank))
    return top is not None and top.tier == fw.tiers[0].id


def check_lesson_length(ctx: CheckContext) -> Iterator[Diagnostic]:
    src = ctx.cur.config.source_language
    for lesson in ctx.cur.lessons:
        text = lesson.texts.get(src)
        if text is None or not lesson.complete or not is_basic(ctx.cur, lesson):
            continue
        count = count_syllables(ctx.markdown(text))
        if count > BASIC_MAX_SYLLABLES:
            yield warning(text.source.path, text.body_line, "lesson-too-wordy",
                          f"basic-level lesson '{lesson.id}' has {count} syllables of text; at most "
                          f"{BASIC_MAX_SYLLABLES} keep it readable in one sitting",
                          "cut repetition and side notes, or move the extra part into a lesson of its own")
