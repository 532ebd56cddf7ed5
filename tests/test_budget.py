"""Page-weight budgets on a built site, and the image facts they rely on."""

from __future__ import annotations

import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from hocvuso.budget import check_site
from hocvuso.images import image_size, size_images
from tests.conftest import ROOT
from tests.sitebuild import mkdocs_build


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


def test_image_sizes_come_from_file_headers(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(png(320, 180))
    (tmp_path / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 48"></svg>', "utf-8")
    (tmp_path / "c.svg").write_text('<svg width="10px" height="20" xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    assert image_size(tmp_path / "a.png") == (320, 180)
    assert image_size(tmp_path / "b.svg") == (64, 48)
    assert image_size(tmp_path / "c.svg") == (10, 20)
    html = size_images('<p><img alt="x" src="b.svg"> <img src="https://x.org/y.png"></p>', tmp_path)
    assert html == '<p><img alt="x" src="b.svg" loading="lazy" width="64" height="48"> <img src="https://x.org/y.png"></p>'


@pytest.mark.slow
def test_fixture_site_is_within_budget(tiny: Path) -> None:
    assert mkdocs_build(tiny, "--strict").returncode == 0
    weights, problems = check_site(tiny / "site")
    assert [str(p) for p in problems] == []
    assert len(weights) == 4  # two lessons × two languages
    assert all(w.first_visit <= 60_000 for w in weights)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/check_budget.py"), str(tiny / "site")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("OK: 0 budget problems")


def test_budget_problems_are_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    lesson = site / "learn/lessons/a/index.html"
    lesson.parent.mkdir(parents=True)
    (site / "index.html").write_text("<html></html>", "utf-8")
    (site / "big.css").write_text("@font-face{src:url(f.woff2)} body{background:url(https://cdn.example.org/x.png)}"
                                  + "x" * 10, "utf-8")
    (lesson.parent / "p.png").write_bytes(png(10, 10))
    lesson.write_text('<link rel="stylesheet" href="../../../big.css"><script src="https://cdn.example.org/a.js">'
                      '</script><img src="p.png"><img src="gone.svg" width="1" height="1" loading="lazy">', "utf-8")
    _, problems = check_site(site)
    assert [p.message for p in problems] == [
        "image p.png has no width and height (the page jumps as it loads)",
        'image p.png is not loaded lazily (loading="lazy")',
        "big.css loads the web font f.woff2: use the device's own fonts",
        "big.css loads https://cdn.example.org/x.png from another host",
        "<script> loads https://cdn.example.org/a.js from another host",
        "image learn/lessons/a/p.png is not SVG, WebP or AVIF",
        "<img> refers to gone.svg, which is not in the site (a failing request)",
    ]


def test_budgets_break_when_pages_are_heavy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("a", "b"):
        page = site / f"learn/lessons/{name}/index.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(random.Random(name).randbytes(25_000))  # incompressible
    (site / "index.html").write_text("<html></html>", "utf-8")
    _, problems = check_site(site, first_visit=20_000, second_lesson=15_000)
    messages = [p.message for p in problems]
    assert sum("first visit transfers" in m for m in messages) == 2
    assert sum("as a second lesson it adds" in m for m in messages) == 2
