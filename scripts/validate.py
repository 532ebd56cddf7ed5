#!/usr/bin/env python3
"""`hocvuso validate` (kept for the Makefile, the commit hook and CI): check the whole curriculum and print every
problem as `path:line:col: severity [rule] message (hint)`.

    python scripts/validate.py                 # terminal
    python scripts/validate.py --format json   # for tools
GitHub Actions annotations are printed automatically when GITHUB_ACTIONS is set.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.validate import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="validate.py")))
