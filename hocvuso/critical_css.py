"""Stylesheets for a 2G link: only the rules the site uses, and the first paint's rules inside the page.

Measured before this pass (issue 13): every page painted at ≈ 8 s on 2G (50 kbit/s, 800 ms RTT) whatever its
size, because 27 KB gzipped of render-blocking CSS came first, 23 KB of it Material's `main.css`, of which a
lesson uses about a third. Over the finished site (before fingerprinting), this module:

1. reads every page's local stylesheets (`<link rel="stylesheet">` in `<head>`: Material's, its palette, the
   project's `extra_css`, a site's own custom_dir CSS) and drops the rules no page can match: a selector
   stays when every class, id, element and attribute it names occurs in some built page or in the site's own
   scripts (which toggle classes and attributes; any string literal of theirs counts). This is purgecss'
   approach, conservative by construction: `:hover`, `:not(…)` and other pseudo parts are ignored, so a
   selector is only dropped when it cannot match. Material's look is unchanged: its rules for what the site
   shows all stay, in their order.
2. writes each purged sheet next to the original (`main.57a0d79d.min.css` → `main.min.css`: the content is no
   longer what the hash in the name says, and fingerprint.py versions it with `?v=` like any other asset);
3. in each page, puts a `<style>` right after the Content-Security-Policy with the rules *that page* matches
   (no print rules, no `:hover`/`:focus` states, no animations or fonts), adds its sha256 to the page's
   `style-src` (the policy stays `'self'` otherwise: an injected `<style>` is still refused, and the gate
   checks that the only style element is the one whose hash the policy lists), and moves the stylesheet links
   to the end of `<body>`, before the scripts. A stylesheet link in the body does not delay the paint of
   what comes before it, works without JavaScript and from file://, and asks for its bytes only once the
   page's own bytes are in, so it does not compete with them on the link.

Pure: it never imports MkDocs; the plugin calls `optimize_site` once, after every page is written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Declaration, Node, QualifiedRule

from .sanitize import content_security_policy

# Pseudo-classes that never hold at first paint: their rules can wait for the full stylesheet.
_STATE = re.compile(r":(hover|focus|focus-visible|focus-within|active|visited|target|checked)\b|::selection")
_FUNCTIONAL = re.compile(r"::?[\w-]+\([^()]*\)")
_PSEUDO = re.compile(r"::?[\w-]+")
_ATTRIBUTE = re.compile(r"\[\s*([\w:-]+)\s*(?:([~|^$*]?=)\s*(\"[^\"]*\"|'[^']*'|[^\]\s]+)\s*(?:[is]\s*)?)?\]")
_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
_ID = re.compile(r"#((?:[\w-]|\\.)+)")
_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")
_JS_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'")
_JS_DATASET = re.compile(r"dataset\.([a-zA-Z]\w*)")
_WORD = re.compile(r"[a-zA-Z][\w-]*")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_HEAD_LINK = re.compile(r"[ \t]*<link\b[^>]*\brel=\"stylesheet\"[^>]*>\n?", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]*)\"")
_HREF = re.compile(r"\bhref=\"([^\"]*)\"")
_CSP_META = re.compile(r"<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">")
_HASHED = re.compile(r"\.[0-9a-f]{8,}(\.min\.css)$")
# Attributes that scripts set as properties (el.hidden = true) rather than through a string literal.
DYNAMIC_ATTRIBUTES = frozenset({"hidden", "disabled", "open", "checked", "selected", "aria-expanded",
                                "aria-pressed", "aria-current", "aria-hidden", "aria-busy", "aria-invalid"})
CRITICAL_DROPPED_AT_RULES = frozenset({"keyframes", "-webkit-keyframes", "font-face", "page", "charset", "import"})


@dataclass
class Usage:
    """What built pages and scripts can match: classes, ids, elements, attributes (and their values)."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=lambda: {"html", "body", "head"})
    attributes: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    any_value: set[str] = field(default_factory=set)
    """Attributes a script may set to any value."""

    def update(self, other: Usage) -> None:
        for name in ("classes", "ids", "tags", "attributes", "pairs", "any_value"):
            getattr(self, name).update(getattr(other, name))


class _Collector(HTMLParser):
    def __init__(self, usage: Usage) -> None:
        super().__init__(convert_charrefs=True)
        self.usage = usage

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        u = self.usage
        u.tags.add(tag)
        for name, value in attrs:
            u.attributes.add(name)
            u.pairs.add((name, value or ""))
            if name == "class" and value:
                u.classes.update(value.split())
            elif name == "id" and value:
                u.ids.add(value)

    handle_startendtag = handle_starttag


