"""The search box at the top of every built page, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_search_without_diacritics_from_any_page(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "learn/courses/basics/")
    assert not [u for u in requests if "/search/" in u]  # nothing of the index before the learner asks
    page.get_by_label("Tìm bài học").fill("tra tien")
    results = page.locator("[data-hv-search-results] a")
    results.first.wait_for()
    assert results.first.inner_text() == "Trả tiền an toàn"
    assert all("/en/" not in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    results.first.click()
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"


def test_english_search_returns_english_pages(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "en/")
    page.get_by_role("searchbox").fill("paying")
    first = page.locator("[data-hv-search-results] a").first
    first.wait_for()
    assert first.inner_text() == "Paying safely"
    assert "/en/learn/lessons/safe-pay/" in (first.get_attribute("href") or "")
