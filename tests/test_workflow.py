"""The editors' workflow: the lesson scaffold, the incremental validator of the commit hook, CI and the guide."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hocvuso import loader, parallel
from hocvuso.diagnostic import Diagnostic, render_diagnostics
from hocvuso.incremental import plan_changes
from hocvuso.loader import fingerprint, load_curriculum
from hocvuso.scaffold import STARTERS, scalar
from hocvuso.scaffold import main as new_lesson
from hocvuso.validate import validate, validate_changed
from scripts import update_contributing
from scripts.synthetic import write_synthetic
from tests.conftest import ROOT
from tests.golden_cases import apply_edits

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.yml"))
FLAGS = ["--title", "Nhắn tin an toàn", "--title", "en=Messaging safely", "--audience", "citizens,older-people",
         "--competence", "4.1", "--competence", "4.2:CB2", "--level", "CB1", "--no-input"]


def scaffold(root: Path, *args: str, ask: Any = None) -> tuple[int, str]:
    out = io.StringIO()
    code = new_lesson(["--root", str(root), *args], out=out, interactive=ask is not None,
                      ask=ask or (lambda q: pytest.fail(f"asked {q!r} without a terminal")))
    return code, out.getvalue()


def real_project(tmp_path: Path) -> Path:
    project = tmp_path / "real"
    shutil.copytree(ROOT / "curriculum", project / "curriculum")
    return project


# --- the scaffold ------------------------------------------------------------------------------------------

def _not_starter(diagnostics: Any) -> list[str]:
    return [d.as_text() for d in diagnostics if d.rule != "text-starter"]


def test_scaffolded_lesson_passes_the_validator_and_names_its_starter_text(tiny: Path) -> None:
    code, out = scaffold(tiny, "--id", "nhan-tin", *FLAGS)
    assert code == 0, out
    folder = tiny / "curriculum/lessons/nhan-tin"
    assert sorted(p.name for p in folder.iterdir()) == [
        "en.md", "lesson.yml", "quiz.en.yml", "quiz.vi.yml", "quiz.yml", "vi.md"]
    result = validate(tiny)
    assert _not_starter(result.diagnostics) == []
    # Until the editor replaces them, the starter sentences are reported where they are, in every language.
    starters = {(d.path, d.line) for d in result.diagnostics if d.rule == "text-starter"}
    assert {path for path, _ in starters} == {f"curriculum/lessons/nhan-tin/{lang}.md" for lang in ("vi", "en")}
    for path, line in starters:
        written = (tiny / path).read_text("utf-8").splitlines()[line - 1]
        assert any(sentence in written for s in STARTERS.values()
                   for sentence in (*s.steps, s.example, s.objective, s.summary))
    assert f"OK: 0 errors, {len(starters)} warnings" in out  # the scaffold shows the validator's verdict itself

    lesson = result.loaded.curriculum.lesson("nhan-tin")
    assert lesson is not None and lesson.quiz is not None
    assert lesson.texts["en"].translated_from == lesson.fingerprint  # up to date: no "untracked" warning
    assert [(t.competence, t.level) for t in lesson.competences] == [("4.1", "CB1"), ("4.2", "CB2")]
    assert [(q.competence, q.level) for q in lesson.quiz.questions] == [("4.1", "CB1"), ("4.2", "CB2")]
    assert lesson.texts["vi"].title == "Nhắn tin an toàn" and lesson.texts["en"].title == "Messaging safely"


def test_scaffold_writes_the_standard_sections_and_guidance(tiny: Path) -> None:
    scaffold(tiny, "--id", "nhan-tin", *FLAGS)
    folder = tiny / "curriculum/lessons/nhan-tin"
    for lang in ("vi", "en"):
        text = (folder / f"{lang}.md").read_text("utf-8")
        headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
        assert headings == list(STARTERS[lang].headings)
        assert text.count("<!--") == 5  # one overall, one per section: HTML comments, never shown
    assert re.findall(r"^## (.+)$", (folder / "vi.md").read_text("utf-8"), re.MULTILINE) == [
        "Bạn cần gì", "Các bước", "Ví dụ", "Lưu ý an toàn"]
    for name in ("lesson.yml", "quiz.yml", "quiz.vi.yml", "quiz.en.yml"):
        assert (folder / name).read_text("utf-8").startswith("# yaml-language-server: $schema=")


def test_scaffolded_lesson_passes_on_the_real_curriculum(tmp_path: Path) -> None:
    project = real_project(tmp_path)
    code, out = scaffold(project, "--id", "goi-dien-video", "--title", "Gọi điện video: dễ thôi",
                         "--title", 'en=Video calls, "the easy way"', "--audience", "citizens",
                         "--audience", "older-people", "--competence", "2.1,0.1", "--level", "CB1",
                         "--prerequisite", "lam-quen-dien-thoai", "--duration", "25", "--no-input")
    assert code == 0, out
    assert _not_starter(validate(project).diagnostics) == []


def test_scaffold_writes_only_the_source_language_unless_asked(tiny: Path) -> None:
    code, out = scaffold(tiny, "--id", "chi-tieng-viet", "--title", "Chỉ tiếng Việt", "--audience", "citizens",
                         "--competence", "4.1", "--level", "CB1", "--no-input")
    assert code == 0, out
    folder = tiny / "curriculum/lessons/chi-tieng-viet"
    assert sorted(p.name for p in folder.iterdir()) == ["lesson.yml", "quiz.vi.yml", "quiz.yml", "vi.md"]
    rules = {d.rule for d in validate(tiny).diagnostics}
    assert rules == {"text-starter", "translation-missing"}  # warnings: the lesson can land as it is


def test_ctrl_d_at_a_question_exits_cleanly(tiny: Path) -> None:
    def ask(question: str) -> str:
        raise EOFError

    code, out = scaffold(tiny, ask=ask)
    assert code == 130
    assert "Cancelled, nothing was written." in out
    assert sorted(p.name for p in (tiny / "curriculum/lessons").iterdir()) == ["hello-phone", "safe-pay"]


def test_make_lesson_passes_flags_through(tiny: Path) -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert ".venv/bin/python scripts/new_lesson.py $(ARGS)" in makefile


def test_scaffold_translation_fingerprint_is_the_loaders(tiny: Path) -> None:
    scaffold(tiny, "--id", "nhan-tin", *FLAGS)
    folder = tiny / "curriculum/lessons/nhan-tin"
    expected = fingerprint((folder / "vi.md").read_text("utf-8"), (folder / "quiz.vi.yml").read_text("utf-8"))
    assert f"translated_from: {expected}\n" in (folder / "en.md").read_text("utf-8")
    # Editing the source makes the translation out of date: the translators' cue.
    vi = folder / "vi.md"
    vi.write_text(vi.read_text("utf-8").replace("Khoảng 20 phút.", "Khoảng 25 phút."), "utf-8")
    assert [d.rule for d in validate(tiny).diagnostics if d.rule != "text-starter"] == ["translation-outdated"]


def test_scaffold_refuses_an_existing_id(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tiny / "curriculum/lessons/safe-pay"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _ = scaffold(tiny, "--id", "safe-pay", *FLAGS)
    assert code == 2
    assert "lesson 'safe-pay' already exists at curriculum/lessons/safe-pay/" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_scaffold_names_every_wrong_choice_and_writes_nothing(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = scaffold(tiny, "--id", "Nhắn-Tin", "--title", "x", "--title", "en=y", "--audience", "citizen",
                       "--competence", "4.3", "--level", "CB3", "--languages", "vi,fr", "--no-input")
    assert code == 2
    err = capsys.readouterr().err
    assert "lesson id 'Nhắn-Tin' is not valid" in err
    assert "unknown audience 'citizen' (did you mean 'citizens'?)" in err
    assert re.search(r"unknown competence '4\.3' \(did you mean '4\.[12]'\?\)", err)
    assert re.search(r"unknown level 'CB3' \(did you mean 'CB[12]'\?\)", err)
    assert "unknown language 'fr'" in err
    assert sorted(p.name for p in (tiny / "curriculum/lessons").iterdir()) == ["hello-phone", "safe-pay"]


@pytest.mark.parametrize("required", [False, True])
def test_a_configured_language_without_starter_text(tiny: Path, required: bool,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config = tiny / "curriculum/config.yml"
    config.write_text(config.read_text("utf-8").replace(
        "repository:", f"  - {{code: km, name: Khmer, required: {str(required).lower()}}}\nrepository:"), "utf-8")
    code, out = scaffold(tiny, "--id", "nhan-tin", *FLAGS)
    # Only the source language is required (`required:` in config.yml no longer blocks a lesson): written in vi
    # and en; the missing translation is a warning, shown to the editor.
    assert code == 0
    assert "curriculum/lessons/nhan-tin/lesson.yml:1:1: warning [translation-missing] lesson 'nhan-tin' has no " \
           "Khmer (km) translation" in out
    assert "curriculum/glossary/km.yml:1:1: warning [translation-missing] there is no Khmer glossary" in out
    assert "OK: 0 errors, " in out  # the glossary is a shared file: always in the report


def test_scaffold_without_a_terminal_lists_the_missing_flags(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = scaffold(tiny, "--id", "nhan-tin", "--no-input")
    assert code == 2
    assert "missing --title \"...\", --audience, --competence, --level" in capsys.readouterr().err


def test_scaffold_asks_again_until_an_answer_is_valid(tiny: Path) -> None:
    answers = iter(["safe-pay", "nhan-tin", "", "Nhắn tin", "Messaging", "citizen", "citizens", "4.9", "4.2",
                    "CB7", "CB2", ""])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    code, out = scaffold(tiny, ask=ask)
    assert code == 0, out
    assert "already exists" in out and "did you mean 'citizens'?" in out and "unknown level 'CB7'" in out
    assert len(asked) == 12
    lesson = validate(tiny).loaded.curriculum.lesson("nhan-tin")
    assert lesson is not None and [(t.competence, t.level) for t in lesson.competences] == [("4.2", "CB2")]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")), min_size=1))
def test_scaffold_writes_any_title_as_yaml_that_reads_back(title: str) -> None:
    assert yaml.safe_load(f"title: {scalar(title)}") == {"title": title}


# --- the incremental validator ---------------------------------------------------------------------------

def _changed_sets(project: Path, edits: list[dict[str, Any]]) -> list[list[str]]:
    lessons = sorted(d.name for d in (project / "curriculum/lessons").iterdir() if d.is_dir())
    return [[str(project / "curriculum/lessons" / name / "lesson.yml")] for name in lessons] + [
        [str(project / edit["file"]) for edit in edits]]


@pytest.mark.parametrize("case", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_incremental_report_is_the_full_report_within_its_scope(case: Path, tiny: Path) -> None:
    """Every golden case, with each lesson (and the case's own edits) as the change: the same diagnostics."""
    spec = yaml.safe_load(case.read_text("utf-8"))
    apply_edits(tiny, spec["edits"])
    full = validate(tiny).diagnostics
    for changed in _changed_sets(tiny, spec["edits"]):
        plan = plan_changes(tiny, changed)
        expected = full if plan.scope is None else [d for d in full if plan.scope.covers(d)]
        assert validate_changed(tiny, changed).diagnostics == expected, changed


BROKEN_SAFE_PAY = [
    {"file": "curriculum/lessons/safe-pay/en.md", "replace": ["(#steps)", "(../hello-phone/#step)"]},
    {"file": "curriculum/lessons/safe-pay/quiz.yml", "replace": ["answer: [nobody, me]", "answer: [nobody, you]"]},
    {"file": "curriculum/lessons/hello-phone/vi.md", "replace": ["## Các bước", "#### Các bước"]},
]
GOLDEN_CHANGED_SAFE_PAY = """\
curriculum/lessons/safe-pay/en.md:15:1: error [md-broken-anchor] link to '../hello-phone/#step', but that lesson has \
no heading '#step' (anchors there: steps, what-you-need)
curriculum/lessons/safe-pay/quiz.yml:7:13: error [quiz-unknown-choice] answer 'you' of question 'who' is not one of \
its choices (use one of: bank, nobody, me)
FAILED: 2 errors, 0 warnings in 12 files checked
"""


def test_changed_lesson_report_golden(tiny: Path) -> None:
    """An injected error in safe-pay, another in hello-phone: the hook reports safe-pay's, as a full run does."""
    apply_edits(tiny, BROKEN_SAFE_PAY)
    result = validate_changed(tiny, [str(tiny / "curriculum/lessons/safe-pay/en.md")])
    out = render_diagnostics(result.diagnostics, "text", result.files_checked) + "\n"
    assert out == GOLDEN_CHANGED_SAFE_PAY
    full = validate(tiny).diagnostics
    assert {d.rule for d in full} == {"md-broken-anchor", "quiz-unknown-choice", "md-heading-skip",
                                      "translation-outdated"}  # the last two in hello-phone
    assert result.diagnostics == [d for d in full if d.path.startswith("curriculum/lessons/safe-pay/")]


def run_validate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--lang", "en", *args], cwd=project,
                          capture_output=True, text=True, env=env, check=False)