def load_page_usage(page_html: str) -> Usage:
    usage = Usage()
    collector = _Collector(usage)
    collector.feed(page_html)
    collector.close()
    return usage


def load_script_usage(script: str) -> Usage:
    """Every word of every string literal of a script, as a class, id, element and any-valued attribute.

    Scripts build class names and selectors from literals ("hv-quiz--done", "[data-hv-size]"): counting every
    literal word keeps every rule a script can switch on, at the cost of a few rules it never does.
    """
    usage = Usage()
    words: set[str] = set()
    for match in _JS_STRING.finditer(script):
        words.update(_WORD.findall(match.group(1) or match.group(2) or ""))
    for name in _JS_DATASET.findall(script):
        words.add("data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name))
    usage.classes |= words
    usage.ids |= words
    usage.tags |= {w.lower() for w in words}
    usage.attributes |= words | DYNAMIC_ATTRIBUTES
    usage.any_value |= words | DYNAMIC_ATTRIBUTES
    return usage


def matches(selector: str, usage: Usage) -> bool:
    """Whether a selector may match something the site shows (conservative: True unless it cannot)."""
    text = selector
    while True:  # innermost functional pseudos first: :not(:is(.a)) and the like
        text, count = _FUNCTIONAL.subn("", text)
        if not count:
            break
    for name, op, value in _ATTRIBUTE.findall(text):
        name = name.lower()
        if name not in usage.attributes:
            return False
        if op == "=" and name not in usage.any_value and (name, value.strip("\"'")) not in usage.pairs:
            return False
    text = _PSEUDO.sub("", _ATTRIBUTE.sub("", text))
    if any(c.replace("\\", "") not in usage.classes for c in _CLASS.findall(text)):
        return False
    if any(i.replace("\\", "") not in usage.ids for i in _ID.findall(text)):
        return False
    bare = _ID.sub("", _CLASS.sub("", text))
    return all(tag.lower() in usage.tags for tag in _TAG.findall(bare))


@dataclass(frozen=True)
class Rule:
    """A style rule of a sheet, flattened: the conditional at-rules around it, its selectors, its declarations."""

    wrappers: tuple[str, ...]
    """'@media screen and (min-width:60em)' and the like, outermost first."""
    selectors: tuple[str, ...]
    declarations: tuple[tuple[str, str], ...]
    """(name, value with !important) pairs; an at-rule kept whole (@keyframes, @font-face) has one ("", text)."""
    keyword: str = ""
    """The at-keyword of a rule kept whole, else ""."""


def load_rules(css: str) -> list[Rule]:
    """The rules of a stylesheet, in order (comments, source maps and empty rules dropped)."""
    return list(_flatten(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), ()))


def _flatten(rules: Iterable[Node], wrappers: tuple[str, ...]) -> Iterable[Rule]:
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            declarations = tuple(
                (d.name if d.name.startswith("--") else d.lower_name,
                 tinycss2.serialize(d.value).strip() + (" !important" if d.important else ""))
                for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                if isinstance(d, Declaration))
            if declarations:
                yield Rule(wrappers, tuple(_selectors(rule)), declarations)
        elif isinstance(rule, AtRule):
            keyword = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            head = f"@{rule.at_keyword} {prelude}".strip()
            if keyword in ("media", "supports", "layer", "container") and rule.content is not None:
                yield from _flatten(tinycss2.parse_rule_list(rule.content, True, True), (*wrappers, head))
            elif rule.content is None:
                yield Rule(wrappers, (), (("", head + ";"),), keyword)
            else:
                yield Rule(wrappers, (), (("", head + "{" + tinycss2.serialize(rule.content).strip() + "}"),), keyword)


def _selectors(rule: QualifiedRule) -> list[str]:
    """The selectors of a rule, split at top-level commas."""
    parts: list[str] = []
    current: list[Node] = []
    for token in rule.prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current).strip())
    return [p for p in parts if p]


