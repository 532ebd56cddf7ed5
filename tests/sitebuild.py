"""Building a real site from a fixture project in a temporary folder, the way `mkdocs build` does."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FIXTURE_NAV = """nav:
  - Trang chủ: index.md
  - Kỹ năng số: learn/skills/index.md
  - Bản đồ bao phủ: learn/coverage/index.md
  - Từ điển thuật ngữ: learn/glossary/index.md
  - Đóng góp: contribute.md
"""


def project_config(*, handouts: bool) -> str:
    """The project's real mkdocs.yml, with the PDF handouts off unless asked for (laying out every PDF costs
    seconds per lesson; tests/test_handouts_site.py checks that `mkdocs build` renders them by default)."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    if not handouts:
        assert "\n  - hocvuso:\n" in text
        text = text.replace("\n  - hocvuso:\n", "\n  - hocvuso:\n      handouts: false\n", 1)
    return text


def write_config(project: Path, *, handouts: bool = False, site_url: str | None = None) -> Path:
    """The project's real mkdocs.yml with only the navigation swapped for the fixture's.

    PDF handouts are off unless asked for (project_config)."""
    text = project_config(handouts=handouts)
    text = text[: text.index("\nnav:")] + "\n" + FIXTURE_NAV
    if site_url:
        text = text.replace("site_url: !ENV [SITE_URL, null]", f"site_url: {site_url}", 1)
    path = project / "mkdocs.yml"
    path.write_text(text, "utf-8")
    return path


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    if not (project / "mkdocs.yml").exists():
        write_config(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=project, capture_output=True,
                          text=True, env=env, check=False, timeout=300)


def tree_hashes(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(skip):
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result
