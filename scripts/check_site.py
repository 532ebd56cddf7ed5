#!/usr/bin/env python3
"""Check a built site before it is published: no foreign script, handler, dangerous address or style.

    python scripts/check_site.py site
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.gate import main

if __name__ == "__main__":
    raise SystemExit(main())
