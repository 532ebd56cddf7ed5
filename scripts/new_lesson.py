#!/usr/bin/env python3
"""`hocvuso lesson` (kept for `make lesson`): create a new lesson folder that passes the validator, asking for
anything not given as a flag.

    python scripts/new_lesson.py                      # asks: id, languages, titles, audiences, competences, level
    python scripts/new_lesson.py --id nhan-tin-zalo --title "Nhắn tin bằng Zalo" --title en="Messaging with Zalo" \\
        --audience citizens,older-people --competence 2.1 --level CB1
See CONTRIBUTING.md for the lesson format.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.lesson import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="new_lesson.py")))
