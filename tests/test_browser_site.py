"""What learners click, in a real browser: picker → audience → course → lesson, language switch, text size,
and quiz answers that open without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_learner_goes_from_the_picker_to_a_lesson(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url)
    page.get_by_role("link", name="Người cao tuổi").click()
    assert page.locator("h1").inner_text().strip().endswith("Người cao tuổi")
    assert page.url.endswith("/learn/audiences/older-people/")
    page.goto(site_url + "learn/courses/basics/")
    page.get_by_role("link", name="Bắt đầu khóa học").click()
    assert page.locator("h1").inner_text() == "Làm quen điện thoại"
    page.get_by_role("link", name="Bài tiếp: Trả tiền an toàn →").click()
    assert page.locator("h1").inner_text() == "Trả tiền an toàn"


def test_language_switcher_opens_the_same_lesson_in_english(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "learn/lessons/safe-pay/")
    page.locator(".md-select").first.hover()
    page.locator('a[hreflang="en"]').first.click()
    assert page.url.endswith("/en/learn/lessons/safe-pay/")
    assert page.locator("h1").inner_text() == "Paying safely"
    assert page.locator("html").get_attribute("lang") == "en"


def test_text_size_grows_and_is_remembered(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "learn/lessons/hello-phone/")

    def size() -> float:
        return float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.hv-body')).fontSize)"))

    before = size()
    page.get_by_role("button", name="Chữ to hơn").click()
    page.get_by_role("button", name="Chữ to hơn").click()
    grown = size()
    assert grown > before * 1.2
    page.reload()
    assert size() == pytest.approx(grown)


def test_read_aloud_stays_hidden_without_a_voice_for_the_language(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "learn/lessons/hello-phone/")
    assert page.evaluate("speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('vi'))") is False
    assert page.locator("[data-hv-tools]").is_visible()  # the tools bar itself is shown once JavaScript runs
    assert page.locator("[data-hv-speak]").is_hidden()


def test_quiz_answers_open_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "learn/lessons/hello-phone/")
    question = page.locator("#q-hello-phone-power")
    assert question.locator("legend").inner_text() == "1. Bật điện thoại thế nào?"
    question.get_by_label("Nhấn giữ nút nguồn").check()
    feedback = question.locator(".hv-feedback")
    assert not feedback.is_visible()
    question.locator("summary").click()
    assert feedback.is_visible()
    assert "Màn hình tắt thì chạm không có tác dụng." in feedback.inner_text()
    context.close()


@pytest.mark.parametrize("url", ["", "learn/audiences/citizens/", "learn/courses/basics/",
                                 "learn/lessons/hello-phone/", "learn/coverage/", "learn/skills/", "learn/glossary/"])
def test_pages_fit_a_320_pixel_screen_without_sideways_scrolling(browser: Any, site_url: str, url: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(site_url + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
