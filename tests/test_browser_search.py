"""Site search in a real browser: nothing loads before search is opened, diacritics-insensitive results in
the page's language only, the same ranking as the Python reference, and an offline copy opened from disk.

The fixture site is built for real; the search index and small pages holding hocvuso/theme/partials/hv-search.html
are then added to it (until the plugin writes the index and the header includes the partial)."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest

from hocvuso.loader import load_curriculum
from hocvuso.search import SearchIndex, build_search_index, search, snippet_for, write_search_index
from hocvuso.site import SitePaths, load_strings
from hocvuso.themefiles import PACKAGE_THEME
from tests.browser import serve
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build
from tests.test_search import FOLD_SAMPLES, python_folds, ranking_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VI_PAGE = "learn/search-test/index.html"
EN_PAGE = "en/learn/search-test/index.html"
PARITY_PAGE = "parity/page/index.html"
FILLERS = 12
"""Extra lessons in the ranking site, so one query has more results than are shown at first."""


def render_form(page: str, lang: str, version: str) -> str:
    """The partial as MkDocs renders it on a page at `page` (site-relative), in `lang`."""
    page_dir = posixpath.dirname(page)

    def url(target: str) -> str:
        rel = posixpath.relpath(target.rstrip("/") or ".", page_dir or ".")
        return rel + "/" if target.endswith("/") else rel

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_THEME)))
    env.filters["url"] = url
    base_url = posixpath.relpath(".", page_dir or ".")
    strings = load_strings(str(PACKAGE_THEME / "strings"), lang, "vi")
    form = env.get_template("partials/hv-search.html").render(
        t=strings, base_url=base_url, hv_lang=lang, hv_paths=SitePaths("vi"), hv_search_version=version)
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>search</title></head>'
            f"<body>\n{form}\n</body></html>\n")


@dataclass
class Site:
    root: Path
    url: str
    indexes: dict[str, SearchIndex]
    parity: SearchIndex


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("search")
    project = tmp / "project"
    shutil.copytree(FIXTURE, project)
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    root = project / "site"
    assert (root / "assets" / "hvsearch.js").is_file(), "the theme copies its assets/"
    cur = load_curriculum(project).curriculum
    indexes = {lang: build_search_index(cur, lang) for lang in ("vi", "en")}
    for lang, page in (("vi", VI_PAGE), ("en", EN_PAGE)):
        write_search_index(indexes[lang], root)
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text(render_form(page, lang, indexes[lang].version), "utf-8")

    # A second index, of lessons whose words differ only by their marks, to compare rankings with Python.
    ranking = ranking_project(tmp / "ranking")
    # Fillers sort after the seven lessons: more results than are shown at first.
    for n in range(FILLERS):
        folder = ranking / "curriculum" / "lessons" / f"p{n:02d}"
        shutil.copytree(ranking / "curriculum" / "lessons" / "login", folder)
        (folder / "lesson.yml").write_text(f"id: p{n:02d}\ncompetences: []\naudiences: []\nduration: 5\n", "utf-8")
        (folder / "vi.md").write_text(f"---\ntitle: Bài phụ số {n}\n---\n\nÔn tập các bước.\n", "utf-8")
    parity = build_search_index(load_curriculum(ranking).curriculum, "vi")
    write_search_index(parity, root / "parity")
    (root / PARITY_PAGE).parent.mkdir(parents=True)
    html = render_form(PARITY_PAGE, "vi", parity.version).replace('data-hv-prefix=""', 'data-hv-prefix="parity/"')
    (root / PARITY_PAGE).write_text(html, "utf-8")
    with serve(root) as url:
        yield Site(root, url, indexes, parity)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    yield page
    page.close()


STATUS = "[data-hv-search-status]"
RESULTS = "[data-hv-search-results] a"


def settle(page: Any) -> str:
    """Wait until the search has an answer (not loading, not empty); returns the status text."""
    loading = load_strings(str(PACKAGE_THEME / "strings"), page.evaluate("document.documentElement.lang"), "vi")
    page.wait_for_function("([s, loading]) => { const t = document.querySelector(s).textContent;"
                           " return t && t !== loading; }", arg=[STATUS, loading["search_loading"]])
    return str(page.locator(STATUS).inner_text())


def result_hrefs(page: Any) -> list[str]:
    return [str(h) for h in page.locator(RESULTS).evaluate_all("links => links.map(a => a.href)")]


def index_requests(urls: list[str]) -> list[str]:
    return [u.split("?")[0].rsplit("/", 1)[-1] for u in urls if "/search/" in u]


def test_nothing_of_the_index_loads_before_the_search_box_is_focused(page: Any, site: Site) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(site.url + "learn/search-test/")
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/assets/hvsearch.js") for u in urls)
    assert index_requests(urls) == []
    with page.expect_request(lambda r: "/search/docs.js" in r.url):
        page.focus("#hv-q")
    page.wait_for_load_state("networkidle")
    assert index_requests(urls) == ["docs.js"]  # the manifest only: shards wait for words
    assert all(f"?v={site.indexes['vi'].version}" in u for u in urls if "/search/" in u)
    page.locator("#hv-q").press_sequentially("tra tien", delay=20)
    assert settle(page) == f"Tìm thấy {len(search(site.indexes['vi'], 'tra tien'))} kết quả"
    asked = index_requests(urls)
    # The manifest, the shards of the words typed, and page files (of four pages each) for the snippets.
    assert {"docs.js", "tr.js", "ti.js"} <= set(asked)
    assert all(n in ("docs.js", "tr.js", "ti.js") or re.fullmatch(r"docs\d+\.js", n) for n in asked), asked


def marked_snippets(page: Any) -> list[list[object]]:
    """[snippet text, its marked words] of each result shown, once every snippet has arrived."""
    page.wait_for_function("() => [...document.querySelectorAll('[data-hv-search-results] li')]"
                           ".every(li => li.hasAttribute('data-hv-done'))")
    return [list(x) for x in page.locator("[data-hv-search-results] p").evaluate_all(
        "ps => ps.map(p => [p.textContent, [...p.querySelectorAll('mark')].map(m => m.textContent)])")]


def test_tra_tien_finds_tra_tien_an_toan_and_opens_it(page: Any, site: Site) -> None:
    page.goto(site.url + "learn/search-test/")
    page.fill("#hv-q", "tra tien")
    settle(page)
    first = page.locator(RESULTS).first
    assert first.inner_text() == "Trả tiền an toàn"
    assert first.locator("mark").all_inner_texts() == ["Trả", "tiền"]  # the title marks the words too
    # The snippet: the page's sentence that holds the query words, marked (the summary holds only "tiền").
    vi = site.indexes["vi"]
    text, marked = snippet_for(vi, search(vi, "tra tien")[0], "tra tien")
    assert marked_snippets(page)[0] == [text, marked]
    assert {"trả", "tiền"} <= {m.lower() for m in marked}
    first.click()
    assert page.url == site.url + "learn/lessons/safe-pay/"
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"


def test_the_search_button_and_a_submitted_address_search_too(page: Any, site: Site) -> None:
    page.goto(site.url + "learn/search-test/")
    page.evaluate("document.querySelector('#hv-q').value = 'dien thoai'")  # no focus, no input event
    page.get_by_role("button", name="Tìm", exact=True).click()
    assert settle(page) == f"Tìm thấy {len(search(site.indexes['vi'], 'dien thoai', typing=False))} kết quả"
    assert page.locator(RESULTS).first.inner_text() == "Làm quen điện thoại"
    assert page.url == site.url + "learn/search-test/"  # handled in the page, not submitted
    # Submitted before the script ran, the form opens its action page with ?q=: that page searches.
    page.goto(site.url + "learn/search-test/?q=tra+tien")
    settle(page)
    assert page.locator(RESULTS).first.inner_text() == "Trả tiền an toàn"


def test_vietnamese_search_never_returns_english_pages_and_back(page: Any, site: Site) -> None:
    page.goto(site.url + "learn/search-test/")
    page.fill("#hv-q", "otp")
    settle(page)
    vi = result_hrefs(page)
    assert vi and not any("/en/" in h for h in vi)
    page.fill("#hv-q", "paying")
    assert settle(page) == load_strings(str(PACKAGE_THEME / "strings"), "vi", "vi")["search_none"]
    assert result_hrefs(page) == []

    page.goto(site.url + "en/learn/search-test/")
    page.fill("#hv-q", "otp")
    assert settle(page).startswith("Results found:")
    en = result_hrefs(page)
    assert en and all(h.startswith(site.url + "en/") for h in en)
    page.fill("#hv-q", "tra tien")
    assert settle(page) == "Nothing found. Try other words."


def test_search_works_from_an_offline_copy_opened_from_disk(page: Any, site: Site) -> None:
    page.goto((site.root / VI_PAGE).as_uri())
    page.locator("#hv-q").press_sequentially("chuyen tie", delay=20)  # as typed: "tie" is a prefix
    page.fill("#hv-q", "tra tien")
    settle(page)
    first = page.locator(RESULTS).first
    assert first.get_attribute("href") == "../../learn/lessons/safe-pay/index.html"
    first.click()
    assert page.url == (site.root / "learn/lessons/safe-pay/index.html").as_uri()
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"
    page.goto((site.root / EN_PAGE).as_uri())
    page.fill("#hv-q", "otp code")
    settle(page)
    assert all(h.startswith((site.root / "en").as_uri()) for h in result_hrefs(page))
    assert (site.root / "en/learn/glossary/index.html").as_uri() + "#otp" in result_hrefs(page)


def test_javascript_folds_and_splits_words_exactly_like_python(page: Any, site: Site) -> None:
    page.goto(site.url + "learn/search-test/")
    got = page.evaluate("samples => samples.map(s => [hvSearch.fold(s),"
                        " hvSearch.words(s, false).map(w => [w.t, w.f])])", FOLD_SAMPLES)
    assert got == python_folds(FOLD_SAMPLES)


PARITY_QUERIES = [
    ("đăng nhập", False), ("dang nhap", False), ("mật khẩu", False), ("mat khau", True), ("vu cong", False),
    ("vụ công", True), ("vũ công", False), ("chuyen ti", False), ("chuyen ti", True), ("chuyể", False),
    ("nhap", False), ("tien", True), ("ma otp", False), ("cac buoc", False), ("on tap", False), ("zzz", False),
    ("a", False), ("ở", True),
]


def test_javascript_ranks_and_chooses_snippets_like_the_python_reference(page: Any, site: Site) -> None:
    page.set_viewport_size({"width": 800, "height": 4000})  # every result in view: every snippet loads
    page.goto(site.url + "parity/page/")
    none = load_strings(str(PACKAGE_THEME / "strings"), "vi", "vi")["search_none"]
    for query, submit in PARITY_QUERIES:
        page.fill("#hv-q", query)
        if submit:
            page.press("#hv-q", "Enter")
        ids = search(site.parity, query, typing=not submit)
        if not ids and not submit and len(query) == 1:
            assert page.locator(STATUS).inner_text() == "", query  # one letter: waiting for the next
            continue
        status = settle(page)
        assert result_hrefs(page) == [site.url + site.parity.docs[d].url for d in ids[:10]], query
        assert status == (f"Tìm thấy {len(ids)} kết quả" if ids else none), query
        assert marked_snippets(page) == [list(snippet_for(site.parity, d, query, typing=not submit))
                                         for d in ids[:10]], query


def test_more_results_load_on_demand(page: Any, site: Site) -> None:
    page.set_viewport_size({"width": 800, "height": 4000})
    page.goto(site.url + "parity/page/")
    page.fill("#hv-q", "on tap")
    assert settle(page) == f"Tìm thấy {FILLERS} kết quả"
    assert page.locator(RESULTS).count() == 10
    page.get_by_role("button", name="Xem thêm kết quả").click()
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length === {FILLERS}")
    assert page.locator("[data-hv-search-more]").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == page.locator(RESULTS).nth(10).inner_text()
    ids = search(site.parity, "on tap")
    assert result_hrefs(page) == [site.url + site.parity.docs[d].url for d in ids]
    assert marked_snippets(page) == [list(snippet_for(site.parity, d, "on tap")) for d in ids]


def test_a_cold_query_loads_the_first_snippets_and_the_others_as_they_come_into_view(page: Any, site: Site) -> None:
    """The words' shards and the files of the first results; a result further down gets its snippet when the
    learner scrolls to it (this bare page's results are short: a low screen stands for a phone's)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.set_viewport_size({"width": 360, "height": 300})
    page.goto(site.url + "parity/page/?q=on+tap")
    settle(page)
    last = page.locator("[data-hv-search-results] li").last
    page.wait_for_function("document.querySelector('[data-hv-search-results] li[data-hv-done]')")
    page.wait_for_load_state("networkidle")
    before = index_requests(urls)
    assert before[0] == "docs.js"  # this test page does not carry the manifest; the search page does
    assert before[1:1 + 2] == site.parity.files_for("on tap", typing=False)[1:3]  # the shards: "on", "ta"
    assert last.get_attribute("data-hv-done") is None  # far below the first screen: not loaded
    last.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('[data-hv-search-results] li:last-child[data-hv-done]')")
    assert len(index_requests(urls)) > len(before)
    assert page.locator("[data-hv-search-results] li").last.locator("mark").count() >= 1


def test_an_index_that_cannot_load_says_so(page: Any, site: Site) -> None:
    page.route("**/search/**", lambda route: route.abort())  # offline, nothing cached
    page.goto(site.url + "learn/search-test/")
    page.fill("#hv-q", "tra tien")
    failed = load_strings(str(PACKAGE_THEME / "strings"), "vi", "vi")["search_failed"]
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent === t", arg=[STATUS, failed])
    page.unroute("**/search/**")  # back online: the next keystroke retries
    page.locator("#hv-q").press("End")
    page.locator("#hv-q").press_sequentially(" ")
    assert settle(page) == f"Tìm thấy {len(search(site.indexes['vi'], 'tra tien '))} kết quả"
