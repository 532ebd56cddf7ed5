"""Applying a golden case's edits to a copy of the fixture. Each case in tests/golden/ is one YAML file:

    description: what goes wrong
    edits:
      - {file: <path under the project>, replace: [old, new]}   # old must occur exactly once
      - {file: ..., write: "new content"}                     # or: write_bytes_hex, delete, symlink_to
    expect: |
      exact validator output, summary line included (English: --lang en)
    expect_vi: |
      the same report in Vietnamese, as editors of a Vietnamese curriculum see it by default
    handouts: true    # optional: the case also prints the handouts, and `expect` has their problems too
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hocvuso.diagnostic import render_diagnostics, sort_diagnostics
from hocvuso.handouts import write_handouts
from hocvuso.validate import validate

HANDOUT_BASE_URL = "https://example.org/"


def report(project: Path, *, handouts: bool = False, lang: str = "en") -> str:
    """What an editor sees: the validator's report, with the problems of printing the handouts if asked
    (as scripts/build_handouts.py does, only when the curriculum is valid)."""
    result = validate(project)
    found = list(result.diagnostics)
    if handouts and result.ok:
        with tempfile.TemporaryDirectory() as out:
            printed = write_handouts(result.loaded.curriculum, out, HANDOUT_BASE_URL)
        found = sort_diagnostics([*found, *printed.diagnostics])
    return render_diagnostics(found, "text", len(result.loaded.curriculum.files), lang=lang) + "\n"


def apply_edits(project: Path, edits: list[dict[str, Any]]) -> None:
    for edit in edits:
        target = project / edit["file"]
        if "replace" in edit:
            old, new = edit["replace"]
            text = target.read_text("utf-8")
            count = text.count(old)
            if count != 1:
                raise AssertionError(f"golden edit: {old!r} occurs {count} times in {edit['file']}, expected once")
            target.write_text(text.replace(old, new), "utf-8")
        elif "write" in edit:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(edit["write"], "utf-8")
        elif "write_bytes_hex" in edit:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes.fromhex(edit["write_bytes_hex"]))
        elif "symlink_to" in edit:
            target.unlink(missing_ok=True)
            target.symlink_to(edit["symlink_to"])
        elif edit.get("delete"):
            target.unlink()
        else:
            raise AssertionError(f"golden edit has no action: {edit}")
