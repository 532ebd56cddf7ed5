"""JSON Schema checks of YAML files, reported with the dotted path and the real line."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .diagnostic import Diagnostic, error, warning
from .yamlfile import PathKey, YamlDoc


@cache
def _registry() -> Registry[Any]:
    # Schemas refer to each other by file name, so editors resolve them from disk and we from the package.
    pairs = []
    for entry in resources.files("hocvuso.schemas").iterdir():
        if entry.name.endswith(".schema.json"):
            pairs.append((entry.name, Resource.from_contents(json.loads(entry.read_text("utf-8")))))
    return Registry().with_resources(pairs)


@cache
def validator(name: str) -> Draft202012Validator:
    schema = _registry().contents(f"{name}.schema.json")
    return Draft202012Validator(schema, registry=_registry())


@cache
def fast_check(name: str) -> Callable[[Any], Any]:
    """A compiled validator for the common case of a valid file (about 20× faster than jsonschema).

    It stops at the first error, so files that fail are validated again by jsonschema for the full report.
    fastjsonschema follows draft 7 and resolves no cross-file references, so the shared definitions are
    bundled in first; the keywords our schemas use mean the same in draft 7 and 2020-12.
    """
    schema = copy.deepcopy(_registry().contents(f"{name}.schema.json"))
    defs = _registry().contents("defs.schema.json")["$defs"]
    schema.pop("$schema", None)
    schema.setdefault("$defs", {}).update(copy.deepcopy(defs))

    def local(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("defs.schema.json#"):
                node["$ref"] = ref[len("defs.schema.json"):]
            for value in node.values():
                local(value)
        elif isinstance(node, list):
            for value in node:
                local(value)

    local(schema)
    return fastjsonschema.compile(schema)


def dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _describe(err: ValidationError) -> tuple[str, str]:
    """A plain-language message and hint for the most common schema failures."""
    schema = err.schema if isinstance(err.schema, dict) else {}
    hint = str(schema.get("description", ""))
    kind = err.validator
    value = err.instance
    if kind == "type":
        expected = err.validator_value
        want = " or ".join(expected) if isinstance(expected, list) else str(expected)
        article = "an" if want[:1] in "aeio" else "a"
        return f"expected {article} {want}, found {_show(value)}", hint
    if kind == "pattern" and "propertyNames" in err.schema_path:
        return (f"{_show(value)} is not allowed as a key here",
                "in a {vi: ..., en: ...} mapping, put any text that contains a comma or colon in quotes")
    if kind == "pattern":
        return f"{_show(value)} does not have the expected form", hint or f"it must match {err.validator_value}"
    if kind == "enum":
        options = ", ".join(str(v) for v in err.validator_value) if isinstance(err.validator_value, list) else ""
        return f"{_show(value)} is not one of: {options}", hint
    if kind == "minItems":
        return "the list is empty" if not value else f"the list needs at least {err.validator_value} items", hint
    if kind == "minLength":
        return "the text is empty", hint or "write something here or remove the key"
    if kind == "minProperties":
        return "the mapping is empty", hint
    if kind in ("anyOf", "oneOf"):
        return f"{_show(value)} is not an accepted value here", hint
    if kind == "minimum":
        return f"{_show(value)} is below the minimum {err.validator_value}", hint
    return err.message, hint


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def check_schema(doc: YamlDoc, name: str) -> list[Diagnostic]:
    """Schema violations are errors; keys the schema does not know are warnings (often a typo)."""
    problems: list[Diagnostic] = []
    data = doc.data if doc.data is not None else {}
    try:
        fast_check(name)(data)
        return problems
    except fastjsonschema.JsonSchemaException:
        pass  # collect every problem with the full validator below
    label = doc.path.rsplit("/", 1)[-1]
    for err in validator(name).iter_errors(data):
        path: PathKey = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            known = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
            for key in err.instance:
                if key not in known and " " in str(key).strip():
                    # Our keys never contain spaces: one that does is text split off at an unquoted comma.
                    line, col = doc.where(path + (key,), of_key=True)
                    problems.append(error(doc.path, line, "yaml-split-text",
                                          f"text was cut at a comma: '{key}' became a key of its own at "
                                          f"{label}#{dotted(path)}",
                                          "inside { } put the whole text in double quotes: text: \"..., ...\"",
                                          col=col))
                elif key not in known:
                    line, col = doc.where(path + (key,), of_key=True)
                    near = _closest(str(key), known)
                    hint = f"did you mean '{near}'?" if near else f"known keys: {', '.join(sorted(known))}"
                    problems.append(warning(doc.path, line, "unknown-key",
                                            f"unknown key '{key}' at {label}#{dotted(path)}", hint, col=col))
            continue
        if err.validator == "required" and isinstance(err.validator_value, list):
            missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
            line, col = doc.where(path)
            for key in missing:
                message = f"missing required key '{key}' at {label}#{dotted(path)}"
                problems.append(error(doc.path, line, "schema", message, f"add '{key}:' here", col=col))
            continue
        message, hint = _describe(err)
        line, col = doc.where(path)
        problems.append(error(doc.path, line, "schema", f"{message} at {label}#{dotted(path)}", hint, col=col))
    return problems


def _closest(word: str, options: set[str]) -> str:
    import difflib

    found = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return found[0] if found else ""
