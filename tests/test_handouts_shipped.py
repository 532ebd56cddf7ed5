"""Every shipped handout, rendered once: the whole lesson reaches the learner sheet, sheets keep their declared
length, no layout fault, PDF/UA metadata, and a QR code that scans to the lesson. Slow (all of curriculum/)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from hocvuso.handout_paths import learner_pdf
from hocvuso.handouts import HandoutResult, Printer, write_handouts
from hocvuso.loader import load_curriculum
from hocvuso.model import Curriculum
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
BASE = "https://hocvuso.example.vn/"


def bare(text: str) -> str:
    """Text without any white space (lines wrap anywhere on paper) and without Markdown emphasis, in NFC."""
    # Hyphens too: a word like "blood-pressure" can lose its hyphen where the line breaks on paper.
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFC", text))


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&quot;", '"').replace("&#39;", "'")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path, HandoutResult]:
    cur = load_curriculum(ROOT).curriculum
    out = tmp_path_factory.mktemp("shipped")
    return cur, out, write_handouts(cur, out, BASE)


def page_texts(pdf: Path, footers: list[str]) -> str:
    """The PDF's text in reading order (poppler's pdftotext: pypdf keeps drawing order, which puts a paragraph
    cut by a page break out of place), without the running footer and page numbers, as one string."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # The running footer (licence, "checked on <date>" in the print strings' words): every line that holds one.
    text = "\n".join(line for line in text.splitlines() if not any(f in line for f in footers))
    text = re.sub(r"^\s*\d+\s*/\s*\d+\s*$", "", text, flags=re.MULTILINE)  # "1/3" alone on its line
    # Each extractor misreads a few lines the other gets right (drawing order, quotes): a text is on paper if
    # either finds it.
    drawn = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for footer in footers:
        drawn = drawn.replace(footer, "")
    return bare(text) + "\0" + bare(re.sub(r"\b\d+ / \d+\b", "", drawn))


def test_every_shipped_handout_renders_without_a_fault(shipped: tuple[Curriculum, Path, HandoutResult]) -> None:
    cur, out, result = shipped
    assert result.ok, "\n".join(d.as_text() for d in result.diagnostics)
    for path, entry in result.manifest.items():
        reader = PdfReader(out / path)
        assert entry.pages == len(reader.pages)
        # "2 / 3" counts the printed pages, not the note lines laid out past the last one (blank pages: none).
        marks = [re.findall(r"(\d+) / (\d+)$", page.extract_text()) for page in reader.pages]
        assert all(found[-1] == (str(n), str(entry.pages)) for n, found in enumerate(marks, start=1) if found), path
        assert marks[0], path
        xmp = reader.xmp_metadata
        assert xmp is not None and b"pdfuaid" in xmp.stream.get_data(), path
        assert reader.metadata is not None and reader.metadata.title, path
        if entry.kind == "learner":
            lesson = cur.lesson(entry.subject)
            assert lesson is not None
            assert entry.pages <= lesson.handout_pages, (path, entry.pages)


def test_every_step_and_the_example_reach_the_learner_sheet(shipped: tuple[Curriculum, Path, HandoutResult]) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (poppler-utils): run scripts/setup.sh")
    cur, out, _ = shipped
    printer = Printer(cur, BASE)
    missing = []
    for lang in cur.config.codes:
        t = printer.strings(lang)
        for lesson in cur.lessons:
            parts = printer.parts(lesson, lang)
            assert parts.steps is not None, (lesson.id, lang)
            footers = [t["handout_licence"], str(lesson.reviewed) if lesson.reviewed else ""]
            text = page_texts(out / learner_pdf(lang, lesson.id), [f for f in footers if f])
            items = re.findall(r"<li>(.*?)</li>", parts.steps.html, re.DOTALL)
            assert items, (lesson.id, lang)
            wanted = [*items, *(re.findall(r"<p>(.*?)</p>", parts.example.html, re.DOTALL) if parts.example else [])]
            missing += [(lesson.id, lang, plain(w)[:50]) for w in wanted if bare(plain(w)) not in text]
            if lesson.texts.get(parts.text_lang) and "## " in lesson.texts[parts.text_lang].body:
                heading = t["handout_example_heading"]
                if any(line.strip().lower() == f"## {heading}".lower()
                       for line in lesson.texts[parts.text_lang].body.splitlines()):
                    assert parts.example is not None, (lesson.id, lang)
    assert not missing, missing[:10]


def test_every_learner_sheet_qr_code_scans_to_its_lesson(shipped: tuple[Curriculum, Path, HandoutResult],
                                                         tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): run scripts/setup.sh")
    cur, out, _ = shipped
    for lang in cur.config.codes:
        for lesson in cur.lessons:
            pdf = out / learner_pdf(lang, lesson.id)
            stem = tmp_path / f"{lang}-{lesson.id}"
            subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
            png = next(tmp_path.glob(f"{lang}-{lesson.id}*.png"))
            found = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                                   check=False).stdout.split()
            prefix = "" if lang == cur.config.source_language else f"{lang}/"
            assert found == [f"{BASE}{prefix}learn/lessons/{lesson.id}/"], (lang, lesson.id, found)
            png.unlink()
