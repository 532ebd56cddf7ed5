#!/usr/bin/env python3
"""Build one synthetic curriculum with our pipeline and with stock Material + mkdocs-static-i18n, side by side.

    python scripts/bench_build.py [--sizes 200 1000]

Both builds get the same lesson Markdown in two languages. Stock is configured as the reference measurements
were (../shared/reference/anchors.md): Material with navigation tabs and sections, search, i18n, and the
default navigation listing every page. Prints build time and HTML bytes per lesson page, with ratios
(ours / stock). Wall-clock times vary run to run; compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.loader import split_front_matter
from scripts.synthetic import write_synthetic
from tests.sitebuild import write_config

ROOT = Path(__file__).resolve().parent.parent
STOCK_CONFIG = """site_name: Stock
docs_dir: docs
theme:
  name: material
  language: vi
  features: [navigation.tabs, navigation.sections]
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: vi, name: Tiếng Việt, default: true, build: true}
        - {locale: en, name: English, build: true}
markdown_extensions: [toc, attr_list, admonition, tables]
"""
def prepare_ours(project: Path) -> None:
    """The project's real mkdocs.yml and templates, with the test fixture's few hand-written pages."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny" / "docs", project / "docs")
    write_config(project)


def prepare_stock(source: Path, project: Path) -> None:
    """The same lessons as plain Markdown pages: title as the heading, then the body."""
    docs = project / "docs"
    (docs / "lessons").mkdir(parents=True)
    for lang in ("vi", "en"):
        (docs / f"index.{lang}.md").write_text("# Home\n\nHome page.\n", "utf-8")
    for folder in sorted((source / "curriculum" / "lessons").iterdir()):
        for lang in ("vi", "en"):
            front, body, _, _ = split_front_matter((folder / f"{lang}.md").read_text("utf-8"), "x")
            title = front.data["title"] if front else folder.name
            target = docs / "lessons" / folder.name / f"index.{lang}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {title}\n\n{body}", "utf-8")
    (project / "mkdocs.yml").write_text(STOCK_CONFIG, "utf-8")


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{proc.stderr[-2000:]}")
    return elapsed


def lesson_pages(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(pattern))


def sizes(pages: list[Path]) -> tuple[float, float]:
    raw = [p.stat().st_size for p in pages]
    gz = [len(gzip.compress(p.read_bytes(), 6)) for p in pages]
    return statistics.mean(raw), statistics.mean(gz)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(n: int, work: Path) -> None:
    ours = write_synthetic(work / f"ours-{n}", n)
    prepare_ours(ours)
    stock = work / f"stock-{n}"
    prepare_stock(ours, stock)
    t_ours = build(ours)
    t_stock = build(stock)
    o_raw, o_gz = sizes(lesson_pages(ours / "site", "learn/lessons/*/index.html"))
    s_raw, s_gz = sizes(lesson_pages(stock / "site", "lessons/*/index.html"))
    o_total, s_total = folder_bytes(ours / "site"), folder_bytes(stock / "site")
    print(f"\n{n} lessons × 2 languages")
    print(f"{'':28}{'ours':>12}{'stock':>12}{'ours/stock':>12}")
    print(f"{'build time (s)':28}{t_ours:12.1f}{t_stock:12.1f}{t_ours / t_stock:12.2f}")
    print(f"{'lesson HTML raw (KB)':28}{o_raw / 1000:12.1f}{s_raw / 1000:12.1f}{o_raw / s_raw:12.2f}")
    print(f"{'lesson HTML gzip (KB)':28}{o_gz / 1000:12.1f}{s_gz / 1000:12.1f}{o_gz / s_gz:12.2f}")
    print(f"{'whole site (MB)':28}{o_total / 1e6:12.1f}{s_total / 1e6:12.1f}{o_total / s_total:12.2f}")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            run(n, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
