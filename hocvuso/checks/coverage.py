"""A required cell with no lesson is an error; a cell no quiz question assesses is a warning."""

from __future__ import annotations

from collections.abc import Iterator

from ..coverage import compute_coverage
from ..diagnostic import Diagnostic, error, warning
from ..model import pick
from . import CheckContext


def check_coverage(ctx: CheckContext) -> Iterator[Diagnostic]:
    cur = ctx.cur
    # Coverage from a curriculum with unreadable files would be a list of false alarms: fix those first.
    if not cur.framework.competences or ctx.loaded.broken:
        return
    cov = compute_coverage(cur)
    src_lang = cur.config.source_language
    for cell in cov.cells:
        aud = cur.audience(cell.audience)
        comp = cur.framework.competence(cell.competence)
        if aud is None or comp is None:
            continue
        key = f"competences.{comp.id}" if comp.id in aud.competence_levels else f"domains.{comp.domain}"
        src = aud.spots.get(key, aud.source)
        name = pick(comp.name, "en", src_lang)
        if not cell.taught:
            yield error(src.path, src.line, "coverage-untaught",
                        f"'{aud.id}' must reach {cell.level} in {comp.id} ({name}), but no lesson for '{aud.id}' "
                        f"teaches it at {cell.level} or above",
                        f"add a lesson with audiences: [{aud.id}] and competences: [{{id: \"{comp.id}\", level: "
                        f"{cell.level}}}], or add '{aud.id}' to a lesson that teaches it", col=src.col)
        elif not cell.assessed:
            yield warning(src.path, src.line, "coverage-unassessed",
                          f"no quiz question checks {comp.id} ({name}) at {cell.level} or above for '{aud.id}'",
                          f"add a question with competence: \"{comp.id}\" and level: {cell.level} to one of: "
                          f"{', '.join(cell.lessons[:3])}", col=src.col)
