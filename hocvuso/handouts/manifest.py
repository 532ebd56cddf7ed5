"""manifest.json: every PDF of the last run with the hash of its inputs, and the errors of those that failed.

A PDF whose inputs hash as in the manifest (and whose file is still there) is not rendered again; an input
that failed is reported again from here without being laid out again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostic import Diagnostic, Severity
from .paths import Kind
from .sections import ImageRef

MANIFEST = "manifest.json"
RENDERER_VERSION = "4"
"""Part of every content hash: bump it when a change to this package alters PDFs without altering their HTML."""


@dataclass(frozen=True)
class ManifestEntry:
    """One PDF in manifest.json: what the site needs to link to it ("PDF, 180 KB") and to skip re-rendering."""

    path: str
    kind: Kind
    lang: str
    subject: str
    inputs: str
    sha256: str
    bytes: int
    pages: int


def content_hash(html: str, images: Sequence[ImageRef], image_bytes: Mapping[str, bytes | None],
                 max_pages: int = 0) -> str:
    """What a handout depends on. The page limit counts too: a sheet refused as too long must be laid out
    again when its lesson declares a longer sheet, not reported from memory."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, _version("weasyprint"), _version("segno"), html, str(max_pages)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for ref in sorted(set(images), key=lambda r: r.html_src):
        digest.update(ref.html_src.encode("utf-8"))
        digest.update(hashlib.sha256(image_bytes.get(ref.url) or b"").digest())
    return digest.hexdigest()


@cache
def _version(package: str) -> str:
    # Part of every hash: a new WeasyPrint or segno may draw a PDF differently from the same HTML.
    from importlib.metadata import version

    return version(package)


@dataclass(frozen=True)
class Sources:
    """The run that wrote every handout without an error: the stamp of what it read (sources.py), and what it
    reported (the curriculum's warnings, and how many files were checked), to report again when nothing changed."""

    stamp: str
    warnings: tuple[Diagnostic, ...] = ()
    files: int = 0


def manifest_json(entries: Mapping[str, ManifestEntry], failures: Mapping[str, tuple[str, tuple[Diagnostic, ...]]],
                  base_url: str, sources: Sources | None = None) -> str:
    files = {path: {"kind": e.kind, "lang": e.lang, "id": e.subject, "bytes": e.bytes, "pages": e.pages,
                    "sha256": e.sha256, "inputs": e.inputs} for path, e in sorted(entries.items())}
    failed = {path: {"inputs": inputs, "diagnostics": [d.as_dict() for d in found]}
              for path, (inputs, found) in sorted(failures.items())}
    data: dict[str, object] = {"version": 1, "base_url": base_url}
    if sources is not None:
        data["sources"] = {"stamp": sources.stamp, "files": sources.files,
                           "warnings": [d.as_dict() for d in sources.warnings]}
    data.update(files=files, failed=failed)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_manifest(out_dir: Path | str) -> dict[str, ManifestEntry]:
    """The PDFs of the last run, by path under out_dir; empty if there is no (readable) manifest."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text("utf-8"))
        return {path: ManifestEntry(path, e["kind"], e["lang"], e["id"], e["inputs"], e["sha256"], int(e["bytes"]),
                                    int(e["pages"])) for path, e in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def read_failures(out_dir: Path) -> dict[str, tuple[str, tuple[Diagnostic, ...]]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        return {path: (e["inputs"], _diagnostics(e["diagnostics"])) for path, e in data.get("failed", {}).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def read_sources(out_dir: Path) -> Sources | None:
    """The last run's `Sources`, if it wrote every handout without an error."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        if data.get("failed") or "sources" not in data:
            return None
        found = data["sources"]
        return Sources(str(found["stamp"]), _diagnostics(found["warnings"]), int(found["files"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _diagnostics(found: Sequence[Mapping[str, Any]]) -> tuple[Diagnostic, ...]:
    return tuple(Diagnostic(d["path"], d["line"], d["col"], Severity(d["severity"]), d["rule"], d["message"],
                            d["hint"]) for d in found)
