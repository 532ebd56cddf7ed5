"""Each hostile input found when this project was attacked on purpose is refused by the validator's command
line within 1 GB of address space: exit 1, a diagnostic with file and line, never a traceback.
(Times are measured by scripts/bench_hostile.py, not asserted here.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.hostile_inputs import HOSTILE, Hostile, run_validator
from tests.conftest import FIXTURE, ROOT


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_input_is_refused_within_one_gigabyte(tmp_path: Path, case: Hostile) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    case.edit(project)
    outcome = run_validator(project, ROOT)
    assert outcome.exit_code == 1, outcome.output[-1500:]
    assert "Traceback" not in outcome.output and "MemoryError" not in outcome.output
    assert re.search(r"^curriculum/\S+:\d+:\d+: (error|lỗi) \[[a-z-]+\]", outcome.output, re.MULTILINE), outcome.output
