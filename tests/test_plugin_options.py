"""The plugin's options, as a site that installs the generator sets them in its own mkdocs.yml: PDFs rendered by
`mkdocs build`, search and offline switches, edit links from repo_url/edit_uri, one list of languages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import mkdocs_build, write_config

pytestmark = pytest.mark.slow

SITE = "https://hoc.example.vn/"


def configure(project: Path, old: str, new: str, **options: object) -> None:
    config = write_config(project, **options)  # type: ignore[arg-type]
    text = config.read_text("utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), "utf-8")


def qr_codes(pdf: Path, tmp: Path) -> list[str]:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): run scripts/setup.sh")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp / pdf.stem)],
                   check=True)
    png = next(tmp.glob(f"{pdf.stem}*.png"))
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                          check=False).stdout.split()


def test_mkdocs_build_renders_the_pdfs_with_qr_codes_and_only_what_changed(tiny: Path, tmp_path: Path) -> None:
    write_config(tiny, handouts=True, site_url=SITE)
    first = mkdocs_build(tiny, "--strict")
    assert first.returncode == 0, first.stderr[-3000:]
    pdf = tiny / "site/handouts/vi/lessons/hello-phone-learner.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert qr_codes(pdf, tmp_path) == [f"{SITE}learn/lessons/hello-phone/"]
    lesson = (tiny / "site/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert "handouts/vi/lessons/hello-phone-learner.pdf" in lesson and "KB)" in lesson
    assert (tiny / "site/handouts/en/courses/basics-class-pack.pdf").is_file()
    assert "PDF handouts:" in first.stderr
    # With the published address, search engines get absolute alternates and sitemap entries.
    assert f'<link rel="alternate" href="{SITE}en/learn/lessons/hello-phone/" hreflang="en">' in lesson
    assert f'<link rel="canonical" href="{SITE}learn/lessons/hello-phone/">' in lesson
    assert f"<loc>{SITE}learn/lessons/hello-phone/</loc>" in (tiny / "site/sitemap.xml").read_text("utf-8")
    # A second build with nothing changed lays nothing out again.
    again = mkdocs_build(tiny, "--strict")
    assert again.returncode == 0 and "PDF handouts:" not in again.stderr
    assert (tiny / "site/handouts/vi/lessons/hello-phone-learner.pdf").read_bytes() == pdf.read_bytes()
    # The build recorded what it read, as `hocvuso handouts` does: the command after it checks nothing.
    cli = subprocess.run([sys.executable, "-m", "hocvuso", "handouts", "--root", str(tiny)], capture_output=True,
                         text=True, check=False)
    assert cli.returncode == 0, cli.stderr
    assert "0 written" in cli.stderr and "as the last run left them" in cli.stderr


def test_without_site_url_the_pdfs_come_without_qr_code_and_the_build_says_so_once(tiny: Path,
                                                                                    tmp_path: Path) -> None:
    write_config(tiny, handouts=True)
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    pdf = tiny / "site/handouts/en/lessons/safe-pay-learner.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert qr_codes(pdf, tmp_path) == []
    assert proc.stderr.count("no site_url") == 1
    assert not (tiny / "site/sitemap.xml").exists()  # no sitemap of "None…" addresses


def test_search_and_offline_can_be_turned_off(tiny: Path) -> None:
    configure(tiny, "      handouts: false\n", "      handouts: false\n      search: false\n      offline: false\n")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = tiny / "site"
    assert not (site / "search").exists() and not (site / "sw.js").exists()
    assert not (site / "offline.html").exists() and not (site / "assets/hvsearch.js").exists()
    lesson = (site / "learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert "hv-search-button" not in lesson
    assert '<meta name="hv-offline" content="off">' in lesson  # hocvuso.js then never asks for sw.js


def test_by_default_search_and_offline_are_on(tiny: Path) -> None:
    write_config(tiny)
    assert mkdocs_build(tiny, "--strict").returncode == 0
    site = tiny / "site"
    assert (site / "search/index.html").is_file() and (site / "sw.js").is_file()
    lesson = (site / "learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert "hv-search-button" in lesson and 'name="hv-offline"' not in lesson


@pytest.mark.parametrize(("config", "edit", "suggest"), [
    # MkDocs' own edit_uri points into docs/; lessons live beside it, so the docs folder is dropped.
    ("repo_url: https://github.com/tinh/hoc\nedit_uri: edit/main/docs/\n",
     "https://github.com/tinh/hoc/edit/main/curriculum/lessons/hello-phone/vi.md",
     "https://github.com/tinh/hoc/issues/new?title="),
    ("repo_url: https://gitlab.com/xa/hoc\nedit_uri: -/edit/trunk/docs/\n",
     "https://gitlab.com/xa/hoc/-/edit/trunk/curriculum/lessons/hello-phone/vi.md",
     "https://gitlab.com/xa/hoc/-/issues/new?issue%5Btitle%5D="),
    # A host with no known issue form: the edit link only.
    ("repo_url: https://git.example.vn/hoc\nedit_uri: src/branch/main/docs/\n",
     "https://git.example.vn/hoc/src/branch/main/curriculum/lessons/hello-phone/vi.md", None),
])
def test_edit_links_follow_repo_url_and_edit_uri(tiny: Path, config: str, edit: str, suggest: str | None) -> None:
    configure(tiny, "repo_url: !ENV [REPO_URL, null]\n", config)
    text = (tiny / "mkdocs.yml").read_text("utf-8")
    (tiny / "mkdocs.yml").write_text(re.sub(r"\n      edit_uri: .*", "", text), "utf-8")  # MkDocs' own edit_uri
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-2000:]
    lesson = (tiny / "site/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert f'<a href="{edit}" rel="noopener">' in lesson
    if suggest:
        assert f'href="{suggest}' in lesson
    else:
        assert "issues/new" not in lesson


def test_no_repo_url_means_no_edit_links(tiny: Path) -> None:
    curriculum = tiny / "curriculum/config.yml"
    text = curriculum.read_text("utf-8")
    assert "\nrepository: https://example.org/hocvuso\n" in text  # the older way still works (above)
    curriculum.write_text(text.replace("\nrepository: https://example.org/hocvuso\n", "\n"), "utf-8")
    write_config(tiny)
    assert mkdocs_build(tiny, "--strict").returncode == 0
    assert "hv-edit" not in (tiny / "site/learn/lessons/hello-phone/index.html").read_text("utf-8")


I18N_EN = """        - locale: en
          name: English
          build: true
