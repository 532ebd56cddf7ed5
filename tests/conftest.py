"""Shared test helpers: a fresh copy of the tiny bilingual fixture for each test that edits it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tiny"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture project (it has curriculum/ and nothing else)."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target
