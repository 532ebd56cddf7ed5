"""`scripts/new_lesson.py`: start a lesson folder that the validator accepts as it is.

Every choice an editor makes (id, audiences, competences, level, languages) is checked against the loaded
curriculum before anything is written, with the same kind of message and hint the validator gives. The
files it writes carry guidance comments (YAML comments, HTML comments in Markdown: neither is shown to
learners) and short, real starter sentences. The validator rejects placeholder words such as TODO, so the
starter text is written to be harmless if it stays: general safety advice that suits any lesson.

Translations written here record `translated_from:` with the fingerprint of the source text they were made
with, exactly as `checks/translations.py` computes it, so they start "up to date"; as soon as an editor
changes the source text the validator reports them as out of date, which is the translators' cue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from .commands import commands_of
from .diagnostic import render_summary
from .loader import fingerprint, load_curriculum
from .model import Curriculum, Reference, pick
from .validate import validate_changed

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LANG_PREFIX = re.compile(r"^([a-z]{2,3}(?:-[A-Za-z0-9]+)?)=(.*)$", re.DOTALL)
DEFAULT_DURATION = 20


@dataclass(frozen=True)
class Starter:
    """Starter text in one language. Headings are the standard sections every lesson has."""

    headings: tuple[str, str, str, str]
    guide: str
    see: str
    """Sends the writer to the project's guide for editors, if it has one; takes {guide}."""
    section_guides: tuple[str, str, str, str]
    needs: tuple[str, str]
    """What you need: two list items; the second takes {minutes}."""
    steps: tuple[str, ...]
    example: str
    safety: tuple[str, ...]
    objective: str
    summary: str
    """One sentence shown in lesson lists and search results; written to be replaced (text-starter)."""
    front_comment: str
    question: str
    """Starter question prompt; takes {competence}."""
    stop: tuple[str, str]
    rush: tuple[str, str]
    explanation: str


