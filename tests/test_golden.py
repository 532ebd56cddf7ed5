"""Golden cases: each file in tests/golden/ breaks the tiny fixture one way and pins the exact report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hocvuso.rules import RULES
from hocvuso.validate import validate
from tests.golden_cases import apply_edits, report

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.yml"))
RULE_IN_OUTPUT = re.compile(r"^\S+:\d+:\d+: (?:error|warning) \[([a-z0-9-]+)\]", re.MULTILINE)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def test_fixture_is_clean(tiny: Path) -> None:
    result = validate(tiny)
    assert result.diagnostics == []
    assert result.ok


@pytest.mark.parametrize("case", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(case: Path, tiny: Path) -> None:
    spec = _load(case)
    apply_edits(tiny, spec["edits"])
    assert report(tiny, handouts=spec.get("handouts", False)) == spec["expect"], spec["description"]
    assert report(tiny, handouts=spec.get("handouts", False), lang="vi") == spec["expect_vi"], spec["description"]


def test_every_rule_has_a_golden_case() -> None:
    seen = {rule for case in GOLDEN for rule in RULE_IN_OUTPUT.findall(_load(case)["expect"])}
    assert seen <= set(RULES), f"rules missing from the catalogue: {sorted(seen - set(RULES))}"
    assert set(RULES) <= seen, f"rules without a golden case: {sorted(set(RULES) - seen)}"


def test_every_rule_in_the_code_is_catalogued() -> None:
    # Rule ids are the third argument of error()/warning(), or the first of the (rule, message, hint) tuples.
    code = "\n".join(p.read_text("utf-8") for p in Path("hocvuso").rglob("*.py"))
    used = set(re.findall(r'(?:error|warning|severity)\([^()]*?,\s*[^,()]*?,\s*"([a-z][a-z0-9-]+)"', code, re.DOTALL))
    used |= set(re.findall(r'yield\s+\(?"([a-z]+-[a-z0-9-]+)",', code))
    used |= set(re.findall(r'f"unknown-\{kind\}"', code)) and {f"unknown-{k}" for k in re.findall(
        r'_unknown\([^,]+,\s*"([a-z]+)"', code)}
    assert used, "the pattern found no rule ids: it is out of date"
    assert used <= set(RULES), f"rule ids used in code but not catalogued: {sorted(used - set(RULES))}"


def test_vietnamese_reports_are_vietnamese() -> None:
    """Every Vietnamese golden report names its severity and verdict in Vietnamese, and each message either has
    its own Vietnamese wording or starts with the Vietnamese meaning of its rule."""
    from hocvuso.messages import RULES_VI

    assert set(RULES) <= set(RULES_VI), f"rules without a Vietnamese meaning: {sorted(set(RULES) - set(RULES_VI))}"
    for case in GOLDEN:
        expect_vi = _load(case)["expect_vi"]
        assert re.search(r"^(ĐẠT|CÓ LỖI): \d+ lỗi, \d+ cảnh báo trong \d+ tệp đã kiểm tra$", expect_vi, re.MULTILINE)
        assert not re.search(r": (error|warning) \[", expect_vi), case.name
