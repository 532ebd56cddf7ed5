"""How quiz choices reach the learner: shuffled the same way on every build, in every language and on paper,
and true/false questions worded the author's way ("Có" / "Không")."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import jinja2

from hocvuso.handouts import render_learner_html
from hocvuso.loader import load_curriculum
from hocvuso.model import Question, display_order
from hocvuso.site import load_strings
from hocvuso.themefiles import PACKAGE_THEME
from hocvuso.views import Views
from tests.conftest import ROOT

BASE = "https://hocvuso.example/"


def _question(qid: str, qtype: str = "single", choices: tuple[str, ...] = ("a", "b", "c", "d"),
              answer: tuple[str, ...] = ("a",)) -> Question:
    return Question(id=qid, type=qtype, competence="4.1", level="CB1", choices=choices,  # type: ignore[arg-type]
                    answer=answer, image="", texts={}, source=None)  # type: ignore[arg-type]


def test_order_is_a_permutation_that_does_not_depend_on_the_python_process() -> None:
    q = _question("who-can-ask")
    shown = display_order("khong-chia-se-otp", q)
    assert sorted(shown) == sorted(q.choices)
    # str hashes change with every interpreter run; the order must not.
    code = ("from hocvuso.model import Question, display_order; q = Question(id='who-can-ask', type='single', "
            "competence='4.1', level='CB1', choices=('a','b','c','d'), answer=('a',), image='', texts={}, "
            "source=None); print(','.join(display_order('khong-chia-se-otp', q)))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                             env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
        assert out.stdout.strip() == ",".join(shown)


def test_right_answers_written_first_end_up_spread_over_every_position() -> None:
    # Authors who always put the right answer first: after shuffling, no position may stand out.
    seen = Counter(display_order(f"lesson-{n // 3}", _question(f"q{n}")).index("a") for n in range(400))
    assert sorted(seen) == [0, 1, 2, 3]
    assert all(0.15 <= count / 400 <= 0.35 for count in seen.values()), seen


def test_adding_a_choice_keeps_the_others_in_the_same_relative_order() -> None:
    before = display_order("l", _question("q", choices=("a", "b", "c")))
    after = display_order("l", _question("q", choices=("a", "b", "c", "d")))
    assert [c for c in after if c != "d"] == list(before)


def test_true_false_and_ordering_questions_keep_their_authored_order() -> None:
    assert display_order("l", _question("t", "truefalse", ("true", "false"), ("false",))) == ("true", "false")
    steps = ("type", "check", "read")
    assert display_order("l", _question("o", "order", steps, ("check", "read", "type"))) == steps


def _ids(view: dict[str, object]) -> list[str]:
    return [c["id"] for c in view["choices"]]  # type: ignore[attr-defined]


def test_site_and_printed_quiz_show_the_same_order_in_every_language(tiny: Path) -> None:
    quiz = tiny / "curriculum/lessons/safe-pay/quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("[bank, nobody, me]", "[bank, nobody, me, police]"), "utf-8")
    for lang, text in (("vi", "Công an"), ("en", "The police")):
        wording = tiny / f"curriculum/lessons/safe-pay/quiz.{lang}.yml"
        wording.write_text(wording.read_text("utf-8").replace(
            "    choices:\n", f"    choices:\n      police: {{text: {text}, feedback: x}}\n"), "utf-8")
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("safe-pay")
    assert lesson is not None and lesson.quiz is not None
    (who,) = lesson.quiz.questions
    views = Views(cur)
    expected = list(display_order("safe-pay", who))
    assert expected != list(who.choices)  # this question is really reordered, so the test can see it
    labels = {"vi": {"bank": "Ngân hàng", "nobody": "Không ai khác", "me": "Chỉ mình tôi", "police": "Công an"},
              "en": {"bank": "The bank", "nobody": "Nobody else", "me": "Only me", "police": "The police"}}
    for lang in ("vi", "en"):
        assert _ids(views.question(lesson, who, lang)) == expected
        html = render_learner_html(cur, lesson, lang, BASE)
        positions = [html.index(f">{labels[lang][cid]}</span></li>") for cid in expected]
        assert positions == sorted(positions), lang


def _render_quiz(view: list[dict[str, object]], lang: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_THEME)), autoescape=True)
    t = load_strings(str(PACKAGE_THEME / "strings"), lang, "vi")
    return env.get_template("partials/hv-quiz.html").render(hv={"id": "x", "quiz": view}, t=t)


def test_yes_no_question_shows_the_authors_labels_not_true_and_false(tiny: Path) -> None:
    for lang, yes, no in (("vi", "Có", "Không"), ("en", "Yes", "No")):
        wording = tiny / f"curriculum/lessons/hello-phone/quiz.{lang}.yml"
        wording.write_text(wording.read_text("utf-8") + (
            f"    choices:\n      \"true\": {{text: \"{yes}\", feedback: Good.}}\n"
            f"      \"false\": {{text: \"{no}\", feedback: Not safe.}}\n"), "utf-8")
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("hello-phone")
    assert lesson is not None
    views = Views(cur)
    for lang, yes, no, true_word in (("vi", "Có", "Không", "Đúng"), ("en", "Yes", "No", "True")):
        html = _render_quiz(views.quiz(lesson, lang), lang)
        lock = html[html.index('id="q-hello-phone-lock"'):]
        assert f"<span>{yes}</span>" in lock and f"<span>{no}</span>" in lock
        assert f"<strong>{no}</strong>" in lock  # the answer key names the choice as written
        assert f"<span>{true_word}</span>" not in lock
        printed = render_learner_html(cur, lesson, lang, BASE)
        assert f">{yes}</span></li>" in printed and f">{no}</span></li>" in printed


def test_true_false_question_without_labels_reads_true_and_false_in_each_language(tiny: Path) -> None:
    cur = load_curriculum(tiny).curriculum
    lesson = cur.lesson("hello-phone")
    assert lesson is not None
    for lang, words in (("vi", ("Đúng", "Sai")), ("en", ("True", "False"))):
        html = _render_quiz(Views(cur).quiz(lesson, lang), lang)
        lock = html[html.index('id="q-hello-phone-lock"'):]
        assert all(f"<span>{w}</span>" in lock for w in words), lang
