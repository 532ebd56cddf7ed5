"""Is an SVG file safe to publish? An SVG opened from the site runs its scripts on the site's origin, so a
picture in a lesson folder is checked like code: an allow-list of drawing elements, nothing that runs,
nothing that loads anything, nothing that a parser could be tricked with.

A file that breaks a rule is refused with a clear message, never rewritten: the contributor sees what to
fix, and what is published is exactly what was reviewed. `check_svg` is a pure function of the bytes, so
the validator (lesson folders) and the published-output gate (the built site) use the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from .sanitize import Finding, locate

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

ALLOWED_ELEMENTS = frozenset({
    "a", "animate", "animateMotion", "animateTransform", "circle", "clipPath", "defs", "desc", "ellipse",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "filter", "g", "image", "line",
    "linearGradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon", "polyline",
    "radialGradient", "rect", "set", "stop", "svg", "switch", "symbol", "text", "textPath", "title", "tspan", "use",
    "view",
})
"""Drawing elements of the SVG namespace. Not here, so refused: script, foreignObject (HTML inside the
picture), style (CSS can load files), and anything a future browser might add."""

ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})

EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
})
"""Metadata drawing programs write (Inkscape, Illustrator): browsers ignore these elements."""

RULE = "svg-unsafe"
RULE_FORMAT = "image-format"
HINT_RUN = "a picture must only draw: remove it, or export the picture again as Plain SVG from Inkscape"
HINT_LOAD = "a picture must not load anything: draw it in the file itself, or save the picture as PNG instead"
HINT_DTD = "delete the <!DOCTYPE …> or <!ENTITY …> lines; an SVG picture does not need them"

_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]*)""", re.IGNORECASE)
_CSS_BAD = re.compile(r"@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:", re.IGNORECASE)


@dataclass(frozen=True)
class SvgFinding(Finding):
    """A Finding with the line in the SVG file where the problem is."""

    line: int = 1


class _Stop(Exception):
    """Raised from a parser callback to stop before a DOCTYPE's entities are ever expanded."""


class _Checker:
    def __init__(self, text: bytes | None = None) -> None:
        self.text = text
        self.found: list[SvgFinding] = []
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.ExternalEntityRefHandler = self.external
        self.root = True
        self.inside_refused = 0
        """Depth inside a refused element: its content is refused with it, and not reported again."""

    def add(self, rule: str, message: str, hint: str, *needles: str) -> None:
        kept = tuple(n for n in needles if n)
        line = self.parser.CurrentLineNumber
        if kept and self.text is not None:
            # Expat knows where the tag starts; the attribute may be on a later line of it.
            start = self.parser.CurrentByteIndex
            tag_end = self.text.find(b">", start)
            text = self.text[start:tag_end if tag_end >= 0 else None].decode("utf-8", "replace")
            line = locate(text, kept, line)
        self.found.append(SvgFinding(rule, message, hint, kept, line=line))

    def doctype(self, name: str, *_: object) -> None:
        self.add(RULE, "<!DOCTYPE> is not allowed in an SVG picture", HINT_DTD, "<!DOCTYPE")
        raise _Stop

    def entity(self, name: str, *_: object) -> None:
        self.add(RULE, f"<!ENTITY {name}> is not allowed in an SVG picture", HINT_DTD, "<!ENTITY")
        raise _Stop

    def external(self, *_: object) -> int:
        self.add(RULE, "an external entity is not allowed in an SVG picture", HINT_DTD, "<!ENTITY")
        raise _Stop

    def instruction(self, target: str, data: str) -> None:
        self.add(RULE, f"<?{target} …?> is not allowed in an SVG picture",
                 "delete it: a processing instruction such as xml-stylesheet can load other files", f"<?{target}")

    def end(self, qname: str) -> None:
        if self.inside_refused:
            self.inside_refused -= 1

    def start(self, qname: str, attrs: dict[str, str]) -> None:
        ns, _, tag = qname.rpartition(" ")
        if self.inside_refused:
            self.inside_refused += 1
            return
        if self.root:
            self.root = False
            if (ns, tag) != (SVG_NS, "svg"):
                self.add(RULE_FORMAT, "the file is not an SVG picture (its first element is not <svg> in the SVG "
                         "namespace)", 'start the file with <svg xmlns="http://www.w3.org/2000/svg" …>', "<svg", "<")
                raise _Stop
        if ns in EDITOR_NAMESPACES:
            return
        if ns != SVG_NS or tag not in ALLOWED_ELEMENTS:
            shown = tag if ns == SVG_NS else f"{tag} (namespace {ns or 'none'})"
            hint = HINT_LOAD if tag in ("style", "foreignObject", "iframe", "object", "embed") else HINT_RUN
            self.add(RULE, f"<{shown}> is not allowed in an SVG picture", hint, f"<{tag}", f":{tag}")
            self.inside_refused = 1
            return
        for qattr, value in attrs.items():
            self.attribute(tag, qattr, value)

    def attribute(self, tag: str, qattr: str, value: str) -> None:
        name = qattr.rpartition(" ")[2]
        plain = _URL_NOISE.sub("", value).lower()
        if name.lower().startswith("on"):
            self.add(RULE, f"event handler '{name}' on <{tag}> is not allowed in an SVG picture", HINT_RUN,
                     f"{name}=", name)
        elif name == "href":
            if not value.strip().startswith("#"):
                self.add(RULE, f"<{tag}> links to '{value.strip()[:60]}': an SVG picture may only refer to its own "
                         "parts (#id)", HINT_LOAD, value.strip()[:40], "href")
        elif name == "style":
            if _CSS_BAD.search(value) or any(not u.strip().startswith("#") for u in _CSS_URL.findall(value)):
                self.add(RULE, f"style on <{tag}> loads something or runs code (url(), @import)", HINT_LOAD,
                         "url(", "@import", "style")
        elif "javascript:" in plain or "vbscript:" in plain:
            self.add(RULE, f"'{name}' on <{tag}> holds a script address", HINT_RUN, "script:", name)
        elif any(not u.strip().startswith("#") for u in _CSS_URL.findall(value)):
            self.add(RULE, f"'{name}' on <{tag}> loads '{value.strip()[:60]}' from outside the picture", HINT_LOAD,
                     "url(", name)
        elif tag in ANIMATIONS and name == "attributeName" and (
                value.rpartition(":")[2].strip() == "href" or value.strip().lower().startswith("on")):
            self.add(RULE, f"<{tag}> changes '{value.strip()}', which could turn a link into a script", HINT_RUN,
                     "attributeName", tag)


def check_svg(data: bytes) -> list[SvgFinding]:
    """Every reason not to publish these SVG bytes (empty: safe). Each finding has its line in the file."""
    checker = _Checker(data)
    try:
        checker.parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        if not any(f.rule == RULE for f in checker.found):
            checker.found.append(SvgFinding(
                RULE_FORMAT, f"the file is not a well-formed SVG picture ({expat.errors.messages[exc.code]})",
                "open it in a drawing program and export it again as SVG", (), line=exc.lineno))
    if checker.root and not checker.found:
        checker.found.append(SvgFinding(RULE_FORMAT, "the file is not an SVG picture (it has no <svg> element)",
                                        "export the picture again as SVG", (), line=1))
    return checker.found
