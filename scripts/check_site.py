#!/usr/bin/env python3
"""`hocvuso check-site` (kept for the Makefile and CI): check a built site before it is published: no foreign
script, handler, dangerous address or style.

    python scripts/check_site.py site
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.check_site import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="check_site.py")))
