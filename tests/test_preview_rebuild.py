"""The live preview's fast path: after a save it re-reads only what changed, yet knows what a full run knows."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from hocvuso.incremental import changed_files, file_digests
from hocvuso.sanitize import CONTENT_SECURITY_POLICY
from hocvuso.validate import Validation, revalidate, validate
from tests.conftest import FIXTURE, ROOT
from tests.golden_cases import apply_edits

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.yml"))


def _same(updated: Validation, full: Validation) -> None:
    """What the preview builds from (model, problems, files read) is what a full validation gives."""
    assert updated.diagnostics == full.diagnostics
    assert updated.loaded.curriculum == full.loaded.curriculum
    assert updated.loaded.curriculum.files == full.loaded.curriculum.files
    assert updated.loaded.broken == full.loaded.broken
    assert updated.loaded.texts == full.loaded.texts
    assert not updated.loaded.metadata_only and updated.checked is None


def _update(project: Path, before: Validation, digests: dict[str, str]) -> tuple[Validation, dict[str, str]]:
    now = file_digests(project / "curriculum")
    changed = [str(project / "curriculum" / rel) for rel in changed_files(digests, now)]
    return revalidate(project, before, changed), now


@pytest.mark.parametrize("case", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_preview_update_equals_a_full_validation(case: Path, tiny: Path) -> None:
    """Every golden case as an editor's save, then undone: after each, the same result as validating anew."""
    spec = yaml.safe_load(case.read_text("utf-8"))
    start = validate(tiny)
    digests = file_digests(tiny / "curriculum")
    apply_edits(tiny, spec["edits"])
    broken, digests = _update(tiny, start, digests)
    _same(broken, validate(tiny))
    shutil.rmtree(tiny / "curriculum")
    shutil.copytree(FIXTURE / "curriculum", tiny / "curriculum")
    fixed, _ = _update(tiny, broken, digests)
    _same(fixed, validate(tiny))


def test_a_lesson_edit_rereads_that_lesson_only(tiny: Path) -> None:
    """The other lessons are the very objects of the previous model: nothing of them was read again."""
    start = validate(tiny)
    digests = file_digests(tiny / "curriculum")
    vi = tiny / "curriculum/lessons/safe-pay/vi.md"
    vi.write_text(vi.read_text("utf-8") + "\nThêm một câu.\n", "utf-8")
    updated, _ = _update(tiny, start, digests)
    _same(updated, validate(tiny))
    before = {lesson.id: lesson for lesson in start.loaded.curriculum.lessons}
    for lesson in updated.loaded.curriculum.lessons:
        assert (lesson is before[lesson.id]) == (lesson.id != "safe-pay"), lesson.id
    assert "Thêm một câu." in updated.loaded.curriculum.lesson("safe-pay").texts["vi"].body  # type: ignore[union-attr]


def test_nothing_changed_keeps_the_previous_result(tiny: Path) -> None:
    start = validate(tiny)
    assert revalidate(tiny, start, []) is start


# --- the preview's rebuilds (`mkdocs serve --dirty`), in process ----------------------------------------

Served = tuple[Callable[[], None], Path, Path]
"""Rebuild after a save, the served site, the project."""
LESSON = "learn/lessons/hello-phone/index.html"
LESSON_EN = "en/learn/lessons/hello-phone/index.html"
OTHER = "learn/lessons/safe-pay/index.html"
COURSE = "learn/courses/basics/index.html"


def _pages(site: Path) -> dict[str, int]:
    """Every page of the served site, with the time it was last written."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def served(tiny: Path) -> Iterator[Served]:
    from tests.preview import serve_builds
    from tests.sitebuild import write_config

    write_config(tiny)
    with serve_builds(tiny) as (rebuild, site):
        yield rebuild, site, tiny


def test_a_body_edit_shows_on_the_lesson_pages_and_nowhere_else(served: Served) -> None:
    rebuild, site, project = served
    assert "hv-outdated" not in (site / LESSON_EN).read_text("utf-8")
    before = _pages(site)
    _edit(project, "curriculum/lessons/hello-phone/vi.md", "Một chiếc điện thoại.", "Một chiếc điện thoại đã sạc.")
    rebuild()
    assert "Một chiếc điện thoại đã sạc." in (site / LESSON).read_text("utf-8")
    # The English text now follows an older Vietnamese one: its readers are told.
    assert "hv-outdated" in (site / LESSON_EN).read_text("utf-8")
    after = _pages(site)
    rewritten = {page for page in after if after[page] != before.get(page)}
    # The lesson's pages and the translation status pages; not the other lesson, the course or the home page
    # (MkDocs renders 404.html and offline.html on every build; the search pages go with the index).
    assert {LESSON, LESSON_EN} <= rewritten
    assert rewritten - {"404.html", "offline.html"} <= {
        LESSON, LESSON_EN, "learn/translations/index.html", "en/learn/translations/index.html",
        *(page for page in after if page.startswith("search/"))}, rewritten
    assert not any(page.startswith("en/search/") for page in rewritten)
    # The Vietnamese search finds the new word; the English index was not made again.
    assert any("sac" in p.read_text("utf-8") for p in (site / "search").glob("*.js"))


def test_a_title_edit_reaches_the_pages_that_list_the_lesson(served: Served) -> None:
    rebuild, site, project = served
    _edit(project, "curriculum/lessons/hello-phone/vi.md", "title: Làm quen điện thoại", "title: Chào điện thoại")
    rebuild()
    assert "Chào điện thoại" in (site / LESSON).read_text("utf-8")
    assert "Chào điện thoại" in (site / COURSE).read_text("utf-8")  # the course lists it
    assert "Chào điện thoại" in (site / OTHER).read_text("utf-8")  # the next lesson of the course links back
    assert "Làm quen điện thoại" not in (site / COURSE).read_text("utf-8")


def test_an_error_shows_on_every_page_and_clears_when_fixed(served: Served) -> None:
    rebuild, site, project = served
    quiz = project / "curriculum/lessons/hello-phone/quiz.yml"
    good = quiz.read_text("utf-8")
    quiz.write_text(good.replace("answer: hold", "answer: [hold, tap]"), "utf-8")
    rebuild()
    pages = sorted(_pages(site))
    documentation = [p for p in pages if not p.startswith(("search/", "en/search/")) and p not in
                     ("404.html", "offline.html")]
    assert LESSON in documentation and COURSE in documentation
    for page in documentation:
        text = (site / page).read_text("utf-8")
        assert text.count('id="hv-build-errors"') == 1, page
        assert "curriculum/lessons/hello-phone/quiz.yml:7" in text, page
    assert "Làm quen điện thoại" in (site / LESSON).read_text("utf-8")  # the last good lesson, still there
    quiz.write_text(good, "utf-8")
    rebuild()
    for page in documentation:
        assert 'id="hv-build-errors"' not in (site / page).read_text("utf-8"), page
    assert "Làm quen điện thoại" in (site / LESSON).read_text("utf-8")


def test_the_preview_links_whole_stylesheets_and_keeps_its_policy(served: Served) -> None:
    """No CSS purge or fingerprints while serving: the pages link the theme's stylesheets, no inline style."""
    _rebuild, site, _project = served
    text = (site / LESSON).read_text("utf-8")
    assert "<style" not in text and " style=" not in text
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    assert policy is not None and html.unescape(policy.group(1)) == CONTENT_SECURITY_POLICY
    head = text[: text.index("</head>")]
    assert 'rel="stylesheet"' in head and "?v=" not in text
