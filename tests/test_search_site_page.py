"""The search page as the build writes it, in a real browser: it carries the manifest and every title, so a
cold query loads only its words' shards and its first results' page files, and the results show the matched
sentence with the query's words marked (built in the DOM: no markup from the index is ever parsed)."""

from __future__ import annotations

from typing import Any

import pytest

from hocvuso.loader import load_curriculum
from hocvuso.search import build_search_index, search, snippet_for
from tests.conftest import FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def index_files(urls: list[str]) -> list[str]:
    return [u.split("/search/")[1].split("?")[0] for u in urls if "/search/" in u and u.split("?")[0].endswith(".js")]


def test_a_cold_submitted_query_loads_at_most_four_files_and_marks_the_matched_sentence(
        browser: Any, site_url: str) -> None:
    vi = build_search_index(load_curriculum(FIXTURE).curriculum, "vi")
    ids = search(vi, "tra tien", typing=False)
    text, marked = snippet_for(vi, ids[0], "tra tien", typing=False)
    assert marked, "the first result's snippet holds the words"
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(site_url + "search/?q=tra+tien")  # as the form submits it before the script has run
    first = page.locator("[data-hv-search-results] li").first
    # Predicates as functions: the page's Content-Security-Policy refuses eval() of a bare expression.
    page.wait_for_function("() => document.querySelector('[data-hv-search-results] li[data-hv-done]')")
    page.wait_for_load_state("networkidle")
    asked = index_files(urls)
    assert "docs.js" not in asked and len(asked) <= 4, asked  # the page carries the manifest and the titles
    assert first.locator("p").inner_text() == text
    assert first.locator("p mark").all_inner_texts() == marked
    assert first.locator("a mark").all_inner_texts() == ["Trả", "tiền"]  # the title marks the words too
    first.locator("a").click()
    assert page.locator("h1").inner_text() == vi.docs[ids[0]].title
    context.close()


def test_index_text_is_shown_as_text_never_as_markup(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "search/")
    # Page files whose summary and sentence hold markup (first in the queue: read before the real file).
    page.evaluate("""() => { const rec = ["", "", "<img src=x> tra", "<b>trả</b> tiền"];
                             window.hvSearchData.push(["vi", "docs0", [rec, rec, rec, rec]]); }""")
    page.get_by_role("searchbox").fill("tra tien")
    page.wait_for_function("() => [...document.querySelectorAll('[data-hv-search-results] p')]"
                           ".some(p => p.textContent === '<b>trả</b> tiền')")
    assert page.locator("[data-hv-search-results] img, [data-hv-search-results] b").count() == 0
    page.close()
