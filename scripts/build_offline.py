#!/usr/bin/env python3
"""`hocvuso offline` (kept for the Makefile and CI): zip the built site so it works from a USB stick or a phone's
storage, without a server or a connection.

    python scripts/build_offline.py [SITE_DIR] [--out FILE]    # default: site/ → site/offline/hocvuso.zip
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.cli import run_command
from hocvuso.cli.offline import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_command(lambda: main(prog="build_offline.py")))
