#!/usr/bin/env python3
"""Load the same pages of the same content, ours and stock Material + mkdocs-static-i18n, in Debian's chromium
with the network throttled, and print bytes transferred and first contentful paint side by side.

    python scripts/bench_bandwidth.py            # the shipped curriculum: its heaviest lesson, home, its course
    python scripts/bench_bandwidth.py --lessons 200   # a synthetic curriculum instead

Both sites are served from loopback by the same small server, gzip level 6 for text (as a typical web server
would). Profiles, each labelled with its numbers (Chrome's network emulation: a fixed latency added to every
request, and the bandwidth shared by the requests in flight):

* 2G: 50 kbit/s down and up, 800 ms round trip (what learners in the mountains get; the issue's target);
* Slow 3G: 400 kbit/s, 400 ms;
* 50 KB/s, 800 ms: eight times the 2G bandwidth (the README's former "2G" row measured this one).

Each load starts with an empty cache; "second lesson" is the next lesson opened in the same visit. The
physical bound of a page is what no browser can beat: the bytes that must arrive before anything can be
painted (the HTML through its header, gzipped, and its render-blocking stylesheets and scripts) divided by the
bandwidth, plus one round trip for the page and one more when it has render-blocking files.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import posixpath
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.loader import load_curriculum
from scripts.bench_build import STOCK_CONFIG, build, prepare_ours, prepare_stock
from scripts.synthetic import write_synthetic
from tests.browser import CHROMIUM, FLAGS
from tests.sitebuild import project_config

PROFILES = {  # name: (download bytes/s, upload bytes/s, latency ms)
    "2G 50 kbit/s 800 ms": (50_000 / 8, 50_000 / 8, 800),
    "Slow 3G 400 kbit/s 400 ms": (400_000 / 8, 400_000 / 8, 400),
    "50 KB/s 800 ms": (50_000, 50_000, 800),
}
ROOT = Path(__file__).resolve().parent.parent
_HEAD_BLOCKING = re.compile(r"<link\b[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\""
                            r"|<script\b(?![^>]*\b(?:defer|async)\b)[^>]*src=\"([^\"]+)\"")
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


def critical_bytes(site: Path, rel: str) -> tuple[int, int]:
    """(gzipped bytes, round trips) that must arrive before the page at `rel` (a folder) can paint: the HTML
    through its header (browsers paint a page before all of it has arrived) and the render-blocking files."""
    page = site / rel / "index.html"
    text = page.read_text("utf-8")
    head = text[: text.find("</head>")]
    first = text[: text.find("</header>") + len("</header>")] if "</header>" in text else text
    total, blocking = len(gzip.compress(first.encode(), 6)), 0
    for css, js in _HEAD_BLOCKING.findall(head):
        url = (css or js).split("?")[0]
        path = Path(posixpath.normpath(posixpath.join(str(page.parent), url)))
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 6))
            blocking = 1
    return total, 1 + blocking


def prepare_real(ours: Path, stock: Path) -> tuple[str, str, str]:
    """The shipped curriculum, ours and stock; returns (lesson id, next lesson id, course id) to load."""
    for name in ("curriculum", "docs"):
        shutil.copytree(ROOT / name, ours / name, ignore=shutil.ignore_patterns("learn", "__pycache__"))
    # Pages only: the PDF handouts are not what this measures, and laying them all out takes minutes.
    (ours / "mkdocs.yml").write_text(project_config(handouts=False), "utf-8")
    cur = load_curriculum(ours).curriculum
    # The heaviest lesson page (the longest Vietnamese text) and the course that teaches it.
    lesson = max(cur.lessons, key=lambda item: len(item.texts["vi"].body) if "vi" in item.texts else 0)
    course = next(c for c in cur.courses if lesson.id in c.lessons)
    following = course.lessons[(course.lessons.index(lesson.id) + 1) % len(course.lessons)]
    _write_stock(cur, stock, course.id)
    return lesson.id, following, course.id


def _write_stock(cur: object, project: Path, course_id: str) -> None:
    """Stock pages of the same text: each lesson's title and body, a home page, the course as a list of links."""
    from hocvuso.model import Curriculum, pick

    assert isinstance(cur, Curriculum)
    docs = project / "docs"
    src = cur.config.source_language
    for lang in ("vi", "en"):
        for lesson in cur.lessons:
            text = lesson.text(lang, src)
            if text is None:
                continue
            target = docs / "lessons" / lesson.id / f"index.{lang}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {text.title}\n\n{text.summary}\n\n{text.body}", "utf-8")
        course = cur.course(course_id)
        assert course is not None
        items = []
        for lesson_id in course.lessons:
            found = cur.lesson(lesson_id)
            text = found.text(lang, src) if found else None
            if text is not None:
                items.append(f"1. [{text.title}](../../lessons/{lesson_id}/index.md): {text.summary}\n")
        target = docs / "courses" / course_id / f"index.{lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {pick(course.title, lang, src)}\n\n{pick(course.description, lang, src)}\n\n"
                          + "".join(items), "utf-8")
        (docs / f"index.{lang}.md").write_text(
            f"# Bình dân học vụ số\n\n- [{pick(course.title, lang, src)}](courses/{course_id}/index.md)\n", "utf-8")
    (project / "mkdocs.yml").write_text(STOCK_CONFIG, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=0, help="a synthetic curriculum of N lessons instead")
    parser.add_argument("--verbose", action="store_true", help="list the requests of each load")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        ours, stock = Path(tmp) / "ours", Path(tmp) / "stock"
        if args.lessons:
            write_synthetic(ours, args.lessons)
            prepare_ours(ours)
            prepare_stock(ours, stock)
            first, second = "lesson-0005", "lesson-0006"
            cur = load_curriculum(ours).curriculum
            course = cur.courses[0].id
            _add_stock_course(cur, stock, course)
            what = f"{args.lessons} synthetic lessons × 2 languages"
        else:
            stock.mkdir()
            first, second, course = prepare_real(ours, stock)
            what = "the shipped curriculum"
        build(ours)
        build(stock)
        pages = {  # page: (ours, stock, next page opened in the same visit)
            "lesson": (f"learn/lessons/{first}/", f"lessons/{first}/", second),
            "home": ("", "", first),
            "course": (f"learn/courses/{course}/", f"courses/{course}/", first),
        }
        with serve(ours / "site") as o, serve(stock / "site") as s, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            print(f"{what}; lesson {first} (then {second}), home, course {course}; gzip 6; empty cache")
            print(f"{'':64}{'ours':>9}{'stock':>9}{'ours/stock':>11}")
            for kind, (mine, theirs, then) in pages.items():
                ob, ort = critical_bytes(ours / "site", mine)
                sb, srt = critical_bytes(stock / "site", theirs)
                head = f"{kind}: bytes before first paint (KB, gzip) / round trips"
                print(f"{head:64}{ob / 1000:7.1f}/{ort}{sb / 1000:7.1f}/{srt}")
                for name, profile in PROFILES.items():
                    a = visit(browser, f"{o}{mine}", f"{o}learn/lessons/{then}/", profile)
                    b = visit(browser, f"{s}{theirs}", f"{s}lessons/{then}/", profile)
                    a["bound"] = ob / profile[0] + ort * profile[2] / 1000
                    b["bound"] = sb / profile[0] + srt * profile[2] / 1000
                    for label, key, unit, scale in (("first visit transferred", "bytes", "KB", 1000),
                                                    ("first contentful paint", "fcp", "s", 1),
                                                    ("physical bound of FCP", "bound", "s", 1),
                                                    ("next lesson transferred", "second_bytes", "KB", 1000),
                                                    ("next lesson FCP", "second_fcp", "s", 1),
                                                    ("failed requests (4xx/5xx)", "failed", "", 1)):
                        x, y = a[key] / scale, b[key] / scale
                        ratio = f"{x / y:11.2f}" if y else f"{'–':>11}"
                        head = f"{kind}, {name}: {label}" + (f" ({unit})" if unit else "")
                        print(f"{head:64}{x:9.2f}{y:9.2f}{ratio}")
            browser.close()
    return 0


def _add_stock_course(cur: object, stock: Path, course_id: str) -> None:
    """The synthetic stock site gets the same course page as the real one (a list of its lessons)."""
    from hocvuso.model import Curriculum, pick

    assert isinstance(cur, Curriculum)
    course = cur.course(course_id)
    assert course is not None
    src = cur.config.source_language
    for lang in ("vi", "en"):
        target = stock / "docs" / "courses" / course_id / f"index.{lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        items = "".join(f"1. [{lid}](../../lessons/{lid}/index.md)\n" for lid in course.lessons)
        target.write_text(f"# {pick(course.title, lang, src)}\n\n{items}", "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
