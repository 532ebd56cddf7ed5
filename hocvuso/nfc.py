"""Rewrite files to Unicode NFC in place: `python -m hocvuso.nfc FILE...` (the fix for text-not-nfc)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        text = path.read_text("utf-8")
        fixed = unicodedata.normalize("NFC", text)
        if fixed != text:
            path.write_text(fixed, "utf-8")
            print(f"normalised {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
