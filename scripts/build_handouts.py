#!/usr/bin/env python3
"""`hocvuso handouts` (kept for the Makefile and CI): write the printable PDF handouts, learner handout and
teacher guide per lesson, class pack per course.

    python scripts/build_handouts.py --out handouts --base-url https://hocvuso.example.vn/ [--jobs N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.handouts import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="build_handouts.py")))
