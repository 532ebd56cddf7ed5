"""A big curriculum is loaded on every core; the report must be exactly the one a single process gives."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from hocvuso import loader, parallel
from hocvuso.diagnostic import render_diagnostics
from hocvuso.validate import validate
from scripts.synthetic import write_synthetic


def break_some(project: Path) -> None:
    lessons = project / "curriculum" / "lessons"
    quiz = lessons / "lesson-0003" / "quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("answer: b}", "answer: z}", 1), "utf-8")
    (lessons / "lesson-0150" / "lesson.yml").write_text("id: lesson-0150\nduration: [\n", "utf-8")
    vi = lessons / "lesson-0201" / "vi.md"
    vi.write_text(vi.read_text("utf-8").replace("## Ví dụ", "#### Ví dụ", 1), "utf-8")


def test_parallel_loading_reports_exactly_what_sequential_loading_does(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = write_synthetic(tmp_path / "big", loader.PARALLEL_FROM + 20)
    break_some(project)
    chunk_counts: list[int] = []
    real = parallel.map_chunks

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        chunk_counts.append(len(result))
        return result

    monkeypatch.setattr(loader, "map_chunks", spy)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # other tests may leave a server thread
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    fast = validate(project)
    assert chunk_counts and chunk_counts[0] > 1, "the parallel path was not taken"

    monkeypatch.setattr(loader, "PARALLEL_FROM", 10**9)
    slow = validate(project)
    files = len(slow.loaded.curriculum.files)
    assert render_diagnostics(fast.diagnostics, "text", files) == render_diagnostics(slow.diagnostics, "text", files)
    rules = {d.rule for d in slow.diagnostics}
    assert {"quiz-unknown-choice", "yaml-syntax", "md-heading-skip"} <= rules
    assert [lesson.id for lesson in fast.loaded.curriculum.lessons] == [
        lesson.id for lesson in slow.loaded.curriculum.lessons]
