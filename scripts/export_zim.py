#!/usr/bin/env python3
"""`hocvuso zim` (kept for `make zim`): export a built site as Kiwix ZIM files, one per language.

    python scripts/export_zim.py [SITE_DIR] [--out DIR] [--root PROJECT] [--lang vi] [--date YYYY-MM-DD]
                                 [--creator …] [--publisher …] [--license …] [--source URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.zim import export, main

__all__ = ["export", "main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="export_zim.py")))
