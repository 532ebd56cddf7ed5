"""End-to-end: the fixture curriculum built into a real bilingual site by `mkdocs build --strict`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hocvuso.themefiles import PACKAGE_THEME
from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build, tree_hashes, write_config

pytestmark = pytest.mark.slow

PAGES = ["learn/lessons/hello-phone/", "learn/lessons/safe-pay/", "learn/courses/basics/",
         "learn/audiences/citizens/", "learn/audiences/older-people/", "learn/skills/", "learn/coverage/",
         "learn/glossary/", "", "contribute/"]


def page(site: Path, lang: str, url: str) -> str:
    prefix = "" if lang == "vi" else f"{lang}/"
    return (site / prefix / url / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import FIXTURE

    project = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURE, project)
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    return project


def test_every_page_exists_in_both_languages(built: Path) -> None:
    for lang in ("vi", "en"):
        for url in PAGES:
            html = page(built / "site", lang, url)
            assert f'<html lang="{lang}"' in html, (lang, url)
    assert not (built / "site.partial").exists()


def test_lesson_page_shows_title_objectives_chips_quiz_and_sources(built: Path) -> None:
    html = page(built / "site", "vi", "learn/lessons/hello-phone/")
    assert "<h1>Làm quen điện thoại</h1>" in html
    assert "Bật và tắt điện thoại." in html
    assert 'href="../../skills/#c-0-1"' in html  # competence chip → skills browser anchor
    assert "Bật điện thoại thế nào?" in html and "<details" in html  # quiz readable without JavaScript
    assert 'href="https://example.org/source"' in html
    assert "2026-11-01" in html
    # next lesson of the course, and the link into the other lesson keeps its Vietnamese anchor
    assert 'rel="next" href="../safe-pay/"' in html
    assert 'href="../safe-pay/#luu-y-an-toan"' in html


def test_language_switcher_goes_to_the_same_lesson(built: Path) -> None:
    vi = page(built / "site", "vi", "learn/lessons/safe-pay/")
    en = page(built / "site", "en", "learn/lessons/safe-pay/")
    assert 'href="../../../en/learn/lessons/safe-pay/" hreflang="en"' in vi
    assert 'href="../../../../learn/lessons/safe-pay/" hreflang="vi"' in en


def test_glossary_terms_in_lessons_link_to_the_glossary(built: Path) -> None:
    html = page(built / "site", "vi", "learn/lessons/safe-pay/")
    assert html.count('class="hv-term"') == 1  # first occurrence only
    assert '<a class="hv-term" href="../../glossary/#otp">' in html
    glossary = page(built / "site", "vi", "learn/glossary/")
    assert '<dt id="otp">Mã OTP' in glossary


def test_coverage_page_numbers_equal_the_script(built: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "coverage.py"), "--root", str(built), "--json"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(proc.stdout)["summary"]
    for lang in ("vi", "en"):
        html = page(built / "site", lang, "learn/coverage/")
        found = re.search(r'data-required="(\d+)" data-taught="(\d+)" data-assessed="(\d+)"', html)
        assert found is not None
        assert tuple(map(int, found.groups())) == (summary["required"], summary["taught"], summary["assessed"])
        cells = re.findall(r'data-lessons="(\d+)" data-questions="(\d+)"', html)
        assert len(cells) == summary["required"]


def test_no_english_interface_string_leaks_into_vietnamese_pages(built: Path) -> None:
    en = yaml.safe_load((PACKAGE_THEME / "strings/en.yml").read_text("utf-8"))
    vi = yaml.safe_load((PACKAGE_THEME / "strings/vi.yml").read_text("utf-8"))
    english = [v for k, v in en.items() if len(str(v)) > 4 and v != vi.get(k)] + ["Made with", "Skip to content"]
    for html_file in (built / "site").rglob("*.html"):
        if html_file.relative_to(built / "site").parts[0] == "en":
            continue
        html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html_file.read_text("utf-8"), flags=re.S)
        # What a reader sees or a screen reader says: the text, and the attributes that are read out.
        text = re.sub(r"<[^>]+>", " ", html) + " ".join(
            re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', html))
        for phrase in english:
            assert phrase not in text, f"{phrase!r} in {html_file}"


def leave_safe_pay_untranslated(project: Path) -> None:
    """A Vietnamese-only lesson, as an editor who writes only Vietnamese adds it (config.yml unchanged)."""
    (project / "curriculum/lessons/safe-pay/en.md").unlink()
    (project / "curriculum/lessons/safe-pay/quiz.en.yml").unlink()


def test_untranslated_lesson_shows_source_text_with_notice(tiny: Path) -> None:
    leave_safe_pay_untranslated(tiny)
    proc = mkdocs_build(tiny, "--strict")  # a missing translation is a warning: it never fails the build
    assert proc.returncode == 0, proc.stderr
    assert "[translation-missing]" in proc.stderr
    html = page(tiny / "site", "en", "learn/lessons/safe-pay/")
    assert '<html lang="vi"' in html and '<html lang="en"' not in html
    assert "This lesson has not been translated into English yet." in html
    assert 'href="../../../contribute/#translate"' in html
    assert "<h1>Trả tiền an toàn</h1>" in html
    assert "Paying safely" not in html  # no placeholder or stale English anywhere on the page


def test_build_never_changes_a_source_file(tiny: Path) -> None:
    write_config(tiny)
    before = tree_hashes(tiny)
    assert mkdocs_build(tiny, "--strict").returncode == 0
    after = tree_hashes(tiny, skip=("site/", "docs/learn/"))
    assert after == before


def test_rebuild_without_changes_rewrites_no_generated_file(tiny: Path) -> None:
    assert mkdocs_build(tiny, "--strict").returncode == 0
    learn = tiny / "docs/learn"
    stamps = {p: p.stat().st_mtime_ns for p in learn.rglob("*") if p.is_file()}
    assert mkdocs_build(tiny, "--strict").returncode == 0
    assert {p: p.stat().st_mtime_ns for p in learn.rglob("*") if p.is_file()} == stamps


def test_curriculum_error_stops_the_build_and_keeps_the_previous_site(tiny: Path) -> None:
    assert mkdocs_build(tiny, "--strict").returncode == 0
    previous = tree_hashes(tiny / "site")
    generated = tree_hashes(tiny / "docs/learn")
    quiz = tiny / "curriculum/lessons/hello-phone/quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("answer: hold", "answer: [hold, tap]"), "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode != 0
    validator = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(tiny)],
                               capture_output=True, text=True, check=False)
    first = validator.stdout.splitlines()[0]
    assert first.startswith("curriculum/lessons/hello-phone/quiz.yml:7:13: lỗi [quiz-single-answer]")
    assert first in proc.stderr  # the same message, word for word
    assert tree_hashes(tiny / "site") == previous
    assert tree_hashes(tiny / "docs/learn") == generated
    assert not (tiny / "site.partial").exists()


def _one_word_in_vi(project: Path) -> Path:
    vi = project / "curriculum/lessons/hello-phone/vi.md"
    vi.write_text(vi.read_text("utf-8").replace("Một chiếc điện thoại.", "Một chiếc điện thoại di động."), "utf-8")
    return vi


def test_one_word_change_in_vi_passes_validate_hook_and_strict_build_with_a_warning(tiny: Path) -> None:
    vi = _one_word_in_vi(tiny)
    validator = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(tiny)],
                               capture_output=True, text=True, check=False)
    assert validator.returncode == 0, validator.stdout
    assert "cảnh báo [translation-outdated]" in validator.stdout
    hook = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--changed", str(vi)], cwd=tiny,
                          capture_output=True, text=True, check=False)  # what .pre-commit-config.yaml runs
    assert hook.returncode == 0, hook.stdout
    assert "[translation-outdated]" in hook.stdout
    proc = mkdocs_build(tiny, "--strict")  # what `make build` and CI run
    assert proc.returncode == 0, proc.stderr
    assert "[translation-outdated]" in proc.stderr  # reported, not fatal
    for step in ("check_site.py", "build_offline.py"):  # the rest of `make build`, as CI runs it
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / step), str(tiny / "site")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, step + done.stdout + done.stderr
    # Readers of the stale translation are told, and linked to the source.
    html = page(tiny / "site", "en", "learn/lessons/hello-phone/")
    assert "may be out of date" in html
    assert 'href="../../../../learn/lessons/hello-phone/"' in html
    assert "may be out of date" not in page(tiny / "site", "en", "learn/lessons/safe-pay/")
    assert "bản dịch này có thể đã cũ" not in page(tiny / "site", "vi", "learn/lessons/hello-phone/")


def test_level_one_heading_in_a_lesson_is_a_warning_not_a_failed_build(tiny: Path) -> None:
    vi = tiny / "curriculum/lessons/hello-phone/vi.md"
    vi.write_text(vi.read_text("utf-8").replace("## Các bước", "# Các bước"), "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr
    assert "[md-heading-skip]" in proc.stderr


def test_broken_link_in_a_hand_written_page_still_fails_the_strict_build(tiny: Path) -> None:
    assert mkdocs_build(tiny, "--strict").returncode == 0
    previous = tree_hashes(tiny / "site")
    index = tiny / "docs/index.en.md"
    index.write_text(index.read_text("utf-8") + "\nSee [the missing page](nowhere.md).\n", "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode != 0
    assert "nowhere.md" in proc.stderr
    assert tree_hashes(tiny / "site") == previous
    assert not (tiny / "site.partial").exists()


def test_lesson_pages_link_to_their_source_for_editing(built: Path) -> None:
    html = page(built / "site", "en", "learn/lessons/safe-pay/")
    assert 'href="https://example.org/hocvuso/edit/main/curriculum/lessons/safe-pay/en.md"' in html
    # example.org has no known new-issue form (GitHub's and GitLab's: tests/test_plugin_options.py).
    assert "issues/new" not in html


def test_translation_status_page_agrees_with_the_validator(tiny: Path) -> None:
    leave_safe_pay_untranslated(tiny)
    vi = tiny / "curriculum/lessons/hello-phone/vi.md"
    vi.write_text(vi.read_text("utf-8").replace("Một chiếc điện thoại.", "Một chiếc điện thoại đã sạc pin."), "utf-8")
    assert mkdocs_build(tiny).returncode == 0
    validator = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(tiny),
                                "--lang", "en"], capture_output=True, text=True, check=False).stdout
    missing = validator.count("[translation-missing] lesson")
    outdated = validator.count("[translation-outdated]")
    assert (missing, outdated) == (1, 1)
    for lang in ("vi", "en"):
        html = page(tiny / "site", lang, "learn/translations/")
        found = re.search(r'data-lang="en"\s+data-lessons="(\d+)"\s+data-translated="(\d+)"\s+'
                          r'data-up-to-date="(\d+)"', html)
        assert found is not None
        lessons, translated, up_to_date = map(int, found.groups())
        assert (lessons - translated, translated - up_to_date) == (missing, outdated)
