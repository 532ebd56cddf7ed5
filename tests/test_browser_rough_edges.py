"""The rough edges a learner meets on a 360 × 740 phone, in a real browser, on a site published under a
project path (/proj/, like a GitHub Pages project site): glossary links that follow the sense, the course
being followed first at the end of a lesson, our own offline page, a 404 page that works at any depth, a
progress reset that asks first, quiz controls that grow with the text, a first screen with the lesson title,
and axe-core without a single violation on every page type."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hocvuso.loader import load_curriculum
from tests.conftest import FIXTURE, ROOT
from tests.sitebuild import mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
BASE = "proj/"

# Two more courses that share the fixture's lessons: safe-pay is in three courses, basics first by id.
COURSES = {
    "payments": "id: payments\naudience: citizens\nlevel: CB2\ntitle: {vi: Thanh toán, en: Payments}\n"
                "description: {vi: Trả tiền., en: Paying.}\nlessons: [safe-pay]\n",
    "zz-phone": "id: zz-phone\naudience: older-people\nlevel: CB1\n"
                "title: {vi: Điện thoại cho ông bà, en: Phones for elders}\n"
                "description: {vi: Chậm mà chắc., en: Slow and steady.}\nlessons: [hello-phone, safe-pay]\n",
}
# "AI" (artificial intelligence) next to "ai" (who) in the fixture's text: "Không ai được hỏi mã OTP".
GLOSSARY_VI = "  man-hinh-chinh:\n    term: Màn hình chính\n    definition: Trang có các biểu tượng ứng dụng.\n" \
    "  tri-tue-nhan-tao:\n    term: Trí tuệ nhân tạo\n    aliases: [AI]\n    definition: Phần mềm học từ dữ liệu.\n"
GLOSSARY_EN = ("  man-hinh-chinh:\n    term: Home screen\n    definition: The page of app icons.\n"
               "  tri-tue-nhan-tao:\n    term: Artificial intelligence\n    aliases: [AI]\n    definition: Software.\n")
EN_EXTRA = "\nFar from home, ask nobody. Then go back to the home screen.\n"
# An order question with a long prompt (one unbroken word too, as a pasted address would be).
ORDER_Q = ("  - id: steps\n    type: order\n    competence: \"0.1\"\n    level: CB1\n"
           "    choices: [open, call, unlock]\n    answer: [unlock, open, call]\n")
ORDER_VI = ("  steps:\n    prompt: Sắp xếp các bước gọi điện cho người thân khi điện thoại đang khóa màn hình "
            "theo đúng thứ tự https://example.org/mot-duong-dan-rat-dai-khong-co-cho-ngat-dong-nao-ca\n"
            "    choices:\n      unlock: {text: Mở khóa, feedback: Bước đầu.}\n"
            "      open: {text: Mở danh bạ, feedback: Bước hai.}\n      call: {text: Bấm gọi, feedback: Bước cuối.}\n"
            "    explanation: Phải mở khóa trước khi mở danh bạ.\n")
ORDER_EN = ("  steps:\n    prompt: Put the steps to call a relative from a locked phone in order\n"
            "    choices:\n      unlock: {text: Unlock, feedback: First.}\n"
            "      open: {text: Open contacts, feedback: Second.}\n      call: {text: Call, feedback: Last.}\n"
            "    explanation: The phone must be unlocked before you open the contacts.\n")
# The order question asks only for steps the lesson teaches as a numbered list (quiz-order-untaught).
CALL_VI = "\n## Gọi người thân\n\n1. Mở khóa.\n2. Mở danh bạ.\n3. Bấm gọi.\n"
CALL_EN = "\n## Calling a relative\n\n1. Unlock.\n2. Open contacts.\n3. Call.\n"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


class _ProjectSite(http.server.SimpleHTTPRequestHandler):
    """A host like GitHub Pages for a project: the site under /proj/, its 404.html for any missing address."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith("/" + BASE):
            return str(Path(self.directory) / "__nowhere__")
        return super().translate_path(path[len(BASE):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("rough") / "project"
    shutil.copytree(FIXTURE, project)
    cur = project / "curriculum"
    for name, text in COURSES.items():
        (cur / "courses" / f"{name}.yml").write_text(text, "utf-8")
    _append(cur / "glossary/vi.yml", GLOSSARY_VI)
    _append(cur / "glossary/en.yml", GLOSSARY_EN)
    _append(cur / "lessons/safe-pay/en.md", EN_EXTRA)
    _append(cur / "lessons/hello-phone/quiz.yml", ORDER_Q)
    _append(cur / "lessons/hello-phone/quiz.vi.yml", ORDER_VI)
    _append(cur / "lessons/hello-phone/quiz.en.yml", ORDER_EN)
    _append(cur / "lessons/hello-phone/vi.md", CALL_VI)
    _append(cur / "lessons/hello-phone/en.md", CALL_EN)
    # The quiz wording changed: the English text is brought up to date with it, as a translator would.
    english = cur / "lessons/hello-phone/en.md"
    lesson = load_curriculum(project).curriculum.lesson("hello-phone")
    assert lesson is not None
    english.write_text(re.sub(r"translated_from: \S+", f"translated_from: {lesson.fingerprint}",
                              english.read_text("utf-8")), "utf-8")
    os.environ["SITE_URL"] = f"http://127.0.0.1/{BASE}"
    try:
        proc = mkdocs_build(project, "--strict")
    finally:
        del os.environ["SITE_URL"]
    assert proc.returncode == 0, proc.stderr
    handler = functools.partial(_ProjectSite, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{BASE}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=PHONE)  # a fresh localStorage and service worker for every test
    yield ctx
    ctx.close()


# --- Glossary: the sense, not the letters ------------------------------------------------------------------

def test_glossary_links_ai_but_not_the_vietnamese_word_for_who(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + "learn/lessons/safe-pay/")
    body = page.locator(".hv-body")
    assert "Không ai được hỏi" in body.inner_text()
    assert [a.inner_text() for a in body.locator("a.hv-term").all()] == ["mã OTP"]

    page.goto(site + "en/learn/lessons/safe-pay/")
    terms = page.locator(".hv-body a.hv-term")
    assert [a.inner_text() for a in terms.all()] == ["OTP code", "home screen"]
    assert page.locator(".hv-body", has_text="Far from home").count() == 1


# --- The course being followed comes first ------------------------------------------------------------------

def _pagers(page: Any) -> tuple[str, list[str], bool]:
    main = page.locator("[data-hv-pager-main] .hv-pager").get_attribute("data-hv-pager")
    rest = [n.get_attribute("data-hv-pager") for n in page.locator("[data-hv-pager-rest] .hv-pager").all()]
    folded = page.locator("details.hv-pager-more").get_attribute("open") is None
    return main, rest, folded


def test_lesson_shows_the_followed_course_first_and_folds_the_others(browser: Any, context: Any, site: str) -> None:
    plain = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = plain.new_page()
    page.goto(site + "learn/lessons/safe-pay/")
    assert _pagers(page) == ("basics", ["payments", "zz-phone"], True)  # without JavaScript: course-id order
    assert not page.locator("[data-hv-pager-rest] .hv-pager").first.is_visible()
    plain.close()

    page = context.new_page()
    page.goto(site + "learn/courses/zz-phone/")
    page.get_by_role("link", name="Trả tiền an toàn").first.click()
    page.wait_for_url("**/learn/lessons/safe-pay/")
    assert _pagers(page)[0] == "zz-phone"
    assert page.get_by_role("navigation", name="Điện thoại cho ông bà").is_visible()
    assert not page.get_by_role("navigation", name="Nhập môn").is_visible()

    page.goto(site + "learn/lessons/safe-pay/?course=payments")  # a shared link names its course
    assert _pagers(page) == ("payments", ["basics", "zz-phone"], True)
    page.goto(site + "learn/lessons/safe-pay/")  # and it is remembered
    assert _pagers(page)[0] == "payments"


# --- Offline: our own page, with the saved courses -------------------------------------------------------------

def test_an_unvisited_page_offline_shows_our_page_with_the_saved_course(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + "learn/courses/basics/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.get_by_role("button", name="Lưu khóa học").click()
    page.locator("[data-hv-offline-status]", has_text="Đã lưu").wait_for()
    context.set_offline(True)
    page.goto(site + "learn/coverage/")  # never visited, not in the course
    assert page.locator("h1").inner_text() == "Bạn đang không có mạng"
    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    retry = page.get_by_role("link", name="Thử lại")
    assert retry.get_attribute("href") == site.replace("127.0.0.1", "127.0.0.1") + "learn/coverage/"
    page.get_by_role("link", name="Nhập môn").click()
    page.wait_for_url("**/learn/courses/basics/")
    assert page.locator("h1").inner_text() == "Nhập môn"


# --- 404 under a project path --------------------------------------------------------------------------------

def test_not_found_page_is_vietnamese_styled_and_links_home_under_a_project_path(context: Any, site: str) -> None:
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url)
            if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(site + "learn/lessons/no-such-lesson/deeper/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert failed == []
    # Styled: Material's header and our stylesheet both apply.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.hv-btn')).minHeight") == "44px"
    page.get_by_role("link", name="Về trang chủ").click()
    page.wait_for_url(site)
    assert page.locator(".hv-picker").count() == 1


# --- Reset asks first ------------------------------------------------------------------------------------------

def test_progress_reset_asks_for_confirmation(browser: Any, context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + "learn/lessons/safe-pay/")
    question = page.locator("#q-safe-pay-who")
    question.get_by_label("Không ai khác").check()
    question.get_by_label("Chỉ mình tôi").check()
    question.get_by_role("button", name="Kiểm tra").click()
    page.goto(site + "learn/courses/basics/")
    done = page.locator('[data-hv-lesson="safe-pay"] .hv-done')
    assert done.is_visible()

    reset = page.get_by_role("button", name="Xóa tiến độ đã lưu")
    reset.click()  # one tap only asks
    assert done.is_visible()
    assert page.get_by_text("Không thể hoàn tác").is_visible()
    page.get_by_role("button", name="Không xóa").click()
    assert done.is_visible() and not page.get_by_text("Không thể hoàn tác").is_visible()
    page.reload()
    assert page.locator('[data-hv-lesson="safe-pay"] .hv-done').is_visible()

    page.get_by_role("button", name="Xóa tiến độ đã lưu").click()
    page.get_by_role("button", name="Xóa tiến độ", exact=True).click()
    assert not page.locator('[data-hv-lesson="safe-pay"] .hv-done').is_visible()
    assert page.get_by_role("status").filter(has_text="Đã xóa").count() == 1
    page.reload()
    assert not page.locator('[data-hv-lesson="safe-pay"] .hv-done').is_visible()

    plain = browser.new_context(java_script_enabled=False)  # nothing to reset without JavaScript: no button
    other = plain.new_page()
    other.goto(site + "learn/courses/basics/")
    assert not other.get_by_role("button", name="Xóa tiến độ đã lưu").is_visible()
    plain.close()


# --- Quiz controls at the largest text size --------------------------------------------------------------------

def test_order_question_is_usable_at_the_largest_text_size(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + "learn/lessons/hello-phone/")
    larger = page.get_by_role("button", name="A+")
    for _ in range(10):  # past the largest size: it stops there
        larger.click()
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--hv-scale')").strip() == "2"
    question = page.locator("#q-hello-phone-steps")
    select = question.locator("select").first
    box = select.bounding_box()
    answer_size = question.locator(".hv-choice").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert box["height"] >= 44 and box["width"] >= 44
    assert select.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= answer_size
    # The long prompt wraps inside its card, and nothing makes the page scroll sideways.
    fieldset = question.locator("fieldset").bounding_box()
    legend = question.locator("legend").bounding_box()
    assert legend["x"] + legend["width"] <= fieldset["x"] + fieldset["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # "Xem đáp án" is not smaller than the answers.
    summary = question.locator("summary")
    assert summary.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= answer_size
    for choice, position in (("Mở khóa", "1"), ("Mở danh bạ", "2"), ("Bấm gọi", "3")):
        question.get_by_label(choice).select_option(position)
        assert question.get_by_label(choice).input_value() == position
    question.get_by_role("button", name="Kiểm tra").click()
    assert question.locator(".hv-result").inner_text().startswith("✔")


# --- First screen, text-size buttons, no jump ---------------------------------------------------------------------

def test_first_screen_shows_the_header_and_lesson_title_without_a_jump(context: Any, site: str) -> None:
    page = context.new_page()
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (e) { if (!e.hadRecentInput) window.__shift += e.value; });
      }).observe({type: "layout-shift", buffered: true});""")
    page.goto(site + "learn/lessons/safe-pay/")
    page.wait_for_load_state("load")
    header = page.locator(".md-header").bounding_box()
    title = page.locator("h1").bounding_box()
    assert header["y"] >= 0 and header["height"] > 0 and header["y"] + header["height"] <= title["y"]
    assert title["y"] + title["height"] <= PHONE["height"]
    # Speech input users say what they see: the buttons are found by their visible text.
    assert page.get_by_role("button", name="A−").is_visible()
    assert page.get_by_role("button", name="A+").is_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.01


def test_coverage_table_keeps_its_first_column_in_view_on_a_phone(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + "learn/coverage/")
    scroller = page.locator(".hv-scroll")
    first = page.locator(".hv-heatmap tbody th").first
    before = first.bounding_box()
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert scroller.evaluate("e => e.scrollLeft") > 0  # the table really is wider than the phone
    after = first.bounding_box()
    assert abs(after["x"] - before["x"]) < 1
    assert before["width"] < PHONE["width"] / 2


# --- axe-core: no violation of any impact, on every page type --------------------------------------------------

PAGES = ["learn/lessons/hello-phone/", "learn/courses/basics/", "learn/audiences/citizens/", "", "learn/skills/",
         "learn/coverage/", "learn/glossary/", "learn/translations/", "en/learn/lessons/safe-pay/",
         "learn/no-such-page/", "offline.html"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(context: Any, site: str, path: str) -> None:
    assert AXE.exists(), "node_modules/axe-core is missing: run scripts/setup.sh"
    page = context.new_page()
    page.goto(site + path)
    page.wait_for_load_state("load")
    # The pages' Content-Security-Policy refuses inline script; the test tool is evaluated through the
    # browser's debugging protocol instead, which a policy does not govern.
    page.evaluate(AXE.read_text("utf-8") + "\n;0")
    # Every rule, the experimental ones too (label-content-name-mismatch, WCAG 2.5.3, is one of them).
    result = page.evaluate("""axe.run(document, {resultTypes: ['violations'], rules: Object.fromEntries(
        axe.getRules(['experimental']).map(r => [r.ruleId, {enabled: true}]))})""")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == [], path
