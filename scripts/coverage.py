#!/usr/bin/env python3
"""Which lessons teach, and which quiz questions assess, each competence every audience must reach.

    python scripts/coverage.py                      # readable table
    python scripts/coverage.py --json               # machine-readable
    python scripts/coverage.py --markdown FILE      # write a Markdown table
    python scripts/coverage.py --strict             # exit 1 if a required cell is not taught
    python scripts/coverage.py --framework ID       # coverage of a crosswalked framework
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.coverage import compute_coverage, render_coverage_markdown, render_coverage_table
from hocvuso.loader import load_curriculum


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coverage.py", description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--root", default=".", help="project folder that contains curriculum/")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a required cell is not taught")
    parser.add_argument("--framework", default="", help="id of a crosswalked framework (default: the primary one)")
    parser.add_argument("--lang", default="en", help="language of names in the Markdown table")
    args = parser.parse_args(argv)
    loaded = load_curriculum(args.root)
    cur = loaded.curriculum
    try:
        cov = compute_coverage(cur, args.framework)
    except KeyError:
        known = ", ".join(f.id for f in cur.frameworks)
        print(f"coverage.py: error: no framework '{args.framework}' (known: {known})", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(cov.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_coverage_table(cov, cur))
    if args.markdown:
        Path(args.markdown).write_text(render_coverage_markdown(cov, cur, args.lang), "utf-8")
    if args.strict and cov.taught < cov.required:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
