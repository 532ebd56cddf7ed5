"""Malformed YAML and Markdown never crash the validator: every problem becomes a diagnostic."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hocvuso.validate import validate
from tests.conftest import FIXTURE

YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}\"'#&*!|>%@`,? \n\t0123456789.đươ")), max_size=200)
_MD_PIECES = st.sampled_from(list("#*_[]()!<>`-|:/\\ \nabcđế\u0301") + [
    "<script>", "](", "![", "---\n", "javascript:", "](../", "<img src=//x>", "## ", "\n\n"])
MARKDOWNISH = st.lists(_MD_PIECES, max_size=80).map("".join)
TARGETS = ["curriculum/lessons/hello-phone/lesson.yml", "curriculum/lessons/hello-phone/quiz.yml",
           "curriculum/lessons/hello-phone/quiz.en.yml", "curriculum/audiences.yml", "curriculum/framework.yml",
           "curriculum/courses/basics.yml", "curriculum/config.yml", "curriculum/glossary/vi.yml"]

_PROJECT = Path(tempfile.mkdtemp(prefix="fuzz-")) / "project"
shutil.copytree(FIXTURE, _PROJECT)


def _check(rel: str, content: str | bytes) -> None:
    target = _PROJECT / rel
    original = target.read_bytes()
    try:
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8")
        result = validate(_PROJECT)
        for d in result.diagnostics:
            assert d.path and d.line >= 1 and d.col >= 1 and d.rule and d.message
    finally:
        target.write_bytes(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TARGETS), YAMLISH)
def test_malformed_yaml_never_crashes(rel: str, content: str) -> None:
    _check(rel, content)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TARGETS), st.binary(max_size=80))
def test_arbitrary_bytes_never_crash(rel: str, content: bytes) -> None:
    _check(rel, content)


@settings(max_examples=150, deadline=None)
@given(MARKDOWNISH)
def test_malformed_markdown_never_crashes(body: str) -> None:
    _check("curriculum/lessons/hello-phone/vi.md", "---\ntitle: T\nobjectives: [x]\n---\n" + body)
    _check("curriculum/lessons/safe-pay/en.md", body)
