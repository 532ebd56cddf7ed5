"""Where each PDF goes and the QR code that leads back to the online page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import quote, unquote

import segno
from markupsafe import Markup

from ..handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from ..model import Curriculum
from ..site import SitePaths

Kind = Literal["learner", "teacher", "class-pack"]


@dataclass(frozen=True)
class Handout:
    """One PDF: its kind, language, the lesson or course it is for, and its path under the output folder."""

    kind: Kind
    lang: str
    subject: str
    path: str


def handout_paths(cur: Curriculum) -> tuple[Handout, ...]:
    """Every PDF the curriculum has, in every configured language; the site links to these same paths."""
    found: list[Handout] = []
    for lang in cur.config.codes:
        for lesson in cur.lessons:
            found.append(Handout("learner", lang, lesson.id, learner_pdf(lang, lesson.id)))
            found.append(Handout("teacher", lang, lesson.id, teacher_pdf(lang, lesson.id)))
        for course in cur.courses:
            found.append(Handout("class-pack", lang, course.id, class_pack_pdf(lang, course.id)))
    return tuple(found)


def lesson_url(cur: Curriculum, lang: str, lesson_id: str, base_url: str) -> str:
    return absolute_url(base_url, SitePaths(cur.config.source_language).lesson(lang, lesson_id))


def short_url(url: str) -> str:
    """The address to type: the same URL without its scheme."""
    return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url)


def absolute_url(base_url: str, site_path: str) -> str:
    return base_url.rstrip("/") + "/" + site_path


@lru_cache(maxsize=4096)  # a lesson's code is on its learner handout, its teacher guide and class packs
def qr_svg(url: str) -> str:
    """The URL as an inline SVG QR code: vector, so it prints sharp at any size.

    Error correction M survives a smudged photocopy; the 4-module quiet zone is what phone cameras need.
    """
    return segno.make(url, error="m", micro=False).svg_inline(border=4, omitsize=True, svgclass="hv-qr__code",
                                                              lineclass=None, title=url)


# Encoding a QR code takes 15 ms (segno tries every mask), more than the rest of a handout's HTML. Documents
# are planned and hashed with a marker holding the URL, which is all the code depends on, and the code is
# drawn only for the documents that are rendered.
_QR_MARK = re.compile(r"<!--hv-qr (\S+?)-->")


def qr_mark(url: str) -> Markup:
    """Trusted HTML (our own comment, the URL percent-encoded) that `with_qr` turns into the QR code."""
    return Markup(f"<!--hv-qr {quote(url, safe=':/?#[]@!$&()*+,;=%~')}-->")


def with_qr(html: str) -> str:
    return _QR_MARK.sub(lambda m: qr_svg(unquote(m.group(1))), html)
