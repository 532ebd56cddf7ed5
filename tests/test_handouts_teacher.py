"""Teacher sections, teacher guides and the course teacher's book: what a teacher running a class gets on paper."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from hocvuso.handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from hocvuso.handouts import render_class_pack_html, render_learner_html, render_teacher_html, write_handouts
from hocvuso.handouts.documents import ATTENDANCE_ROWS
from hocvuso.loader import load_curriculum
from hocvuso.model import Curriculum
from hocvuso.validate import validate
from tests.conftest import FIXTURE, ROOT
from tests.regen_golden import TEACHER_VI

BASE = "https://hocvu.example.org/"
TEACHER_EN = (TEACHER_VI.replace("Biết nút nguồn ở đâu.", "Knows where the power button is.")
              .replace("Tự bật và tắt điện thoại.", "Switches the phone on and off alone.")
              .replace("Một điện thoại để làm mẫu.", "A phone to demonstrate with.")
              .replace("Làm mẫu và thực hành", "Demonstrate and practise")
              .replace("Người học tự bật máy.", "Learners switch their phone on.")
              .replace("Nhấn giữ nút nguồn.", "Press and hold the power button.")
              .replace("Mỗi người bật được máy của mình.", "Everyone has switched on their own phone.")
              .replace("Làm mẫu một lần, rồi từng người tự làm.", "Demonstrate once, then each learner does it.")
              .replace("Tóm tắt", "Recap").replace("Nhớ lại các bước.", "Remember the steps.")
              .replace("Nhắc lại các bước.", "Repeat the steps.")
              .replace("Người học nói lại được các bước.", "Learners can say the steps back.")
              .replace("Hỏi từng người.", "Ask each learner."))
SAFE = "safe_practice:\n  - Không bấm Nộp hồ sơ trong lớp.\nbefore_class:\n  - Sạc điện thoại làm mẫu.\n"
SAFE_EN = "safe_practice:\n  - Never press Submit in class.\nbefore_class:\n  - Charge the demonstration phone.\n"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_of(pdf: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))


@pytest.fixture(scope="module")
def shipped() -> Curriculum:
    return load_curriculum(ROOT).curriculum


@pytest.fixture
def taught(tmp_path: Path) -> Path:
    """The tiny fixture with a teacher section for hello-phone (in both languages) and none for safe-pay."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    folder = root / "curriculum/lessons/hello-phone"
    (folder / "teacher.vi.yml").write_text(TEACHER_VI + SAFE, "utf-8")
    (folder / "teacher.en.yml").write_text(TEACHER_EN + SAFE_EN, "utf-8")
    return root


def test_a_teacher_section_validates_and_is_printed_as_a_lesson_plan(taught: Path) -> None:
    checked = validate(taught)
    assert checked.ok, [d.as_text() for d in checked.diagnostics]
    cur = checked.loaded.curriculum
    result = write_handouts(cur, taught / "out", BASE, jobs=1)
    assert result.ok, [d.as_text() for d in result.diagnostics]
    vi = text_of(taught / "out" / teacher_pdf("vi", "hello-phone"))
    # Phụ lục IV: objectives in three parts, materials, activities each with goal, content, product, organisation.
    for part in ("I. Mục tiêu", "1. Về kiến thức", "II. Thiết bị dạy học và học liệu", "III. Tiến trình dạy học",
                 "a) Mục tiêu", "b) Nội dung", "c) Sản phẩm", "d) Tổ chức thực hiện", "Buổi 45 phút", "Buổi 90 phút"):
        assert part in vi, part
    for own in ("Làm mẫu và thực hành", "Mỗi người bật được máy của mình.", "Không bấm Nộp hồ sơ trong lớp.",
                "Sạc điện thoại làm mẫu.", "0–30 (30′)", "30–45 (15′)", "0–70 (70′)", "70–90 (20′)"):
        assert own in vi, own
    en = text_of(taught / "out" / teacher_pdf("en", "hello-phone"))
    assert "Demonstrate and practise" in en and "Never press Submit in class." in en and "d) How to organise it" in en
    # The lesson without a teacher section says so honestly, and still has its answer key.
    other = text_of(taught / "out" / teacher_pdf("vi", "safe-pay"))
    assert "chưa có phần soạn riêng cho người dạy" in other and "Đáp án" in other
    assert "chưa có phần soạn riêng" not in vi
    # The teacher's book gives the session its own plan too.
    book = text_of(taught / "out" / class_pack_pdf("vi", "basics"))
    assert "Làm mẫu và thực hành" in book


def test_a_teacher_section_that_does_not_fill_the_sessions_is_an_error(taught: Path) -> None:
    path = taught / "curriculum/lessons/hello-phone/teacher.en.yml"
    path.write_text(TEACHER_EN.replace("minutes: [15, 20]", "minutes: [10, 20]") + SAFE_EN, "utf-8")
    checked = validate(taught)
    rules = {(d.rule, d.path) for d in checked.diagnostics}
    assert ("teacher-timing", "curriculum/lessons/hello-phone/teacher.en.yml") in rules
    assert ("teacher-mismatch", "curriculum/lessons/hello-phone/teacher.en.yml") in rules


