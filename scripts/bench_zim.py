#!/usr/bin/env python3
"""Sizes and times of the offline copies: the built site, the zip for file://, and the Kiwix ZIM files.

    python scripts/bench_zim.py [--sizes 1000] [--no-handouts | --handouts-from DIR] [--no-shipped]

Builds, in a temporary folder, the shipped curriculum (with its PDF handouts unless --no-handouts) and a synthetic
curriculum of N lessons per language (scripts/synthetic.py; no PDFs: rendering 4,000 of them would take longer than
everything else together). For each: site size (what a web server holds, without the .gz copies), zip size and
time, ZIM size and export time per language, and the ratios ZIM / zip and ZIM / site. There is no stock
equivalent to compare with: Material has no ZIM export. Wall-clock times vary run to run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.offline import write_offline_zip
from scripts.export_zim import export
from scripts.synthetic import write_synthetic
from tests.sitebuild import project_config, write_config

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{proc.stdout[-1000:]}{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*")
               if p.is_file() and p.suffix != ".gz" and "offline" not in p.relative_to(site).parts)


def prepare_shipped(project: Path) -> None:
    for name in ("curriculum",):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("learn"))
    # Pages only: the PDF handouts are not what this measures, and laying them all out takes minutes.
    (project / "mkdocs.yml").write_text(project_config(handouts=False), "utf-8")


def prepare_synthetic(project: Path, n: int) -> None:
    write_synthetic(project, n)
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny" / "docs", project / "docs")
    write_config(project)


def measure(label: str, project: Path, handouts: bool, reuse: Path | None = None) -> None:
    t_pdf = 0.0
    if handouts and reuse:
        shutil.copytree(reuse, project / ".cache/handouts")  # the site links the PDFs of its manifest
    elif handouts:
        t_pdf = run([sys.executable, str(ROOT / "scripts/build_handouts.py"), "--root", str(project), "--out",
                     str(project / ".cache/handouts"), "--base-url", "https://hocvuso.example.vn/"], project)
    t_build = run([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    site = project / "site"
    start = time.perf_counter()
    zip_path = project / "out" / "hocvuso.zip"
    files = write_offline_zip(site, zip_path)
    t_zip = time.perf_counter() - start
    s_site, s_zip = site_bytes(site), zip_path.stat().st_size
    reports = export(site, project / "out", project, date="2026-12-01")
    pdfs = len(list((site / "handouts").rglob("*.pdf")))
    how = f"{pdfs} PDF handouts" + (f", rendered in {t_pdf:.0f} s" if t_pdf else "")
    print(f"\n{label} ({how})")
    print(f"  site build {t_build:.1f} s; site {s_site / 1e6:.1f} MB; zip {s_zip / 1e6:.1f} MB ({files} files) "
          f"in {t_zip:.1f} s")
    print(f"  {'ZIM':18}{'MB':>8}{'pages':>8}{'files':>8}{'export s':>10}{'ZIM/zip':>9}{'ZIM/site':>10}")
    for r in reports:
        print(f"  {r.path.name:18}{r.bytes / 1e6:8.1f}{r.pages:8}{r.files:8}{r.seconds:10.1f}"
              f"{r.bytes / s_zip:9.2f}{r.bytes / s_site:10.2f}")
    total = sum(r.bytes for r in reports)
    print(f"  {'both ZIMs':18}{total / 1e6:8.1f}{'':16}{sum(r.seconds for r in reports):10.1f}"
          f"{total / s_zip:9.2f}{total / s_site:10.2f}")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic lessons per language")
    parser.add_argument("--no-handouts", action="store_true", help="skip rendering the shipped PDFs")
    parser.add_argument("--no-shipped", action="store_true", help="only the synthetic curricula")
    parser.add_argument("--handouts-from", type=Path, help="start from PDFs already rendered by build_handouts.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_shipped:
            shipped = Path(tmp) / "shipped"
            prepare_shipped(shipped)
            measure("shipped curriculum", shipped, not args.no_handouts, args.handouts_from)
        for n in args.sizes:
            project = Path(tmp) / f"synthetic-{n}"
            prepare_synthetic(project, n)
            measure(f"{n} lessons × 2 languages (synthetic)", project, False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
