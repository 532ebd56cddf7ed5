"""What may reach a reader: one allow-list, one sanitiser, one way to say what it would remove.

Everything a contributor writes is published to learners whom scammers target most, so content HTML is
never trusted: the rendered HTML of every lesson passes through `clean_html` (nh3, the Ammonia sanitiser)
before any page, search entry or handout uses it. The validator runs `find_unsafe` over the *same* rendered
HTML and reports, with file and line, each thing the sanitiser would remove, so a contributor learns
instead of being silently rewritten. Plain-text fields (titles, quiz wording, glossary, course and audience
text, source titles) are never HTML: templates escape them; `check_plain_text` tells an editor when such
text looks like markup or hides direction-changing characters.

Only this module decides what is allowed. Change the lists here, and the site, search, handouts,
validator and the published-output gate all follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
"""Text structure only: no script, style, form, frame, embed, media player, SVG or MathML."""

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "lang", "title"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start", "reversed"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align"}),
    "details": frozenset({"open"}),
}
"""Per tag ("*": every tag). `class` is governed by ALLOWED_CLASSES; no `style` at all (table alignment
comes as `align`: mkdocs.yml sets the tables extension's use_align_attribute)."""

_ADMONITIONS = frozenset({"admonition", "note", "abstract", "info", "tip", "success", "question", "warning",
                          "failure", "danger", "bug", "example", "quote"})
ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "div": _ADMONITIONS,
    "details": _ADMONITIONS,
    "p": frozenset({"admonition-title"}),
    "a": frozenset({"hv-term"}),
}
"""Classes content may set (Markdown admonitions). Any other class could borrow the theme's fixed-position
or hidden styles to cover the page with a fake warning."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Link schemes; relative links (same site) are allowed too. Images must be relative: nothing is loaded
from another host."""

URL_ATTRIBUTES = frozenset({"href", "src"})
MAX_IMAGE_SIDE = 4096
"""Largest width or height, in CSS pixels, content may ask a picture to take."""
RESERVED_ID_PREFIXES = ("hv-", "q-", "__", "md-")
"""Ids the site's own templates and scripts use: content must not shadow them."""
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop ASCII tab/newline anywhere in a URL and C0 controls and spaces at its ends (URL standard),
# so "java\tscript:" is "javascript:" to them and must be to us.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
"""Characters that reorder text on screen: "moc.knab" can show as "bank.com". Vietnamese and the languages
of this curriculum never need them."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<\s*[A-Za-z][A-Za-z0-9-]*[\s/]", re.DOTALL)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id" and (not _ID.match(value) or value.startswith(RESERVED_ID_PREFIXES)):
        return None
    if tag == "img" and attr == "src" and _is_remote(value):
        return None
    if attr in ("width", "height") and not (value.isdigit() and 0 < int(value) <= MAX_IMAGE_SIDE):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style", "noscript", "template", "textarea", "title", "iframe", "object"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
)


def clean_html(html: str) -> Markup:
    """The one place content HTML becomes trusted: sanitised by the allow-list above, marked safe for Jinja."""
    return Markup(_CLEANER.clean(html))


def _is_remote(url: str) -> bool:
    url = _URL_NOISE.sub("", url)
    return url.startswith(("//", "\\\\")) or bool(_SCHEME.match(url))


def url_scheme(url: str) -> str:
    """The scheme a browser would see ('' for a relative URL), after the noise browsers ignore."""
    match = _SCHEME.match(_URL_NOISE.sub("", url))
    return match.group(1).lower() if match else ""


@dataclass(frozen=True)
class Finding:
    """Something the sanitiser would remove (or a plain-text problem), with text to find it in the source."""

    rule: str
    message: str
    hint: str
    needles: tuple[str, ...] = ()
    """Pieces of source text that locate it, most specific first (the rendered HTML has no line numbers)."""


HINT_TAG = "write it in Markdown; lessons may use text, links, lists, tables and pictures from the lesson folder"
HINT_ATTR = "remove the attribute; lesson HTML may not run scripts or change the page's look"
HINT_URL = "link to a normal web page (https://…), a phone number (tel:) or another lesson"
HINT_REMOTE = "save the file in the lesson folder and link it locally; learners must not load anything from other sites"


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            self.found.append(Finding("unsafe-html", f"<{tag}> is not allowed in lessons", HINT_TAG,
                                      (f"<{tag}", tag)))
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, raw in attrs:
            name, value = name.lower(), raw or ""
            if name == "class":
                bad = [c for c in value.split() if c not in ALLOWED_CLASSES.get(tag, frozenset())]
                if bad:
                    self.found.append(Finding("unsafe-html", f"class '{bad[0]}' on <{tag}> is not allowed",
                                              "use Markdown (or an admonition such as !!! note) instead of classes",
                                              (bad[0], "class")))
            elif name == "style":
                self.found.append(Finding("unsafe-html", f"style on <{tag}> is not allowed",
                                          "lessons cannot change the page's look or position; remove style=",
                                          ("style", tag)))
            elif name not in allowed:
                kind = "event handler" if name.startswith("on") else "attribute"
                self.found.append(Finding("unsafe-html", f"{kind} '{name}' on <{tag}> is not allowed", HINT_ATTR,
                                          (name, tag)))
            elif name == "id" and _attribute_filter(tag, name, value) is None:
                self.found.append(Finding("unsafe-html", f"id '{value}' is not allowed",
                                          "use lowercase letters, digits and hyphens, not starting with "
                                          + ", ".join(RESERVED_ID_PREFIXES), (value, "id")))
            elif name in URL_ATTRIBUTES:
                self._url(tag, name, value)
            elif name in ("width", "height") and _attribute_filter(tag, name, value) is None:
                self.found.append(Finding("unsafe-html", f"{name}='{value[:20]}' on <{tag}> is not allowed",
                                          f"give a whole number of pixels up to {MAX_IMAGE_SIDE}", (name, tag)))

    handle_startendtag = handle_starttag

    def _url(self, tag: str, name: str, value: str) -> None:
        scheme = url_scheme(value)
        needles = (value.strip()[:40], value.strip()[-12:], name)
        if tag == "img" and name == "src" and _is_remote(value):
            if scheme in ("", "http", "https"):
                self.found.append(Finding("external-resource", f"picture '{value[:80]}' is loaded from another host",
                                          HINT_REMOTE, needles))
            else:
                self.found.append(Finding("unsafe-url", f"a {scheme}: picture address is not allowed",
                                          "save the picture as a file in the lesson folder", needles))
        elif scheme and scheme not in URL_SCHEMES:
            self.found.append(Finding("unsafe-url", f"a {scheme}: address is not allowed", HINT_URL, needles))


def find_unsafe(html: str) -> list[Finding]:
    """Everything in rendered content HTML that `clean_html` would remove or neutralise."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found


