"""A light guess of whether a line of prose is Vietnamese or English, to catch text in the wrong file.

Two signals, both cheap and robust on short lines: the share of words carrying a Vietnamese-only letter
(ă â đ ê ô ơ ư and the tone marks), and the share of very common function words of each language. Names,
menu labels and quoted Vietnamese inside an English sentence stay well under the thresholds; the guess
abstains (None) on short lines and mixed text, so a wrong-language report is a strong signal.
"""

from __future__ import annotations

import re
import unicodedata

_VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_WORD = re.compile(r"[^\W\d_]+")

_VI_WORDS = (
    "và của là có không được cho các một những người trong này với để khi bạn thì đã sẽ nếu hoặc vào ra từ "
    "bằng rồi hãy nên đến trên dưới cũng như mình nhà đó ở sau trước đây gì")
_VI_COMMON = frozenset(_VI_WORDS.split())
_EN_WORDS = (
    "the and to of a an is are be you your in it its for on with this that or not can if do what when from at "
    "by as will should have has was were they them their then there how which")
_EN_COMMON = frozenset(_EN_WORDS.split())

MIN_WORDS = 6
"""Fewer words than this (titles, list items of two words, names) are never judged."""


def guess_language(text: str) -> str | None:
    """'vi', 'en' or None when the line is too short or not clearly one of them."""
    words = [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]
    if len(words) < MIN_WORDS:
        return None
    marked = sum(1 for w in words if _VI_LETTERS.intersection(w)) / len(words)
    vi_common = sum(1 for w in words if w in _VI_COMMON) / len(words)
    en_common = sum(1 for w in words if w in _EN_COMMON) / len(words)
    if marked >= 0.4 and vi_common >= 0.1 and en_common < 0.1:
        return "vi"
    if en_common >= 0.2 and marked < 0.1 and vi_common < 0.05:
        return "en"
    return None


LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}
