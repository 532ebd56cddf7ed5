#!/usr/bin/env python3
"""Save → updated page in the live preview (`mkdocs serve`), on the shipped curriculum, ours vs stock.

    python scripts/bench_preview.py [--runs 3]

Ours: a copy of this project (curriculum, docs, templates, mkdocs.yml), served as `make serve` does; a word is
added to one lesson's vi.md and the lesson's page is fetched until it shows the word. Stock: the same lessons
as plain Markdown pages under stock Material + mkdocs-static-i18n (as scripts/bench_build.py sets it up),
served the same way, with the same edit. Prints each run and the median, with the ratio ours / stock, the
load average, and the CPU time the server spent from each save to the updated page (user + system, from
/proc: unlike wall-clock time it hardly depends on what else the machine runs).
Wall-clock times vary with the machine's load; compare the ratio of one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_build import prepare_stock
from tests.preview import fetch, mkdocs_serve

ROOT = Path(__file__).resolve().parent.parent
LESSON = "ai-la-gi"


def copy_project(target: Path) -> None:
    for name in ("curriculum", "docs"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("learn"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and of its waited-for children, from /proc (0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")


def timed_edits(url: str, source: Path, runs: int, pid: int = 0) -> list[tuple[float, float]]:
    """Append a new word to the first paragraph line of `source` and time until `url` shows it: (wall-clock
    seconds, CPU seconds of the server meanwhile) per edit."""
    times = []
    for n in range(runs):
        word = f"kiemtra{n}x{int(time.time())}"
        text = source.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        # The body starts after the front matter, if any (a later "---" may be a horizontal rule).
        body = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") if lines[0].strip() == "---" else -1
        target = next(i for i in range(body + 1, len(lines)) if lines[i].strip() and lines[i][0].isalpha())
        lines[target] = lines[target].rstrip("\n") + f" {word}\n"
        start, cpu = time.perf_counter(), cpu_seconds(pid)
        source.write_text("".join(lines), "utf-8")
        while True:
            try:
                if word in fetch(url, timeout=60):
                    break
            except (urllib.error.URLError, OSError):
                pass
            if time.perf_counter() - start > 120:
                raise SystemExit(f"{url} did not show the edit within 120 s")
            time.sleep(0.05)
        times.append((time.perf_counter() - start, cpu_seconds(pid) - cpu))
        time.sleep(1.5)  # let the server settle before the next edit
    return times


def measure(name: str, project: Path, page: str, source: Callable[[Path], Path], runs: int) -> list[float]:
    procs: list[subprocess.Popen[bytes]] = []
    with mkdocs_serve(project, project / "serve.log", started=procs.append) as url:
        load = os.getloadavg()[0]
        runs_ = timed_edits(url + page, source(project), runs, procs[0].pid)
    walls, cpus = [w for w, _ in runs_], [c for _, c in runs_]
    print(f"{name:6} " + "  ".join(f"{t:5.2f}" for t in walls) + f"   median {statistics.median(walls):.2f} s"
          f"   CPU {'  '.join(f'{c:4.2f}' for c in cpus)}   median {statistics.median(cpus):.2f} s"
          f"   load {load:.1f} → {os.getloadavg()[0]:.1f}")
    sys.stdout.flush()
    return walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (ROOT / "curriculum/lessons" / LESSON).is_dir():
        raise SystemExit(f"lesson {LESSON} is not in this curriculum")
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock = Path(tmp) / "ours", Path(tmp) / "stock"
        copy_project(ours)
        prepare_stock(ours, stock)
        print(f"save → updated page, lesson {LESSON} (vi), {args.runs} runs each, {os.cpu_count()} cores, "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        t_ours = measure("ours", ours, f"learn/lessons/{LESSON}/", lambda p: p / f"curriculum/lessons/{LESSON}/vi.md",
                         args.runs)
        t_stock = measure("stock", stock, f"lessons/{LESSON}/", lambda p: p / f"docs/lessons/{LESSON}/index.vi.md",
                          args.runs)
        print(f"ratio ours / stock (medians): {statistics.median(t_ours) / statistics.median(t_stock):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