def test_changed_on_the_command_line(tiny: Path) -> None:
    apply_edits(tiny, BROKEN_SAFE_PAY)
    proc = run_validate(tiny, "--changed", "curriculum/lessons/safe-pay/en.md", "curriculum/lessons/safe-pay/vi.md")
    assert proc.returncode == 1
    assert proc.stdout == GOLDEN_CHANGED_SAFE_PAY
    clean = run_validate(tiny, "--changed", "README.md")  # nothing in the curriculum: nothing to check
    assert (clean.returncode, clean.stdout) == (0, "OK: 0 errors, 0 warnings in 0 files checked\n")


def test_shared_files_and_deleted_lessons_check_everything(tiny: Path) -> None:
    config = tiny / "curriculum/config.yml"
    proc = run_validate(tiny, "--changed", str(config))
    assert "curriculum/config.yml is shared by every lesson: checking the whole curriculum" in proc.stderr
    assert proc.stdout == run_validate(tiny).stdout
    shutil.rmtree(tiny / "curriculum/lessons/hello-phone")
    plan = plan_changes(tiny, [str(tiny / "curriculum/lessons/hello-phone/vi.md")])
    assert plan.scope is None and "is gone" in plan.full_reason
    courses = plan_changes(tiny, [str(tiny / "curriculum/courses/basics.yml")])
    assert courses.scope is not None and courses.scope.lessons == frozenset()


