"""The Kiwix ZIM export, read back with libzim's own reader and searched the way Kiwix searches."""

from __future__ import annotations

import http.server
import io
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from libzim.reader import Archive  # type: ignore[import-untyped]
from libzim.search import Query, Searcher  # type: ignore[import-untyped]
from libzim.suggestion import SuggestionSearcher  # type: ignore[import-untyped]
from PIL import Image

from hocvuso.zim import index_text, language_prefixes, metadata_for, render_zim_page, resolve, write_zim
from scripts.export_zim import export
from tests.conftest import FIXTURE, ROOT
from tests.sitebuild import mkdocs_build

LINK = re.compile(r"""\s(href|src|action)="([^"]*)\"""")
REQUIRED_METADATA = ("Name", "Title", "Description", "Language", "Creator", "Publisher", "Date", "License",
                     "Illustration_48x48@1")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture curriculum built with its PDF handouts, then exported as one ZIM per language."""
    project = tmp_path_factory.mktemp("zim") / "project"
    shutil.copytree(FIXTURE, project)
    render = subprocess.run([sys.executable, str(ROOT / "scripts/build_handouts.py"), "--root", str(project),
                             "--out", str(project / ".cache/handouts"), "--base-url", "https://hoc.example.vn/"],
                            capture_output=True, text=True, check=False)
    assert render.returncode == 0, render.stdout + render.stderr
    assert mkdocs_build(project, "--strict").returncode == 0
    export(project / "site", project / "zim", project, date="2026-12-01")
    return project


def archive(project: Path, lang: str) -> Archive:
    return Archive(str(project / "zim" / f"hocvuso_{lang}_all.zim"))


def paths(zim: Archive) -> list[str]:
    return [e.path for e in (zim._get_entry_by_id(i) for i in range(zim.all_entry_count))
            if zim.has_entry_by_path(e.path)]


def html_of(zim: Archive, path: str) -> str:
    return bytes(zim.get_entry_by_path(path).get_item().content).decode("utf-8")


def target(zim: Archive, path: str) -> str:
    entry = zim.get_entry_by_path(path)
    return str(entry.get_redirect_entry().path if entry.is_redirect else entry.path)


def fulltext(zim: Archive, query: str) -> list[str]:
    found = Searcher(zim).search(Query().set_query(query))
    return list(found.getResults(0, 20))


def suggestions(zim: Archive, query: str) -> list[str]:
    found = SuggestionSearcher(zim).suggest(query)
    return [target(zim, p) for p in found.getResults(0, 20)]


@pytest.mark.slow
@pytest.mark.parametrize("lang, prefix", [("vi", ""), ("en", "en/")])
def test_every_page_image_and_handout_of_the_language_is_in_its_zim(project: Path, lang: str, prefix: str) -> None:
    zim, site = archive(project, lang), project / "site"
    entries = set(paths(zim))
    lessons = sorted(p.relative_to(site).as_posix() for p in (site / prefix / "learn/lessons").glob("*/index.html"))
    assert len(lessons) == 2 and set(lessons) <= entries
    main = zim.main_entry
    assert (main.get_redirect_entry() if main.is_redirect else main).path == f"{prefix}index.html"
    pdfs = {p.relative_to(site).as_posix() for p in (site / "handouts" / lang).rglob("*.pdf")}
    assert pdfs and pdfs <= entries
    assert bytes(zim.get_entry_by_path(sorted(pdfs)[0]).get_item().content).startswith(b"%PDF")
    assert "learn/lessons/hello-phone/phone.svg" in entries
    other = "en/" if lang == "vi" else ""
    assert not [p for p in entries if p.endswith(".html") and p.startswith(other) and not p.startswith(prefix)
                and not p.startswith("_")]
    # Nothing a reader cannot use: no service worker, no offline downloads, no other language's handouts.
    assert not {"sw.js", "offline/hocvuso.zip"} & entries
    assert not [p for p in entries if p.startswith("handouts/") and not p.startswith(f"handouts/{lang}/")]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_internal_link_of_every_page_resolves_to_an_entry(project: Path, lang: str) -> None:
    zim = archive(project, lang)
    checked, broken = 0, []
    for path in paths(zim):
        if zim.get_entry_by_path(path).is_redirect or not path.endswith(".html"):
            continue
        for attr, url in LINK.findall(html_of(zim, path)):
            local = resolve(path, url)
            if url.startswith("/") and not url.startswith("//"):
                broken.append(f"{path}: root-absolute {attr}={url}")
            elif local is not None:
                checked += 1
                if not zim.has_entry_by_path(local) or url.endswith("/") or "?v=" in url:
                    broken.append(f"{path}: {attr}={url}")
    assert checked > 100 and broken == []


@pytest.mark.slow
def test_pages_lose_what_needs_a_server_and_keep_their_text(project: Path) -> None:
    zim = archive(project, "vi")
    # Markup only: the page's inline first-paint CSS names these classes whether or not the elements are there.
    course = re.sub(r"<style>.*?</style>", "", html_of(zim, "learn/courses/basics/index.html"), flags=re.DOTALL)
    assert "data-hv-offline" not in course and "md-select" not in course and 'rel="alternate"' not in course
    assert "Nhập môn" in course
    home = html_of(zim, "index.html")
    assert "offline/hocvuso.zip" not in home and 'href="/' not in home
    search = html_of(zim, "search/index.html")  # search has its own page
    assert 'data-hv-v=""' in search  # the search shards load without a query string


@pytest.mark.slow
@pytest.mark.parametrize("lang, language, title", [("vi", "vie", "Bình dân học vụ số"),
                                                    ("en", "eng", "Digital Education for All")])
def test_metadata_kiwix_shows_is_complete(project: Path, lang: str, language: str, title: str) -> None:
    zim = archive(project, lang)
    meta = {key: bytes(zim.get_metadata(key)) for key in zim.metadata_keys}
    assert set(REQUIRED_METADATA) <= set(meta)
    assert all(meta[k].strip() for k in REQUIRED_METADATA)
    assert meta["Language"].decode() == language and meta["Title"].decode() == title
    assert meta["Name"].decode() == f"hocvuso_{lang}_all" and meta["Date"].decode() == "2026-12-01"
    assert len(meta["Description"].decode()) <= 80 and len(meta["Title"].decode()) <= 30
    assert zim.has_illustration(48)
    with Image.open(io.BytesIO(bytes(zim.get_illustration_item(48).content))) as icon:
        assert icon.format == "PNG" and icon.size == (48, 48)
    assert zim.has_fulltext_index and zim.has_title_index


@pytest.mark.slow
@pytest.mark.parametrize("query", ["điện thoại", "dien thoai", "Điện Thoại", "DIEN THOAI"])
def test_full_text_search_finds_a_lesson_with_or_without_diacritics(project: Path, query: str) -> None:
    assert "learn/lessons/hello-phone/index.html" in fulltext(archive(project, "vi"), query)


@pytest.mark.slow
@pytest.mark.parametrize("query", ["nút nguồn", "nut nguon"])
def test_full_text_search_finds_words_of_the_body(project: Path, query: str) -> None:
    assert fulltext(archive(project, "vi"), query)[:1] == ["learn/lessons/hello-phone/index.html"]


@pytest.mark.slow
@pytest.mark.parametrize("query, lesson", [("làm quen điện", "hello-phone"), ("lam quen dien", "hello-phone"),
                                           ("dien thoai", "hello-phone"), ("Trả tiền", "safe-pay"),
                                           ("tra tien an", "safe-pay")])
def test_title_search_suggests_a_lesson_with_or_without_diacritics(project: Path, query: str, lesson: str) -> None:
    assert f"learn/lessons/{lesson}/index.html" in suggestions(archive(project, "vi"), query)


@pytest.mark.slow
def test_english_search_finds_lessons_by_title_and_by_word_forms(project: Path) -> None:
    zim = archive(project, "en")
    assert "en/learn/lessons/hello-phone/index.html" in suggestions(zim, "getting to know")
    # Xapian's English stemmer: the lesson says "Type the OTP code yourself", never "typed".
    assert fulltext(zim, "typed") == ["en/learn/lessons/safe-pay/index.html"]
    assert not [p for p in fulltext(zim, "phone") if not p.startswith("en/")]


def write_page(site: Path, rel: str, title: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><title>{title} - Học</title></head><body>"
                    f'<a href="/">Trang chủ</a><a href="/en/">English</a>'
                    f"<article><h1>{title}</h1>{body}</article></body></html>", "utf-8")


def test_dich_vu_cong_is_found_typed_without_diacritics(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_page(site, "index.html", "Học", "<p>Trang chủ.</p>")
    write_page(site, "a/index.html", "Cổng Dịch vụ công", "<p>Đăng ký tài khoản định danh điện tử.</p>")
    write_page(site, "en/index.html", "Home", "<p>Home.</p>")
    (site / "assets/images").mkdir(parents=True)
    Image.new("RGB", (96, 96), "navy").save(site / "assets/images/favicon.png")
    prefixes = language_prefixes(["vi", "en"], "vi")
    meta = metadata_for(site, "vi", prefixes, "2026-12-01")
    write_zim(site, tmp_path / "t.zim", "vi", prefixes, meta)
    zim = Archive(str(tmp_path / "t.zim"))
    for query in ("dịch vụ công", "dich vu cong", "đăng ký", "dang ky", "định danh", "dinh danh", "dien tu"):
        assert fulltext(zim, query) == ["a/index.html"], query
    assert "a/index.html" in suggestions(zim, "cong dich vu")
    # The page links to the home page of its own ZIM, and to the other language as plain text.
    page = html_of(zim, "a/index.html")
    assert '<a href="../index.html">Trang chủ</a>' in page and "<a>English</a>" in page


def test_index_text_adds_each_word_with_d_bar_once_more_without_it() -> None:
    assert index_text("Đăng ký định danh, đăng nhập") == "Đang ky đinh danh, đang nhap\ndang dinh"
    assert index_text("Bật nguồn") == "Bat nguon"


def test_links_to_missing_entries_become_text_and_folders_become_files() -> None:
    page = ('<a href="../../en/x/">English</a> <a href="../safe-pay/#b">next</a> '
            '<link rel="alternate" href="/en/" hreflang="en"><img src="../../assets/i.png?v=12ab">')
    entries = {"learn/safe-pay/index.html", "assets/i.png"}
    assert render_zim_page(page, "learn/hello/index.html", entries) == (
        '<a>English</a> <a href="../safe-pay/index.html#b">next</a> <img src="../../assets/i.png">')


def test_export_script_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/export_zim.py"), str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "is not a built site" in proc.stderr and "Traceback" not in proc.stderr


@contextmanager
def serve_zim(path: Path) -> Iterator[str]:
    """Serve a ZIM's entries the way kiwix-serve does, under /content/<book>/; yields the book's base URL."""
    zim = Archive(str(path))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            prefix = f"/content/{path.stem}/"
            entry_path = unquote(urlsplit(self.path).path).removeprefix(prefix)
            if not self.path.startswith(prefix) or not zim.has_entry_by_path(entry_path):
                self.send_error(404)
                return
            entry = zim.get_entry_by_path(entry_path)
            if entry.is_redirect:  # kiwix-serve answers a redirect entry with an HTTP redirect
                self.send_response(302)
                self.send_header("Location", prefix + entry.get_redirect_entry().path)
                self.end_headers()
                return
            item = entry.get_item()
            body = bytes(item.content)
            self.send_response(200)
            self.send_header("Content-Type", item.mimetype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/content/{path.stem}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_learner_browses_and_searches_the_zim_as_a_reader_serves_it(browser: Any, project: Path) -> None:
    with serve_zim(project / "zim" / "hocvuso_vi_all.zim") as base:
        page = browser.new_page()
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "index.html")
        page.get_by_role("link", name="Người dân").click()
        page.get_by_role("link", name="Nhập môn").click()
        page.get_by_role("link", name="Làm quen điện thoại").first.click()
        assert page.url == base + "learn/lessons/hello-phone/index.html"
        page.locator("header a.md-logo").click()
        assert page.url == base + "index.html"
        page.locator("header a[href$='search/index.html']").first.click()  # search lives on its own page
        assert page.url == base + "search/index.html"
        page.locator("#hv-q").fill("dien thoai")
        page.locator("[data-hv-search-results] a", has_text="Làm quen điện thoại").first.click()
        assert page.url == base + "learn/lessons/hello-phone/index.html"
        assert errors == [] and [u for u in missing if not u.endswith("/sw.js")] == []
