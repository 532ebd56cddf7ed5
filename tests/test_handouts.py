"""Printable handouts of the tiny fixture: what the PDFs say, how long they are, what they must never say,
that their QR codes scan, and that a rebuild renders only what changed."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import hocvuso.handouts as handouts
import hocvuso.handouts.layout as layout
from hocvuso.handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from hocvuso.handouts import handout_paths, render_learner_html, render_teacher_html, timed_plan, write_handouts
from hocvuso.loader import load_curriculum
from hocvuso.model import Curriculum
from hocvuso.site import load_strings
from hocvuso.themefiles import PACKAGE_THEME, ThemeFiles
from scripts import build_handouts
from tests.conftest import FIXTURE

BASE = "https://hocvu.example.org/"
STRINGS = PACKAGE_THEME / "strings"
LESSONS = ("hello-phone", "safe-pay")
LANGS = ("vi", "en")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture and its handouts, built once with the command line (validation included)."""
    root = tmp_path_factory.mktemp("handouts")
    shutil.copytree(FIXTURE, root / "project")
    assert build_handouts.main(["--root", str(root / "project"), "--out", str(root / "out"), "--base-url", BASE]) == 0
    return root


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A writable copy of the built project and its output, to change and build again."""
    shutil.copytree(built, tmp_path / "copy")
    return tmp_path / "copy"


def curriculum(root: Path) -> Curriculum:
    return load_curriculum(root / "project").curriculum


def text_of(pdf: Path) -> str:
    """The PDF's text in NFC with runs of white space made one space (lines wrap anywhere)."""
    raw = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    return " ".join(unicodedata.normalize("NFC", raw).split())


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_every_handout_is_written_and_in_the_manifest(built: Path) -> None:
    cur = curriculum(built)
    out = built / "out"
    wanted = {h.path for h in handout_paths(cur)}
    lessons = {f(lang, lid) for f in (learner_pdf, teacher_pdf) for lang in LANGS for lid in LESSONS}
    assert wanted == lessons | {class_pack_pdf(lang, "basics") for lang in LANGS}
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert set(manifest["files"]) == wanted
    for path, entry in manifest["files"].items():
        data = (out / path).read_bytes()
        assert data.startswith(b"%PDF-")
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] == len(PdfReader(out / path).pages)


def test_titles_keep_their_diacritics(built: Path) -> None:
    cur = curriculum(built)
    for lang in LANGS:
        for lid in LESSONS:
            lesson = cur.lesson(lid)
            assert lesson is not None
            title = flat(lesson.texts[lang].title)
            for path in (learner_pdf(lang, lid), teacher_pdf(lang, lid), class_pack_pdf(lang, "basics")):
                assert title in text_of(built / "out" / path), (title, path)
    # Not folded, not decomposed: exactly the letters of the source.
    assert "Làm quen điện thoại" in text_of(built / "out" / learner_pdf("vi", "hello-phone"))
    assert "Nhập môn" in text_of(built / "out" / class_pack_pdf("vi", "basics"))


def test_learner_handouts_fit_on_two_pages(built: Path) -> None:
    for lang in LANGS:
        for lid in LESSONS:
            assert 1 <= len(PdfReader(built / "out" / learner_pdf(lang, lid)).pages) <= 2


def page_numbers(pdf: Path) -> list[tuple[str, str] | None]:
    """The "page / pages" mark at the foot of each page, None on a blank page (a class pack starts each
    session on a right-hand page)."""
    marks = []
    for page in PdfReader(pdf).pages:
        found = re.findall(r"(\d+) / (\d+)$", page.extract_text())
        marks.append(found[-1] if found else None)
    return marks


def numbered(pdf: Path) -> bool:
    pages = len(PdfReader(pdf).pages)
    return all(mark in (None, (str(n), str(pages))) for n, mark in enumerate(page_numbers(pdf), start=1)) and \
        page_numbers(pdf)[0] == ("1", str(pages))


