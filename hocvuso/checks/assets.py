"""Files of a lesson folder: what the build would leave out, and why, at the line that asks for the file.

The build publishes a picture only when `hocvuso.assets` accepts it; this check reports every file it
would refuse, so a contributor learns why (a link to /etc/passwd, a "PNG" that is text, a picture of
60000 × 60000 pixels, an SVG with a script) instead of finding a broken picture on the site. Links to
local files by a file: address, and attachments, are reported here too: a printed handout must never
carry a file of the machine that printed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..assets import FolderEntry, lesson_assets, lesson_folder_entries, site_source_entries
from ..diagnostic import Diagnostic, error
from ..model import Lesson
from ..sanitize import HINT_URL, find_unsafe, locate, url_scheme
from . import CheckContext


def check_assets(ctx: CheckContext) -> Iterator[Diagnostic]:
    for lesson in ctx.cur.lessons:
        if lesson.id in ctx.loaded.metadata_only:
            continue  # its texts were not read (validate --changed): another lesson's files are not checked
        referenced: set[str] = set()
        refused = {d.path for d in ctx.loaded.diagnostics if d.rule == "file-not-regular"}
        for asset in lesson_assets(ctx.root, lesson, ctx.markdown):
            referenced.add(f"{lesson.folder}/{asset.name}")
            for ref in asset.references:
                for problem in asset.problems:
                    yield error(ref.path, ref.line, problem.rule, problem.message, problem.hint)
        for entry in lesson_folder_entries(ctx.root, lesson):
            # Not twice: where the lesson refers to it, or where the loader refused to read it, it is reported.
            if entry.path not in referenced and entry.path not in refused:
                yield _special(entry)
        yield from _file_addresses(ctx, lesson)
    for entry in site_source_entries(ctx.root):
        yield _special(entry)


def _special(entry: FolderEntry) -> Diagnostic:
    return error(entry.path, 1, "file-not-regular",
                 f"'{entry.path.rpartition('/')[2]}' is {entry.kind}, not a file: nothing the site is built from may "
                 "point elsewhere", "replace it with the file itself, or delete it")


def _file_addresses(ctx: CheckContext, lesson: Lesson) -> Iterator[Diagnostic]:
    """file: links and attachments, which would put a file of the printing machine into a handout."""
    for text in lesson.texts.values():
        md = ctx.markdown(text)
        for link in md.links:
            if url_scheme(link.target) == "file":
                yield error(text.source.path, link.line, "unsafe-url", "a file: address is not allowed", HINT_URL)
        for html in md.html:
            for finding in find_unsafe(html.text):
                if ("file:" in finding.message and finding.rule == "unsafe-url") or "'rel'" in finding.message:
                    line = locate(html.text, finding.needles, html.line)
                    yield error(text.source.path, line, finding.rule, finding.message, finding.hint)
