"""A deploy reaches a learner who came before it, in a real browser with the service worker running.

Deploy 1 is visited twice (the second visit is answered by the service worker, which keeps the lesson, its
CSS, script and image). Then the stylesheet, the script, the lesson's image and its text all change, and the
site is rebuilt into the folder being served (deploy 2). What the learner does: open the lesson again, once,
with a connection, as on any visit. That first visit already shows all four new (the page is fetched first,
and its asset URLs carry the new content hashes), and the new worker, whose cache is named by the new build,
replaces the old cache: afterwards, offline, the lesson still shows all four new.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from hocvuso.loader import load_curriculum
from hocvuso.themefiles import PACKAGE_THEME
from tests.browser import serve
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "learn/lessons/hello-phone/"
OLD_TEXT, NEW_TEXT = "Một chiếc điện thoại.", "Một chiếc điện thoại đã sạc đầy pin."


def deploy(project: Path, theme: Path, n: int, size: tuple[int, int], text: str) -> str:
    """Build the site with marker `n` in the CSS and JS, an image of `size` and `text`; returns the build id."""
    shutil.rmtree(theme, ignore_errors=True)
    # The site's own theme folder overrides just our stylesheet and script, file by file.
    (theme / "assets").mkdir(parents=True)
    for name in ("hocvuso.css", "hocvuso.js"):
        shutil.copy(PACKAGE_THEME / "assets" / name, theme / "assets" / name)
    with (theme / "assets/hocvuso.css").open("a", encoding="utf-8") as css:
        css.write(f"\n.md-typeset h1 {{ color: rgb({n}, 0, 0); }}\n")
    with (theme / "assets/hocvuso.js").open("a", encoding="utf-8") as js:
        js.write(f'\ndocument.documentElement.setAttribute("data-deploy", "{n}");\n')
    lesson = project / "curriculum/lessons/hello-phone"
    w, h = size
    (lesson / "phone.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"><rect width="{w}" height="{h}"/></svg>\n',
        "utf-8")
    source = (FIXTURE / "curriculum/lessons/hello-phone/vi.md").read_text("utf-8")
    (lesson / "vi.md").write_text(source.replace(OLD_TEXT, text), "utf-8")
    # The English text follows the new Vietnamese one (a strict build fails on an outdated translation).
    fingerprint = load_curriculum(project).curriculum.lesson("hello-phone")
    assert fingerprint is not None
    english = (FIXTURE / "curriculum/lessons/hello-phone/en.md").read_text("utf-8")
    (lesson / "en.md").write_text(re.sub(r"translated_from: \w+", f"translated_from: {fingerprint.fingerprint}",
                                         english), "utf-8")
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    found = re.search(r'"hv-build-([0-9a-f]+)"', (project / "site/sw.js").read_text("utf-8"))
    assert found
    return found.group(1)


def shown(page: Any) -> dict[str, Any]:
    """What the learner sees of the four things that change: CSS, JS, image, text."""
    image = page.locator(".hv-body img").first
    image.scroll_into_view_if_needed()  # the image loads lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    return {
        "css": page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).color"),
        "js": page.evaluate("document.documentElement.getAttribute('data-deploy')"),
        "image": image.evaluate("img => [img.naturalWidth, img.naturalHeight]"),
        "text": page.locator(".hv-body").inner_text(),
    }


def caches(page: Any) -> list[str]:
    return sorted(page.evaluate("caches.keys()"))


def test_a_returning_learner_gets_the_new_css_js_image_and_text(browser: Any, tmp_path: Path) -> None:
    project, theme = tmp_path / "project", tmp_path / "theme"
    shutil.copytree(FIXTURE, project)
    config = write_config(project)
    text = config.read_text("utf-8")
    config.write_text(text.replace("  name: material\n", f"  name: material\n  custom_dir: {theme}\n"), "utf-8")
    first = deploy(project, theme, 1, (10, 20), OLD_TEXT)
    with serve(project / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + LESSON)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # a second visit: answered by the service worker, which keeps what it fetched
        assert page.evaluate("!!navigator.serviceWorker.controller")
        before = shown(page)
        assert before["css"] == "rgb(1, 0, 0)" and before["js"] == "1" and before["image"] == [10, 20]
        assert OLD_TEXT in before["text"]
        assert caches(page) == [f"hv-build-{first}"]
        css = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                            ".find(n => n.includes('/assets/stylesheets/site.min.css'))")
        assert page.evaluate(f"caches.match({css!r}).then(r => !!r)")  # cache-first from now on

        second = deploy(project, theme, 2, (30, 40), NEW_TEXT)
        assert second != first

        page.goto(url + LESSON)  # the learner's next visit, with a connection: nothing else to do
        after = shown(page)
        assert after == {"css": "rgb(2, 0, 0)", "js": "2", "image": [30, 40], "text": after["text"]}
        assert NEW_TEXT in after["text"]

        # The new build's worker takes over and drops the old build's cache.
        page.wait_for_function(f"caches.keys().then(k => k.join() === 'hv-build-{second}')", polling=100)
        context.set_offline(True)
        page.reload()
        offline = shown(page)
        assert offline == after
        context.close()


def test_a_course_saved_before_a_deploy_stays_readable_offline_after_it(browser: Any, tmp_path: Path) -> None:
    project, theme = tmp_path / "project", tmp_path / "theme"
    shutil.copytree(FIXTURE, project)
    config = write_config(project)
    text = config.read_text("utf-8")
    config.write_text(text.replace("  name: material\n", f"  name: material\n  custom_dir: {theme}\n"), "utf-8")
    deploy(project, theme, 1, (10, 20), OLD_TEXT)
    with serve(project / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "learn/courses/basics/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.get_by_role("button", name="Lưu khóa học").click()
        page.locator("[data-hv-offline-status]", has_text="Đã lưu").wait_for()

        second = deploy(project, theme, 2, (30, 40), NEW_TEXT)
        page.goto(url + "learn/courses/basics/")  # one visit with a connection: the new worker takes over
        page.wait_for_function(f"caches.keys().then(k => k.join() === 'hv-build-{second}')", polling=100)

        context.set_offline(True)
        page.goto(url + "learn/lessons/safe-pay/")  # saved, never opened
        assert page.locator("h1").inner_text() == "Trả tiền an toàn"
        # The copy saved before the deploy, with its image. The worker keeps one version per file, the newest
        # it has fetched: the course page visited after the deploy brought the new styles and script.
        page.goto(url + LESSON)
        saved = shown(page)
        assert saved == {"css": "rgb(2, 0, 0)", "js": "2", "image": [10, 20], "text": saved["text"]}
        assert OLD_TEXT in saved["text"]
        context.close()
