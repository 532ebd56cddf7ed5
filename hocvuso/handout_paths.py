"""Where each printable PDF lives under the handouts folder: shared by the renderer and the site's links."""

from __future__ import annotations


def learner_pdf(lang: str, lesson_id: str) -> str:
    return f"{lang}/lessons/{lesson_id}-learner.pdf"


def teacher_pdf(lang: str, lesson_id: str) -> str:
    return f"{lang}/lessons/{lesson_id}-teacher.pdf"


def class_pack_pdf(lang: str, course_id: str) -> str:
    return f"{lang}/courses/{course_id}-class-pack.pdf"
