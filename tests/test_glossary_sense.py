"""Glossary links follow the sense of a word, not its letters (the shipped glossaries, real lesson text)."""

from __future__ import annotations

from hocvuso.glossary import link_terms
from hocvuso.loader import load_curriculum
from tests.conftest import ROOT


def _entries(lang: str) -> list:  # type: ignore[type-arg]
    cur = load_curriculum(ROOT).curriculum
    return list(cur.glossary[lang].values())


def test_vietnamese_who_is_not_artificial_intelligence() -> None:
    out = link_terms("<p>Ai cũng có thể hỏi ai đó. Dùng AI để viết thư.</p>", _entries("vi"), "g/")
    assert out == ('<p>Ai cũng có thể hỏi ai đó. Dùng <a class="hv-term" href="g/#tri-tue-nhan-tao">AI</a>'
                   " để viết thư.</p>")


def test_battery_is_not_a_pin_code_and_a_shop_is_not_the_one_stop_desk() -> None:
    text = "<p>Sạc pin đầy. Mang máy đến một cửa hàng gần nhà.</p>"
    assert link_terms(text, _entries("vi"), "g/") == text


def test_far_from_home_is_not_the_home_screen() -> None:
    out = link_terms("<p>Far from home, open the home screen.</p>", _entries("en"), "g/")
    assert out == '<p>Far from home, open the <a class="hv-term" href="g/#man-hinh-chinh">home screen</a>.</p>'
