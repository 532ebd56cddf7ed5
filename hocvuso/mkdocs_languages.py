"""One list of languages for the whole site: curriculum/config.yml's. Part of the MkDocs adapter.

mkdocs-static-i18n has a list of its own in mkdocs.yml. Two lists drift apart (a language added to one and not
the other builds half a site, or URLs like `…/index.en/`), so the plugin checks them before i18n starts: a
language i18n lacks is added to it (adding a language is adding files and one line in config.yml), and a list
that contradicts the curriculum stops the build with a message that says what to change.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


class LanguageMismatch(Exception):
    """The i18n plugin and curriculum/config.yml disagree in a way the plugin cannot settle on its own."""


I18N_EXAMPLE = """plugins:
  - hocvuso
  - i18n:
      docs_structure: suffix
      languages:
        - locale: {src}
          name: …
          default: true"""


def check_i18n_languages(config: MkDocsConfig, codes: tuple[str, ...]) -> list[str]:
    """Check mkdocs-static-i18n against the curriculum's languages (source first); returns those added to it."""
    src = codes[0]
    names = list(config.plugins)
    i18n: Any = config.plugins.get("i18n")
    if i18n is None:
        if len(codes) > 1:
            raise LanguageMismatch(
                f"the curriculum has {len(codes)} languages ({', '.join(codes)}) but mkdocs.yml has no i18n plugin: "
                "install mkdocs-static-i18n and add it after hocvuso:\n" + I18N_EXAMPLE.format(src=src))
        return []
    if names.index("i18n") < names.index("hocvuso"):
        raise LanguageMismatch("in mkdocs.yml, list hocvuso before i18n under plugins: hocvuso writes the "
                               "generated pages that i18n sorts by language")
    if i18n.config.docs_structure != "suffix":
        raise LanguageMismatch("the i18n plugin must use `docs_structure: suffix` (pages are written as "
                               "index.md, index.en.md, …)")
    declared = [lang.locale for lang in i18n.config.languages if lang.locale != "null"]
    defaults = [lang.locale for lang in i18n.config.languages if lang.default]
    if defaults and defaults != [src]:
        raise LanguageMismatch(f"the i18n plugin's default language is {defaults[0]}, the curriculum's source "
                               f"language is {src}: make `{src}` the one with `default: true`")
    unknown = [code for code in declared if code not in codes]
    if unknown:
        raise LanguageMismatch(f"the i18n plugin builds {', '.join(unknown)}, which curriculum/config.yml does not "
                               f"list under languages: add {'it' if len(unknown) == 1 else 'them'} there (or remove "
                               "from mkdocs.yml)")
    added = [code for code in codes if code not in declared]
    if added:
        from mkdocs_static_i18n.config import I18nPluginLanguage

        for code in added:
            entry = I18nPluginLanguage()
            entry.load_dict({"locale": code, "name": code, "default": code == src, "build": True})
            failed, _ = entry.validate()
            if failed:
                raise LanguageMismatch(f"language code {code!r} of curriculum/config.yml: {failed[0][1]}")
            i18n.config.languages.append(entry)
    return added
