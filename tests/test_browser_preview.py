"""The preview an editor watches while editing: errors on the page, within seconds, and gone once fixed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.preview import fetch, mkdocs_serve
from tests.sitebuild import write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "learn/lessons/hello-phone/"


def _wait_for(page: Any, selector: str, present: bool, seconds: float) -> float:
    """Seconds until `selector` is (or is no longer) on the page, which reloads by itself."""
    start = time.monotonic()
    page.wait_for_selector(selector, state="attached" if present else "detached", timeout=seconds * 1000)
    return time.monotonic() - start


def test_broken_lesson_shows_its_error_on_the_page_and_clears_when_fixed(browser: Any, tiny: Path) -> None:
    write_config(tiny)
    quiz = tiny / "curriculum/lessons/hello-phone/quiz.yml"
    good = quiz.read_text("utf-8")
    with mkdocs_serve(tiny, tiny.parent / "serve.log") as url:
        page = browser.new_page()
        page.goto(url + LESSON)
        assert page.locator("h1").first.inner_text() == "Làm quen điện thoại"
        time.sleep(0.5)  # let the page's reload poll start, as it has by the time an editor switches windows

        quiz.write_text(good.replace("answer: hold", "answer: [hold, tap]"), "utf-8")
        _wait_for(page, "#hv-build-errors", present=True, seconds=15)  # a rebuild on a busy machine
        banner = page.locator("#hv-build-errors").inner_text()
        assert "curriculum/lessons/hello-phone/quiz.yml:7" in banner
        assert "[quiz-single-answer]" in banner and "có 2 đáp án đúng" in banner
        assert page.locator("h1").first.inner_text() == "Làm quen điện thoại"  # the last good lesson, still there
        # Every page says it, and no request waits for the fix.
        start = time.monotonic()
        other = fetch(url + "en/learn/lessons/safe-pay/", timeout=5)
        assert time.monotonic() - start < 5
        assert 'id="hv-build-errors"' in other and "quiz.yml:7" in other

        quiz.write_text(good, "utf-8")
        _wait_for(page, "#hv-build-errors", present=False, seconds=15)
        assert page.locator("h1").first.inner_text() == "Làm quen điện thoại"
        page.close()
    log = (tiny.parent / "serve.log").read_text("utf-8")
    assert "not included in the \"nav\"" not in log
    assert "end of life" not in log
    assert "[quiz-single-answer]" in log  # the terminal says it too
