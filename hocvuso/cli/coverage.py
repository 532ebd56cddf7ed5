"""`hocvuso coverage`: which lessons teach, and which quiz questions assess, each competence every audience must
reach.

    hocvuso coverage                      # readable table
    hocvuso coverage --json               # machine-readable
    hocvuso coverage --markdown FILE      # write a Markdown table
    hocvuso coverage --strict             # exit 1 if a required cell is not taught
    hocvuso coverage --framework ID       # coverage of a crosswalked framework
    hocvuso coverage --targets            # exit 1 unless the curriculum targets are met

Below the matrix: per audience, its lessons, the tailored ones (tagged for at most 3 audiences), the share with
a picture, required levels and its courses' levels, and quiz balance (right answer longest, positions after
shuffling, true/false keys). The targets are the ones of issue 15 (hocvuso.coverage.TARGET_*).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..coverage import (
    check_targets,
    compute_balance,
    compute_coverage,
    render_audience_table,
    render_coverage_markdown,
    render_coverage_table,
    summarize_audiences,
)
from ..loader import load_curriculum


def main(argv: list[str] | None = None, *, prog: str = "hocvuso coverage") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Which lessons teach, and which quiz questions check, each competence every "
                               "audience must reach; then per audience its lessons and quiz balance.")
    parser.add_argument("--root", default=".", help="project folder that contains curriculum/")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a required cell is not taught")
    parser.add_argument("--framework", default="", help="id of a crosswalked framework (default: the primary one)")
    parser.add_argument("--lang", default="en", help="language of names in the Markdown table")
    parser.add_argument("--targets", action="store_true",
                        help="exit 1 unless every audience has 8 tailored lessons and the quizzes are balanced")
    args = parser.parse_args(argv)
    if not (Path(args.root) / "curriculum").is_dir():
        print(f"{args.root}/curriculum: error [missing-file] no curriculum folder here (run from the project "
              "folder or pass --root)", file=sys.stderr)
        return 2
    loaded = load_curriculum(args.root)
    cur = loaded.curriculum
    try:
        cov = compute_coverage(cur, args.framework)
    except KeyError:
        known = ", ".join(f.id for f in cur.frameworks)
        print(f"{prog}: error: no framework '{args.framework}' (known: {known})", file=sys.stderr)
        return 2
    audiences = summarize_audiences(cur)
    overall = compute_balance(cur, cur.lessons)
    missed = check_targets(audiences, overall)
    if args.json:
        print(json.dumps({**cov.as_dict(), "audiences": [a.as_dict() for a in audiences],
                          "quiz_balance": overall.as_dict(), "targets_missed": missed},
                         ensure_ascii=False, indent=2))
    else:
        print(render_coverage_table(cov, cur))
        print()
        print(render_audience_table(audiences, overall))
        if args.targets:
            print("\n".join(["", "targets not met:", *(f"  {m}" for m in missed)] if missed else
                             ["", "all targets met"]))
    if args.markdown:
        Path(args.markdown).write_text(render_coverage_markdown(cov, cur, args.lang), "utf-8")
    if args.strict and cov.taught < cov.required:
        return 1
    if args.targets and missed:
        return 1
    return 0
