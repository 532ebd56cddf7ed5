"""Nothing a contributor writes may run code, load from another host, or disguise itself on a page.

Lesson bodies are judged on the HTML the site publishes (`MarkdownDoc.unsafe`, rendered by Python-Markdown
and compared with the sanitiser's allow-list); every other text field is plain text, escaped by the
templates, and is checked for markup that would show as written and for invisible direction-changing or
control characters. Addresses of sources must be ordinary web addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from ..diagnostic import Diagnostic, error
from ..model import Reference
from ..sanitize import Finding, check_plain_text, locate
from . import CheckContext

_URL_BAD_CHARS = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")


def check_safety(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    for lesson in cur.lessons:
        for text in lesson.texts.values():
            path = text.source.path
            doc = ctx.markdown(text)
            for line, finding in doc.unsafe:
                yield _diagnostic(path, line, finding)
            for link in doc.links:
                if (shown := shown_host_mismatch(link.text, link.target)) is not None:
                    yield error(path, link.line, "link-text-mismatch",
                                f"the link shows '{shown}' but goes to '{urlsplit(link.target).hostname}'",
                                "make the text name the site the link really opens (scam links look exactly "
                                "like this)")
            fields = [text.title, text.summary, *text.objectives]
            yield from _plain(ctx, path, fields)
        yield from _references(ctx, f"{lesson.folder}/lesson.yml", lesson.references)
        if lesson.quiz is None:
            continue
        for question in lesson.quiz.questions:
            for qt in question.texts.values():
                values = [qt.prompt, qt.quote, qt.image_alt, qt.explanation]
                for choice in qt.choices.values():
                    values += [choice.text, choice.feedback]
                yield from _plain(ctx, qt.source.path, values)
    for entries in cur.glossary.values():
        for entry in entries.values():
            yield from _plain(ctx, entry.source.path, [entry.term, *entry.aliases, entry.definition])
    for course in cur.courses:
        yield from _plain(ctx, course.source.path, [*course.title.values(), *course.description.values()])
    for aud in cur.audiences:
        yield from _plain(ctx, aud.source.path, [*aud.name.values(), *aud.description.values(),
                                                 *aud.promise.values(), *aud.why.values()])
    for fw in cur.frameworks:
        path = fw.source.path
        values = [*fw.name.values(), *fw.description.values()]
        for level in fw.levels:
            values += [*level.name.values(), *level.description.values()]
        for tier in fw.tiers:
            values += [*tier.name.values()]
        for domain in fw.domains:
            values += [*domain.name.values()]
            yield from _references(ctx, path, domain.references)
            for comp in domain.competences:
                values += [*comp.name.values(), *comp.description.values()]
        yield from _plain(ctx, path, values)
        yield from _references(ctx, path, fw.references)


# A web address shown as link text: what a learner reads as "where this goes".
_HOSTLIKE = re.compile(r"(?i)(?<![\w@.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12})(?![\w-])")


_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "svg", "webp", "avif", "gif", "pdf", "md", "html", "htm", "zip",
                            "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "mp3", "mp4", "yml", "apk"})


def shown_host_mismatch(text: str, target: str) -> str | None:
    """The address a link's text shows, if the link really goes to another site; else None."""
    match = _HOSTLIKE.search(text)
    host = (urlsplit(target.strip()).hostname or "").lower().removeprefix("www.")
    if match is None or not host:
        return None
    shown = match.group(1).lower().removeprefix("www.")
    if shown.rpartition(".")[2] in _FILE_SUFFIXES:
        return None
    if "." not in shown or shown.replace(".", "").isdigit() or host == shown or host.endswith("." + shown):
        return None
    return shown


def _diagnostic(path: str, line: int, finding: Finding) -> Diagnostic:
    return error(path, line, finding.rule, finding.message, finding.hint)


def _plain(ctx: CheckContext, path: str, values: Iterable[str]) -> Iterator[Diagnostic]:
    raw = ctx.loaded.texts.get(path, "")
    for value in values:
        for finding in check_plain_text(value):
            yield _diagnostic(path, locate(raw, (*finding.needles, value[:30], value[:12], value[:5])), finding)


def _references(ctx: CheckContext, path: str, refs: Iterable[Reference]) -> Iterator[Diagnostic]:
    raw = ctx.loaded.texts.get(path, "")
    for ref in refs:
        yield from _plain(ctx, path, [ref.title, ref.note])
        parts = urlsplit(ref.url)
        if parts.scheme not in ("http", "https") or not parts.netloc or _URL_BAD_CHARS.search(ref.url):
            yield error(path, locate(raw, (ref.url[:40], ref.url[:16], ref.url[:12])), "unsafe-url",
                        f"'{ref.url[:80]}' is not a plain web address",
                        "write the address as it appears in the browser (https://…), with no spaces or quotes")