def check_plain_text(value: str) -> Iterator[Finding]:
    """Problems of a plain-text field (shown escaped, exactly as written)."""
    if _LOOKS_LIKE_HTML.search(value):
        yield Finding("html-in-text", "this text is shown as written, not as HTML: the reader would see the tag",
                      "remove the tag; titles, quiz wording and glossary text are plain text",
                      (value[:30],))
    yield from check_characters(value)


def check_characters(value: str) -> Iterator[Finding]:
    """Invisible characters that can disguise a link or a phone number, in any text."""
    bidi = sorted({f"U+{ord(ch):04X}" for ch in value if ch in BIDI_CONTROLS})
    if bidi:
        yield Finding("hidden-character", f"invisible direction-changing character {', '.join(bidi)}",
                      "delete it: it can make a fake address look like a real one",
                      tuple(ch for ch in value if ch in BIDI_CONTROLS)[:1])
    if match := _CONTROL.search(value):
        yield Finding("hidden-character", f"control character U+{ord(match.group()):04X}",
                      "delete it; it is invisible and has no place in text", (match.group(),))


def locate(text: str, needles: tuple[str, ...], first_line: int = 1) -> int:
    """Line (counting from first_line) of the first needle found in text, case-insensitively; else first_line."""
    folded = text.casefold()
    for needle in needles:
        if needle and (at := folded.find(needle.casefold())) >= 0:
            return first_line + text.count("\n", 0, at)
    return first_line


def content_security_policy(*, style_hashes: Sequence[str] = ()) -> str:
    """The policy every page carries (a meta tag: the site is static and also opened from file://).

    `style_hashes` ('sha256-…' sources) allow exactly those inline `<style>` texts: the critical CSS the build
    wrote into that page (hocvuso/critical_css.py). Any other inline style stays refused.
    """
    return "; ".join((
        "default-src 'self'",
        "script-src 'self'",
        " ".join(("style-src 'self'", *style_hashes)),
        "img-src 'self' data:",  # the theme's icons are data: URIs inside its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ))


CONTENT_SECURITY_POLICY = content_security_policy()
"""The policy of a page without inline style (templates write it; the build adds the critical CSS's hash)."""
