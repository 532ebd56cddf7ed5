"""The wrong-language guess, measured on the shipped lessons: it must find real text and never cry wolf."""

from __future__ import annotations

from hocvuso.language import guess_language
from hocvuso.loader import load_curriculum
from hocvuso.markdowndoc import parse_markdown
from tests.conftest import ROOT


def _lines(lang: str) -> list[str]:
    cur = load_curriculum(ROOT).curriculum
    found = []
    for lesson in cur.lessons:
        text = lesson.texts.get(lang)
        if text is not None:
            found += [prose for _, prose in parse_markdown(text.body, text.body_line).text_lines]
    return found


def test_no_line_of_the_shipped_lessons_is_taken_for_the_other_language() -> None:
    vi, en = _lines("vi"), _lines("en")
    assert len(vi) > 1000 and len(en) > 1000
    assert [line for line in vi if guess_language(line) == "en"] == []
    # English lessons quote Vietnamese menu names ("Tap **Đăng nhập**"): those must not count as Vietnamese.
    assert [line for line in en if guess_language(line) == "vi"] == []


def test_most_real_sentences_are_recognised() -> None:
    for lang in ("vi", "en"):
        long_lines = [line for line in _lines(lang) if len(line.split()) >= 10]
        recognised = sum(1 for line in long_lines if guess_language(line) == lang)
        assert recognised / len(long_lines) > 0.8, (lang, recognised, len(long_lines))


def test_short_and_mixed_text_is_not_judged() -> None:
    assert guess_language("Bấm vào OK") is None
    assert guess_language("Tap “Đăng nhập” and then enter your Căn cước number and your password.") is None
    assert guess_language("Mở ứng dụng VNeID và bấm vào nút Đăng nhập ở góc dưới màn hình.") == "vi"
    assert guess_language("Open the VNeID app and tap the login button at the bottom of the screen.") == "en"