"""


def test_a_language_missing_from_the_i18n_block_is_taken_from_the_curriculum(tiny: Path) -> None:
    config = write_config(tiny)
    text = config.read_text("utf-8")
    start = text.index("        - locale: en\n")
    end = text.index("\n", text.index("            Đóng góp:", start)) + 1
    config.write_text(text[:start] + text[end:], "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "languages en added to the i18n plugin" in proc.stderr
    assert (tiny / "site/en/learn/lessons/hello-phone/index.html").is_file()


@pytest.mark.parametrize(("old", "new", "says"), [
    ("        - locale: en\n", "        - locale: fr\n          name: Français\n          build: true\n"
     "        - locale: en\n", "builds fr, which curriculum/config.yml does not list"),
    ("      docs_structure: suffix\n", "      docs_structure: folder\n", "docs_structure: suffix"),
])
def test_an_i18n_block_that_contradicts_the_curriculum_stops_the_build(tiny: Path, old: str, new: str,
                                                                       says: str) -> None:
    configure(tiny, old, new)
    (tiny / "site").mkdir()
    (tiny / "site/index.html").write_text("previous site", "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode != 0
    assert says in proc.stderr and "Traceback" not in proc.stderr
    assert (tiny / "site/index.html").read_text("utf-8") == "previous site"


def test_two_languages_without_the_i18n_plugin_is_a_clear_error(tiny: Path) -> None:
    config = write_config(tiny)
    text = config.read_text("utf-8")
    config.write_text(text[: text.index("  - i18n:")] + text[text.index("\n# The navigation"):], "utf-8")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "no i18n plugin: install mkdocs-static-i18n" in proc.stderr


def test_a_third_language_is_a_line_in_config_yml_and_files(tiny: Path) -> None:
    """French added with no change to mkdocs.yml: the lessons not yet translated show the Vietnamese text with
    a notice in French, from the site's own strings file (every other string falls back to Vietnamese)."""
    config = tiny / "curriculum/config.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - {code: en, name: English, required: true}\n",
        "  - {code: en, name: English, required: true}\n  - {code: fr, name: Français}\n"), "utf-8")
    strings = tiny / "overrides/strings"
    strings.mkdir(parents=True)
    notice = "Cette leçon n'est pas encore traduite en français. Voici le texte vietnamien original."
    (strings / "fr.yml").write_text(f'fallback_notice: "{notice}"\n', "utf-8")
    configure(tiny, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    proc = mkdocs_build(tiny, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    lesson = (tiny / "site/fr/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert notice.replace("'", "&#39;") in lesson or notice in lesson
    assert '<html lang="vi"' in lesson  # the text shown is Vietnamese: screen readers must say it so
    assert "Làm quen điện thoại" in lesson
    # English pages are untouched by the new language.
    english = (tiny / "site/en/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert notice not in english and '<html lang="en"' in english


def test_the_plugins_edit_uri_wins_over_mkdocs_own(tiny: Path) -> None:
    configure(tiny, "repo_url: !ENV [REPO_URL, null]\n", "repo_url: https://github.com/tinh/hoc\n")
    assert mkdocs_build(tiny, "--strict").returncode == 0
    lesson = (tiny / "site/learn/lessons/hello-phone/index.html").read_text("utf-8")
    assert 'href="https://github.com/tinh/hoc/edit/main/curriculum/lessons/hello-phone/vi.md"' in lesson
