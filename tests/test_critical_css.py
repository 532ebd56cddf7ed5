"""Stylesheets for a 2G link (hocvuso/critical_css.py): only the rules the site uses, each page's first-paint
rules inline and allowed by hash, the rest loaded at the end of the body, with byte budgets on the real site.

Times are measured by scripts/bench_bandwidth.py, never here; the budgets are bytes and requests."""

from __future__ import annotations

import gzip
import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hocvuso.critical_css import Usage, load_page_usage, load_script_usage, matches, purge_css, style_hash
from hocvuso.gate import check_page, check_site
from hocvuso.sanitize import CONTENT_SECURITY_POLICY, content_security_policy
from tests.conftest import FIXTURE, ROOT
from tests.sitebuild import mkdocs_build, project_config, write_config

PAGE = ('<html><body class="md-typeset" data-md-color-primary="indigo"><main><h1 id="t">Hi</h1>'
        '<a class="md-nav__link" href="x">x</a><button data-hv-size="1">A+</button></main></body></html>')

SHEET = (":root{--used:#111;--unused:url(\"data:image/svg+xml;x\")}"
         ".md-typeset h1{color:var(--used)}"
         ".md-typeset .admonition{border:1px solid}"
         "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
         "[data-md-color-primary=red]{--md-primary-fg-color:red}"
         ".md-nav__link{color:var(--md-primary-fg-color)}"
         ".md-nav__link:hover{color:red}"
         ".md-nav__link:not(.md-nav__link--active){color:blue}"
         "@media print{.md-typeset h1{color:black}}"
         "@media screen and (min-width:60em){.md-sidebar{width:12rem}.md-typeset h1{margin:0}}"
         "@keyframes spin{from{transform:none}to{transform:rotate(1turn)}}"
         ".hv-quiz--done{color:green}")


def test_only_selectors_the_pages_can_match_are_kept_in_their_order() -> None:
    css = purge_css(SHEET, load_page_usage(PAGE))
    assert ".md-typeset h1{color:var(--used)}" in css
    assert "admonition" not in css and ".md-sidebar" not in css
    assert "[data-md-color-primary=indigo]" in css and "[data-md-color-primary=red]" not in css
    # Interaction states stay in the full sheet: the learner hovers after the sheet has loaded.
    assert ".md-nav__link:hover{color:red}" in css and ".md-nav__link:not(.md-nav__link--active)" in css
    assert css.index(".md-typeset h1{") < css.index(".md-nav__link:hover") < css.index("@media print")
    assert "--used:#111" in css and "--unused" not in css  # variables nobody reads go


def test_first_paint_css_leaves_out_print_states_and_animations() -> None:
    css = purge_css(SHEET, load_page_usage(PAGE), critical=True)
    assert ".md-typeset h1{color:var(--used)}" in css and "@media screen and (min-width:60em){.md-typeset h1" in css
    assert ":hover" not in css and "@media print" not in css and "@keyframes" not in css


def test_classes_and_attributes_a_script_switches_on_are_kept() -> None:
    script = 'el.classList.add("hv-quiz--done"); q.querySelector("[data-hv-speak]"); b.dataset.hvOpen = "1";'
    usage = load_page_usage(PAGE)
    assert not matches(".hv-quiz--done", usage)
    usage.update(load_script_usage(script))
    assert matches(".hv-quiz--done", usage) and matches("[data-hv-speak] a", usage)
    assert matches('[data-hv-open="1"]', usage) and matches("[hidden]", usage)
    assert ".hv-quiz--done{color:green}" in purge_css(SHEET, usage)


def test_unknown_selectors_are_kept_rather_than_guessed() -> None:
    usage = Usage(classes={"a"}, tags={"html", "body", "p"})
    assert matches(":is(.b, .c) p", usage)  # functional pseudo-classes are ignored: kept
    assert matches("*", usage) and matches(":root", usage) and matches("p::before", usage)
    assert not matches("p .b", usage) and not matches("table", usage) and not matches("#x", usage)


def page_with_style(css: str, *, listed: str | None = None, before_csp: bool = False) -> str:
    policy = content_security_policy(style_hashes=[style_hash(css if listed is None else listed)])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    style = f"<style>{css}</style>"
    head = style + meta if before_csp else meta + style
    return f"<!doctype html><html><head>{head}</head><body><p>x</p></body></html>"


def test_the_gate_accepts_only_the_style_whose_hash_the_policy_lists(tmp_path: Path) -> None:
    assert check_page(page_with_style("p{color:#111}"), "a/index.html", tmp_path) == []
    assert check_page(page_with_style("p{color:#111}", listed="p{color:#222}"), "a/index.html", tmp_path)
    assert check_page(page_with_style("p{color:#111}", before_csp=True), "a/index.html", tmp_path)
    # An injected <style> (even beside the build's own) still fails, whatever it holds.
    injected = page_with_style("p{color:#111}").replace("<p>x</p>", "<style>body{display:none}</style><p>x</p>")
    assert any("<style>" in p for p in check_page(injected, "a/index.html", tmp_path))
    assert "'sha256-" not in CONTENT_SECURITY_POLICY  # without the build's hash, no inline style at all