def test_cycle_closed_by_the_changed_lesson_is_reported_wherever_it_lives(tiny: Path) -> None:
    # hello-phone ↔ safe-pay: reported once, on hello-phone (alphabetically first), but safe-pay closed it.
    apply_edits(tiny, [{"file": "curriculum/lessons/hello-phone/lesson.yml",
                        "replace": ["prerequisites: []", "prerequisites: [safe-pay]"]}])
    result = validate_changed(tiny, [str(tiny / "curriculum/lessons/safe-pay/lesson.yml")])
    assert [(d.path, d.rule) for d in result.diagnostics] == [
        ("curriculum/courses/basics.yml", "course-order"),  # shared files are always checked
        ("curriculum/lessons/hello-phone/lesson.yml", "prerequisite-cycle")]


def test_incremental_matches_full_on_a_big_curriculum_loaded_in_parallel(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the parallel threshold the unchanged lessons are read on every core, metadata only."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # other tests may leave a server thread
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    project = write_synthetic(tmp_path / "big", loader.PARALLEL_FROM + 40)
    lessons = project / "curriculum/lessons"
    apply_edits(project, [
        {"file": "curriculum/lessons/lesson-0101/quiz.yml", "replace": ["answer: b}\n  - {id: q2",
                                                                                "answer: z}\n  - {id: q2"]},
        {"file": "curriculum/lessons/lesson-0101/vi.md", "replace": ["## Ví dụ", "#### Ví dụ"]},
        {"file": "curriculum/lessons/lesson-0101/en.md", "replace": ["#steps", "#stepz"]},
        {"file": "curriculum/lessons/lesson-0150/lesson.yml", "replace": ["duration: 30", "duration: [30"]},
        # lesson-0100 ← lesson-0101 already; closing the loop from lesson-0101 puts the cycle on lesson-0100.
        {"file": "curriculum/lessons/lesson-0100/lesson.yml", "replace": ["prerequisites: []",
                                                                          "prerequisites: [lesson-0101]"]},
    ])
    full = validate(project).diagnostics
    changed = [str(lessons / "lesson-0101" / "vi.md")]
    plan = plan_changes(project, changed)
    assert plan.scope is not None
    result = validate_changed(project, changed)
    assert result.diagnostics == [d for d in full if plan.scope.covers(d)]
    assert {d.rule for d in result.diagnostics} == {"quiz-unknown-choice", "md-heading-skip", "md-broken-anchor",
                                                    "translation-outdated", "prerequisite-cycle"}
    assert result.loaded.metadata_only  # the other lessons' texts were never read
    assert "lesson-0150" not in {d.path.split("/")[2] for d in result.diagnostics}


# --- CI, the commit hook and the guide -------------------------------------------------------------------

def _make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w-]*):", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE))