STARTERS: Mapping[str, Starter] = {
    "vi": Starter(
        headings=("Bạn cần gì", "Các bước", "Ví dụ", "Lưu ý an toàn"),
        guide="Hướng dẫn viết: câu ngắn, từ ngữ quen thuộc, an toàn trước hết. Mỗi phần dưới đây có sẵn vài câu "
              "mở đầu: hãy thay bằng nội dung của bài. Các dòng chú thích như dòng này không hiện cho người học.",
        see="Xem {guide}.",
        section_guides=(
            "Những gì cần chuẩn bị: thiết bị, ứng dụng, giấy tờ, thời gian.",
            "Mỗi bước một việc, đúng thứ tự người học làm. Nói rõ họ thấy gì và bấm vào đâu trên màn hình.",
            "Một câu chuyện ngắn về một người giống người học, làm đúng hoặc tránh được một sai lầm.",
            "Những điều không bao giờ được làm, và phải làm gì ngay nếu có sự cố.",
        ),
        needs=("Điện thoại hoặc máy tính đã sạc pin.", "Khoảng {minutes} phút."),
        steps=("Đọc hết các bước một lần trước khi làm.",
               "Làm lần lượt từng bước, chậm rãi.",
               "Nếu chưa chắc, dừng lại và hỏi người thân hoặc Tổ công nghệ số cộng đồng."),
        example="Bà Lan đọc hết các bước một lần, rồi làm từng bước cùng cháu. Gặp chỗ chưa hiểu, bà dừng lại "
                "và hỏi cháu.",
        safety=("Không bao giờ đưa mật khẩu hay mã OTP cho bất kỳ ai.",
                "Chỉ dùng ứng dụng và trang web chính thức."),
        objective="Tự làm được các bước trong bài một cách an toàn.",
        summary="Bài học ngắn, từng bước, để tự làm một việc trên điện thoại.",
        front_comment="Mục tiêu: 1 đến 3 việc người học tự làm được sau bài, mỗi việc một câu.",
        question="Khi luyện kỹ năng “{competence}”, nếu gặp điều gì lạ hoặc chưa hiểu, bạn nên làm gì?",
        stop=("Dừng lại và hỏi người mình tin cậy",
              "Đúng. Dừng lại để hỏi giúp bạn tránh bấm nhầm và tránh bị lừa."),
        rush=("Bấm tiếp cho nhanh, không cần hỏi ai",
              "Bấm vội dễ nhầm, và kẻ gian hay hối thúc người khác. Hãy dừng lại và hỏi."),
        explanation="Khi chưa chắc chắn, dừng lại và hỏi người mình tin cậy luôn an toàn hơn.",
    ),
    "en": Starter(
        headings=("What you need", "Steps", "Example", "Safety notes"),
        guide="How to write: short sentences, everyday words, safety first. Each section below starts with a few "
              "sentences: replace them with the lesson's own content. Comments like this one are not shown to "
              "learners.",
        see="See {guide}.",
        section_guides=(
            "What to prepare: device, app, papers, time.",
            "One action per step, in the order the learner does it. Say what they see and where they tap.",
            "A short story about someone like the learner, who does it right or avoids a mistake.",
            "What never to do, and what to do at once if something goes wrong.",
        ),
        needs=("A phone or computer with a charged battery.", "About {minutes} minutes."),
        steps=("Read all the steps once before you start.",
               "Do the steps one by one, slowly.",
               "If you are not sure, stop and ask a relative or your Community Digital Technology Team."),
        example="Mrs Lan reads all the steps once, then does them one by one with her grandson. When something is "
                "unclear, she stops and asks him.",
        safety=("Never give your password or OTP code to anyone.",
                "Use only official apps and websites."),
        objective="Do the steps of this lesson safely on your own.",
        summary="A short, step-by-step lesson to do one thing on your phone.",
        front_comment="Objectives: 1 to 3 things the learner can do after the lesson, one sentence each.",
        question="While practising “{competence}”, something looks strange or unclear. What should you do?",
        stop=("Stop and ask someone you trust",
              "Right. Stopping to ask helps you avoid mistakes and scams."),
        rush=("Keep pressing to finish quickly",
              "Rushing leads to mistakes, and scammers like to hurry people. Stop and ask."),
        explanation="When you are not sure, stopping to ask someone you trust is always safer.",
    ),
}


@dataclass(frozen=True)
class LessonSpec:
    """Everything the editor chose. Texts are NFC-normalised on the way in (see `nfc`)."""

    id: str
    titles: Mapping[str, str]
    audiences: tuple[str, ...]
    competences: tuple[tuple[str, str], ...]
    """(competence id, level) pairs."""
    languages: tuple[str, ...]
    duration: int = DEFAULT_DURATION
    prerequisites: tuple[str, ...] = ()
    sources: tuple[Reference, ...] = ()
    reviewed: dt.date = field(default_factory=dt.date.today)


class ScaffoldError(Exception):
    """Choices that cannot make a valid lesson; `problems` lists every one, each with its fix."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def nfc(text: str) -> str:
    # Some keyboards type Vietnamese tone marks as separate characters; the validator rejects that (NFC).
    return unicodedata.normalize("NFC", text).strip()


def _did_you_mean(value: str, known: Sequence[str], what: str, fix: str) -> str:
    near = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"unknown {what} '{value}' ({f'did you mean {near[0]!r}?' if near else fix})"


def default_languages(cur: Curriculum, titles: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The source language, and each language a title was given in: only the source is required (an
    untranslated lesson is published with the source text and a notice), and a translation written from
    generic starter text would only be published as such."""
    src = cur.config.source_language
    return tuple(code for code in cur.config.codes if code in STARTERS and (code == src or code in (titles or {})))


def id_problems(root: Path, cur: Curriculum, lesson_id: str) -> list[str]:
    if not ID_PATTERN.match(lesson_id):
        return [f"lesson id '{lesson_id}' is not valid (use lower-case letters a-z, digits and hyphens, no "
                "diacritics, e.g. nhan-tin-zalo)"]
    folder = root / "curriculum" / "lessons" / lesson_id
    if folder.exists() or cur.lesson(lesson_id) is not None:
        return [f"lesson '{lesson_id}' already exists at curriculum/lessons/{lesson_id}/ (choose another id, or "
                "edit that lesson)"]
    return []


