"""Shared test helpers: a fresh copy of the tiny bilingual fixture for each test that edits it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tiny"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture project (it has curriculum/ and nothing else)."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright, one per test module (skips off CI without chromium)."""
    from tests.browser import launch

    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny fixture built into a real site with the project's templates, served on loopback."""
    from tests.browser import served_fixture_site

    with served_fixture_site(tmp_path_factory.mktemp("site")) as url:
        yield url
