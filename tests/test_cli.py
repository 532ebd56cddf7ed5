"""The `hocvuso` command as a user meets it: help in plain words, exit codes, `python -m`, interruptions, and a
new site that validates and builds as it is."""

from __future__ import annotations

import html
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hocvuso.cli import COMMANDS, STOPPED, run_command
from hocvuso.cli.new_site import STARTER
from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build

BIN = Path(sys.executable).parent / "hocvuso"
"""The console script `pip install` wrote next to this interpreter."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8", "GITHUB_ACTIONS": ""}


def hocvuso(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, env=ENV, check=False,
                          timeout=timeout)


def module(name: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", name, *args], cwd=cwd, capture_output=True, text=True, env=ENV,
                          check=False, timeout=120)


# --- help and dispatch ---------------------------------------------------------------------------------------

def test_the_console_script_is_installed_and_lists_every_command(tmp_path: Path) -> None:
    assert BIN.is_file(), "pip install -e . should have written the hocvuso command (pyproject [project.scripts])"
    proc = hocvuso("--help", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("usage: hocvuso [--lang vi|en] COMMAND")
    for name in ("validate", "coverage", "lesson", "handouts", "check-site", "new-site", "translation-diff",
                 "offline", "zim"):
        assert f"\n  {name} " in proc.stdout, name


def test_the_help_speaks_vietnamese_in_a_vietnamese_project_and_on_request(tiny: Path) -> None:
    assert "Các lệnh:" in hocvuso("--help", cwd=tiny).stdout  # the fixture's source language is vi
    assert "Commands:" in hocvuso("--lang", "en", "--help", cwd=tiny).stdout
    assert "Các lệnh:" in hocvuso("--lang=vi", "--help", cwd=ROOT / "tests").stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_own_help(name: str, tmp_path: Path) -> None:
    proc = hocvuso(name, "--help", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: hocvuso {name} ")  # named as typed, not as a script file
    assert ".py" not in proc.stdout.split("\n\n")[0]
    description = proc.stdout.split("\n\n")[1]
    assert len(description.split()) >= 6  # a sentence, not just a name


def test_help_on_a_command_reads_like_git(tmp_path: Path) -> None:
    assert hocvuso("help", "coverage", cwd=tmp_path).stdout == hocvuso("coverage", "--help", cwd=tmp_path).stdout


def test_a_mistyped_command_gets_a_suggestion_and_exit_2(tmp_path: Path) -> None:
    proc = hocvuso("--lang", "en", "valdate", cwd=tmp_path)
    assert proc.returncode == 2
    assert "'valdate' is not a command. Did you mean 'validate'?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_command_shows_the_list_and_fails(tmp_path: Path) -> None:
    proc = hocvuso(cwd=tmp_path)
    assert proc.returncode == 2 and "validate" in proc.stderr and proc.stdout == ""
    assert hocvuso("--nope", cwd=tmp_path).returncode == 2
    assert hocvuso("--lang", "fr", "--help", cwd=tmp_path).returncode == 2


# --- exit codes, the same through every door -------------------------------------------------------------------

def _break(project: Path) -> None:
    lesson = project / "curriculum/lessons/safe-pay/lesson.yml"
    lesson.write_text(lesson.read_text("utf-8").replace("level: CB2", "level: ZZ9"), "utf-8")


def test_validate_exit_codes_are_the_scripts(tiny: Path, tmp_path: Path) -> None:
    doors = [[str(BIN), "validate"], [sys.executable, "-m", "hocvuso", "validate"],
             [sys.executable, "-m", "hocvuso.validate"], [sys.executable, str(ROOT / "scripts/validate.py")]]

    def run(door: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*door, *args], cwd=cwd, capture_output=True, text=True, env=ENV, check=False,
                              timeout=120)

    empty = tmp_path / "empty"
    empty.mkdir()
    for door in doors:
        ok = run(door, "--lang", "en", cwd=tiny)
        assert ok.returncode == 0 and "OK: 0 errors" in ok.stdout, ok.stderr
        missing = run(door, "--lang", "en", cwd=empty)
        assert missing.returncode == 2 and "no curriculum folder here" in missing.stderr
        assert run(door, "--format", "nope", cwd=tiny).returncode == 2  # a usage error, as argparse reports it
    _break(tiny)
    for door in doors:
        failed = run(door, "--lang", "en", cwd=tiny)
        assert failed.returncode == 1 and "FAILED: " in failed.stdout and "[unknown-level]" in failed.stdout


def test_python_m_hocvuso_validate_is_not_a_false_green(tmp_path: Path) -> None:
    """It used to import the module and exit 0 without checking anything."""
    proc = module("hocvuso.validate", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2 and "no curriculum folder here" in proc.stderr
    assert module("hocvuso.validate", "--help", cwd=tmp_path).stdout.startswith("usage: python -m hocvuso.validate")


def test_global_lang_reaches_the_validator(tiny: Path) -> None:
    assert "ĐẠT: 0 lỗi" in hocvuso("--lang", "vi", "validate", cwd=tiny).stdout
    assert "OK: 0 errors" in hocvuso("--lang", "en", "validate", cwd=tiny).stdout
    assert "OK: 0 errors" in hocvuso("--lang", "vi", "validate", "--lang", "en", cwd=tiny).stdout  # its own wins


def test_other_commands_refuse_a_wrong_folder_with_exit_2(tmp_path: Path) -> None:
    for args in (["check-site", str(tmp_path / "nope")], ["offline", str(tmp_path)], ["zim", str(tmp_path)],
                 ["coverage", "--root", str(tmp_path)], ["handouts", "--root", str(tmp_path)],
                 ["lesson", "--root", str(tmp_path), "--no-input"]):
        proc = hocvuso(*args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr + proc.stdout, args


def test_handouts_refuse_a_base_url_without_scheme(tiny: Path) -> None:
    proc = hocvuso("handouts", "--base-url", "example.org", cwd=tiny)
    assert proc.returncode == 2 and "must start with https://" in proc.stderr


# --- interruptions -------------------------------------------------------------------------------------------

def test_an_interrupted_command_says_so_in_one_line() -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    def closed_input() -> int:
        raise EOFError

    assert run_command(interrupted) == 130
    assert run_command(closed_input) == 130


WORKERS = """
import multiprocessing, sys, time
from hocvuso.cli import run_command