def language_problems(cur: Curriculum, languages: Sequence[str]) -> list[str]:
    problems = []
    codes = cur.config.codes
    for lang in languages:
        if lang not in codes:
            problems.append(_did_you_mean(lang, codes, "language", f"use one of: {', '.join(codes)}"))
        elif lang not in STARTERS:
            problems.append(f"there is no starter text in '{lang}' yet (add one to STARTERS in hocvuso/scaffold.py, "
                            "or leave the language out and translate the lesson later)")
    src = cur.config.source_language
    if src not in languages:
        problems.append(f"the source language '{src}' is needed: translations follow it")
    return problems


def check_spec(root: Path, cur: Curriculum, spec: LessonSpec) -> list[str]:
    """Every problem with the editor's choices, each with how to fix it; empty when the lesson can be made."""
    problems = id_problems(root, cur, spec.id)
    problems += language_problems(cur, spec.languages)
    for lang in spec.languages:
        if not spec.titles.get(lang, "").strip():
            problems.append(f"no title in '{lang}' (give --title {lang}=\"...\")")
    audiences = [a.id for a in cur.audiences]
    if not spec.audiences:
        problems.append(f"no audience (give at least one of: {', '.join(audiences)})")
    for aud in spec.audiences:
        if aud not in audiences:
            problems.append(_did_you_mean(aud, audiences, "audience", f"use one of: {', '.join(audiences)}"))
    comps = [c.id for c in cur.framework.competences]
    levels = [lv.id for lv in cur.framework.levels]
    if not spec.competences:
        problems.append("no competence (give at least one competence code from curriculum/framework.yml, e.g. 4.2)")
    seen: set[str] = set()
    for comp, level in spec.competences:
        if comp not in comps:
            problems.append(_did_you_mean(comp, comps, "competence", "use a code from curriculum/framework.yml"))
        if comp in seen:
            problems.append(f"competence '{comp}' is listed twice")
        seen.add(comp)
        if level not in levels:
            problems.append(_did_you_mean(level, levels, "level", f"use one of: {', '.join(levels)}"))
    limit = cur.config.lesson_minutes
    if not 1 <= spec.duration <= limit:
        problems.append(f"duration {spec.duration} is not between 1 and {limit} minutes (the budget in config.yml)")
    known = [lesson.id for lesson in cur.lessons]
    for pre in spec.prerequisites:
        if pre not in known:
            problems.append(_did_you_mean(pre, known, "prerequisite", "use the id (folder name) of another lesson"))
    for ref in spec.sources:
        if not ref.title.strip() or not re.match(r"^https?://", ref.url):
            problems.append(f"source '{ref.title}' needs a title and an address starting with https://")
    return problems


# --- rendering -----------------------------------------------------------------------------------------

def scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when it reads back unchanged, otherwise double-quoted (JSON is YAML)."""
    try:
        plain_ok = "\n" not in text and yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def question_id(competence: str) -> str:
    return "check-" + re.sub(r"[^a-z0-9]+", "-", competence.lower()).strip("-")


def render_lesson(cur: Curriculum, spec: LessonSpec) -> dict[str, str]:
    """File name → content for the new lesson folder."""
    src = cur.config.source_language
    files = {"lesson.yml": _lesson_yml(cur, spec), "quiz.yml": _quiz_yml(spec)}
    guide = commands_of(cur.root).guide  # CONTRIBUTING.md here, docs/contribute.md in a site of its own
    for lang in spec.languages:
        files[f"{lang}.md"] = _markdown(spec, lang, None, guide)
        files[f"quiz.{lang}.yml"] = _quiz_text(cur, spec, lang)
    # The same fingerprint the loader gives the lesson (source text + source quiz wording, as written).
    stamp = fingerprint(files[f"{src}.md"], files[f"quiz.{src}.yml"])
    for lang in spec.languages:
        if lang != src:
            files[f"{lang}.md"] = _markdown(spec, lang, stamp, guide)
    return files


def _lesson_yml(cur: Curriculum, spec: LessonSpec) -> str:
    sources = spec.sources or cur.framework.references[:1] or (
        Reference("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),)
    lines = [
        "# yaml-language-server: $schema=../../../hocvuso/schemas/lesson.schema.json",
        "# Thông tin chung của bài, dùng cho mọi ngôn ngữ. / Lesson metadata, the same for every language.",
        "# Hướng dẫn / Guide: CONTRIBUTING.md",
        f"id: {spec.id}  # = tên thư mục / the folder name",
        "# Năng lực bài dạy (mã trong curriculum/framework.yml, luôn để trong ngoặc kép) và bậc người học đạt được.",
        "# Competences taught (codes from curriculum/framework.yml, always quoted) and the level reached.",
        "competences:",
        *(f"  - {{id: {json.dumps(comp)}, level: {level}}}" for comp, level in spec.competences),
        "# Bài dành cho ai (id trong curriculum/audiences.yml). / Who the lesson is for (ids from audiences.yml).",
        f"audiences: [{', '.join(spec.audiences)}]",
        "# Số phút người học lần đầu cần. / Minutes a first-time learner needs.",
        f"duration: {spec.duration}",
        "# Bài cần học trước (tên thư mục). / Lessons to take first (folder names).",
        f"prerequisites: [{', '.join(spec.prerequisites)}]",
        "# Ngày bạn kiểm tra các bước với ứng dụng thật. / The day you checked the steps against the real app.",
        f"reviewed: {spec.reviewed.isoformat()}",
        "# Nguồn chính thức của thông tin trong bài: thay hoặc thêm trang bạn đã dùng.",
        "# Official sources of the facts in the lesson: replace or add the pages you used.",
        "sources:",
    ]
    for ref in sources:
        lines += [f"  - title: {scalar(ref.title)}", f"    url: {scalar(ref.url)}"]
    return "\n".join(lines) + "\n"


def _quiz_yml(spec: LessonSpec) -> str:
    lines = [
        "# yaml-language-server: $schema=../../../hocvuso/schemas/quiz.schema.json",
        "# Đáp án nằm ở đây, chung cho mọi ngôn ngữ: bản dịch không thể đổi đáp án đúng.",
        "# The answer key lives here, once for all languages: a translation can never change which answer is right.",
        "# Mỗi năng lực có một câu hỏi mở đầu: hãy thay bằng câu hỏi về một tình huống thật trong bài.",
        "# One starter question per competence: replace it with a question about a real situation in the lesson.",
        "# type: single | multiple | truefalse | order. Lời câu hỏi / wording: quiz.<ngôn ngữ / language>.yml",
        "questions:",
    ]
    for comp, level in spec.competences:
        lines += [
            f"  - id: {question_id(comp)}",
            "    type: single",
            f"    competence: {json.dumps(comp)}",
            f"    level: {level}",
            "    choices: [rush, stop]",
            "    answer: stop",
        ]
    return "\n".join(lines) + "\n"


def _quiz_text(cur: Curriculum, spec: LessonSpec, lang: str) -> str:
    s = STARTERS[lang]
    src = cur.config.source_language
    lines = [
        "# yaml-language-server: $schema=../../../hocvuso/schemas/quiz-text.schema.json",
        "# Lời câu hỏi, theo id trong quiz.yml; mỗi lựa chọn có lời giải thích (feedback).",
        "# Question wording, by the ids in quiz.yml; every choice has feedback saying why it is right or wrong.",
        "questions:",
    ]
    for comp, _level in spec.competences:
        found = cur.framework.competence(comp)
        name = pick(found.name, lang, src) if found else comp
        lines += [
            f"  {question_id(comp)}:",
            f"    prompt: {scalar(s.question.format(competence=name))}",
            "    choices:",
            "      rush:",
            f"        text: {scalar(s.rush[0])}",
            f"        feedback: {scalar(s.rush[1])}",
            "      stop:",
            f"        text: {scalar(s.stop[0])}",
            f"        feedback: {scalar(s.stop[1])}",
            f"    explanation: {scalar(s.explanation)}",
        ]
    return "\n".join(lines) + "\n"


def _markdown(spec: LessonSpec, lang: str, translated_from: str | None, guide: str) -> str:
    s = STARTERS[lang]
    front = [
        "---",
        f"title: {scalar(spec.titles[lang])}",
        f"summary: {scalar(s.summary)}",
        f"# {s.front_comment}",
        "objectives:",
        f"  - {scalar(s.objective)}",
    ]
    if translated_from is not None:
        front.append(f"translated_from: {translated_from}")
    front.append("---")
    sections = [
        [f"- {s.needs[0]}", f"- {s.needs[1].format(minutes=spec.duration)}"],
        [f"{i}. {step}" for i, step in enumerate(s.steps, start=1)],
        [s.example],
        [f"- {item}" for item in s.safety],
    ]
    body = [f"<!-- {s.guide}{' ' + s.see.format(guide=guide) if guide else ''} -->", ""]
    for heading, guide, content in zip(s.headings, s.section_guides, sections, strict=True):
        body += [f"## {heading}", "", f"<!-- {guide} -->", "", *content, ""]
    return "\n".join(front) + "\n\n" + "\n".join(body)


def create_lesson(root: Path, cur: Curriculum, spec: LessonSpec) -> Path:
    """Write the lesson folder; refuses (ScaffoldError) when the choices cannot make a valid lesson."""
    problems = check_spec(root, cur, spec)
    if problems:
        raise ScaffoldError(problems)
    folder = root / "curriculum" / "lessons" / spec.id
    files = render_lesson(cur, spec)
    folder.mkdir(parents=True)  # fails if it appeared meanwhile: never overwrite a lesson
    try:
        for name, content in files.items():
            # newline="\n": the fingerprint above was computed on exactly these characters.
            with open(folder / name, "w", encoding="utf-8", newline="\n") as out:
                out.write(content)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no half-written lesson for the validator to trip on
        raise
    return folder


# --- command line --------------------------------------------------------------------------------------

def _split(values: Sequence[str] | None) -> list[str]:
    """Repeated and comma-separated values: `--audience a,b --audience c` → [a, b, c]."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def parse_titles(values: Sequence[str], cur: Curriculum) -> dict[str, str]:
    """`--title TEXT` is the source-language title; `--title en=TEXT` the title in another language."""
    titles: dict[str, str] = {}
    for value in values:
        match = _LANG_PREFIX.match(value)
        if match and match.group(1) in cur.config.codes:
            titles[match.group(1)] = nfc(match.group(2))
        else:
            titles[cur.config.source_language] = nfc(value)
    return titles