# --- the real site ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped curriculum built with the project's mkdocs.yml, as `make build` does."""
    project = tmp_path_factory.mktemp("real") / "project"
    for name in ("curriculum", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("learn"))
    # PDFs off: tests/test_handouts_shipped.py lays out every shipped handout already (minutes of work).
    (project / "mkdocs.yml").write_text(project_config(handouts=False), "utf-8")
    proc = mkdocs_build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    yield project / "site"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_visit(site: Path, rel: str) -> tuple[int, int, int]:
    """(gzipped bytes of the page with every file it loads on open, requests, gzipped bytes through its
    header: what must arrive before the first paint)."""
    page = site / rel / "index.html"
    text = page.read_text("utf-8")
    total, requests = _gz(text.encode()), 1
    for url in re.findall(r'<(?:link rel="stylesheet"|script)[^>]*(?:href|src)="([^"]+)"', text):
        path = Path(posixpath.normpath(posixpath.join(str(page.parent), url.split("?")[0])))
        total += _gz(path.read_bytes())
        requests += 1
    return total, requests, _gz(text[: text.index("</header>")].encode())


@pytest.mark.slow
@pytest.mark.parametrize("rel", ["learn/lessons/bi-mat-nha-nuoc-va-chatbot", "", "learn/courses/can-bo-mot-cua-bao-mat",
                                 "en/learn/lessons/nhan-dien-lua-dao", "learn/skills"])
def test_a_first_visit_fits_2g_budgets(real_site: Path, rel: str) -> None:
    total, requests, before_paint = first_visit(real_site, rel)
    assert total <= 30_000, total  # the first-visit budget
    assert requests <= 6, requests
    # Nothing render-blocking: the page paints from its own bytes. On 2G (6.25 KB/s, 800 ms) the header's
    # bytes must arrive within 3.5 s: 2.7 s of transfer.
    text = (real_site / rel / "index.html").read_text("utf-8")
    head = text[: text.index("</head>")]
    assert 'rel="stylesheet"' not in head and not re.search(r"<script(?![^>]*\bdefer)[^>]*src=", head)
    assert before_paint <= 2.7 * 6250, before_paint


@pytest.mark.slow
def test_every_page_of_the_real_site_passes_the_gate_with_its_inline_css(real_site: Path) -> None:
    assert check_site(real_site, pdf=lambda data: []) == []
    pages = sorted(real_site.rglob("*.html"))
    with_style = [p for p in pages if "<style>" in p.read_text("utf-8")]
    assert len(with_style) >= len(pages) - 2  # every page (a redirect stub may have no stylesheet)


@pytest.mark.slow
def test_purged_sheets_are_smaller_versioned_and_the_originals_gone(real_site: Path) -> None:
    sheets = real_site / "assets" / "stylesheets"
    assert (sheets / "main.min.css").is_file() and not list(sheets.glob("main.*.min.css"))
    assert _gz((sheets / "main.min.css").read_bytes()) < 12_000  # Material's whole main.css: 22.8 KB
    lesson = (real_site / "learn/lessons/zalo-an-toan/index.html").read_text("utf-8")
    body = lesson[lesson.index("</main>"):]
    # All of them, purged, in one late file: separate files could arrive out of order and shift the page.
    links = re.findall(r'<link rel="stylesheet" href="([^"]*)"', body)
    assert len(links) == 1 and re.search(r"site\.min\.css\?v=[0-9a-f]{10}$", links[0]), links
    combined = (sheets / "site.min.css").read_text("utf-8")
    assert (sheets / "main.min.css").read_text("utf-8") in combined
    assert (real_site / "assets/hocvuso.css").read_text("utf-8") in combined


@pytest.mark.slow
def test_search_costs_a_lesson_nothing_and_has_its_own_page(real_site: Path) -> None:
    lesson = (real_site / "learn/lessons/zalo-an-toan/index.html").read_text("utf-8")
    assert "hvsearch.js" not in lesson and "data-hv-search" not in lesson
    assert re.search(r'<a href="../../../search/" class="md-header__button', lesson)
    for prefix in ("", "en/"):
        page = (real_site / prefix / "search/index.html").read_text("utf-8")
        assert "data-hv-manifest" in page and re.search(rf'action="[./]*{prefix}search/all\.html"', page)
        listing = (real_site / prefix / "search/all.html").read_text("utf-8")
        assert listing.count("<li>") > 80


@pytest.mark.browser
@pytest.mark.slow
def test_a_sites_own_stylesheet_still_applies(tmp_path: Path, browser: Any) -> None:
    """Keep the theme overridable: a custom_dir stylesheet listed in extra_css wins over Material's rules."""
    from tests.browser import serve

    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "overrides" / "assets").mkdir(parents=True)
    (project / "overrides" / "assets" / "site.css").write_text(".md-typeset h1{color:rgb(1, 2, 3)}", "utf-8")
    config = write_config(project).read_text("utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (project / "mkdocs.yml").write_text(config + "\nextra_css:\n  - assets/site.css\n", "utf-8")
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr[-3000:]
    with serve(project / "site") as url:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(url + "learn/lessons/safe-pay/")
        page.wait_for_load_state("load")
        assert page.eval_on_selector("h1", "e => getComputedStyle(e).color") == "rgb(1, 2, 3)"
        # The first screen of a lesson shows the lesson: its title within the first screen, no search block.
        box = page.locator("h1").bounding_box()
        assert box is not None and box["y"] + box["height"] < 740 / 2
        assert page.locator("[data-hv-search]").count() == 0
        page.close()
