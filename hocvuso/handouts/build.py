"""write_handouts: plan every document, render only what changed (on every core), write PDFs and manifest."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostic import Diagnostic, error, sort_diagnostics
from ..handout_paths import class_pack_pdf, learner_pdf, teacher_pdf
from ..model import Curriculum, Lesson
from ..parallel import can_fork
from ..themefiles import ThemeFiles
from . import layout
from .documents import Documents
from .layout import Job, Outcome, _lesson_file, _weasyprint
from .manifest import (
    MANIFEST,
    ManifestEntry,
    Sources,
    content_hash,
    manifest_json,
    read_failures,
    read_manifest,
    read_sources,
)
from .paths import Handout
from .sections import ImageRef, Part, image_ref
from .sources import sources_stamp


@dataclass(frozen=True)
class HandoutResult:
    written: tuple[str, ...]
    skipped: tuple[str, ...]
    """Unchanged since the last run, so not rendered again."""
    failed: tuple[str, ...]
    """Not written because of an error in their input (see diagnostics), or in one of their lessons."""
    removed: tuple[str, ...]
    """PDFs of an earlier run that are no longer wanted (or now have errors), deleted."""
    diagnostics: tuple[Diagnostic, ...]
    manifest: Mapping[str, ManifestEntry] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Render time of each written PDF, for benchmarks."""

    @property
    def ok(self) -> bool:
        return not self.diagnostics and not self.failed


@dataclass(frozen=True)
class HandoutRun:
    """What `build_handouts` did: the curriculum's problems (an error stops it before any PDF) and the PDFs."""

    diagnostics: tuple[Diagnostic, ...]
    """The curriculum's warnings, or its errors (then `handouts` is None)."""
    files: int
    """Files of the curriculum checked, for the report's summary line."""
    handouts: HandoutResult | None
    validated: bool
    """False when the sources were those of the last good run, so nothing was validated or planned."""

    @property
    def ok(self) -> bool:
        return self.handouts is not None and self.handouts.ok


def build_handouts(root: Path | str, out_dir: Path | str, base_url: str, *, jobs: int | None = None,
                   theme: ThemeFiles | None = None) -> HandoutRun:
    """Validate the curriculum under `root` and write its handouts (`write_handouts`): `hocvuso handouts`.

    When everything the run reads is as the last good run left it (`sources_stamp`), the PDFs are that run's:
    nothing is validated or planned, and that run's warnings are reported again."""
    from ..validate import markdown_options, validate  # the whole validator: only when something may have changed

    out = Path(out_dir)
    markdown = markdown_options(Path(root))
    stamp = sources_stamp(root, base_url, theme, markdown)
    if (kept := last_good_run(out, stamp)) is not None:
        last, result = kept
        return HandoutRun(last.warnings, last.files, result, validated=False)
    checked = validate(root, markdown)
    if not checked.ok:
        return HandoutRun(tuple(checked.diagnostics), checked.files_checked, None, validated=True)
    warnings = tuple(checked.diagnostics)
    result = write_handouts(checked.loaded.curriculum, out, base_url, jobs=jobs, theme=theme,
                            sources=Sources(stamp, warnings, checked.files_checked))
    return HandoutRun(warnings, checked.files_checked, result, validated=True)


