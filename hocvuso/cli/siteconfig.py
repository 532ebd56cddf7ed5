"""The few settings of a site's mkdocs.yml that commands run outside MkDocs need (the core never imports MkDocs).

`hocvuso handouts` prints what `mkdocs build` prints: the same theme folder (`theme.custom_dir`, which overrides
our print templates and strings file by file) and the same published address (`site_url`, for the QR codes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..markup import construct_plain


@dataclass(frozen=True)
class SiteConfig:
    custom_dir: Path | None = None
    """The site's theme folder, resolved against the folder of mkdocs.yml (as MkDocs does)."""
    site_url: str = ""
    handouts_dir: str = ""
    """The hocvuso plugin's `handouts_dir` option, where `mkdocs build` keeps and looks for the PDFs."""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the values we need: `!ENV` from the environment, `!relative` and
    other tags as plain values, `!!python/name:` as nothing (we never import what a config names)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the last item."""
    if isinstance(node, yaml.ScalarNode):
        names: list[object] = [loader.construct_scalar(node)]
        default: object = None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", construct_plain)


class SiteConfigError(Exception):
    """mkdocs.yml exists but cannot be read: the message names the file and the cause."""


def load_site_config(config_file: Path) -> SiteConfig:
    """The theme folder and published address of `config_file`; empty values when the file does not exist."""
    if not config_file.is_file():
        return SiteConfig()
    try:
        data = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)  # a SafeLoader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{config_file}: error: cannot be read ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config_file}:{mark.line + 1}" if mark is not None else str(config_file)
        raise SiteConfigError(f"{where}: error: not valid YAML ({getattr(exc, 'problem', None) or exc})") from exc
    if not isinstance(data, dict):
        return SiteConfig()
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    url = data.get("site_url")
    return SiteConfig(custom_dir=config_file.parent / str(custom) if custom else None,
                      site_url=str(url).strip() if isinstance(url, str) else "",
                      handouts_dir=str(_plugin_options(data.get("plugins"), "hocvuso").get("handouts_dir") or ""))


def _plugin_options(plugins: object, name: str) -> dict[str, object]:
    """The options of one plugin, listed as MkDocs allows: `- name`, `- name: {…}`, or a mapping of names."""
    entries: list[tuple[object, object]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [item for entry in plugins if isinstance(entry, dict) for item in entry.items()]
    for key, options in entries:
        if key == name and isinstance(options, dict):
            return {str(k): v for k, v in options.items()}
    return {}
