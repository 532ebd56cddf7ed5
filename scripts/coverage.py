#!/usr/bin/env python3
"""`hocvuso coverage` (kept for the Makefile and CI): which lessons teach, and which quiz questions assess, each
competence every audience must reach. Options: python scripts/coverage.py --help
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.coverage import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="coverage.py")))
