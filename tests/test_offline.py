"""Offline use: visited pages readable without a connection, a course saved in one go, a zip for file://."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hocvuso.offline import file_links, write_offline_zip
from tests.browser import serve
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build


def test_directory_links_point_at_index_files_for_file_urls() -> None:
    text = ('<a href="../safe-pay/">x</a> <a href="../../skills/#c-0-1">y</a> <a href="https://x.vn/a/">z</a> '
            '<a href="#top">t</a> <a href="./">here</a>')
    assert file_links(text) == ('<a href="../safe-pay/index.html">x</a> <a href="../../skills/index.html#c-0-1">y</a> '
                                '<a href="https://x.vn/a/">z</a> <a href="#top">t</a> <a href="./index.html">here</a>')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("offline") / "project"
    shutil.copytree(FIXTURE, project)
    assert mkdocs_build(project, "--strict").returncode == 0
    return project / "site"


def test_course_page_shows_the_size_to_download(site: Path) -> None:
    html = (site / "learn/courses/basics/index.html").read_text("utf-8")
    assert "__HV_OFFLINE_KB__" not in html
    assert "(khoảng " in html and " KB)" in html


@pytest.mark.browser
@pytest.mark.slow
def test_a_visited_lesson_stays_readable_offline(browser: Any, site: Path) -> None:
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "learn/lessons/hello-phone/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now controlled by the service worker, which keeps a copy
        context.set_offline(True)
        page.reload()
        assert page.locator("h1").inner_text() == "Làm quen điện thoại"
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_saving_a_course_makes_its_unvisited_lessons_available_offline(browser: Any, site: Path) -> None:
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "learn/courses/basics/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        page.get_by_role("button", name="Lưu khóa học").click()
        page.locator("[data-hv-offline-status]", has_text="Đã lưu").wait_for()
        context.set_offline(True)
        page.goto(url + "learn/lessons/safe-pay/")
        assert page.locator("h1").inner_text() == "Trả tiền an toàn"
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_zip_works_from_file_urls_with_quizzes(browser: Any, site: Path, tmp_path: Path) -> None:
    archive = tmp_path / "offline.zip"
    write_offline_zip(site, archive)
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unzipped")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "unzipped/hocvuso/index.html").as_uri())
    page.get_by_role("link", name="Người dân").click()
    page.get_by_role("link", name="Nhập môn").click()
    page.get_by_role("link", name="Làm quen điện thoại").first.click()
    assert page.url.endswith("/learn/lessons/hello-phone/index.html")
    question = page.locator("#q-hello-phone-power")
    question.get_by_label("Nhấn giữ nút nguồn").check()
    question.get_by_role("button", name="Kiểm tra").click()
    assert question.locator(".hv-result").inner_text().startswith("✔ Đúng rồi!")
    assert errors == []


def test_root_absolute_links_become_relative_to_the_page() -> None:
    page = '<a href="/" hreflang="vi">vi</a> <a href="/en/" hreflang="en">en</a> <a href="../../..">home</a>'
    assert file_links(page, "learn/lessons/x/index.html") == (
        '<a href="../../../index.html" hreflang="vi">vi</a> <a href="../../../en/index.html" hreflang="en">en</a> '
        '<a href="../../../index.html">home</a>')
    assert file_links('<a href="/en/">en</a> <a href=".">home</a>') == (
        '<a href="en/index.html">en</a> <a href="./index.html">home</a>')


def unzip_site(site: Path, tmp_path: Path) -> Path:
    archive = tmp_path / "offline.zip"
    write_offline_zip(site, archive)
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unzipped")
    return tmp_path / "unzipped"


def follow_home_links(browser: Any, base: str) -> None:
    """From a lesson, the logo and "Trang chủ" both open the home page itself, not a folder listing."""
    page = browser.new_page()
    lesson, home = base + "hocvuso/learn/lessons/hello-phone/index.html", base + "hocvuso/index.html"
    for link in (page.locator("header a.md-logo"), page.get_by_role("link", name="Trang chủ", exact=True)):
        page.goto(lesson)
        link.click()
        page.wait_for_load_state()
        assert page.url == home
        assert page.locator("h1").first.inner_text() == "Học thử"
    # The language switch of the home page was "/en/": the root of the disk or the server, not of the copy.
    page.goto(home)
    page.goto(base + "hocvuso/" + page.locator('a.md-select__link[hreflang="en"]').get_attribute("href"))
    assert page.url == base + "hocvuso/en/index.html" and page.locator("h1").count() > 0
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_zip_logo_and_home_link_open_the_home_page_from_file_urls(browser: Any, site: Path, tmp_path: Path) -> None:
    follow_home_links(browser, unzip_site(site, tmp_path).as_uri() + "/")


@pytest.mark.browser
@pytest.mark.slow
def test_zip_logo_and_home_link_open_the_home_page_from_a_static_server(browser: Any, site: Path,
                                                                       tmp_path: Path) -> None:
    with serve(unzip_site(site, tmp_path)) as url:
        follow_home_links(browser, url)