def parse_competences(values: Sequence[str], level: str) -> tuple[tuple[str, str], ...]:
    """`4.2` takes the lesson's --level; `4.2:CB2` gives that competence its own level."""
    result = []
    for value in _split(values):
        comp, _, own = value.partition(":")
        result.append((comp.strip(), own.strip() or level))
    return tuple(result)


class Prompter:
    """Asks for what the flags did not give, again until the answer is valid (interactive mode)."""

    def __init__(self, ask: Callable[[str], str], out: TextIO) -> None:
        self.ask = ask
        self.out = out

    def value(self, question: str, check: Callable[[str], list[str]], default: str = "") -> str:
        while True:
            shown = f"{question} [{default}]: " if default else f"{question}: "
            answer = nfc(self.ask(shown)) or default
            problems = check(answer) if answer else ["please answer (Enter alone works only with a default)"]
            if not problems:
                return answer
            for problem in problems:
                print(f"  ✗ {problem}", file=self.out)


def _build_parser(prog: str = "new_lesson.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Create a new lesson folder (lesson.yml, <lang>.md, quiz.yml, quiz.<lang>.yml) that passes "
                    "the validator. Asks for anything not given as a flag when run in a terminal.",
        epilog=f"Example: {'python scripts/new_lesson.py' if prog == 'new_lesson.py' else prog} --id nhan-tin-zalo "
               "--title 'Nhắn tin bằng Zalo' "
               "--title en='Messaging with Zalo' --audience citizens,older-people --competence 2.1 --level CB1",
    )
    parser.add_argument("--root", default=".", help="project folder that contains curriculum/ (default: .)")
    parser.add_argument("--id", help="lesson id = folder name: lower-case letters, digits, hyphens")
    parser.add_argument("--title", action="append", default=[], metavar="[LANG=]TEXT",
                        help="title in the source language, or in LANG with LANG=TEXT (repeat per language)")
    parser.add_argument("--audience", action="append", metavar="ID[,ID...]", help="audience id(s) (repeatable)")
    parser.add_argument("--competence", action="append", metavar="CODE[:LEVEL][,...]",
                        help="competence code(s) from framework.yml; CODE:LEVEL gives one its own level")
    parser.add_argument("--level", help="level the lesson brings learners to, e.g. CB1")
    parser.add_argument("--languages", metavar="CODE[,CODE...]", help="languages to write (default: all configured)")
    parser.add_argument("--duration", type=int, help=f"minutes a first-time learner needs (default {DEFAULT_DURATION})")
    parser.add_argument("--prerequisite", action="append", metavar="ID[,ID...]", help="lesson(s) to take first")
    parser.add_argument("--source", action="append", nargs=2, metavar=("TITLE", "URL"),
                        help="an official source (default: the competence framework's own source)")
    parser.add_argument("--no-input", action="store_true", help="never ask; fail if something is missing")
    return parser


