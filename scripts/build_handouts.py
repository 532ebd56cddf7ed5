#!/usr/bin/env python3
"""Write the printable PDF handouts: learner handout and teacher guide per lesson, class pack per course.

    python scripts/build_handouts.py --out handouts --base-url https://hocvuso.example.vn/ [--jobs N]

The curriculum is validated first (nothing is rendered if it has errors). PDFs go to DIR/<lang>/lessons/
and DIR/<lang>/courses/, with DIR/manifest.json (content hash, bytes and pages of every PDF). Only
handouts whose inputs changed are rendered again. Exit 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from hocvuso.diagnostic import Severity, render_diagnostics
from hocvuso.handouts import MANIFEST, write_handouts
from hocvuso.validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_handouts.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the PDFs and manifest.json")
    parser.add_argument("--base-url", required=True,
                        help="address of the published site, e.g. https://hocvuso.example.vn/ (for the QR codes)")
    parser.add_argument("--jobs", type=int, default=None, help="processes to render with (default: every core)")
    parser.add_argument("--root", default=".", type=Path, help="project folder that contains curriculum/")
    parser.add_argument("--format", choices=("text", "github", "json"), default=None,
                        help="format of problems (default: github annotations under GitHub Actions, else text)")
    args = parser.parse_args(argv)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if not args.base_url.startswith(("https://", "http://")):
        parser.error("--base-url must start with https:// or http://")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if not (args.root / "curriculum").is_dir():
        print(f"{args.root}/curriculum: error [missing-file] no curriculum folder here (run from the project "
              "folder or pass --root)", file=sys.stderr)
        return 2

    start = time.perf_counter()
    checked = validate(args.root)
    files = len(checked.loaded.curriculum.files)
    if not checked.ok:
        print(render_diagnostics(checked.diagnostics, fmt, files))
        print("no handouts were written: fix the errors above first", file=sys.stderr)
        return 1
    result = write_handouts(checked.loaded.curriculum, args.out, args.base_url, jobs=args.jobs)
    warnings = [d for d in checked.diagnostics if d.severity is Severity.WARNING]
    problems = [*warnings, *result.diagnostics]
    if problems:
        print(render_diagnostics(problems, fmt, files))
    for path in result.failed:
        print(f"not written: {path}", file=sys.stderr)
    print(f"handouts: {len(result.written)} written, {len(result.skipped)} unchanged, {len(result.failed)} "
          f"failed, {len(result.removed)} removed in {time.perf_counter() - start:.1f} s "
          f"→ {args.out / MANIFEST}", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
