"""What changed in a lesson's source text since its translation was made.

`hocvuso translation-diff <id> [<language>…]`; in a checkout of this repository also `make translation-diff
LESSON=<id> [TO=<language>]`.

A translation records `translated_from:`, the fingerprint of the source text (lesson and quiz wording) it was
made from. Git history holds every committed version of the source: the newest whose fingerprint matches is
the one the translator read, and a word-by-word diff from it to the current text is exactly what is left to
translate. Nothing is written; the output is for a terminal.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .loader import fingerprint, load_curriculum
from .messages import LANGUAGES, message_language

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class SourceVersion:
    commit: str
    """Abbreviated commit id, or "" when the match is the working copy itself."""
    texts: tuple[str, str]
    """(lesson text, quiz wording) in the source language, as committed."""


def git_show(root: Path, commit: str, path: str) -> str:
    proc = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, check=False)
    return proc.stdout.decode("utf-8-sig", errors="replace") if proc.returncode == 0 else ""


def find_source_version(root: Path, paths: tuple[str, str], wanted: str) -> SourceVersion | None:
    """The newest committed version of the source files whose fingerprint is `wanted`, if any."""
    proc = subprocess.run(["git", "log", "--format=%h", "--", *paths], cwd=root, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        return None
    for commit in proc.stdout.split():
        texts = (git_show(root, commit, paths[0]), git_show(root, commit, paths[1]))
        if fingerprint(*texts) == wanted:
            return SourceVersion(commit, texts)
    return None


def render_word_diff(old: str, new: str) -> list[str]:
    """Changed lines only, each with its line number in the new text: [-removed-] and {+added+} words."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before, after = _TOKEN.findall("".join(old_lines[i1:i2])), _TOKEN.findall("".join(new_lines[j1:j2]))
        parts = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
            if op == "equal":
                parts.append("".join(before[a1:a2]))
                continue
            if a2 > a1 and "".join(before[a1:a2]).strip():
                parts.append(f"[-{''.join(before[a1:a2])}-]")
            if b2 > b1 and "".join(after[b1:b2]).strip():
                parts.append(f"{{+{''.join(after[b1:b2])}+}}")
        out.append(f"{j1 + 1}: " + "".join(parts).rstrip("\n").replace("\n", "\n    "))
    return out


_WORDS = {
    "vi": {
        "no_lesson": "không có bài '{id}'",
        "no_text": "bài '{id}' chưa có bản {lang}: chưa có gì để so",
        "untracked": "{path} không ghi translated_from: không biết bản dịch theo phiên bản nào",
        "current": "{path}: bản dịch đã theo đúng bản gốc hiện tại, không có gì thay đổi",
        "not_found": "{path}: không có phiên bản nào của {src} trong lịch sử git có dấu {fp} "
                     "(bản dịch được làm từ bản chưa commit?): hãy so hai tệp bằng mắt",
        "header": "{path} dịch từ {src} ở commit {commit}; những gì đã đổi ở bản gốc từ đó ([-bỏ-] {{+thêm+}}):",
    },
    "en": {
        "no_lesson": "there is no lesson '{id}'",
        "no_text": "lesson '{id}' has no {lang} text: nothing to compare",
        "untracked": "{path} has no translated_from: which source version it follows is unknown",
        "current": "{path}: the translation follows the current source; nothing changed",
        "not_found": "{path}: no version of {src} in git history has fingerprint {fp} (translated from an "
                     "uncommitted text?): compare the two files by eye",
        "header": "{path} was translated from {src} at commit {commit}; what changed in the source since "
                  "([-removed-] {{+added+}}):",
    },
}


def main(argv: list[str] | None = None, *, prog: str = "translation_diff.py") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("lesson", help="lesson id (its folder name)")
    parser.add_argument("languages", nargs="*", help="translations to compare (default: every translation)")
    parser.add_argument("--root", default=".", help="project folder that contains curriculum/ (default: .)")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the messages")
    args = parser.parse_args(argv)
    root = Path(args.root)
    words = _WORDS[message_language(root, args.lang)]
    cur = load_curriculum(root, full_lessons={args.lesson}).curriculum
    lesson = cur.lesson(args.lesson)
    if lesson is None:
        print(words["no_lesson"].format(id=args.lesson), file=sys.stderr)
        return 2
    src = cur.config.source_language
    paths = (f"{lesson.folder}/{src}.md", f"{lesson.folder}/quiz.{src}.yml")
    current = tuple((root / p).read_text("utf-8-sig") if (root / p).is_file() else "" for p in paths)
    status = 0
    for lang in args.languages or [c for c in cur.config.codes if c != src and c in lesson.texts]:
        text = lesson.texts.get(lang)
        path = f"{lesson.folder}/{lang}.md"
        if text is None:
            print(words["no_text"].format(id=lesson.id, lang=lang))
            status = 1
        elif not text.translated_from:
            print(words["untracked"].format(path=path))
            status = 1
        elif text.translated_from == lesson.fingerprint:
            print(words["current"].format(path=path))
        elif (version := find_source_version(root, paths, text.translated_from)) is None:
            print(words["not_found"].format(path=path, src=paths[0], fp=text.translated_from))
            status = 1
        else:
            print(words["header"].format(path=path, src=paths[0], commit=version.commit))
            for name, old, new in zip(paths, version.texts, current, strict=True):
                changes = render_word_diff(old, new)
                if changes:
                    print(f"--- {name}")
                    print("\n".join(changes))
    return status