def nap(n):
    time.sleep(60)

def work():
    with multiprocessing.get_context("fork").Pool(2) as pool:
        result = pool.map_async(nap, range(4))
        print("ready", flush=True)
        result.get()
    return 0

raise SystemExit(run_command(work))
"""


def test_ctrl_c_with_forked_workers_prints_no_traceback() -> None:
    """The terminal sends Ctrl-C to every process of the command: handouts and large validations fork workers,
    and each would print its own traceback."""
    proc = subprocess.Popen([sys.executable, "-c", WORKERS], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)  # the workers are inside their task
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == STOPPED


def _read(master: int, seconds: float) -> bytes:
    """What the terminal shows within `seconds` (b"" once the command has closed it)."""
    ready, _, _ = select.select([master], [], [], seconds)
    if not ready:
        return b""
    try:
        return os.read(master, 4096)
    except OSError:  # the command ended and closed its side
        return b""


def _at_prompt(args: list[str], cwd: Path, key: bytes) -> tuple[int, str]:
    """Run a command in a terminal, wait for its first question, press `key`."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=ENV, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while b"Lesson id" not in seen and time.monotonic() < deadline:
            seen += _read(master, 1)
        time.sleep(0.5)  # a person reads the question first; the command is now waiting for the answer
        if key == b"\x03":
            os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        else:
            os.write(master, key)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            seen += _read(master, 0.5)
        seen += _read(master, 0.5)
        return proc.wait(timeout=5), seen.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


@pytest.mark.parametrize("key", [b"\x04", b"\x03"], ids=["ctrl-d", "ctrl-c"])
def test_ctrl_c_or_ctrl_d_at_a_question_stops_cleanly(tiny: Path, key: bytes) -> None:
    code, shown = _at_prompt([str(BIN), "lesson"], tiny, key)
    assert code == 130
    assert "nothing was written" in shown and "Traceback" not in shown
    assert sorted(p.name for p in (tiny / "curriculum/lessons").iterdir()) == ["hello-phone", "safe-pay"]