def write_handouts(cur: Curriculum, out_dir: Path | str, base_url: str, *, jobs: int | None = None,
                   theme: ThemeFiles | None = None, sources: Sources | None = None) -> HandoutResult:
    """Write every handout of the curriculum as out_dir/<lang>/..., plus out_dir/manifest.json.

    A PDF whose inputs (HTML from the templates and the curriculum, inlined CSS, image bytes, renderer
    version) hash as in the manifest, and whose file is still there, is not rendered again. The rest are
    rendered on `jobs` processes (default: every core). Only files listed in the previous manifest are ever
    deleted, so out_dir may hold other files.

    `sources`: the stamp of what the curriculum and theme were read from (`sources_stamp`), recorded if this
    run has no error, so that the next run over the same sources can skip it all (`last_good_run`).
    """
    out = Path(out_dir)
    old = read_manifest(out)
    known_bad = read_failures(out)
    planned = plan_jobs(Documents(cur, base_url, theme))
    # Errors are remembered like PDFs: an unchanged handout that was too long is reported, not laid out again.
    errors: dict[str, tuple[Diagnostic, ...]] = {}
    remembered: dict[str, tuple[str, tuple[Diagnostic, ...]]] = {}
    for job in planned:
        path = job.handout.path
        if job.problems:
            errors[path] = job.problems
        elif (bad := known_bad.get(path)) and bad[0] == job.inputs:
            errors[path] = bad[1]
            remembered[path] = bad
    done: dict[str, Outcome] = {}
    inputs = {job.handout.path: job.inputs for job in planned}

    def todo(kinds: set[str]) -> list[Job]:
        return [job for job in planned if job.handout.kind in kinds and job.handout.path not in errors
                and not _blocked(job, errors) and not _unchanged(job, old.get(job.handout.path), out)]

    def collect(outcome: Outcome) -> None:
        if outcome.pdf is None:
            errors[outcome.path] = outcome.diagnostics
            remembered[outcome.path] = (inputs[outcome.path], outcome.diagnostics)
        else:
            done[outcome.path] = outcome

    # Lessons first, then class packs: a pack holding a handout that turned out too long is never laid out.
    _render_all(todo({"learner", "teacher"}), lambda: todo({"class-pack"}), jobs or os.cpu_count() or 1, collect)
    # A class pack is only as good as its lessons: without one of their handouts, it is not written.
    failed = set(errors) | {job.handout.path for job in planned if _blocked(job, errors)}

    manifest: dict[str, ManifestEntry] = {}
    written, skipped, seconds = [], [], {}
    for job in planned:
        hd = job.handout
        if hd.path in failed:
            continue
        if hd.path in done:
            result = done[hd.path]
            assert result.pdf is not None
            _write_atomic(out / hd.path, result.pdf)
            manifest[hd.path] = ManifestEntry(hd.path, hd.kind, hd.lang, hd.subject, job.inputs,
                                              hashlib.sha256(result.pdf).hexdigest(), len(result.pdf),
                                              result.pages)
            written.append(hd.path)
            seconds[hd.path] = result.seconds
        elif hd.path in old:
            manifest[hd.path] = old[hd.path]
            skipped.append(hd.path)
    # A PDF that now has errors is deleted too: an outdated handout must not stay online as if it were current.
    removed = [path for path in old if path not in manifest and _remove(out, path)]
    good = not errors and not failed
    _write_atomic(out / MANIFEST, manifest_json(manifest, remembered, base_url, sources if good else None)
                  .encode("utf-8"))
    return HandoutResult(
        written=tuple(written), skipped=tuple(skipped),
        failed=tuple(job.handout.path for job in planned if job.handout.path in failed), removed=tuple(removed),
        diagnostics=tuple(sort_diagnostics(d for found in errors.values() for d in found)), manifest=manifest,
        seconds=seconds)


def last_good_run(out: Path, stamp: str) -> tuple[Sources, HandoutResult] | None:
    """The last good run in `out` and its PDFs, if it read what `stamp` stands for and every PDF is still there:
    then nothing needs to be validated, planned or rendered."""
    last = read_sources(out)
    if last is None or last.stamp != stamp:
        return None
    manifest = read_manifest(out)
    for path, entry in manifest.items():
        try:
            if (out / path).stat().st_size != entry.bytes:
                return None
        except OSError:
            return None
    return last, HandoutResult(written=(), skipped=tuple(manifest), failed=(), removed=(), diagnostics=(),
                               manifest=manifest)


def _blocked(job: Job, errors: Mapping[str, object]) -> bool:
    return any(path in errors for path in job.requires)


def plan_jobs(docs: Documents) -> list[Job]:
    """Every handout's HTML and input hash, with the problems found before rendering (missing images)."""
    printer = docs.printer
    cur = printer.cur
    jobs: list[Job] = []
    image_bytes: dict[str, bytes | None] = {}
    lessons_by_id = {lesson.id: lesson for lesson in cur.lessons}

    def images_of(lesson: Lesson, parts: Iterable[Part | None]) -> tuple[tuple[ImageRef, ...], list[Diagnostic]]:
        refs = [ref for part in parts if part for ref in part.images]
        for q in lesson.quiz.questions if lesson.quiz else ():
            if q.image:
                spot = q.spots.get("image", q.source)
                refs.append(image_ref(printer.root_url, lesson.folder, q.image, spot.path, spot.line))
        problems = []
        for ref in refs:
            if ref.url not in image_bytes:
                image_bytes[ref.url] = _read_image(ref.url, printer.root_url)
            if image_bytes[ref.url] is None:
                problems.append(_unprintable(ref, lesson.id, printer.root_url))
        return tuple(refs), problems

    for lang in cur.config.codes:
        for lesson in cur.lessons:
            parts = printer.parts(lesson, lang)
            for handout, html, shown, limit in (
                    (Handout("learner", lang, lesson.id, learner_pdf(lang, lesson.id)),
                     docs.learner_html(lesson, lang), (parts.steps, parts.example, parts.safety),
                     lesson.handout_pages),
                    (Handout("teacher", lang, lesson.id, teacher_pdf(lang, lesson.id)),
                     docs.teacher_html(lesson, lang), (parts.materials, parts.steps, parts.example, parts.safety), 0)):
                images, problems = images_of(lesson, shown)
                if handout.kind == "learner":
                    problems += _references_elsewhere(lesson, lang, parts.source, shown)
                jobs.append(Job(handout, html, content_hash(html, images, image_bytes, limit), limit, parts.source,
                                images, problems=tuple(problems), base_url=printer.root_url,
                                fill_notes=handout.kind == "learner"))
        for course in cur.courses:
            members = [lessons_by_id[lid] for lid in course.lessons if lid in lessons_by_id]
            images = tuple(ref for lesson in members for ref in images_of(
                lesson, (printer.parts(lesson, lang).steps, printer.parts(lesson, lang).example,
                         printer.parts(lesson, lang).safety))[0])
            html = docs.class_pack_html(course, lang)
            jobs.append(Job(Handout("class-pack", lang, course.id, class_pack_pdf(lang, course.id)), html,
                             content_hash(html, images, image_bytes), 0, course.source.path, images,
                             requires=tuple(learner_pdf(lang, lesson.id) for lesson in members),
                             base_url=printer.root_url))
    return jobs


