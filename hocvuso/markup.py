"""Lesson Markdown rendered exactly as the site renders it, so checks judge what is published.

The site is rendered by Python-Markdown with the extensions in mkdocs.yml; the validator's structural
checks use markdown-it (for line numbers), and the two disagree on indented HTML, comments and attributes.
Whatever decides safety therefore looks at Python-Markdown's output, produced here with the same
extensions and configuration as the build (the MkDocs plugin passes its own; the command line reads
mkdocs.yml). Never imports MkDocs.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

_LESSON_LINK = re.compile(r"\]\((\.\./[a-z0-9]+(?:-[a-z0-9]+)*)/?(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)?\.md)?(#[^)\s]*)?\)")
_COMMENT = re.compile(r"<!--.*?-->[ \t]*\n?", re.DOTALL)


def lesson_body(body: str) -> str:
    """Rewrite links between lessons to the generated files, so MkDocs checks them and i18n localises them,
    and drop HTML comments: they are notes for editors (the scaffold writes some), not bytes for learners."""
    body = _COMMENT.sub("", body)
    return _LESSON_LINK.sub(lambda m: f"]({m.group(1)}/index.md{m.group(2) or ''})", body)


DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "admonition", "md_in_html")
"""MkDocs' built-ins (toc, tables, fenced_code) and this project's mkdocs.yml, when none can be read."""


@dataclass(frozen=True)
class MarkdownOptions:
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


_options = MarkdownOptions()
_instance: markdown.Markdown | None = None


def configure(options: MarkdownOptions) -> None:
    """Use these extensions from now on (forked check workers inherit them)."""
    global _options, _instance
    if options != _options:
        _options, _instance = options, None


def _markdown() -> markdown.Markdown:
    global _instance
    if _instance is None:
        _instance = markdown.Markdown(extensions=list(_options.extensions),
                                      extension_configs={k: dict(v) for k, v in _options.configs.items()})
    return _instance


def render_body(body: str) -> str:
    """HTML of a lesson body as the build produces it (before sanitising). May raise RecursionError on
    absurdly nested input: callers bound nesting first and report it."""
    md = _markdown()
    md.reset()
    return md.convert(lesson_body(body))


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml the way MkDocs does for the parts we need: `!!python/name:` resolves to the object
    (e.g. the toc slugify function), other tags (`!ENV`, `!relative`) are read as plain values."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        return None


def construct_plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    """A tagged node (`!relative x`, `!ENV [A, b]`) read as the plain value it carries."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("!", construct_plain)


def options_from_mkdocs(config_file: Path) -> MarkdownOptions:
    """The Markdown extensions of a mkdocs.yml (plus MkDocs' built-ins); the defaults if it can't be read."""
    try:
        data = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return MarkdownOptions()
    listed = data.get("markdown_extensions") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return MarkdownOptions()
    return options_from(listed)


def options_from(listed: Sequence[object], configs: Mapping[str, Mapping[str, Any]] | None = None) -> MarkdownOptions:
    """Options from a list shaped like mkdocs.yml's markdown_extensions (names, or {name: config})."""
    names = ["toc", "tables", "fenced_code"]
    found: dict[str, Mapping[str, Any]] = dict(configs or {})
    for item in listed:
        if isinstance(item, str):
            name, config = item, None
        elif isinstance(item, dict) and len(item) == 1:
            name, config = next(iter(item.items()))
        else:
            continue
        if name not in names:
            names.append(str(name))
        if isinstance(config, dict):
            found[str(name)] = config
    return MarkdownOptions(tuple(names), found)