# --- new-site ------------------------------------------------------------------------------------------------

def test_new_site_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    proc = hocvuso("new-site", str(tmp_path))
    assert proc.returncode == 2
    assert "is not empty" in proc.stderr and "nothing was written" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x", "utf-8")
    assert hocvuso("new-site", str(tmp_path / "file")).returncode == 2


def test_new_site_refuses_languages_it_has_no_text_for(tmp_path: Path) -> None:
    for value in ("en", "vi,fr"):
        proc = hocvuso("new-site", str(tmp_path / "s"), "--languages", value)
        assert proc.returncode == 2 and "--languages" in proc.stderr
    assert not (tmp_path / "s").exists()


def test_new_site_starts_on_the_national_framework_of_this_project() -> None:
    """Provinces start on the same framework: the starter's copy is this repository's, byte for byte."""
    shipped = (STARTER / "curriculum/framework.yml").read_bytes()
    assert shipped == (ROOT / "curriculum/framework.yml").read_bytes(), \
        "copy curriculum/framework.yml to hocvuso/starter/curriculum/framework.yml"


def _validate(site: Path) -> subprocess.CompletedProcess[str]:
    return hocvuso("validate", "--lang", "en", "--all", cwd=site)


@pytest.mark.slow
def test_new_site_validates_clean_and_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "tinh-x"
    made = hocvuso("new-site", str(site), "--title", "Học vụ số: tỉnh X", "--title", "en=Digital skills: X",
                   "--site-url", "https://tinh-x.example.org/hoc/", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "mkdocs serve" in made.stdout and "hocvuso validate" in made.stdout
    checked = _validate(site)
    assert checked.returncode == 0 and "OK: 0 errors, 0 warnings" in checked.stdout, checked.stdout
    for needed in ("mkdocs serve", "hocvuso validate"):
        assert needed in (site / "README.md").read_text("utf-8")
    assert (site / ".gitignore").is_file()
    assert (site / "curriculum/lessons").iterdir()
    # A lesson started there says how to go on with that site's own commands (it has no Makefile).
    lesson = hocvuso("lesson", "--id", "mat-khau", "--title", "Mật khẩu", "--title", "en=Passwords",
                     "--audience", "citizens", "--competence", "4.1:CB1", "--no-input", cwd=site)
    assert lesson.returncode == 0, lesson.stdout + lesson.stderr
    assert "preview with `mkdocs serve`, check with `hocvuso validate`" in lesson.stdout
    assert "make " not in lesson.stdout and "CONTRIBUTING.md" not in lesson.stdout
    assert "Guide: docs/contribute.md" in lesson.stdout  # the editors' page the new site has
    assert "Xem docs/contribute.md." in (site / "curriculum/lessons/mat-khau/vi.md").read_text("utf-8")
    shutil.rmtree(site / "curriculum/lessons/mat-khau")  # the build below expects the starter lesson alone
    # No schema hint pointing into this repository's folders.
    assert not any("yaml-language-server" in p.read_text("utf-8") for p in site.rglob("*.yml"))

    built = mkdocs_build(site, "--strict")
    assert built.returncode == 0, built.stderr[-3000:]
    out = site / "site"
    lessons = list((out / "learn/lessons").iterdir())
    assert len(lessons) == 1
    page = (lessons[0] / "index.html").read_text("utf-8")
    assert "Khóa màn hình điện thoại" in page
    assert 'id="q-khoa-man-hinh-good-pin"' in page and "Mã PIN nào tốt nhất" in page  # the quiz, answerable
    english = html.unescape((out / "en/learn/lessons" / lessons[0].name / "index.html").read_text("utf-8"))
    assert "Locking your phone's screen" in english
    assert "Học vụ số: tỉnh X" in (out / "index.html").read_text("utf-8")
    assert "Digital skills: X" in (out / "en/index.html").read_text("utf-8")
    assert (out / "search/index.html").is_file() and (out / "en/search/index.html").is_file()
    assert "https://tinh-x.example.org/hoc/en/" in (out / "sitemap.xml").read_text("utf-8")
    gate = hocvuso("check-site", str(out))
    assert gate.returncode == 0, gate.stdout


@pytest.mark.slow
def test_a_vietnamese_only_site_validates_and_builds(tmp_path: Path) -> None:
    site = tmp_path / "chi-tieng-viet"
    assert hocvuso("new-site", str(site), "--languages", "vi").returncode == 0
    assert not list(site.rglob("*en.*"))
    assert "OK: 0 errors, 0 warnings" in _validate(site).stdout
    built = mkdocs_build(site, "--strict")
    assert built.returncode == 0, built.stderr[-3000:]
    assert not (site / "site/en").exists() and (site / "site/learn/lessons").is_dir()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.mark.slow
def test_handouts_follow_the_sites_mkdocs_yml(tmp_path: Path) -> None:
    """`hocvuso handouts` prints what `mkdocs build` would: QR codes to site_url, the site's own strings."""
    site = tmp_path / "site-with-url"
    assert hocvuso("new-site", str(site), "--site-url", "https://hoc.example.org/x/").returncode == 0
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("# custom_dir: theme", "custom_dir: theme"), "utf-8")
    (site / "theme/strings").mkdir(parents=True)
    (site / "theme/strings/en.yml").write_text("handout_learner: Province X learner sheet\n", "utf-8")
    proc = hocvuso("handouts", "--jobs", "1", cwd=site, timeout=300)
    assert proc.returncode == 0, proc.stderr
    sheet = site / ".cache/handouts/en/lessons/khoa-man-hinh-learner.pdf"
    text = "".join(_pdf_text(sheet).split()).lower()  # the kicker is set in capitals; lines break anywhere
    assert "provincexlearnersheet" in text
    assert "hoc.example.org/x/en/learn/lessons/khoa-man-hinh/" in text

    bare = tmp_path / "site-without-url"
    assert hocvuso("new-site", str(bare)).returncode == 0
    proc = hocvuso("handouts", "--jobs", "1", cwd=bare, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "without QR code" in proc.stderr
    text = _pdf_text(bare / ".cache/handouts/en/lessons/khoa-man-hinh-learner.pdf")
    assert "learnerhandout" in "".join(text.split()).lower()
    assert "learn/lessons/khoa-man-hinh" not in "".join(text.split()) and "scan" not in text


def test_handouts_read_what_mkdocs_reads_from_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hocvuso.cli.siteconfig import SiteConfigError, load_site_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [HV_TEST_SITE_URL, 'https://default.example.org/']\n"
                      "theme: {name: material, custom_dir: my-theme}\n"
                      "markdown_extensions:\n  - toc:\n      slugify: !!python/name:hocvuso.text.slugify\n"
                      "plugins:\n  - search\n  - hocvuso:\n      handouts_dir: out/pdf\n", "utf-8")
    monkeypatch.delenv("HV_TEST_SITE_URL", raising=False)
    site = load_site_config(config)
    assert site.site_url == "https://default.example.org/"
    assert site.custom_dir == tmp_path / "my-theme" and site.handouts_dir == "out/pdf"
    monkeypatch.setenv("HV_TEST_SITE_URL", "https://ci.example.org/x/")
    assert load_site_config(config).site_url == "https://ci.example.org/x/"
    assert load_site_config(tmp_path / "none.yml").site_url == ""
    config.write_text("site_url: [\n", "utf-8")
    with pytest.raises(SiteConfigError, match=r"mkdocs\.yml:2: error: not valid YAML"):
        load_site_config(config)


def test_handouts_report_a_broken_mkdocs_yml_with_its_line(tiny: Path) -> None:
    (tiny / "mkdocs.yml").write_text("site_name: x\ntheme: [\n", "utf-8")
    proc = hocvuso("handouts", cwd=tiny)
    assert proc.returncode == 2 and "mkdocs.yml:3: error: not valid YAML" in proc.stderr
    assert "Traceback" not in proc.stderr
