"""Linking glossary terms in a rendered lesson to their explanation: the first occurrence of each term."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .model import GlossaryEntry

_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "abbr", "label", "button",
         "summary", "legend"}


def is_acronym(name: str) -> bool:
    """Written in capitals ("AI", "OTP", "PIN"): such a name links only when written so in the text.

    Short capitalised names are often ordinary words in lower case: Vietnamese "ai" is "who", "pin" is
    "battery", English "cc" is a copy. Every other name matches whatever its case ("Mã OTP", "mã OTP").
    """
    return any(ch.isalpha() for ch in name) and not any(ch.islower() for ch in name)


def link_terms(content: str, entries: Iterable[GlossaryEntry], href: str) -> str:
    """Wrap the first prose occurrence of each term (or alias) in a link to `href#<term id>`.

    Whole words only, never inside links, headings, code or form controls; case-insensitive except for
    names written in capitals (`is_acronym`). Longer terms win over shorter ones that they contain
    ("mã OTP" before "OTP").
    """
    names: list[tuple[str, str]] = []
    for entry in entries:
        for name in (entry.term, *entry.aliases):
            if len(name) >= 2:
                names.append((name, entry.id))
    if not names:
        return content
    names.sort(key=lambda pair: -len(pair[0]))

    def alternative(name: str) -> str:
        escaped = re.escape(html.escape(name, quote=False))
        return escaped if is_acronym(name) else f"(?i:{escaped})"

    pattern = re.compile(r"(?<!\w)(" + "|".join(alternative(n) for n, _ in names) + r")(?!\w)")
    exact = {html.escape(n, quote=False): tid for n, tid in names if is_acronym(n)}
    ids = {html.escape(n, quote=False).casefold(): tid for n, tid in names if not is_acronym(n)}
    done: set[str] = set()
    stack: list[str] = []
    out = []
    for part in _TAG.split(content):
        if part.startswith("<"):
            found = _TAG_NAME.match(part)
            name = found.group(1).lower() if found else ""
            if name in _SKIP:
                if part.startswith("</"):
                    if name in stack:
                        while stack and stack.pop() != name:
                            pass
                elif not part.endswith("/>"):
                    stack.append(name)
            out.append(part)
            continue
        if stack or not part.strip():
            out.append(part)
            continue

        def replace(match: re.Match[str]) -> str:
            tid = exact.get(match.group(1)) or ids.get(match.group(1).casefold())
            if tid is None or tid in done:
                return match.group(1)
            done.add(tid)
            return f'<a class="hv-term" href="{href}#{tid}">{match.group(1)}</a>'

        out.append(pattern.sub(replace, part))
    return "".join(out)
