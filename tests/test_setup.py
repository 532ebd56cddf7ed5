"""`make serve` on a fresh clone installs what previewing needs and no test tool; `make test` installs those."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TEST_TOOLS = ("pytest", "playwright", "mypy", "hypothesis", "pypdf", "pre-commit")


def fresh_clone(target: Path) -> Path:
    """The tracked files of this checkout, as `git clone` would give them (no .venv, no node_modules)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def installed(project: Path) -> set[str]:
    out = subprocess.run([str(project / ".venv/bin/python"), "-m", "pip", "list", "--format=freeze"],
                         capture_output=True, text=True, check=True).stdout
    return {line.split("==")[0].lower() for line in out.splitlines()}


def test_make_serve_setup_installs_no_test_tools(tmp_path: Path) -> None:
    project = fresh_clone(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    proc = subprocess.run(["bash", "scripts/setup.sh", "serve"], cwd=project, capture_output=True, text=True,
                          env=env, check=False, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    have = installed(project)
    assert {"mkdocs", "mkdocs-material", "mkdocs-static-i18n", "hocvuso"} <= have
    assert not have & set(TEST_TOOLS), sorted(have & set(TEST_TOOLS))
    assert "chromium" not in proc.stdout + proc.stderr  # no browser is asked for, let alone installed
    assert not (project / "node_modules").exists()
    # The preview's own commands work with that alone: the validator, in the curriculum's language.
    validate = subprocess.run([str(project / ".venv/bin/python"), "scripts/validate.py"], cwd=project,
                              capture_output=True, text=True, check=False)
    assert validate.returncode == 0, validate.stdout
    assert "ĐẠT: 0 lỗi" in validate.stdout
    again = subprocess.run(["bash", "scripts/setup.sh", "serve"], cwd=project, capture_output=True, text=True,
                           env=env, check=False)
    assert again.returncode == 0 and again.stdout == ""  # nothing to do the second time


def test_makefile_installs_test_tools_only_for_test() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipes: dict[str, list[str]] = {}
    target = ""
    for line in makefile.splitlines():
        if line and not line.startswith(("\t", "#", " ", ".")) and ":" in line and "=" not in line.split(":")[0]:
            target = line.split(":")[0]
            recipes[target] = []
        elif line.startswith("\t") and target:
            recipes[target].append(line.strip())
    setups = {name: next((r for r in lines if "scripts/setup.sh" in r), "") for name, lines in recipes.items()}
    for name in ("serve", "validate", "lesson", "coverage", "translation-diff"):
        assert setups[name].endswith("scripts/setup.sh serve"), name
    assert setups["test"].endswith("scripts/setup.sh test")
    assert setups["hooks"].endswith("scripts/setup.sh hooks")


def test_make_serve_runs_the_preview_the_tests_measure() -> None:
    from tests.preview import PREVIEW_ARGS, PREVIEW_ENV

    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "\t.venv/bin/mkdocs serve " + " ".join(PREVIEW_ARGS) + "\n" in makefile
    for name, value in PREVIEW_ENV.items():
        assert f"export {name} = {value}" in makefile
