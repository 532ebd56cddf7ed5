"""`hocvuso offline [SITE]`: zip the built site so it works from a USB stick or a phone's storage, without a
server or a connection.

Unzip, then open hocvuso/index.html in a browser: pages, quizzes and search work from file://, and every link
names a file (…/index.html), so the logo and "Trang chủ" open the home page, not a folder listing. The same
folder works from any static web server (a laptop on a phone hotspot: python3 -m http.server).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..offline import write_offline_zip

OFFLINE_ZIP = "offline/hocvuso.zip"


def main(argv: list[str] | None = None, *, prog: str = "hocvuso offline") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Zip the built site for use without a connection: unzip it anywhere and open "
                               "hocvuso/index.html in a browser (pages, quizzes and search work).")
    parser.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    parser.add_argument("--out", help=f"zip file to write (default: SITE/{OFFLINE_ZIP})")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{prog}: {site} is not a built site (build it first: `make build` or `mkdocs build`)", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else site / OFFLINE_ZIP
    count = write_offline_zip(site, out)
    # The site as a server holds it, without its pre-compressed .gz copies and the offline downloads.
    site_bytes = sum(p.stat().st_size for p in site.rglob("*")
                     if p.is_file() and p.suffix not in (".gz", ".zip", ".zim"))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {count} files; site {site_bytes / 1e6:.1f} MB): "
          "unzip and open hocvuso/index.html, or serve the unzipped folder with any static web server")
    return 0