def select_rules(rules: Iterable[Rule], usage: Usage, *, critical: bool = False, prune: bool = True) -> list[Rule]:
    """The rules whose selectors may match, in their order, each with only its selectors that may; `critical`
    also drops what the first paint does not need (print, interaction states, animations, fonts); `prune`
    drops the custom properties none of them reads (not when other sheets may read them)."""
    kept: list[Rule] = []
    for rule in rules:
        if critical and any(w.lower().startswith("@media print") for w in rule.wrappers):
            continue
        if rule.keyword:
            if not (critical and rule.keyword in CRITICAL_DROPPED_AT_RULES):
                kept.append(rule)
            continue
        selectors = tuple(s for s in rule.selectors if matches(s, usage) and not (critical and _STATE.search(s)))
        if selectors:
            kept.append(Rule(rule.wrappers, selectors, rule.declarations))
    return _drop_unused_properties(kept) if prune else kept


def _drop_unused_properties(rules: list[Rule], readers: Iterable[Rule] | None = None) -> list[Rule]:
    """Drop custom properties (--x) that no declaration of `readers` (default: `rules`) reads: Material
    defines ≈ 13 KB of icons as variables, and the site uses a few."""
    defined: dict[str, list[str]] = {}
    used: set[str] = set()
    for rule in rules if readers is None else readers:
        for name, value in rule.declarations:
            if name.startswith("--"):
                defined.setdefault(name, []).append(value)
            else:
                used.update(_VAR.findall(value))
    pending = list(used)
    while pending:  # a used variable's value may read further variables
        for value in defined.get(pending.pop(), []):
            for name in _VAR.findall(value):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    out = []
    for rule in rules:
        declarations = tuple(d for d in rule.declarations if not d[0].startswith("--") or d[0] in used)
        if declarations:
            out.append(Rule(rule.wrappers, rule.selectors, declarations, rule.keyword))
    return out


def render_rules(rules: Iterable[Rule]) -> str:
    """CSS text of rules, consecutive rules under the same conditions grouped in one at-rule."""
    out: list[str] = []
    open_: tuple[str, ...] = ()
    for rule in rules:
        common = 0
        while common < min(len(open_), len(rule.wrappers)) and open_[common] == rule.wrappers[common]:
            common += 1
        out.append("}" * (len(open_) - common))
        out.extend(w + "{" for w in rule.wrappers[common:])
        open_ = rule.wrappers
        if rule.keyword:
            out.append(rule.declarations[0][1])
        else:
            out.append(",".join(rule.selectors) + "{" + ";".join(f"{n}:{v}" for n, v in rule.declarations) + "}")
    out.append("}" * len(open_))
    return "".join(out)


def purge_css(css: str, usage: Usage, *, critical: bool = False) -> str:
    """The CSS text of the rules of `css` that may match `usage` (see `select_rules`)."""
    return render_rules(select_rules(load_rules(css), usage, critical=critical))


def style_hash(css: str) -> str:
    """The CSP source of an inline style: 'sha256-<base64>' of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"


# --- the site --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteCss:
    usage: Usage
    renamed: dict[str, str]
    """Site-relative path of each original local stylesheet → its purged copy."""
    sheets: dict[str, list[Rule]]
    """Site-relative path of each purged stylesheet → its rules (what critical CSS is cut from)."""
    order: tuple[str, ...] = ()
    """The local stylesheets every page links, in their order (the theme's, its palette, ours, a site's own)."""
    combined: str = ""
    """One file holding all of `order`, purged, in that order: what a page loads late, in one piece."""


def _head_links(page_html: str) -> list[tuple[str, str]]:
    """(link tag, href) of the stylesheets in a page's <head>."""
    head = page_html[: page_html.find("</head>")] if "</head>" in page_html else ""
    return [(m.group(0), html.unescape(h.group(1))) for m in _HEAD_LINK.finditer(head)
            if (h := _HREF.search(m.group(0)))]


def _local(site: Path, page: Path, href: str) -> str | None:
    """The site-relative path of a stylesheet href, or None for another host or a missing file."""
    href = href.split("#")[0].split("?")[0]
    if not href or "//" in href or ":" in href.split("/")[0]:
        return None
    if href.startswith("/"):  # 404.html: absolute, maybe under a sub-path
        segments = href.strip("/").split("/")
        for i in range(len(segments)):
            rel = "/".join(segments[i:])
            if (site / rel).is_file():
                return rel
        return None
    rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    return rel if not rel.startswith("..") and (site / rel).is_file() else None


COMBINED = "assets/stylesheets/site.min.css"


