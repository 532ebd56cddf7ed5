#!/usr/bin/env python3
"""Check the built site against the page-weight budgets (bytes as sent gzip-compressed).

    python scripts/check_budget.py [SITE_DIR]      # default: site/
Exit 1 when any lesson page breaks a budget: first visit <= 60 KB, a second lesson <= 15 KB, nothing from
another host, no web fonts, images sized, lazy, compact and small, no reference to a missing file.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.budget import FIRST_VISIT, SECOND_LESSON, check_site


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").is_file():
        print(f"check_budget: {site} is not a built site (run `make build` first)", file=sys.stderr)
        return 2
    weights, problems = check_site(site)
    if not weights:
        print(f"check_budget: no lesson pages under {site}", file=sys.stderr)
        return 2
    first = [w.first_visit for w in weights]
    html = [w.html for w in weights]
    print(f"{len(weights)} lesson pages: first visit median {statistics.median(first):,.0f} B, "
          f"max {max(first):,} B (budget {FIRST_VISIT:,}); lesson HTML median {statistics.median(html):,.0f} B, "
          f"max {max(html):,} B (second-lesson budget {SECOND_LESSON:,})")
    heaviest = max(weights, key=lambda w: w.first_visit)
    print(f"heaviest first visit: {heaviest.page}: HTML {heaviest.html:,} B + " + ", ".join(
        f"{k} {v:,} B" for k, v in sorted(heaviest.resources.items(), key=lambda kv: -kv[1])))
    for problem in problems:
        print(f"error: {problem}")
    print(f"{'FAILED' if problems else 'OK'}: {len(problems)} budget problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
