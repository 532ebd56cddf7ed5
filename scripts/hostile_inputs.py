"""The hostile inputs found when this project was attacked on purpose, as edits to a copy of a curriculum.

Each must be refused by the validator (exit 1, a diagnostic with file and line, no traceback) within 10 s
and 1 GB. `scripts/bench_hostile.py` measures time and memory; tests/test_hostile_limits.py runs each under
a 1 GB address-space limit.
"""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LESSON = "curriculum/lessons/safe-pay"
MEMORY_LIMIT = 1 << 30


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IEND", b"")


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = project / rel
        path.write_text(path.read_text("utf-8") + text, "utf-8")
    return edit


def _alias_bomb(project: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(9):
        prev, name = chr(97 + i), chr(98 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (project / LESSON / "quiz.en.yml").write_text("\n".join(lines) + "\n", "utf-8")


def _big_lesson(project: Path) -> None:
    with (project / LESSON / "en.md").open("a", encoding="utf-8") as out:
        out.write(("Every word of this sentence repeats. " * 1000 + "\n") * 1400)  # ~50 MB


def _picture(project: Path) -> None:
    (project / LESSON / "huge.png").write_bytes(_png_header(60000, 60000))
    _append(f"{LESSON}/en.md", "\n![A huge picture](huge.png)\n")(project)


def _svg_script(project: Path) -> None:
    (project / LESSON / "bad.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n', "utf-8")
    _append(f"{LESSON}/en.md", "\n![A drawing](bad.svg)\n")(project)


def _symlink(project: Path) -> None:
    (project / LESSON / "anh.png").symlink_to("/etc/passwd")


@dataclass(frozen=True)
class Hostile:
    name: str
    edit: Callable[[Path], None]


HOSTILE = (
    Hostile("yaml-alias-bomb", _alias_bomb),
    Hostile("lesson-50-mb", _big_lesson),
    Hostile("unclosed-tags-150-kb", _append(f"{LESSON}/en.md", "\n" + "<a " * 50_000 + "\n")),
    Hostile("unclosed-tags-60-kb", _append(f"{LESSON}/en.md", "\n" + "<a " * 20_000 + "\n")),
    Hostile("list-400-deep", _append(f"{LESSON}/en.md", "\n" + "".join("  " * i + "- a\n" for i in range(400)))),
    Hostile("list-150-deep", _append(f"{LESSON}/en.md", "\n" + "".join("  " * i + "- a\n" for i in range(150)))),
    Hostile("quotes-1000-deep", _append(f"{LESSON}/en.md", "\n" + "> " * 1000 + "a\n")),
    Hostile("png-60000-px", _picture),
    Hostile("svg-with-script", _svg_script),
    Hostile("symlink-to-passwd", _symlink),
)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    seconds: float
    peak_mb: float
    output: str


def run_validator(project: Path, root: Path) -> Outcome:
    """The validator's command line on `project`, in a process limited to 1 GB of address space."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run([sys.executable, str(root / "scripts/validate.py"), "--root", str(project)],
                         capture_output=True, text=True, timeout=120, preexec_fn=limit,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return Outcome(run.returncode, seconds, peak, run.stdout + run.stderr)