def test_the_notes_fill_the_last_page_and_pages_count_what_is_printed(built: Path) -> None:
    # Laid out with all twenty note lines, the sheet runs on to a second page; the PDF keeps the lines that
    # fit on the first, under their heading, and its footer says "1 / 1".
    cur = curriculum(built)
    lesson = cur.lesson("safe-pay")
    assert lesson is not None
    html = render_learner_html(cur, lesson, "en", BASE)
    full = html.replace(handouts.documents.NOTES_MARK, handouts.documents.NOTES_LINE * layout.MAX_NOTES_LINES)
    assert len(layout._layout(full, (built / "project").as_uri() + "/").pages) == 2
    for path in (learner_pdf(lang, lid) for lang in LANGS for lid in LESSONS):
        pdf = built / "out" / path
        assert page_numbers(pdf) == [("1", "1")], path
        assert ("Ghi chú" if path.startswith("vi/") else "Notes") in text_of(pdf)
    assert page_numbers(built / "out" / teacher_pdf("vi", "safe-pay")) == [("1", "2"), ("2", "2")]
    assert numbered(built / "out" / class_pack_pdf("en", "basics"))


def test_a_site_stylesheet_that_counts_all_pages_still_numbers_them_right(copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "overrides"
    (site / "print").mkdir(parents=True)
    css = (handouts.PRINT_DIR / "print.css").read_text("utf-8")
    assert "target-counter(url(#hv-end), page)" in css
    (site / "print" / "print.css").write_text(css.replace("target-counter(url(#hv-end), page)", "counter(pages)"),
                                              "utf-8")
    out = copy / "site-out"
    result = write_handouts(curriculum(copy), out, BASE, theme=ThemeFiles.of_site(site))
    assert result.ok
    pdf = out / learner_pdf("en", "safe-pay")
    assert page_numbers(pdf) == [("1", "1")] and "Notes" in text_of(pdf)


def test_fonts_are_embedded_dejavu(built: Path) -> None:
    for path in (learner_pdf("vi", "hello-phone"), class_pack_pdf("vi", "basics")):
        fonts: dict[str, Any] = {}
        for page in PdfReader(built / "out" / path).pages:
            resources = page.get("/Resources") or {}
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        assert fonts
        for name, font in fonts.items():
            assert "DejaVu" in name, name
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name} is not embedded in {path}"


def _answers(cur: Curriculum, lid: str, lang: str) -> tuple[list[str], list[str]]:
    """(explanations, feedback on wrong choices) of a lesson's quiz: what only the teacher may see."""
    lesson = cur.lesson(lid)
    assert lesson is not None and lesson.quiz is not None
    explanations, wrong = [], []
    for q in lesson.quiz.questions:
        text = q.texts[lang]
        if text.explanation:
            explanations.append(flat(text.explanation))
        wrong += [flat(c.feedback) for cid, c in text.choices.items() if c.feedback and not q.is_correct(cid)]
    return explanations, wrong


def test_learner_handout_has_no_answers_and_the_teacher_guide_has_them(built: Path) -> None:
    cur = curriculum(built)
    for lang in LANGS:
        t = load_strings(str(STRINGS), lang, "vi")
        for lid in LESSONS:
            explanations, wrong = _answers(cur, lid, lang)
            assert explanations or wrong
            learner = text_of(built / "out" / learner_pdf(lang, lid))
            teacher = text_of(built / "out" / teacher_pdf(lang, lid))
            for secret in [*explanations, *wrong, flat(t["correct_answer"]), flat(t["teacher_answers"])]:
                assert secret not in learner, (lid, lang, secret)
                assert secret in teacher, (lid, lang, secret)


def test_the_class_pack_has_every_learner_handout_and_a_progress_sheet(built: Path) -> None:
    cur = curriculum(built)
    for lang in LANGS:
        t = load_strings(str(STRINGS), lang, "vi")
        pack = text_of(built / "out" / class_pack_pdf(lang, "basics"))
        assert flat(t["pack_contents"]) in pack and flat(t["progress_title"]) in pack
        assert flat(t["progress_name"]) in pack
        for lid in LESSONS:
            explanations, wrong = _answers(cur, lid, lang)
            assert not any(secret in pack for secret in explanations + wrong)
        steps = flat("Nhấn giữ nút nguồn." if lang == "vi" else "Press and hold the power button.")
        assert steps in pack


