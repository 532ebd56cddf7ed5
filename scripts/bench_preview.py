#!/usr/bin/env python3
"""Save → updated page in the live preview (`mkdocs serve`), on the shipped curriculum, ours vs stock.

    python scripts/bench_preview.py [--runs 3]

Ours: a copy of this project (curriculum, docs, templates, mkdocs.yml), served as `make serve` does; a word is
added to one lesson's vi.md and the lesson's page is fetched until it shows the word. Stock: the same lessons
as plain Markdown pages under stock Material + mkdocs-static-i18n (as scripts/bench_build.py sets it up),
served the same way, with the same edit. Prints each run and the median, with the ratio ours / stock.
Wall-clock times vary with the machine's load; compare the ratio of one run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
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


def timed_edits(url: str, source: Path, runs: int) -> list[float]:
    """Append a new word to the first paragraph line of `source` and time until `url` shows it."""
    times = []
    for n in range(runs):
        word = f"kiemtra{n}x{int(time.time())}"
        text = source.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        # The body starts after the front matter, if any (a later "---" may be a horizontal rule).
        body = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") if lines[0].strip() == "---" else -1
        target = next(i for i in range(body + 1, len(lines)) if lines[i].strip() and lines[i][0].isalpha())
        lines[target] = lines[target].rstrip("\n") + f" {word}\n"
        start = time.perf_counter()
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
        times.append(time.perf_counter() - start)
        time.sleep(1.5)  # let the server settle before the next edit
    return times


def measure(name: str, project: Path, page: str, source: Callable[[Path], Path], runs: int) -> list[float]:
    with mkdocs_serve(project, project / "serve.log") as url:
        times = timed_edits(url + page, source(project), runs)
    print(f"{name:6} " + "  ".join(f"{t:5.2f}" for t in times) + f"   median {statistics.median(times):.2f} s")
    sys.stdout.flush()
    return times


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
        print(f"save → updated page, lesson {LESSON} (vi), {args.runs} runs each")
        t_ours = measure("ours", ours, f"learn/lessons/{LESSON}/", lambda p: p / f"curriculum/lessons/{LESSON}/vi.md",
                         args.runs)
        t_stock = measure("stock", stock, f"lessons/{LESSON}/", lambda p: p / f"docs/lessons/{LESSON}/index.vi.md",
                          args.runs)
        print(f"ratio ours / stock (medians): {statistics.median(t_ours) / statistics.median(t_stock):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
