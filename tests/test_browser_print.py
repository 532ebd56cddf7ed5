"""Printing a lesson page from the browser (Debian's chromium): a long lesson fits on at most three A4 pages,
no question is cut across pages, nothing prints as an emoji (the fonts printers have lack them), and the
"print for class" block is near the top of the page on screen."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from hocvuso.loader import fingerprint
from tests.browser import launch, serve
from tests.conftest import FIXTURE, ROOT
from tests.sitebuild import mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LONG = ROOT / "curriculum/lessons/thanh-toan-vietqr"
"""The longest lesson: its learner sheet needs three pages."""
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u23e9-\u23fa\u2600-\u26ff]")


def body_of(path: Path) -> str:
    text = path.read_text("utf-8")
    body = text.split("\n---\n", 1)[1]
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", body)  # its links lead to lessons the fixture lacks


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny fixture whose hello-phone lesson carries the text of the longest real lesson."""
    project = tmp_path_factory.mktemp("print") / "project"
    shutil.copytree(FIXTURE, project)
    folder = project / "curriculum/lessons/hello-phone"
    vi = body_of(LONG / "vi.md") + "\n![Điện thoại có nút nguồn ở cạnh phải](phone.svg)\n"
    (folder / "vi.md").write_text("---\ntitle: Làm quen điện thoại\nobjectives:\n  - Bật và tắt điện thoại.\n---\n"
                                  + vi, "utf-8")
    stamp = fingerprint((folder / "vi.md").read_text("utf-8"), (folder / "quiz.vi.yml").read_text("utf-8"))
    en = body_of(LONG / "en.md") + "\n![A phone with the power button on its right side](phone.svg)\n"
    (folder / "en.md").write_text("---\ntitle: Getting to know your phone\nobjectives:\n  - Switch the phone on "
                                  f"and off.\ntranslated_from: {stamp}\n---\n" + en, "utf-8")
    render = __import__("scripts.build_handouts", fromlist=["main"]).main(
        ["--root", str(project), "--out", str(project / ".cache/handouts"), "--base-url", "https://hoc.example.vn/"])
    assert render in (0, 1)  # a too-long sheet is the handouts' business, not this test's
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as b:
        yield b


@pytest.mark.parametrize("path", ["learn/lessons/hello-phone/", "en/learn/lessons/hello-phone/"])
def test_a_long_lesson_prints_on_at_most_three_pages_without_split_questions(browser: Any, site: str,
                                                                              path: str) -> None:
    page = browser.new_page()
    page.goto(site + path)
    page.emulate_media(media="print")
    prompts = [" ".join(p.split()) for p in page.locator(".hv-question legend, .hv-question__prompt, .hv-question p")
               .all_inner_texts() if p.strip()][:10]
    pdf = PdfReader(BytesIO(page.pdf(format="A4", print_background=False)))
    texts = [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in pdf.pages]
    assert 1 <= len(pdf.pages) <= 3, len(pdf.pages)
    whole = " ".join(texts)
    assert not EMOJI.search(whole), EMOJI.findall(whole)
    assert prompts
    for prompt in prompts:
        # A question on one page: its prompt is found whole on a single page.
        assert any(prompt in text for text in texts), prompt
    page.close()


def test_print_for_class_block_is_near_the_top(browser: Any, site: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site + "learn/lessons/hello-phone/")
    block = page.locator(".hv-print-block")
    assert block.count() == 1
    box = block.bounding_box()
    body = page.locator(".hv-body").bounding_box()
    assert box is not None and body is not None and box["y"] < body["y"]
    assert block.locator("a[download]").count() == 2
    page.goto(site + "learn/courses/basics/")
    assert page.locator(".hv-print-block a[download]").count() == 1
    page.close()
