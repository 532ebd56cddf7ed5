"""Printable PDF handouts: per lesson and language a learner sheet and a teacher guide, per course a
teacher's book (sessions with their plans and learner sheets, attendance, progress, completion record).

The package never imports MkDocs. Its parts:

- `paths`: where each PDF goes, and the QR code back to the online page;
- `plan`: the generic session plan of a lesson without a teacher section;
- `sections`: the lesson text cut into the parts a handout prints (steps, example, safety…);
- `views`: typed views of what each document shows (a learner view has no field for an answer);
- `documents`: the HTML of each document from the templates of overrides/print/;
- `manifest`: content hashes and manifest.json, so an unchanged PDF is not rendered again;
- `sources`: one stamp of everything a run reads, so a run over unchanged sources does nothing;
- `layout`: WeasyPrint (PDF/UA-1) and the checks of the laid-out pages;
- `build`: `write_handouts`, which renders what changed on every core, and `build_handouts`, which validates
  the curriculum first (`hocvuso handouts`).

Input that would make a bad PDF (a missing image, a learner sheet longer than declared, a layout fault) is
reported as a Diagnostic naming the handout, and that PDF is not written: a handout is never silently cut.
"""

from __future__ import annotations

from ..pdfcheck import check_pdf_bytes
from .build import HandoutResult, HandoutRun, build_handouts, last_good_run, plan_jobs, write_handouts
from .documents import (
    PRINT_DIR,
    Documents,
    render_class_pack_html,
    render_learner_html,
    render_teacher_html,
)
from .layout import _fetcher, layout_faults, render
from .manifest import MANIFEST, ManifestEntry, Sources, read_manifest
from .paths import Handout, Kind, handout_paths, lesson_url, qr_svg, short_url
from .plan import PLAN, PlanStep, timed_plan
from .sources import sources_stamp
from .views import CourseView, LearnerView, Printer, TeacherView

LEARNER_MAX_PAGES = 2

__all__ = [
    "LEARNER_MAX_PAGES", "MANIFEST", "PLAN", "PRINT_DIR", "CourseView", "Documents", "Handout", "HandoutResult",
    "HandoutRun", "Kind", "LearnerView", "ManifestEntry", "PlanStep", "Printer", "Sources", "TeacherView", "_fetcher",
    "build_handouts", "check_pdf_bytes", "handout_paths", "last_good_run", "layout_faults", "lesson_url",
    "plan_jobs", "qr_svg", "read_manifest", "render", "render_class_pack_html", "render_learner_html",
    "render_teacher_html", "short_url", "sources_stamp", "timed_plan", "write_handouts",
]
