#!/usr/bin/env python3
"""`hocvuso translation-diff` (kept for `make translation-diff`): show what changed in a lesson's source text since
its translation was made, word by word, from git history.

    python scripts/translation_diff.py LESSON_ID [LANG ...]     (or: make translation-diff LESSON=<id> TO=en)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.translation_diff import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="translation_diff.py")))
