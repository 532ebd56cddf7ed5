"""The JSON Schemas are valid, used by the validator, and wired for editors' YAML language server."""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT

SCHEMAS = sorted((ROOT / "hocvuso" / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_schema_is_valid_2020_12(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


def test_editor_settings_map_every_yaml_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    files = [p.relative_to(ROOT).as_posix() for p in (ROOT / "curriculum").rglob("*.yml")]
    assert files
    for rel in files:
        matched = [schema for schema, globs in mapping.items() if any(fnmatch(rel, g) for g in globs)]
        assert len(matched) == 1, f"{rel} is matched by {matched}"
        assert (ROOT / matched[0]).is_file()
