"""Translators see what changed in the source since their translation, word by word, from git history."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hocvuso.translation_diff import render_word_diff
from tests.conftest import ROOT


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args], cwd=project,
                   check=True, capture_output=True)


def diff(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts/translation_diff.py"), *args, "--root", str(project)],
                          capture_output=True, text=True, check=False)


def test_one_changed_word_is_shown_with_its_line(tiny: Path) -> None:
    git(tiny, "init", "-q")
    git(tiny, "add", ".")
    git(tiny, "commit", "-qm", "lessons")
    vi = tiny / "curriculum/lessons/hello-phone/vi.md"
    vi.write_text(vi.read_text("utf-8").replace("1. Nhấn giữ nút nguồn.", "1. Nhấn giữ nút nguồn ba giây."), "utf-8")
    git(tiny, "commit", "-qam", "one more detail")
    quiz = tiny / "curriculum/lessons/hello-phone/quiz.vi.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("Chạm màn hình", "Chạm nhẹ màn hình"), "utf-8")  # uncommitted

    proc = diff(tiny, "hello-phone", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "curriculum/lessons/hello-phone/en.md was translated from curriculum/lessons/hello-phone/vi.md" in out
    line = next(n for n, text in enumerate(vi.read_text("utf-8").splitlines(), 1) if "ba giây" in text)
    assert f"{line}: 1. Nhấn giữ nút [-nguồn.-]{{+nguồn ba giây.+}}" in out
    assert "--- curriculum/lessons/hello-phone/quiz.vi.yml" in out and "Chạm{+ nhẹ+} màn hình" in out
    assert "Một chiếc điện thoại" not in out  # unchanged lines are not shown

    vietnamese = diff(tiny, "hello-phone").stdout  # the curriculum's source language by default
    assert "dịch từ curriculum/lessons/hello-phone/vi.md ở commit" in vietnamese


def test_up_to_date_and_unknown_versions_are_said_plainly(tiny: Path) -> None:
    git(tiny, "init", "-q")
    git(tiny, "add", ".")
    git(tiny, "commit", "-qm", "lessons")
    assert "nothing changed" in diff(tiny, "safe-pay", "--lang", "en").stdout
    en = tiny / "curriculum/lessons/safe-pay/en.md"
    en.write_text(en.read_text("utf-8").replace("translated_from: onccoofglica", "translated_from: aaaaaaaaaaaa"),
                  "utf-8")
    proc = diff(tiny, "safe-pay", "--lang", "en")
    assert proc.returncode == 1 and "no version of curriculum/lessons/safe-pay/vi.md" in proc.stdout
    assert diff(tiny, "no-such-lesson", "--lang", "en").returncode == 2


def test_word_diff_keeps_unchanged_words() -> None:
    assert render_word_diff("a b c\nsame\n", "a x c\nsame\n") == ["1: a [-b-]{+x+} c"]