def _known(known: Sequence[str], what: str) -> Callable[[str], list[str]]:
    """An answer check: every comma-separated value (before any ':LEVEL') must be one of `known`."""
    def check(answer: str) -> list[str]:
        return [_did_you_mean(value, known, what, "use one from the list") for value in
                (part.partition(":")[0].strip() for part in _split([answer])) if value not in known]
    return check


def main(argv: list[str] | None = None, *, ask: Callable[[str], str] = input, out: TextIO | None = None,
         interactive: bool | None = None, prog: str = "new_lesson.py") -> int:
    try:
        return _main(argv, ask=ask, out=out or sys.stdout, interactive=interactive, prog=prog)
    except (EOFError, KeyboardInterrupt):
        # Ctrl-D or Ctrl-C at a question: stop cleanly; nothing has been written before the last question.
        print("\nĐã huỷ, chưa ghi gì. / Cancelled, nothing was written.", file=out or sys.stdout)
        return 130


def _main(argv: list[str] | None, *, ask: Callable[[str], str], out: TextIO, interactive: bool | None,
          prog: str) -> int:
    args = _build_parser(prog).parse_args(argv)
    root = Path(args.root)
    if not (root / "curriculum").is_dir():
        print(f"{root}/curriculum: error: no curriculum folder here (run from the project folder or pass --root)",
              file=sys.stderr)
        return 2
    if interactive is None:
        interactive = sys.stdin.isatty() and not args.no_input
    # The choices are checked against ids, audiences and the framework: every lesson's lesson.yml is enough.
    cur = load_curriculum(root, full_lessons=()).curriculum
    prompt = Prompter(ask, out)
    missing: list[str] = []

    def need(flag: str) -> bool:
        """True if we may ask for it; otherwise remember it is missing."""
        if not interactive:
            missing.append(flag)
        return interactive

    lesson_id = nfc(args.id or "")
    if not lesson_id and need("--id"):
        lesson_id = prompt.value("Mã bài / Lesson id (e.g. nhan-tin-zalo)", lambda v: id_problems(root, cur, v))

    titles = parse_titles(args.title, cur)
    languages = _split([args.languages] if args.languages else [])
    if not languages:
        default = ",".join(default_languages(cur, titles))
        if interactive and len(cur.config.codes) > 1:
            default = prompt.value("Ngôn ngữ / Languages", lambda v: language_problems(cur, _split([v])), default)
        languages = _split([default])

    for language in cur.config.languages:
        lang = language.code
        flag = '--title "..."' if lang == cur.config.source_language else f'--title {lang}="..."'
        if lang in languages and not titles.get(lang) and need(flag):
            titles[lang] = prompt.value(f"Tiêu đề / Title ({language.name})", lambda v: [])

    audiences = _split(args.audience)
    if not audiences and need("--audience"):
        print("Đối tượng / Audiences:", file=out)
        for a in cur.audiences:
            print(f"  {a.id:<26} {pick(a.name, 'vi', 'vi')} / {pick(a.name, 'en', 'vi')}", file=out)
        audiences = _split([prompt.value("Chọn id, cách nhau bằng dấu phẩy / Choose ids, comma-separated",
                                         _known([a.id for a in cur.audiences], "audience"))])

    competences = list(args.competence or [])
    if not competences and need("--competence"):
        print("Năng lực / Competences:", file=out)
        for c in cur.framework.competences:
            print(f"  {c.id:<5} {pick(c.name, 'vi', 'vi')} / {pick(c.name, 'en', 'vi')}", file=out)
        competences = [prompt.value("Chọn mã / Choose codes (e.g. 4.2 or 4.2,2.6)",
                                    _known([c.id for c in cur.framework.competences], "competence"))]

    level = nfc(args.level or "")
    levels = [lv.id for lv in cur.framework.levels]
    # Only needed for competences given without their own level (4.2 rather than 4.2:CB2).
    if not level and (not competences or any(":" not in c for c in _split(competences))) and need("--level"):
        level = prompt.value(f"Bậc / Level ({', '.join(levels)})", _known(levels, "level"), levels[0] if levels else "")

    duration = args.duration
    if duration is None:
        duration = DEFAULT_DURATION
        if interactive:
            duration = int(prompt.value("Số phút / Minutes", lambda v: [] if v.isdigit() else ["give a number"],
                                        str(DEFAULT_DURATION)))

    if missing:
        print(f"{prog}: error: missing " + ", ".join(missing) + " (or run it in a terminal to be asked)",
              file=sys.stderr)
        return 2
    spec = LessonSpec(
        id=lesson_id, titles=titles, audiences=tuple(audiences), competences=parse_competences(competences, level),
        languages=tuple(languages), duration=duration, prerequisites=tuple(_split(args.prerequisite)),
        sources=tuple(Reference(nfc(t), nfc(u)) for t, u in args.source or ()),
    )
    try:
        folder = create_lesson(root, cur, spec)
    except ScaffoldError as exc:
        for problem in exc.problems:
            print(f"{prog}: error: {problem}", file=sys.stderr)
        return 2
    return _report(root, folder, cur, out)


