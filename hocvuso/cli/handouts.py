"""`hocvuso handouts`: write the printable PDF handouts, a learner sheet and a teacher guide per lesson and a class
pack per course.

The curriculum is validated first (nothing is rendered if it has errors). PDFs go to OUT/<lang>/lessons/ and
OUT/<lang>/courses/, with OUT/manifest.json (content hash, bytes and pages of every PDF). Only handouts whose
inputs changed are rendered again. The QR codes lead to --base-url, else to the site_url of mkdocs.yml; with
neither, the sheets are printed without QR code and web address. Exit 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..diagnostic import Severity, render_diagnostics
from ..themefiles import ThemeFiles
from .siteconfig import SiteConfigError, load_site_config

DEFAULT_OUT = ".cache/handouts"
"""Where the MkDocs plugin keeps the PDFs it publishes (its `handouts_dir` option), relative to the project."""


def main(argv: list[str] | None = None, *, prog: str = "hocvuso handouts") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Print the PDF handouts of every lesson (learner sheet, teacher guide) and course "
                               "(class pack). Only what changed is printed again.")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for the PDFs and manifest.json (default: the hocvuso plugin's handouts_dir in "
                             f"mkdocs.yml, else ROOT/{DEFAULT_OUT}: where the site build keeps and looks for them)")
    parser.add_argument("--base-url", default=None,
                        help="address of the published site, e.g. https://hocvuso.example.vn/, for the QR codes "
                             "(default: site_url in mkdocs.yml; without either: no QR codes)")
    parser.add_argument("--jobs", type=int, default=None, help="processes to render with (default: every core)")
    parser.add_argument("--root", default=".", type=Path, help="project folder that contains curriculum/")
    parser.add_argument("--config-file", type=Path, default=None,
                        help="the site's mkdocs.yml, for its site_url and theme folder (default: ROOT/mkdocs.yml)")
    parser.add_argument("--format", choices=("text", "github", "json"), default=None,
                        help="format of problems (default: github annotations under GitHub Actions, else text)")
    args = parser.parse_args(argv)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.base_url is not None and not args.base_url.startswith(("https://", "http://")):
        parser.error("--base-url must start with https:// or http://")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if not (args.root / "curriculum").is_dir():
        print(f"{args.root}/curriculum: error [missing-file] no curriculum folder here (run from the project "
              "folder or pass --root)", file=sys.stderr)
        return 2
    try:
        site = load_site_config(args.config_file or args.root / "mkdocs.yml")
    except SiteConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    base_url = args.base_url if args.base_url is not None else site.site_url
    if base_url and not base_url.startswith(("https://", "http://")):
        print(f"{prog}: error: site_url '{base_url}' must start with https:// or http://", file=sys.stderr)
        return 2
    if not base_url:
        print(f"{prog}: no --base-url and no site_url in mkdocs.yml: the handouts are printed without QR code and "
              "web address", file=sys.stderr)
    out = args.out if args.out is not None else args.root / (site.handouts_dir or DEFAULT_OUT)

    from ..handouts import MANIFEST, build_handouts  # WeasyPrint: only when there is something to print

    start = time.perf_counter()
    run = build_handouts(args.root, out, base_url, jobs=args.jobs, theme=ThemeFiles.of_site(site.custom_dir))
    if run.handouts is None:
        print(render_diagnostics(list(run.diagnostics), fmt, run.files))
        print("no handouts were written: fix the errors above first", file=sys.stderr)
        return 1
    result = run.handouts
    warnings = [d for d in run.diagnostics if d.severity is Severity.WARNING]
    problems = [*warnings, *result.diagnostics]
    if problems:
        print(render_diagnostics(problems, fmt, run.files))
    for path in result.failed:
        print(f"not written: {path}", file=sys.stderr)
    unchanged = "" if run.validated else " (the curriculum, theme and address are as the last run left them)"
    print(f"handouts: {len(result.written)} written, {len(result.skipped)} unchanged, {len(result.failed)} "
          f"failed, {len(result.removed)} removed in {time.perf_counter() - start:.1f} s{unchanged} "
          f"→ {out / MANIFEST}", file=sys.stderr)
    return 0 if result.ok else 1
