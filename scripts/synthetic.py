"""A synthetic curriculum of N lessons × the configured languages, for benchmarks (not for tests of content).

It reuses the real framework and audiences so the checks do realistic work: every lesson has front matter,
~600 words, steps, a table, cross-lesson links with anchors, and a three-question quiz in each language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hocvuso.loader import fingerprint

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ["citizens", "older-people", "people-with-disabilities", "ethnic-minorities", "poor-remote-households",
             "traders-farmers", "students", "civil-servants", "workers", "digital-ambassadors"]
COMPETENCES = ["0.1", "0.2", "1.1", "1.2", "2.1", "2.3", "2.6", "4.1", "4.2", "5.1", "6.1"]

_VI_PARAGRAPH = ("Bạn mở ứng dụng trên điện thoại, chọn mục cần dùng và đọc kỹ từng dòng trước khi bấm. "
                 "Nếu thấy điều gì lạ, hãy dừng lại và hỏi người thân hoặc Tổ công nghệ số cộng đồng. "
                 "Không bao giờ đưa mã OTP hay mật khẩu cho bất kỳ ai, kể cả người tự xưng là công an. ")
_EN_PARAGRAPH = ("Open the app on your phone, choose the item you need and read each line before you press. "
                 "If anything looks strange, stop and ask a relative or the community digital technology team. "
                 "Never give your OTP code or password to anyone, even someone who says they are the police. ")


def _body(lang: str, i: int, n: int) -> str:
    para = _VI_PARAGRAPH if lang == "vi" else _EN_PARAGRAPH
    heads = (["Bạn cần gì", "Các bước", "Ví dụ", "Lưu ý an toàn"] if lang == "vi"
             else ["What you need", "Steps", "Example", "Safety notes"])
    other = (i + 1) % n
    anchor = "cac-buoc" if lang == "vi" else "steps"
    parts = [f"## {heads[0]}\n\n{para * 2}\n", f"## {heads[1]}\n"]
    parts += [f"{k}. {para.split('. ')[k % 3]}." for k in range(1, 9)]
    parts += [f"\n## {heads[2]}\n\n{para * 4}\n", "| A | B |\n|---|---|\n| 1 | 2 |\n",
              f"Xem [bài tiếp](../lesson-{other:04d}/#{anchor}).\n" if lang == "vi"
              else f"See [the next lesson](../lesson-{other:04d}/#{anchor}).\n",
              f"## {heads[3]}\n\n{para * 3}\n"]
    return "\n".join(parts)


def _quiz_text(lang: str) -> str:
    word = "Câu hỏi" if lang == "vi" else "Question"
    lines = ["questions:"]
    for q in ("q1", "q2", "q3"):
        lines += [f"  {q}:", f"    prompt: {word} {q}?", "    choices:"]
        lines += [f"      {c}: {{text: \"{word} {c}\", feedback: \"{word} {c}, {q}\"}}" for c in ("a", "b", "c")]
        lines += [f"    explanation: {word} {q}, b."]
    return "\n".join(lines) + "\n"


def write_synthetic(target: Path, n: int) -> Path:
    """Write a project folder with curriculum/ holding `n` lessons; returns the project folder."""
    cur = target / "curriculum"
    if target.exists():
        shutil.rmtree(target)
    (cur / "lessons").mkdir(parents=True)
    for name in ("config.yml", "framework.yml"):
        shutil.copy(ROOT / "curriculum" / name, cur / name)
    # Every audience must reach CB1 in exactly the competences the synthetic lessons teach, so a clean
    # synthetic curriculum validates without coverage errors and builds.
    required = ", ".join(f'"{c}": CB1' for c in COMPETENCES)
    (cur / "audiences.yml").write_text("audiences:\n" + "".join(
        f"  - {{id: {a}, name: {{vi: Nhóm {a}, en: Group {a}}}, description: {{vi: Mô tả., en: About.}}, "
        f"requires: {{competences: {{{required}}}}}}}\n" for a in AUDIENCES), "utf-8")
    (cur / "courses").mkdir()
    for i in range(n):
        folder = cur / "lessons" / f"lesson-{i:04d}"
        folder.mkdir()
        comp = COMPETENCES[i % len(COMPETENCES)]
        pre = f"[lesson-{i - 1:04d}]" if i % 10 else "[]"
        # TC1: the synthetic body (~700 syllables) is longer than a basic-level lesson may be (lesson-too-wordy).
        (folder / "lesson.yml").write_text(
            f"id: lesson-{i:04d}\ncompetences:\n  - {{id: \"{comp}\", level: TC1}}\n"
            f"audiences: [{', '.join(AUDIENCES)}]\nduration: 30\nprerequisites: {pre}\nreviewed: 2026-11-01\n"
            "sources:\n  - {title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}\n", "utf-8")
        (folder / "quiz.yml").write_text("questions:\n" + "".join(
            f"  - {{id: {q}, type: single, competence: \"{comp}\", level: CB2, choices: [a, b, c], answer: b}}\n"
            for q in ("q1", "q2", "q3")), "utf-8")
        vi_quiz = _quiz_text("vi")
        vi = (f"---\ntitle: Bài học số {i}\nsummary: Tóm tắt bài học số {i}.\nobjectives:\n  - Làm được việc số {i}.\n"
              f"---\n\n{_body('vi', i, n)}")
        (folder / "vi.md").write_text(vi, "utf-8")
        (folder / "quiz.vi.yml").write_text(vi_quiz, "utf-8")
        en = (f"---\ntitle: Lesson number {i}\nsummary: Summary of lesson number {i}.\n"
              f"objectives:\n  - Do task number {i}.\n"
              f"translated_from: {fingerprint(vi, vi_quiz)}\n---\n\n{_body('en', i, n)}")
        (folder / "en.md").write_text(en, "utf-8")
        (folder / "quiz.en.yml").write_text(_quiz_text("en"), "utf-8")
    for aud in AUDIENCES:
        lessons = ", ".join(f"lesson-{i:04d}" for i in range(0, min(n, 20)))
        (cur / "courses" / f"{aud}.yml").write_text(
            f"id: {aud}\naudience: {aud}\nlevel: CB2\ntitle: {{vi: Khóa {aud}, en: Course {aud}}}\n"
            f"lessons: [{lessons}]\n", "utf-8")
    return target