# Words that send a reader elsewhere in the lesson ("làm theo phần trên", "as in the example above"). On paper
# only the printed parts exist, so such a sentence in a printed part points at nothing.
_ELSEWHERE = re.compile(
    r"(?:phần|mục|ví dụ|mẫu|danh sách|bảng) (?:ở )?(?:trên|dưới đây|sau đây)(?! cùng| màn| thẻ)|"
    r"\b(?:như|nói) (?:ở )?trên(?=[.,;:!?)]|$)|"
    r"\b(?:section|example|list|steps?|instructions?|table|text) (?:above|below)\b|\bas above\b|"
    r"\bsee (?:above|below)\b", re.IGNORECASE | re.MULTILINE)


def _references_elsewhere(lesson: Lesson, lang: str, source: str, parts: Iterable[Part | None]) -> list[Diagnostic]:
    found = []
    for part in parts:
        for match in _ELSEWHERE.finditer(part.text if part else ""):
            line = part.line + part.text.count("\n", 0, match.start()) if part else 1
            found.append(error(source, line, "handout-reference",
                               f"the learner handout of lesson '{lesson.id}' ({lang}) prints “{match.group(0)}” in "
                               f"“{part.heading if part else ''}”, but on paper there is nothing else to look at",
                               "say it in place (the steps, the name of the menu), or drop the reference"))
    return found


def _read_image(url: str, root_url: str) -> bytes | None:
    if not url.startswith(root_url):
        return None  # another host, or a file outside the project: not part of the lesson
    return _lesson_file(Path(unquote(urlsplit(root_url).path)), url)


def _unprintable(ref: ImageRef, lesson_id: str, root_url: str) -> Diagnostic:
    if not ref.url.startswith(root_url):
        return error(ref.path, ref.line, "handout-image",
                     f"image '{ref.src}' of lesson '{lesson_id}' is not a file of the lesson, so it cannot be printed",
                     "put the image in the lesson folder and link it by its file name")
    return error(ref.path, ref.line, "handout-image",
                 f"image '{ref.src}' of lesson '{lesson_id}' is missing, so its handouts cannot be printed",
                 "add the image to the lesson folder or fix its name (case matters)")


def _unchanged(job: Job, entry: ManifestEntry | None, out: Path) -> bool:
    if entry is None or entry.inputs != job.inputs:
        return False
    try:
        return (out / job.handout.path).stat().st_size == entry.bytes
    except OSError:
        return False


def _by_cost(jobs: list[Job]) -> list[Job]:
    # Longest first (class packs hold a whole course), so no core idles at the end waiting for one big job.
    return sorted(jobs, key=lambda job: -len(job.html))


def _render_all(first: list[Job], then: Callable[[], list[Job]], workers: int,
                collect: Callable[[Outcome], None]) -> None:
    """Render `first`, then the jobs `then` gives once those are done, on `workers` processes."""
    if not first and not then():
        return
    _weasyprint()  # imported once here, so forked workers share it instead of importing it each
    if workers <= 1 or not can_fork():
        for batch in (first, then()):
            for job in _by_cost(batch):
                collect(layout.render(job))
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for outcome in pool.imap_unordered(layout.render, _by_cost(first), chunksize=1):
            collect(outcome)
        for outcome in pool.imap_unordered(layout.render, _by_cost(then()), chunksize=1):
            collect(outcome)


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)  # a web server or a reader never sees half a PDF


def _remove(out: Path, path: str) -> bool:
    target = out / path
    if not target.is_file():
        return False
    target.unlink()
    parent = target.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return True