def _check_command(line: str, guarded: set[str]) -> list[str]:
    """Problems with one shell command line: unknown make targets, scripts that do not exist."""
    problems = []
    words = shlex.split(line, comments=True)
    for i, word in enumerate(words):
        if word == "make":
            targets = [w for w in words[i + 1:] if not w.startswith("-") and "=" not in w]  # VAR=value: not a target
            problems += [f"make target '{t}' is not in the Makefile" for t in targets if t not in _make_targets()]
        if re.match(r"^(\./)?(scripts|\.ci|tests)/\S+$", word) or word.startswith(".venv/bin/"):
            path = word.removeprefix("./")
            exists = (ROOT / path).exists() or (path.startswith(".venv/bin/") and path.split("/")[-1] in (
                "python", "ruff", "mypy", "mkdocs", "pre-commit", "pytest"))
            if not exists and path not in guarded:
                problems.append(f"'{path}' does not exist")
    return problems


def _run_problems(script: str) -> list[str]:
    # A step may run a script that another change brings, if it says so: `if [ -f scripts/x.py ]; then ...`.
    guarded = set(re.findall(r"\[\s+-f\s+(\S+)\s+\]", script))
    problems = []
    for raw in script.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line in ("fi", "else", "then") or line.startswith("if ["):
            continue
        if line.startswith("echo "):
            continue
        problems += _check_command(line, guarded)
    return problems


