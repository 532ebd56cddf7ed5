#!/usr/bin/env python3
"""Time the printable handouts of a synthetic curriculum (default 100 lessons × 2 languages).

    python scripts/bench_handouts.py [--lessons N] [--jobs J]

Prints the median render time of one handout (in its worker), the time of a full render into an empty
folder, and of a rebuild with nothing changed (loading and validating the curriculum included, as
scripts/build_handouts.py does). Goals: median ≤ 0.35 s per handout with the whole lesson on paper (steps,
example, safety, quiz), ≤ 2 s for a rebuild with nothing changed. The machine's load average is printed too:
on shared cores, times grow with it.

`--touch` also times the rebuild after one step of one lesson changed: the whole curriculum is validated and
every handout planned again (their HTML hashed), but only that lesson's handouts and the class packs that hold
it are laid out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.handouts import HandoutResult, build_handouts
from scripts.synthetic import write_synthetic

BASE_URL = "https://hocvuso.example.vn/"


def build(project: Path, out: Path, jobs: int | None) -> tuple[HandoutResult, float]:
    start = time.perf_counter()
    run = build_handouts(project, out, BASE_URL, jobs=jobs)
    if run.handouts is None:
        raise SystemExit("the synthetic curriculum does not validate: " + run.diagnostics[0].as_text())
    return run.handouts, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: every core)")
    parser.add_argument("--touch", action="store_true",
                        help="also time the rebuild after one lesson's Vietnamese text changed")
    args = parser.parse_args()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        project = write_synthetic(Path(tmp) / "project", args.lessons)
        out = Path(tmp) / "handouts"
        full, t_full = build(project, out, args.jobs)
        if not full.ok:
            for d in full.diagnostics[:5]:
                print(d.as_text())
            raise SystemExit(f"{len(full.failed)} handouts failed")
        again, t_again = build(project, out, args.jobs)
        per_kind: dict[str, list[float]] = {}
        for path, seconds in full.seconds.items():
            per_kind.setdefault(full.manifest[path].kind, []).append(seconds)
        single = per_kind.get("learner", []) + per_kind.get("teacher", [])
        size = statistics.median(entry.bytes for entry in full.manifest.values() if entry.kind == "learner")
        print(f"{args.lessons} lessons × 2 languages on {args.jobs or os.cpu_count()} processes: "
              f"{len(full.written)} PDFs ({len(single)} handouts, {len(per_kind.get('class-pack', []))} class packs)")
        print(f"{'median s per handout (learner + teacher)':44}{statistics.median(single):8.2f}   goal ≤ 0.35")
        for kind, times in sorted(per_kind.items()):
            print(f"{'  median s per ' + kind:44}{statistics.median(times):8.2f}   (max {max(times):.2f})")
        print(f"{'full render (s)':44}{t_full:8.1f}")
        print(f"{'rebuild, nothing changed (s)':44}{t_again:8.2f}   goal ≤ 2"
              f"   ({len(again.written)} rendered, {len(again.skipped)} unchanged)")
        if args.touch:
            text = project / "curriculum/lessons/lesson-0001/vi.md"
            text.write_text(text.read_text("utf-8").replace("\n1. ", "\n1. Trước hết, ", 1), "utf-8")
            touched, t_touched = build(project, out, args.jobs)
            packs = sum(touched.manifest[path].kind == "class-pack" for path in touched.written)
            print(f"{'rebuild, one step of one lesson changed (s)':44}{t_touched:8.2f}"
                  f"   ({len(touched.written) - packs} handouts and the {packs} class packs that hold it)")
        print(f"{'median learner handout (KB)':44}{size / 1000:8.0f}")
        load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
        print(f"load average after the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