def test_the_qr_code_scans_to_the_online_lesson(built: Path, tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): run scripts/setup.sh")
    for lang, prefix in (("vi", ""), ("en", "en/")):
        pdf = built / "out" / learner_pdf(lang, "hello-phone")
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / lang)],
                       check=True)
        png = next(tmp_path.glob(f"{lang}*.png"))
        found = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                               check=False).stdout.split()
        url = f"{BASE}{prefix}learn/lessons/hello-phone/"
        assert found == [url]
        # The short address beside it is the same page without the scheme.
        assert url.removeprefix("https://") in text_of(pdf).replace(" ", "")


def no_render(job: object) -> None:
    raise AssertionError("nothing should be rendered")


def test_a_no_change_rebuild_renders_nothing(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The copy lives in another folder: paths in the inputs are relative, so nothing is new.
    monkeypatch.setattr(layout, "render", no_render)
    before = {p: p.stat().st_mtime_ns for p in (copy / "out").rglob("*.pdf")}
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert result.written == () and result.failed == () and result.diagnostics == ()
    assert len(result.skipped) == len(handout_paths(curriculum(copy)))
    assert {p: p.stat().st_mtime_ns for p in (copy / "out").rglob("*.pdf")} == before


def test_a_change_renders_only_the_handouts_it_touches(copy: Path) -> None:
    en = copy / "project/curriculum/lessons/safe-pay/en.md"
    en.write_text(en.read_text("utf-8").replace("Check the receiver's name.", "Check the receiver's full name."),
                  "utf-8")
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert set(result.written) == {learner_pdf("en", "safe-pay"), teacher_pdf("en", "safe-pay"),
                                   class_pack_pdf("en", "basics")}
    assert "Check the receiver's full name." in text_of(copy / "out" / learner_pdf("en", "safe-pay"))


def test_the_templates_and_stylesheet_are_inputs_too(copy: Path, tmp_path: Path) -> None:
    # A site's theme folder overrides the print stylesheet alone; every other print file stays ours.
    site = tmp_path / "overrides"
    (site / "print").mkdir(parents=True)
    (site / "print" / "print.css").write_text((handouts.PRINT_DIR / "print.css").read_text("utf-8")
                                              + "\n/* changed */\n", "utf-8")
    cur = curriculum(copy)
    first = handouts.plan_jobs(handouts.Documents(cur, BASE))
    second = handouts.plan_jobs(handouts.Documents(cur, BASE, ThemeFiles.of_site(site)))
    assert all(a.inputs != b.inputs for a, b in zip(first, second, strict=True))


def test_a_sites_strings_and_templates_override_ours_one_by_one(copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "overrides"
    (site / "strings").mkdir(parents=True)
    (site / "strings" / "en.yml").write_text('handout_teacher: "Lesson plan of the commune"\n', "utf-8")
    (site / "print").mkdir()
    base = (handouts.PRINT_DIR / "_base.html").read_text("utf-8")
    (site / "print" / "_base.html").write_text(base.replace("<body", "<body data-site-own", 1), "utf-8")
    cur = curriculum(copy)
    lesson = cur.lesson("safe-pay")
    assert lesson is not None
    theme = ThemeFiles.of_site(site)
    html = handouts.render_teacher_html(cur, lesson, "en", BASE, theme=theme)
    assert "Lesson plan of the commune" in html and "data-site-own" in html
    stock = handouts.render_teacher_html(cur, lesson, "en", BASE)
    assert "Lesson plan of the commune" not in stock and "data-site-own" not in stock
    # Every other string still comes from the package (no "[key]" placeholders).
    assert "[" + "handout_learner]" not in html and html.count("<h2") == stock.count("<h2")


def test_a_lesson_too_long_for_two_pages_is_an_error_naming_it(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    en = copy / "project/curriculum/lessons/hello-phone/en.md"
    steps = "".join(f"{n}. Press the button marked {n} and wait until the screen shows the next step.\n"
                    for n in range(3, 60))
    en.write_text(en.read_text("utf-8").replace("2. See [how", steps + "60. See [how"), "utf-8")
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert [d.rule for d in result.diagnostics] == ["handout-too-long"]
    problem = result.diagnostics[0]
    assert problem.path == "curriculum/lessons/hello-phone/en.md"
    assert "'hello-phone'" in problem.message and "(en)" in problem.message
    # Never a cut-down PDF: the handout, and the class pack that holds it, are not written, and the old ones go.
    assert set(result.failed) == {learner_pdf("en", "hello-phone"), class_pack_pdf("en", "basics")}
    assert not (copy / "out" / learner_pdf("en", "hello-phone")).exists()
    assert not (copy / "out" / class_pack_pdf("en", "basics")).exists()
    assert learner_pdf("en", "hello-phone") not in json.loads((copy / "out/manifest.json").read_text())["files"]
    assert teacher_pdf("en", "hello-phone") in result.written  # the teacher guide has no page limit
    # The error is remembered with the inputs: an unchanged rebuild reports it without laying it out again.
    monkeypatch.setattr(layout, "render", no_render)
    again = write_handouts(curriculum(copy), copy / "out", BASE)
    assert again.written == () and again.diagnostics == result.diagnostics


def test_a_missing_image_is_an_error_before_anything_is_rendered(copy: Path) -> None:
    (copy / "project/curriculum/lessons/hello-phone/phone.svg").unlink()
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert {(d.rule, d.path, d.line) for d in result.diagnostics} == {
        ("handout-image", "curriculum/lessons/hello-phone/vi.md", 16),
        ("handout-image", "curriculum/lessons/hello-phone/en.md", 17)}
    assert all("'phone.svg'" in d.message and "'hello-phone'" in d.message for d in result.diagnostics)
    assert result.written == ()
    assert set(result.removed) == {learner_pdf(lang, "hello-phone") for lang in LANGS} | {
        teacher_pdf(lang, "hello-phone") for lang in LANGS} | {class_pack_pdf(lang, "basics") for lang in LANGS}


def test_an_image_taller_than_the_page_is_an_error(copy: Path) -> None:
    image = copy / "project/curriculum/lessons/hello-phone/phone.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="3000"><rect width="10" '
                     'height="3000"/></svg>\n', "utf-8")
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert {(d.rule, d.path) for d in result.diagnostics} == {
        ("handout-image", "curriculum/lessons/hello-phone/vi.md"),
        ("handout-image", "curriculum/lessons/hello-phone/en.md")}
    assert all("too large for the printed page" in d.message for d in result.diagnostics)
    assert learner_pdf("vi", "hello-phone") in result.failed


def test_learner_html_holds_no_answer_and_the_teacher_html_does(tiny: Path) -> None:
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("safe-pay")
    assert lesson is not None
    learner = render_learner_html(cur, lesson, "vi", BASE)
    teacher = render_teacher_html(cur, lesson, "vi", BASE)
    for secret in ("Ngân hàng không bao giờ hỏi mã OTP.", "Đáp án đúng"):
        assert secret not in learner and secret in teacher
    assert learner.count('class="hv-box"') == 3  # one tick box per choice
    assert "<svg" in learner and "<img" not in learner.split("hv-steps")[0]  # the QR code is vector SVG
    assert 'lang="vi"' in learner


def test_a_stale_handout_is_removed_and_other_files_are_kept(copy: Path) -> None:
    keep = copy / "out" / "README.txt"
    keep.write_text("not ours", "utf-8")
    course = copy / "project/curriculum/courses/basics.yml"
    course.write_text(course.read_text("utf-8").replace("id: basics", "id: basics2"), "utf-8")
    result = write_handouts(curriculum(copy), copy / "out", BASE)
    assert set(result.removed) == {class_pack_pdf(lang, "basics") for lang in LANGS}
    assert set(result.written) == {class_pack_pdf(lang, "basics2") for lang in LANGS}
    assert keep.exists()


@pytest.mark.parametrize("duration", [0, 3, 5, 15, 20, 30, 45, 120])
def test_the_session_plan_adds_up_to_the_lesson(duration: int) -> None:
    plan = timed_plan(duration)
    assert [p.key for p in plan] == ["plan_welcome", "plan_demo", "plan_practice", "plan_quiz", "plan_recap"]
    assert sum(p.minutes for p in plan) == duration
    assert plan[0].start == 0 and plan[-1].end == duration
    assert all(a.end == b.start for a, b in itertools.pairwise(plan))
    if duration >= len(plan):
        assert all(p.minutes >= 1 for p in plan)
    if duration >= 15:
        assert max(plan, key=lambda p: p.minutes).key == "plan_practice"


def test_the_command_line_stops_on_an_invalid_curriculum(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = tiny / "curriculum/lessons/hello-phone/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace("duration: 20", "duration: twenty"), "utf-8")
    out = tiny / "out"
    assert build_handouts.main(["--root", str(tiny), "--out", str(out), "--base-url", BASE]) == 1
    assert not out.exists()
    assert re.search(r"error \[schema\]", capsys.readouterr().out)


def test_an_untranslated_lesson_prints_the_source_text_with_a_notice(tiny: Path) -> None:
    config = tiny / "curriculum/config.yml"
    config.write_text(config.read_text("utf-8").replace("{code: en, name: English, required: true}",
                                                        "{code: en, name: English, required: false}"), "utf-8")
    (tiny / "curriculum/lessons/safe-pay/en.md").unlink()
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("safe-pay")
    assert lesson is not None
    html = render_learner_html(cur, lesson, "en", BASE)
    t = load_strings(str(STRINGS), "en", "vi")
    assert t["fallback_notice"] in html and t["quiz_title"] in html  # the interface stays in English
    assert '<h1 lang="vi">Trả tiền an toàn</h1>' in html
    assert "Kiểm tra tên người nhận." in html and "Không ai được hỏi mã OTP của bạn." in html
    assert f"{BASE}en/learn/lessons/safe-pay/" in html  # the QR code leads to the English page


def cli(root: Path, capsys: pytest.CaptureFixture[str], base: str = BASE, *more: str) -> tuple[int, str, str]:
    code = build_handouts.main(["--root", str(root / "project"), "--out", str(root / "out"), "--base-url", base,
                                *more])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def nothing_to_check(*args: object, **kwargs: object) -> None:
    raise AssertionError("nothing should be validated or planned")


def test_a_run_over_unchanged_sources_checks_nothing_and_repeats_the_warnings(
        copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # A warning the teacher should keep seeing: a quiz question without its explanation.
    quiz = copy / "project/curriculum/lessons/safe-pay/quiz.vi.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("    explanation: Mã OTP chỉ dành cho bạn.\n", ""), "utf-8")
    code, first, err = cli(copy, capsys)
    assert code == 0 and "[quiz-explanation-missing]" in first
    assert "(the curriculum, theme and address are as the last run left them)" not in err
    # The copy lives elsewhere (the stamp holds relative paths only); nothing is read beyond hashing the files.
    moved = copy.parent / "moved"
    shutil.move(copy, moved)
    import hocvuso.validate

    monkeypatch.setattr(hocvuso.validate, "validate", nothing_to_check)
    monkeypatch.setattr(handouts.build, "plan_jobs", nothing_to_check)
    monkeypatch.setattr(layout, "render", no_render)
    code, again, err = cli(moved, capsys)
    assert code == 0 and again == first  # the same report, the same line and rule
    total = len(handout_paths(curriculum(moved)))
    assert f"handouts: 0 written, {total} unchanged, 0 failed, 0 removed" in err
    assert "(the curriculum, theme and address are as the last run left them)" in err


@pytest.mark.parametrize("change", ["lesson text", "image", "course", "mkdocs.yml markdown", "site print.css",
                                    "site strings", "address", "deleted PDF", "truncated PDF"])
def test_any_change_to_what_a_run_reads_makes_it_look_again(
        change: str, copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy / "project"
    base, more = BASE, []
    if change == "lesson text":
        text = project / "curriculum/lessons/safe-pay/en.md"
        text.write_text(text.read_text("utf-8").replace("Check the receiver's name.",
                                                        "Check the receiver's full name."), "utf-8")
    elif change == "image":
        image = project / "curriculum/lessons/hello-phone/phone.svg"
        image.write_text(image.read_text("utf-8").replace("</svg>", "<circle r='1'/></svg>"), "utf-8")
    elif change == "course":
        course = project / "curriculum/courses/basics.yml"
        course.write_text(course.read_text("utf-8").replace("en: Basics", "en: First steps"), "utf-8")
    elif change == "mkdocs.yml markdown":
        (project / "mkdocs.yml").write_text("site_name: x\nmarkdown_extensions:\n  - abbr\n", "utf-8")
    elif change in ("site print.css", "site strings"):
        site = copy / "overrides"
        if change == "site print.css":
            (site / "print").mkdir(parents=True)
            (site / "print/print.css").write_text((handouts.PRINT_DIR / "print.css").read_text("utf-8") + "\n/* x */\n",
                                                  "utf-8")
        else:
            (site / "strings").mkdir(parents=True)
            (site / "strings/en.yml").write_text('handout_teacher: "Lesson plan of the commune"\n', "utf-8")
        config = copy / "site.yml"
        config.write_text(f"site_name: x\ntheme:\n  name: material\n  custom_dir: {site}\n", "utf-8")
        more = ["--config-file", str(config)]
    elif change == "address":
        base = "https://other.example.org/"
    elif change == "deleted PDF":
        (copy / "out" / learner_pdf("vi", "safe-pay")).unlink()
    else:
        pdf = copy / "out" / learner_pdf("vi", "safe-pay")
        pdf.write_bytes(pdf.read_bytes()[:1000])
    code, _, err = cli(copy, capsys, base, *more)
    assert code == 0
    assert "as the last run left them" not in err
    written = int(re.search(r"handouts: (\d+) written", err)[1])  # type: ignore[index]
    if change == "mkdocs.yml markdown":
        assert written == 0  # validated and planned again; an extension no lesson uses changes no PDF
    else:
        assert written > 0
        # And the run after it, over the same sources, is the quick one again.
        code, _, err = cli(copy, capsys, base, *more)
        assert code == 0 and "as the last run left them" in err


def test_the_stamp_covers_this_packages_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fix to a print template or to the layout code must reach every PDF, though no lesson changed.
    import hocvuso.handouts.sources as sources
    from hocvuso.markup import MarkdownOptions

    package = tmp_path / "hocvuso"
    shutil.copytree(sources.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sources, "PACKAGE", package)

    def stamp() -> str:
        sources._code_stamp.cache_clear()
        return sources.sources_stamp(FIXTURE, BASE, None, MarkdownOptions())

    before = stamp()
    assert stamp() == before
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert stamp() == before  # compiled caches differ per machine and do not count
    template = package / "theme/print/learner.html"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    assert stamp() != before
    sources._code_stamp.cache_clear()


def test_a_run_with_errors_records_no_stamp(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Valid curriculum, but one learner sheet no longer fits its two pages: found only by laying it out.
    en = copy / "project/curriculum/lessons/hello-phone/en.md"
    steps = "".join(f"{n}. Press the button marked {n} and wait until the screen shows the next step.\n"
                    for n in range(3, 60))
    en.write_text(en.read_text("utf-8").replace("2. See [how", steps + "60. See [how"), "utf-8")
    code, out, _ = cli(copy, capsys)
    assert code == 1 and "[handout-too-long]" in out
    assert handouts.manifest.read_sources(copy / "out") is None
    code, out, err = cli(copy, capsys)  # reported again (from memory), never skipped as "unchanged"
    assert code == 1 and "[handout-too-long]" in out and "as the last run left them" not in err