def purge_site(site: Path, pages: Sequence[Path]) -> SiteCss:
    """Write the purged copy of every local stylesheet the pages link; returns what `inline_page` needs.

    The scripts read are those the pages load (Material's own bundle is not loaded, so its class names do
    not count), plus the search script, which the search page loads.
    """
    usage = Usage()
    sources: list[str] = []
    scripts: set[str] = set()
    for page in pages:
        text = page.read_text("utf-8")
        usage.update(load_page_usage(text))
        for _, href in _head_links(text):
            rel = _local(site, page, href)
            if rel is not None and rel not in sources:
                sources.append(rel)
        for src in _SCRIPT_SRC.findall(text):
            rel = _local(site, page, html.unescape(src))
            if rel is not None:
                scripts.add(rel)
    for rel in sorted(scripts):
        usage.update(load_script_usage((site / rel).read_text("utf-8")))
    renamed, sheets = {}, {}
    selected = {rel: select_rules(load_rules((site / rel).read_text("utf-8")), usage, prune=False) for rel in sources}
    every = [rule for rules in selected.values() for rule in rules]  # one sheet reads another's variables
    for rel, rules in selected.items():
        target = _HASHED.sub(r"\1", rel)
        rules = _drop_unused_properties(rules, every)
        (site / target).write_text(render_rules(rules), "utf-8")
        renamed[rel], sheets[target] = target, rules
    # Loaded late as separate files, the theme's sheet can arrive before ours and override, for a moment, the
    # critical rules that came from ours: the page jumps, then jumps back. One file arrives whole.
    combined = COMBINED if sources else ""
    if combined:
        (site / combined).write_text("\n".join((site / renamed[rel]).read_text("utf-8") for rel in sources), "utf-8")
    return SiteCss(usage, renamed, sheets, tuple(sources), combined)


def inline_page(site: Path, page: Path, css: SiteCss) -> bool:
    """Give a page its critical `<style>` (hash in its CSP) and move its stylesheets to the end of <body>.
    False when the page has no CSP meta tag or no local stylesheet (then it is left as it was)."""
    text = page.read_text("utf-8")
    links = _head_links(text)
    csp = _CSP_META.search(text)
    if csp is None or not links or "</body>" not in text:
        return False
    usage = load_page_usage(text)
    critical: list[Rule] = []
    moved: list[str] = []
    for tag, href in links:
        rel = _local(site, page, href)
        if rel is None or rel not in css.renamed:
            moved.append(tag.strip())
            continue
        target = css.renamed[rel]
        critical.extend(select_rules(css.sheets[target], usage, critical=True, prune=False))
        new_href = href.split("?")[0].split("#")[0]
        new_href = new_href[: len(new_href) - len(posixpath.basename(rel))] + posixpath.basename(target)
        moved.append(tag.strip().replace(_HREF.search(tag).group(0), f'href="{html.escape(new_href)}"'))  # type: ignore[union-attr]
    local = [_local(site, page, href) for _, href in links]
    if css.combined and tuple(local) == css.order and not any(href.startswith("/") for _, href in links):
        first = moved[0]
        href = posixpath.relpath(css.combined, page.parent.relative_to(site).as_posix() or ".")
        moved = [first.replace(_HREF.search(first).group(0), f'href="{html.escape(href)}"')]  # type: ignore[union-attr]
    style = render_rules(_drop_unused_properties(critical)).replace("</", "<\\/")
    policy = html.escape(content_security_policy(style_hashes=[style_hash(style)]))
    head_end = text.find("</head>")
    head = _HEAD_LINK.sub(lambda m: m.group(0) if m.start() > head_end else "", text[:head_end])
    body = text[head_end:]
    head = _CSP_META.sub(lambda m: f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
                         f"<style>{style}</style>", head, count=1)
    at = _late_position(body)
    body = body[:at] + "\n".join(moved) + "\n" + body[at:]
    page.write_text(head + body, "utf-8")
    return True


def _late_position(body: str) -> int:
    """Where the stylesheets go: before the first script after the page's content, else before </body>."""
    main_end = body.rfind("</main>")
    script = body.find("<script", max(main_end, 0))
    return script if script >= 0 else body.rfind("</body>")


def optimize_site(site: Path) -> int:
    """Purge the stylesheets of a built site and inline each page's critical CSS. Returns pages changed.

    Run after every page is written and before fingerprinting (which then versions the purged sheets).
    """
    pages = sorted(site.rglob("*.html"))
    css = purge_site(site, pages)
    changed = sum(inline_page(site, page, css) for page in pages)
    for original in css.renamed:
        if css.renamed[original] != original:
            for path in (site / original, site / (original + ".map")):
                path.unlink(missing_ok=True)
    return changed
