"""Text helpers that know Vietnamese: folding diacritics (including đ → d) and readable slugs."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own, not "d" with a combining mark, so NFD alone never folds it.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NON_WORD = re.compile(r"[^\w\s-]", re.UNICODE)
_SPACES = re.compile(r"[-\s]+")


def fold(text: str) -> str:
    """Lower-case text without tone marks or diacritics: "Đăng nhập" → "dang nhap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def slugify(text: str, sep: str = "-") -> str:
    """A heading anchor that stays readable: "Định danh điện tử" → "dinh-danh-dien-tu"."""
    folded = _NON_WORD.sub("", fold(text)).strip()
    return _SPACES.sub(sep, folded).strip(sep)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def first_non_nfc(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the first character sequence that is not in NFC, or None."""
    for number, line in enumerate(text.splitlines(), start=1):
        if unicodedata.is_normalized("NFC", line):
            continue
        for col in range(len(line)):
            if not unicodedata.is_normalized("NFC", line[: col + 1]):
                return number, col
        return number, 1
    return None
