"""`hocvuso translation-diff LESSON [LANG...]`: word diff of a lesson's source since its translation."""

from __future__ import annotations

from .. import translation_diff


def main(argv: list[str] | None = None, *, prog: str = "hocvuso translation-diff") -> int:
    return translation_diff.main(argv, prog=prog)
