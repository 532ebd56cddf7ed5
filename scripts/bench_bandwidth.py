#!/usr/bin/env python3
"""Load the same lesson of the same content, ours and stock Material + mkdocs-static-i18n, in Debian's
chromium with the network throttled, and print bytes transferred and first contentful paint side by side.

    python scripts/bench_bandwidth.py [--lessons 200]

Both sites are served from loopback by the same small server, gzip level 6 for text (as a typical web
server would). Profiles: Slow 3G (400 kbit/s, 400 ms RTT) and 2G (50 KB/s, 800 ms RTT). Each load starts
with an empty cache; "second lesson" is the next lesson opened in the same visit.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_build import build, prepare_ours, prepare_stock
from scripts.synthetic import write_synthetic
from tests.browser import CHROMIUM, FLAGS

PROFILES = {  # name: (download bytes/s, upload bytes/s, latency ms)
    "Slow 3G": (400_000 / 8, 400_000 / 8, 400),
    "2G": (50_000, 50_000, 800),
}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def visit(browser: Any, first: str, second: str, profile: tuple[float, float, int]) -> dict[str, float]:
    # Service workers blocked: requests they make are not reported to the page, so ours would look free.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    down, up, latency = profile
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                  "downloadThroughput": down, "uploadThroughput": up})
    received: list[float] = []
    failed: list[str] = []
    urls: list[str] = []

    def finished(request: Any) -> None:
        # Per-request sizes at the context level also count what Web Workers fetch (stock Material loads
        # its search index from one), which the page's own DevTools session does not see.
        sizes = request.sizes()
        received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])
        urls.append(request.url)

    context.on("requestfinished", finished)
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(first, wait_until="networkidle", timeout=300_000)
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
    first_bytes = sum(received)
    received.clear()
    page.goto(second, wait_until="networkidle", timeout=300_000)
    second_fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
    if "--verbose" in sys.argv:
        print("  requests:", ", ".join(u.rsplit("/", 2)[-1] or u for u in urls))
    result = {"bytes": first_bytes, "fcp": fcp / 1000, "second_bytes": sum(received), "second_fcp": second_fcp / 1000,
              "failed": len(failed)}
    context.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, default=200)
    parser.add_argument("--verbose", action="store_true", help="list the requests of each load")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        ours = write_synthetic(Path(tmp) / "ours", args.lessons)
        prepare_ours(ours)
        stock = Path(tmp) / "stock"
        prepare_stock(ours, stock)
        build(ours)
        build(stock)
        first, second = "lesson-0005", "lesson-0006"
        with serve(ours / "site") as o, serve(stock / "site") as s, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            print(f"{args.lessons} lessons × 2 languages; lesson {first}, then {second}; gzip 6; empty cache")
            print(f"{'':42}{'ours':>10}{'stock':>10}{'ours/stock':>12}")
            for name, profile in PROFILES.items():
                a = visit(browser, f"{o}learn/lessons/{first}/", f"{o}learn/lessons/{second}/", profile)
                b = visit(browser, f"{s}lessons/{first}/", f"{s}lessons/{second}/", profile)
                for label, key, unit, scale in (("first visit transferred", "bytes", "KB", 1000),
                                                ("first contentful paint", "fcp", "s", 1),
                                                ("second lesson transferred", "second_bytes", "KB", 1000),
                                                ("second lesson FCP", "second_fcp", "s", 1),
                                                ("failed requests (4xx/5xx)", "failed", "", 1)):
                    x, y = a[key] / scale, b[key] / scale
                    ratio = f"{x / y:12.2f}" if y else f"{'–':>12}"
                    print(f"{name + ': ' + label + (' (' + unit + ')' if unit else ''):42}{x:10.1f}{y:10.1f}{ratio}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