def test_ci_workflow_is_valid_and_runs_only_what_exists() -> None:
    data = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text("utf-8"))
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step for job in data["jobs"].values() for step in job.get("steps", [])]
    runs = [step["run"] for step in steps if "run" in step]
    problems = [p for run in runs for p in _run_problems(run)]
    assert problems == []
    commands = "\n".join(runs)
    for needed in ("make validate", "make test", "make build", "scripts/check_budget.py"):
        assert needed in commands
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert {"actions/checkout", "actions/upload-artifact", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= uses
    deploy = data["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_checker_catches_what_does_not_exist() -> None:
    assert _run_problems("make tset") == ["make target 'tset' is not in the Makefile"]
    assert _run_problems(".venv/bin/python scripts/nope.py") == ["'scripts/nope.py' does not exist"]
    assert _run_problems("if [ -f scripts/nope.py ]; then\n  .venv/bin/python scripts/nope.py\nfi") == []


def test_pre_commit_hooks_run_existing_commands() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"validate-curriculum", "ruff"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert _check_command(hook["entry"], set()) == []
    assert hooks["validate-curriculum"]["entry"] == ".venv/bin/python scripts/validate.py --changed"
    assert re.match(hooks["validate-curriculum"]["files"], "curriculum/lessons/x/vi.md")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if pre_commit.exists():
        proc = subprocess.run([str(pre_commit), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pull_request_template_is_bilingual() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text("utf-8")
    assert "- [ ]" in text and "validate.py" in text and "translated_from" in text
    assert "Kiểm tra" in text and "Checklist" in text


def test_contributing_lists_every_rule() -> None:
    assert update_contributing.main(["--check"]) == 0, "run: python scripts/update_contributing.py"


def _guide_files() -> dict[str, str]:
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"^```\w+ file=(\S+)\n(.*?)^```$", guide,
                                                         re.MULTILINE | re.DOTALL)}


def test_contributing_example_is_a_valid_lesson(tmp_path: Path) -> None:
    project = real_project(tmp_path)
    files = _guide_files()
    assert {Path(name).name for name in files} == {"lesson.yml", "vi.md", "en.md", "quiz.yml", "quiz.vi.yml",
                                                   "quiz.en.yml"}
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, "utf-8")
    assert [d.as_text() for d in validate(project).diagnostics] == []


def test_contributing_explains_the_message_format() -> None:
    """The guide's example messages, in both languages, are what the validator prints for that problem."""
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    examples = re.findall(r"^```text\n(.+)\n```$", guide, re.MULTILINE)
    assert len(examples) == 2
    english = next(line for line in examples if ": error [" in line)
    d = Diagnostic("curriculum/lessons/safe-pay/quiz.yml", 7, 13, *_error_parts(english))
    assert d.as_text() == english
    assert d.as_text("vi") in examples  # the Vietnamese section shows the same message in Vietnamese
    assert "path:line:col: severity [rule-id] message (hint)" in guide
    for needed in ("make serve", "translated_from", "scripts/new_lesson.py", "## Bạn cần gì", "## Safety notes"):
        assert needed in guide


def test_contributing_commands_work_as_written() -> None:
    """Every command in the guide's shell blocks names a make target, script or file that exists."""
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```$", guide, re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 4
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert [p for line in lines for p in _check_command(line, set())] == []
    for needed in ("git clone", "git switch -c", "make serve", "make validate", "make hooks", "git commit", "git push"):
        assert sum(needed in line for line in lines) == 2, needed  # once in Vietnamese, once in English
    assert "make translation-diff LESSON=" in guide and "Ctrl-D" in guide
    for words in (("lỗi", "cảnh báo", "không chặn"), ("Errors block, warnings never do",)):
        assert all(w in guide for w in words)


def _error_parts(line: str) -> tuple[Any, str, str, str]:
    from hocvuso.diagnostic import Severity

    match = re.match(r"^\S+: (error|warning) \[([a-z-]+)\] (.+?) \((.+)\)$", line)
    assert match is not None
    return Severity(match.group(1)), match.group(2), match.group(3), match.group(4)


def test_metadata_only_loading_keeps_every_lesson_id(tiny: Path) -> None:
    loaded = load_curriculum(tiny, full_lessons=())
    assert [lesson.id for lesson in loaded.curriculum.lessons] == ["hello-phone", "safe-pay"]
    assert loaded.metadata_only == frozenset({"hello-phone", "safe-pay"})
    assert all(not lesson.texts for lesson in loaded.curriculum.lessons)