def test_teacher_guides_of_two_lessons_differ_in_their_activities(shipped: Curriculum) -> None:
    authored = [lesson for lesson in shipped.lessons if "vi" in lesson.teacher and "en" in lesson.teacher]
    assert len(authored) >= 6
    for lang in ("vi", "en"):
        plans = {}
        for lesson in authored:
            html = render_teacher_html(shipped, lesson, lang, BASE)
            activities = re.findall(r'<section class="hv-activity"[^>]*>(.*?)</section>', html, re.DOTALL)
            assert len(activities) >= 3, lesson.id
            # Every line of an activity, without headings: the Phụ lục IV labels every guide shares, and activity
            # titles (a wrap-up called "Vận dụng: câu hỏi và lưu ý an toàn" in many lessons is a heading, not a plan).
            plans[lesson.id] = {clean for a in activities
                                for raw in re.sub(r"<b>[^<]*</b>|<h3>.*?</h3>", "", a).split("\n")
                                if (clean := re.sub(r"<[^>]+>", "", raw).strip())}
        ids = sorted(plans)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                assert not plans[a] & plans[b], (lang, a, b, plans[a] & plans[b])


def test_the_learner_sheet_carries_the_example_and_no_second_hint(shipped: Curriculum) -> None:
    lesson = shipped.lesson("ai-la-gi")
    assert lesson is not None
    html = render_learner_html(shipped, lesson, "vi", BASE)
    assert "Bà Tư 68 tuổi" in html and "<h2>Ví dụ</h2>" in html
    # The prompt carries "(Chọn tất cả ý đúng)": the sheet adds no "(Chọn tất cả đáp án đúng)" of its own.
    prompt = next(p for p in re.findall(r'<p class="hv-question__prompt">(.*?)</p>', html, re.DOTALL)
                  if "Chọn tất cả ý đúng" in p)
    assert "Chọn tất cả đáp án đúng" not in prompt and "hv-question__how" not in prompt
    assert "Chọn một đáp án" in html  # prompts without their own hint still get one


def test_the_teachers_book_has_attendance_progress_and_a_completion_record(shipped: Curriculum) -> None:
    course = shipped.course("dai-su-so-vung-ky-nang")
    assert course is not None and len(course.lessons) > 20
    html = render_class_pack_html(shipped, course, "vi", BASE)
    attendance = re.findall(r'<section class="hv-sheet hv-attendance".*?</section>', html, re.DOTALL)
    progress = re.findall(r'<section class="hv-sheet hv-progress".*?</section>', html, re.DOTALL)
    # Attendance: at least 30 rows, a dated column for every session; progress: one table per 20 lessons.
    assert sum(a.count("Ngày ___/___") for a in attendance) == len(course.lessons)
    assert all(a.count("<tr>") == ATTENDANCE_ROWS + 1 for a in attendance)
    assert len(progress) == 2 and all(p.count("<tr>") == ATTENDANCE_ROWS + 1 for p in progress)
    completion = re.search(r'<section class="hv-sheet hv-completion".*?</section>', html, re.DOTALL)
    assert completion is not None
    taught = {t.competence for lid in course.lessons if (lesson := shipped.lesson(lid)) for t in lesson.competences}
    for code in taught:
        assert f"<td>{code} " in completion.group(0), code
    # Sessions in the course's order.
    positions = [html.index(f'id="s-{lid}"') for lid in course.lessons]
    assert positions == sorted(positions)


def test_the_cover_shows_the_levels_of_the_lessons(shipped: Curriculum) -> None:
    course = shipped.course("nguoi-cao-tuoi-lam-quen")
    assert course is not None
    fw = shipped.framework
    levels = {max((t.level for t in lesson.competences), key=fw.rank) for lid in course.lessons
              if (lesson := shipped.lesson(lid))}
    html = render_class_pack_html(shipped, course, "vi", BASE)
    cover = html[html.index('<section class="hv-cover">'):html.index('<section class="hv-contents">')]
    names = {lv: str(found.name["vi"]) for lv in levels if (found := fw.level(lv))}
    low, high = min(levels, key=fw.rank), max(levels, key=fw.rank)
    shown = names[low] if low == high else f"{names[low]} – {names[high]}"
    assert f"<dd>{shown}</dd>" in cover


def test_handouts_are_pdf_ua_with_title_and_language(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    cur = load_curriculum(root).curriculum
    result = write_handouts(cur, tmp_path / "out", BASE, jobs=1)
    assert result.ok
    for path in (learner_pdf("vi", "hello-phone"), teacher_pdf("en", "safe-pay"), class_pack_pdf("vi", "basics")):
        reader = PdfReader(tmp_path / "out" / path)
        xmp = reader.xmp_metadata
        assert xmp is not None
        raw = xmp.stream.get_data().decode("utf-8")
        assert "pdfuaid" in raw and re.search(r"pdfuaid:part[>=\"']+1", raw), path
        assert reader.metadata is not None and reader.metadata.title
        catalog: Any = reader.trailer["/Root"]
        assert str(catalog.get("/Lang")) == path[:2]
        assert "/StructTreeRoot" in catalog


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_teachers_page_lists_every_courses_teachers_book(shipped: Curriculum, lang: str) -> None:
    page = (ROOT / f"docs/teachers.{lang}.md").read_text("utf-8")
    for course in shipped.courses:
        title = course.title.get(lang) or course.title[shipped.config.source_language]
        assert f"[{title}](learn/courses/{course.id}/index.md#hv-print)" in page, course.id