def _report(root: Path, folder: Path, cur: Curriculum, out: TextIO) -> int:
    """What was written, and the validator's verdict on it (warnings named, so nothing is a surprise)."""
    rel = folder.relative_to(root).as_posix()
    print(f"Đã tạo / Created {rel}/: " + ", ".join(sorted(p.name for p in folder.iterdir())), file=out)
    result = validate_changed(root, [str(folder)])
    for d in result.diagnostics:
        print("  " + d.as_text(), file=out)
    print("  " + render_summary(result.diagnostics, result.files_checked), file=out)
    src = cur.config.source_language
    run = commands_of(root)  # `make serve` in this repository, `mkdocs serve` in a site of its own
    vi_guide, en_guide = (f" Hướng dẫn: {run.guide}", f" Guide: {run.guide}") if run.guide else ("", "")
    print(f"Tiếp theo: thay các câu mẫu (cảnh báo text-starter) trong {rel}/{src}.md và quiz.{src}.yml bằng nội dung "
          f"thật, xem trước bằng `{run.serve}`, kiểm tra bằng `{run.validate}`.{vi_guide}\n"
          f"Next: replace the starter sentences (text-starter warnings) in {rel}/{src}.md and quiz.{src}.yml with "
          f"real content, preview with `{run.serve}`, check with `{run.validate}`.{en_guide}", file=out)
    return 0 if result.ok else 1
