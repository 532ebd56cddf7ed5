"""Loading YAML while remembering where every value came from.

libyaml parses; our constructor records the line and column of every mapping key and value and every list
item, keyed by the identity of the container that holds them. `YamlDoc.where(path)` then walks the data
along a path of keys and indexes, so any later check can point an editor at the exact place. This is
~2× faster than composing a node tree and walking it in Python, which matters for 1,000-lesson curricula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostic import Diagnostic, error

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # pure Python fallback where libyaml is missing

PathKey = tuple[str | int, ...]
Mark = tuple[int, int]


@dataclass
class YamlDoc:
    """Data of one YAML file plus the position of each value, addressed by its key path."""

    path: str
    data: Any
    # id(container) → {key or index: (value mark, key mark)} as libyaml's Mark objects, converted to
    # (line, column) only when a diagnostic asks; containers are kept alive by `data`, so ids stay valid.
    marks: dict[int, dict[Any, tuple[Any, Any]]] = field(default_factory=dict)
    root: Mark = (1, 1)

    def __getstate__(self) -> dict[str, Any]:
        # Identity-keyed marks cannot cross a process boundary: flatten them to key paths (and plain tuples).
        flat: dict[PathKey, tuple[Mark, Mark]] = {}

        def walk(node: Any, path: PathKey) -> None:
            table = self.marks.get(id(node))
            if table is None:
                return
            for key, (value_mark, key_mark) in table.items():
                flat[path + (key,)] = ((value_mark.line + 1, value_mark.column + 1),
                                       (key_mark.line + 1, key_mark.column + 1))
                walk(node[key], path + (key,))

        walk(self.data, ())
        return {"path": self.path, "data": self.data, "root": self.root, "flat": flat}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.data, self.root = state["path"], state["data"], state["root"]
        self.marks = {}
        for path, (value, key) in state["flat"].items():
            node = self.data
            for part in path[:-1]:
                node = node[part]
            self.marks.setdefault(id(node), {})[path[-1]] = (_Mark(*value), _Mark(*key))

    def line(self, key: Sequence[str | int] = (), *, of_key: bool = False) -> int:
        return self.where(key, of_key=of_key)[0]

    def where(self, key: Sequence[str | int] = (), *, of_key: bool = False) -> Mark:
        """Position of the value (or its key) at `key`, or of its nearest parent that exists."""
        found = self.root
        node = self.data
        last = len(key) - 1
        for depth, part in enumerate(key):
            table = self.marks.get(id(node))
            if table is None or part not in table:
                return found
            value_mark, key_mark = table[part]
            if of_key and depth == last:
                return key_mark.line + 1, key_mark.column + 1
            found = value_mark.line + 1, value_mark.column + 1
            node = node[part]
        return found


class _Mark:
    """A position rebuilt after unpickling, shaped like libyaml's Mark (0-based line and column)."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line - 1, column - 1


class YamlError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(_Base):  # type: ignore[misc]
    """Safe loader that records positions, reports duplicate keys, and keeps dates as ISO text."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.marks: dict[int, dict[Any, tuple[Any, Any]]] = {}
        self.problems: list[Diagnostic] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        table: dict[Any, tuple[Any, Any]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or isinstance(key_node, yaml.CollectionNode):
                self.problems.append(error(self.path, *_mark(key_node)[:1], "yaml-syntax",
                                           "a mapping key must be plain text (merge keys << are not supported)",
                                           "write the keys out in full as simple words", col=_mark(key_node)[1]))
                continue
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = table[key][1].line + 1
                self.problems.append(error(self.path, _mark(key_node)[0], "yaml-duplicate-key",
                                           f"key '{key}' appears twice in the same mapping (first on line {first})",
                                           "keep one of them; YAML would silently drop the first",
                                           col=_mark(key_node)[1]))
            result[key] = self.construct_object(value_node, deep=True)
            table[key] = (value_node.start_mark, key_node.start_mark)
        self.marks[id(result)] = table
        return result

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias (*name) points at a node built before. Aliases nest: 1 KB of them expands to billions of
        # values for every later walk (schema, checks), so a curriculum file may not use them at all.
        if node in self.constructed_objects:
            line, col = _mark(node)
            raise YamlError(error(self.path, line, "yaml-alias", "YAML anchors and aliases (&name, *name) are not "
                                  "allowed", "write the value out in full", col=col))
        return super().construct_object(node, deep=deep)

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
        items = [self.construct_object(child, deep=True) for child in node.value]
        self.marks[id(items)] = {i: (child.start_mark, child.start_mark) for i, child in enumerate(node.value)}
        return items

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> str:
        # Dates stay text for the schema; the loader parses the few date fields itself.
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str, path: str) -> tuple[YamlDoc, list[Diagnostic]]:
    """Parse YAML text; a file that cannot be parsed at all raises YamlError carrying its diagnostic."""
    loader = _Loader(text, path)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        root = _mark(node) if node is not None else (1, 1)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "invalid YAML").strip()
        if exc.context:
            what = f"{exc.context.strip()}, {what}"
        raise YamlError(
            error(path, line, "yaml-syntax", f"YAML syntax error: {what}",
                  "check indentation and quoting on this line and the one above; text with ':' or '#' needs quotes",
                  col=col)
        ) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # e.g. a bad !!tag, or an unhashable key
        raise YamlError(error(path, 1, "yaml-syntax", f"YAML syntax error: {exc}".splitlines()[0],
                              "remove custom tags (!!...) and quote unusual values")) from None
    except RecursionError:
        raise YamlError(error(path, 1, "yaml-syntax", "YAML is nested too deeply", "flatten the structure")) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, loader.marks, root), loader.problems


MAX_TEXT_BYTES = {".md": 64_000, ".yml": 512_000, ".yaml": 512_000}
"""Largest source file of each kind. A lesson text is ~5 KB and the glossary ~30 KB; a 50 MB file in a pull
request would only stall the validator, the build and CI."""


def read_text(file: Path, rel: str) -> str:
    """Read a UTF-8 text file; unreadable, linked, oversized or non-UTF-8 files raise YamlError."""
    try:
        if file.is_symlink() or (file.exists() and not file.is_file() and not file.is_dir()):
            raise YamlError(error(rel, 1, "file-not-regular", "this is a link or a special file, not a plain file",
                                  "replace it with the file itself: links could publish files from elsewhere"))
        cap = MAX_TEXT_BYTES.get(file.suffix.lower(), 512_000)
        if (size := file.stat().st_size) > cap:
            raise YamlError(error(rel, 1, "file-too-large", f"{size:,} bytes; at most {cap:,} are allowed",
                                  "split the content, or remove what does not belong in a lesson"))
        raw = file.read_bytes()
    except OSError as exc:
        raise YamlError(error(rel, 1, "file-unreadable", f"cannot read file: {exc.strerror}",
                              "check the file exists and is readable")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(error(rel, line, "file-encoding", "file is not valid UTF-8",
                              "save the file as UTF-8 (most editors: 'Save with encoding')")) from None
    return text.replace("\r\n", "\n")


