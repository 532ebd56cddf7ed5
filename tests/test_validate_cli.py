"""scripts/validate.py as editors and CI meet it: exit codes, formats, annotations, summary."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update(env or {})
    if "--lang" not in args:
        args = ("--lang", "en", *args)  # the fixture's source language is Vietnamese: see the tests below
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args],
                          capture_output=True, text=True, env=full_env, check=False)


def break_quiz(project: Path) -> None:
    quiz = project / "curriculum/lessons/hello-phone/quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("answer: hold", "answer: [hold, tap]"), "utf-8")


def test_clean_curriculum_exits_zero(tiny: Path) -> None:
    proc = run("--root", str(tiny))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "OK: 0 errors, 0 warnings in 18 files checked"


def test_error_exits_one_with_file_line_and_summary(tiny: Path) -> None:
    break_quiz(tiny)
    proc = run("--root", str(tiny))
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("curriculum/lessons/hello-phone/quiz.yml:7:13: error [quiz-single-answer] ")
    assert lines[-1] == "FAILED: 1 error, 0 warnings in 18 files checked"
    assert "Traceback" not in proc.stderr


def test_warnings_alone_exit_zero(tiny: Path) -> None:
    en = tiny / "curriculum/lessons/safe-pay/en.md"
    en.write_text(en.read_text("utf-8").replace("translated_from: onccoofglica\n", ""), "utf-8")
    proc = run("--root", str(tiny))
    assert proc.returncode == 0
    assert "warning [translation-untracked]" in proc.stdout


def test_github_annotations_when_running_in_actions(tiny: Path) -> None:
    break_quiz(tiny)
    proc = run("--root", str(tiny), env={"GITHUB_ACTIONS": "true"})
    assert proc.stdout.startswith(
        "::error file=curriculum/lessons/hello-phone/quiz.yml,line=7,col=13::[quiz-single-answer] ")
    assert proc.returncode == 1


def test_json_format_for_tools(tiny: Path) -> None:
    break_quiz(tiny)
    proc = run("--root", str(tiny), "--format", "json")
    data = json.loads(proc.stdout)
    assert data["summary"] == {"errors": 1, "warnings": 0, "files": 18}
    (only,) = data["diagnostics"]
    assert only["rule"] == "quiz-single-answer"
    assert (only["path"], only["line"], only["severity"]) == ("curriculum/lessons/hello-phone/quiz.yml", 7, "error")
    assert only["hint"]


def test_all_problems_are_collected_not_just_the_first(tiny: Path) -> None:
    break_quiz(tiny)
    lesson = tiny / "curriculum/lessons/safe-pay/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace("duration: 15", "duration: [15"), "utf-8")
    (tiny / "curriculum/lessons/hello-phone/en.md").write_text("no front matter\n", "utf-8")
    proc = run("--root", str(tiny))
    rules = {line.split("[")[1].split("]")[0] for line in proc.stdout.splitlines() if "[" in line}
    assert {"quiz-single-answer", "yaml-syntax", "front-matter"} <= rules


def test_missing_curriculum_folder_is_a_clear_error(tmp_path: Path) -> None:
    proc = run("--root", str(tmp_path))
    assert proc.returncode == 2
    assert "no curriculum folder here" in proc.stderr


def test_messages_follow_the_source_language_and_say_what_to_do_next(tiny: Path) -> None:
    break_quiz(tiny)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(tiny)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    first, last = proc.stdout.strip().splitlines()[0], proc.stdout.strip().splitlines()[-1]
    assert first.startswith("curriculum/lessons/hello-phone/quiz.yml:7:13: lỗi [quiz-single-answer] câu hỏi một "
                            "đáp án 'power' có 2 đáp án đúng")
    assert last == "CÓ LỖI: 1 lỗi, 0 cảnh báo trong 18 tệp đã kiểm tra"
    assert "Tiếp theo: sửa từng lỗi" in proc.stderr


def test_the_advice_names_the_commands_of_the_project_it_runs_in(tiny: Path) -> None:
    # A site of its own (what `hocvuso new-site` makes) has no Makefile and no rule table: the package's commands.
    break_quiz(tiny)
    en = tiny / "curriculum/lessons/hello-phone/en.md"
    en.write_text(re.sub(r"translated_from: \w+", "translated_from: aaaaaaaaaaaa", en.read_text("utf-8")), "utf-8")
    own = run("--root", str(tiny))
    assert "run `hocvuso validate` again" in own.stderr and "make" not in own.stderr
    assert "CONTRIBUTING.md" not in own.stderr
    assert "(see: hocvuso translation-diff hello-phone en)" in own.stdout
    # In a checkout of this repository: the Makefile's targets, and the guide with the table of rule ids.
    shutil.copy(ROOT / "Makefile", tiny / "Makefile")
    shutil.copy(ROOT / "CONTRIBUTING.md", tiny / "CONTRIBUTING.md")
    here = run("--root", str(tiny))
    assert "run `make validate` again" in here.stderr and "Rule ids: CONTRIBUTING.md." in here.stderr
    assert "(see: make translation-diff LESSON=hello-phone TO=en)" in here.stdout


def test_many_problems_of_one_cause_are_summed_up(tiny: Path) -> None:
    for n in range(15):
        folder = tiny / f"curriculum/lessons/extra-{n}"
        folder.mkdir()
        for name in ("lesson.yml", "vi.md", "quiz.yml", "quiz.vi.yml", "phone.svg"):
            text = (tiny / "curriculum/lessons/hello-phone" / name).read_text("utf-8")
            (folder / name).write_text(text.replace("id: hello-phone", f"id: extra-{n}"), "utf-8")
    short = run("--root", str(tiny))
    assert short.returncode == 0
    assert short.stdout.count("[translation-missing]") == 11  # ten listed, then one line for the rest
    assert "… and 5 more [translation-missing] (show them all: add --all)" in short.stdout
    assert run("--root", str(tiny), "--all").stdout.count("[translation-missing]") == 15
