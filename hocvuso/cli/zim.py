"""`hocvuso zim [SITE]`: export a built site as Kiwix ZIM files, one per language, for phones, memory cards and
Kiwix hotspots.

Default: site/ → site/offline/hocvuso_<lang>_all.zim for every language of curriculum/config.yml.
Open the file in Kiwix (Android, desktop, kiwix-serve on a hotspot); search works inside the reader.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from ..zim import CREATOR, LICENSE, PUBLISHER, ZimReport, language_prefixes, metadata_for, write_zim


def load_languages(root: Path) -> tuple[list[str], str]:
    """The language codes and the source language of the project's curriculum/config.yml."""
    config = yaml.safe_load((root / "curriculum" / "config.yml").read_text("utf-8"))
    return [entry["code"] for entry in config["languages"]], str(config["source_language"])


@contextmanager
def quiet_libzim() -> Iterator[None]:
    """libzim's writer prints its finishing steps on stdout whatever its verbosity: keep our output readable."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def export(site: Path, out: Path, root: Path, langs: list[str] | None = None, date: str | None = None,
           creator: str = CREATOR, publisher: str = PUBLISHER, license: str = LICENSE,
           source: str = "") -> list[ZimReport]:
    codes, default = load_languages(root)
    prefixes = language_prefixes(codes, default)
    day = date or datetime.datetime.now(datetime.UTC).date().isoformat()
    reports = []
    for lang in langs or codes:
        meta = metadata_for(site, lang, prefixes, day, creator=creator, publisher=publisher, license=license,
                            source=source)
        with quiet_libzim():
            reports.append(write_zim(site, out / f"{meta.name}.zim", lang, prefixes, meta))
    return reports


def main(argv: list[str] | None = None, *, prog: str = "hocvuso zim") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Export the built site as Kiwix ZIM files, one per language (default: SITE/offline/"
                    "hocvuso_<lang>_all.zim).\nOpen one in Kiwix (Android, desktop, kiwix-serve on a hotspot); "
                    "search works inside the reader.")
    parser.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    parser.add_argument("--out", help="folder for the .zim files (default: SITE/offline)")
    parser.add_argument("--root", default=".", help="project folder holding curriculum/config.yml")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--date", help="publication date shown by Kiwix (default: today, UTC)")
    parser.add_argument("--creator", default=CREATOR, help="who made the content (shown by Kiwix)")
    parser.add_argument("--publisher", default=PUBLISHER, help="who publishes the file (shown by Kiwix)")
    parser.add_argument("--license", default=LICENSE, help="the content's licence (shown by Kiwix)")
    parser.add_argument("--source", default="", help="address of the published site")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{prog}: {site} is not a built site (build it first: `make build` or `mkdocs build`)", file=sys.stderr)
        return 2
    if args.date and not _is_date(args.date):
        print(f"{prog}: --date {args.date}: expected YYYY-MM-DD", file=sys.stderr)
        return 2
    if not (Path(args.root) / "curriculum" / "config.yml").is_file():
        print(f"{prog}: {args.root}/curriculum/config.yml not found (run from the project folder or pass "
              "--root)", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else site / "offline"
    for report in export(site, out, Path(args.root), args.lang, args.date, args.creator, args.publisher,
                         args.license, args.source):
        print(f"wrote {report.path} ({report.bytes / 1e6:.1f} MB, {report.pages} pages, {report.files} files, "
              f"{report.seconds:.1f} s): open it in Kiwix")
    return 0


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
