"""Search on the built site, in a real browser: the header's search button on every page opens the search
page of the page's language; with JavaScript off the form still answers (every page, to find in)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_search_without_diacritics_from_any_page(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "learn/courses/basics/")
    assert page.locator("[data-hv-search]").count() == 0  # no form, no script: the page is the lesson list
    page.get_by_role("link", name="Tìm kiếm").click()
    page.get_by_label("Tìm bài học").fill("tra tien")  # maybe before the deferred script runs: it catches up
    results = page.locator("[data-hv-search-results] a")
    results.first.wait_for()
    assert results.first.inner_text() == "Trả tiền an toàn"
    assert all("/en/" not in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    # The manifest is in the page: the query asked only for its words' shards and its results' chunks.
    asked = [u.split("/search/")[1].split("?")[0] for u in requests if "/search/" in u and ".js" in u]
    assert "docs.js" not in asked and len(asked) <= 4, asked
    results.first.click()
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"


def test_english_search_returns_english_pages(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "en/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_role("searchbox").fill("paying")
    first = page.locator("[data-hv-search-results] a").first
    first.wait_for()
    assert first.inner_text() == "Paying safely"
    assert "/en/learn/lessons/safe-pay/" in (first.get_attribute("href") or "")


def test_without_javascript_the_search_form_still_answers(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "learn/lessons/safe-pay/")
    page.get_by_role("link", name="Tìm kiếm").click()
    page.get_by_label("Tìm bài học").fill("tra tien")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_load_state("load")
    # Every page of the language, by kind, with its summary: the learner finds the words in the page.
    assert page.url.split("?")[0].endswith("/search/all.html")
    link = page.get_by_role("link", name="Trả tiền an toàn", exact=True)
    assert link.count() == 1
    link.click()
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"
    context.close()
