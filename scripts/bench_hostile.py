#!/usr/bin/env python3
"""Time and memory of the validator on each hostile input (goal: refused within 10 s and 1 GB, no traceback).

    python scripts/bench_hostile.py
Peak memory is the largest resident size of any validator process so far (RUSAGE_CHILDREN), so it only grows
down the table; each run is also limited to 1 GB of address space.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.hostile_inputs import HOSTILE, run_validator

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    fixture = ROOT / "tests/fixtures/tiny"
    print(f"{'input':24} {'exit':>4} {'seconds':>8} {'peak MB':>8}  first line")
    worst = 0.0
    for case in HOSTILE:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            shutil.copytree(fixture, project)
            case.edit(project)
            outcome = run_validator(project, ROOT)
        first = outcome.output.strip().splitlines()[0][:90] if outcome.output.strip() else ""
        worst = max(worst, outcome.seconds)
        print(f"{case.name:24} {outcome.exit_code:>4} {outcome.seconds:>8.2f} {outcome.peak_mb:>8.0f}  {first}")
    print(f"slowest: {worst:.2f} s (goal ≤ 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
