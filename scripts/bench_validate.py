#!/usr/bin/env python3
"""Time a full validation of a synthetic curriculum (default 1,000 lessons × 2 languages).

    python scripts/bench_validate.py [--lessons N] [--repeat K]
Goal: ≤ 3 s on a 2-core machine. Prints the median of K runs and the split between loading and checking,
then the whole `validate.py --changed` command for one changed lesson, as the pre-commit hook runs it
(goal < 2 s, interpreter start-up included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.checks import run_checks
from hocvuso.diagnostic import Severity
from hocvuso.loader import load_curriculum
from hocvuso.validate import paused_gc
from scripts.synthetic import write_synthetic


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = write_synthetic(Path(tmp) / "project", args.lessons)
        loads, checks, totals = [], [], []
        for _ in range(args.repeat):
            with paused_gc():  # exactly as validate() runs
                t0 = time.perf_counter()
                loaded = load_curriculum(project)
                t1 = time.perf_counter()
                found = run_checks(loaded, project)
                t2 = time.perf_counter()
            loads.append(t1 - t0)
            checks.append(t2 - t1)
            totals.append(t2 - t0)
        errors = [d for d in found if d.severity is Severity.ERROR]
        files = len(loaded.curriculum.files)
        changed = project / "curriculum" / "lessons" / f"lesson-{args.lessons // 2:04d}" / "vi.md"
        hook = [sys.executable, str(Path(__file__).resolve().parent / "validate.py"), "--root", str(project),
                "--changed", str(changed)]
        hooks = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            subprocess.run(hook, check=True, capture_output=True)
            hooks.append(time.perf_counter() - t0)
    print(f"lessons: {args.lessons} × 2 languages ({files} files)")
    print(f"load:   {statistics.median(loads):.2f} s (median of {args.repeat})")
    print(f"checks: {statistics.median(checks):.2f} s")
    print(f"total:  {statistics.median(totals):.2f} s  (goal ≤ 3 s)")
    print(f"diagnostics: {len(found)} ({len(errors)} errors)")
    print(f"--changed, one lesson: {statistics.median(hooks):.2f} s  (whole command; goal < 2 s)")
    for d in errors[:3]:
        print("  " + d.as_text()[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
