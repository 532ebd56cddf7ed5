"""Hostile files in a lesson folder, as a pull request could bring them, and what a user would notice.

Each case breaks a copy of the tiny fixture one way and checks the three things that matter: the validator
exits 1 naming the file and line that asks for the file; the build (render_pages, which fills docs/learn and
so the site, the offline zip and the CI artifact) publishes nothing it should not, even if the validator's
verdict were ignored; and printed handouts carry no file of the machine that printed them.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from hocvuso.assets import lesson_assets, published_names, read_lesson_file
from hocvuso.handouts import write_handouts
from hocvuso.loader import load_curriculum
from hocvuso.pages import render_pages, write_pages
from hocvuso.pdfcheck import check_pdf, check_pdf_bytes
from hocvuso.svg import check_svg
from hocvuso.themefiles import PACKAGE_THEME
from hocvuso.validate import main as validate_main
from hocvuso.validate import validate
from hocvuso.views import Views

STRINGS = PACKAGE_THEME / "strings"
L1 = "curriculum/lessons/hello-phone"
L2 = "curriculum/lessons/safe-pay"
EN_IMAGE = (f"{L1}/en.md", 17)
"""The line of en.md that shows phone.svg (vi.md shows it on line 16)."""
VI_IMAGE = (f"{L1}/vi.md", 16)
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="20">'
PASSWD = Path("/etc/passwd")


def png(width: int, height: int, *, body: bool = True) -> bytes:
    """A PNG with the given header size (its pixels are not all there: it is never meant to be decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    if body:
        raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height)) if width * height < 1_000_000 else b""
        out += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return out


def refer(project: Path, name: str) -> None:
    """Make the English text of hello-phone show `name` instead of phone.svg."""
    md = project / L1 / "en.md"
    md.write_text(md.read_text("utf-8").replace("(phone.svg)", f"({name})"), "utf-8")


def svg(inner: str = "", before: str = "") -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / L1 / "phone.svg").write_text(before + SVG_OPEN + inner + "</svg>\n", "utf-8")
    return make


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None]
    expect: set[tuple[str, str, int]]
    """(rule, file, line) the validator must report (it may report more, e.g. md-missing-image)."""
    published: set[str] = field(default_factory=set)
    """Files of hello-phone the build publishes (phone.svg unless the case breaks it)."""


def _symlink(target: str, name: str = "anh.png", referenced: bool = True) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / L1 / name).symlink_to(target)
        if referenced:
            refer(project, name)
    return make


def _fifo(project: Path) -> None:
    os.mkfifo(project / L1 / "anh.png")
    refer(project, "anh.png")


def _write(name: str, data: bytes, referenced: bool = True) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / L1 / name).write_bytes(data)
        if referenced:
            refer(project, name)
    return make


def _linked_folder(project: Path) -> None:
    (project / L1 / "hinh").symlink_to("/etc")
    refer(project, "hinh/passwd")


def _other_lesson(project: Path) -> None:
    (project / L2 / "chart.svg").write_text(SVG_OPEN + "</svg>\n", "utf-8")
    refer(project, "../safe-pay/chart.svg")


def _quiz_image(project: Path) -> None:
    (project / L1 / "q.png").symlink_to(PASSWD)
    quiz = project / L1 / "quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("    choices: [hold, tap]\n",
                                                    "    choices: [hold, tap]\n    image: q.png\n"), "utf-8")
    for lang, alt in (("vi", "Ảnh"), ("en", "A picture")):
        wording = project / L1 / f"quiz.{lang}.yml"
        text = wording.read_text("utf-8")
        wording.write_text(text.replace("  power:\n", f"  power:\n    image_alt: {alt}\n", 1), "utf-8")


def _unsafe_svg(inner: str, before: str = "") -> Case:
    return Case(f"svg: {(before or inner)[:40]}", svg(inner, before),
                {("svg-unsafe", *EN_IMAGE), ("svg-unsafe", *VI_IMAGE)})


DANGLING = Case("dangling symlink", _symlink("/nonexistent/anh.png"), {("file-not-regular", *EN_IMAGE)},
                {"phone.svg"})
FILE_CASES = [
    Case("symlink to /etc/passwd", _symlink(str(PASSWD)), {("file-not-regular", *EN_IMAGE)}, {"phone.svg"}),
    Case("symlink to a file inside the project", _symlink("../../config.yml"), {("file-not-regular", *EN_IMAGE)},
         {"phone.svg"}),
    Case("symlink to a folder", _symlink("/etc"), {("file-not-regular", *EN_IMAGE)}, {"phone.svg"}),
    Case("unreferenced symlink to /etc/passwd", _symlink(str(PASSWD), "notes.png", referenced=False),
         {("file-not-regular", f"{L1}/notes.png", 1)}, {"phone.svg"}),
    Case("named pipe", _fifo, {("file-not-regular", *EN_IMAGE)}, {"phone.svg"}),
    Case("picture through a linked folder", _linked_folder, {("file-not-regular", *EN_IMAGE)}, {"phone.svg"}),
    Case("picture of another lesson", _other_lesson, {("image-outside-lesson", *EN_IMAGE)}, {"phone.svg"}),
    Case("absolute path", lambda p: refer(p, "/etc/passwd"), {("image-outside-lesson", *EN_IMAGE)}, {"phone.svg"}),
    Case("quiz image that is a symlink", _quiz_image, {("file-not-regular", f"{L1}/quiz.yml", 7)},
         {"phone.svg"}),
    Case(".png that is text", _write("anh.png", b"root:x:0:0:root:/root:/bin/bash\n"), {("image-format", *EN_IMAGE)},
         {"phone.svg"}),
    Case(".png that is a JPEG", _write("anh.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40),
         {("image-format", *EN_IMAGE)}, {"phone.svg"}),
    Case(".png that is an SVG", _write("anh.png", (SVG_OPEN + "</svg>").encode()), {("image-format", *EN_IMAGE)},
         {"phone.svg"}),
    Case("not a picture format", _write("form.html", b"<p>hi</p>"), {("image-format", *EN_IMAGE)}, {"phone.svg"}),
    Case("PNG header 60000 x 60000", _write("anh.png", png(60000, 60000)), {("image-dimensions", *EN_IMAGE)},
         {"phone.svg"}),
    Case("PNG header 5000 x 10", _write("anh.png", png(5000, 10)), {("image-dimensions", *EN_IMAGE)},
         {"phone.svg"}),
    Case("SVG declaring 10000 px", _write("phone.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10000" '
                                              b'height="10"/>', referenced=False),
         {("image-dimensions", *EN_IMAGE), ("image-dimensions", *VI_IMAGE)}),
    _unsafe_svg("<script>alert(1)</script>"),
    _unsafe_svg('<rect width="1" height="1" onclick="alert(1)"/>'),
    _unsafe_svg('<set attributeName="onmouseover" to="alert(1)"/>'),
    _unsafe_svg('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>'
                "</foreignObject>"),
    _unsafe_svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
    _unsafe_svg('<image href="https://evil.example/track.png" width="1" height="1"/>'),
    _unsafe_svg('<image xlink:href="file:///etc/passwd" width="1" height="1"/>'),
    _unsafe_svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>'),
    _unsafe_svg('<use href="other.svg#icon"/>'),
    _unsafe_svg('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>'),
    _unsafe_svg("<style>rect { fill: url(https://evil.example/x) }</style>"),
    _unsafe_svg('<rect width="5" height="5" style="fill: url(https://evil.example/x)"/>'),
    _unsafe_svg('<rect width="5" height="5" style="@import \'https://evil.example/x.css\'"/>'),
    _unsafe_svg('<rect width="5" height="5" fill="url(https://evil.example/x#g)"/>'),
    _unsafe_svg('<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/></a>'),
    _unsafe_svg('<a href="#x"><set attributeName="xlink:href" to="https://evil.example/"/></a>'),
    _unsafe_svg("", before='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'),
    _unsafe_svg("", before='<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'),
    _unsafe_svg("", before='<?xml-stylesheet href="https://evil.example/x.css"?>\n'),
]


def _validator_report(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = validate_main(["--root", str(project), "--format", "text", "--lang", "en"])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", [*FILE_CASES, DANGLING], ids=[*(c.name for c in FILE_CASES), DANGLING.name])
def test_a_hostile_file_is_reported_and_never_published(case: Case, tiny: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    case.setup(tiny)
    # The validator exits 1, naming the file and the line that asks for the file.
    code, out = _validator_report(tiny, capsys)
    assert code == 1, out
    found = {(d.rule, d.path, d.line) for d in validate(tiny).diagnostics}
    assert case.expect <= found, out
    for rule, path, line in case.expect:
        assert f"{path}:{line}:1: error [{rule}]" in out
    # Even if the verdict were ignored, the build copies nothing but the good, referenced pictures.
    cur = load_curriculum(tiny).curriculum
    pages = render_pages(cur, STRINGS)
    files = {p.path for p in pages if isinstance(p.content, bytes)}
    assert files == {f"lessons/hello-phone/{name}" for name in case.published}
    assert Views(cur).lesson_images("hello-phone") == sorted(case.published)
    docs = tmp_path / "docs"
    write_pages(docs, pages)
    _assert_nothing_from_outside(docs / "learn")


def _assert_nothing_from_outside(folder: Path) -> None:
    secret = PASSWD.read_bytes()
    for path in folder.rglob("*"):
        assert not path.is_symlink(), path
        assert path.is_dir() or path.is_file(), path
        if path.is_file():
            assert secret not in path.read_bytes(), path


def test_a_link_in_the_folders_mkdocs_publishes_from_is_an_error(tiny: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "docs" / "logo.png").symlink_to(PASSWD)
    (tiny / "overrides" / "assets").mkdir(parents=True)
    os.mkfifo(tiny / "overrides" / "assets" / "x.css")
    code, out = _validator_report(tiny, capsys)
    assert code == 1
    assert "docs/logo.png:1:1: error [file-not-regular] 'logo.png' is a symbolic link" in out
    assert "overrides/assets/x.css:1:1: error [file-not-regular] 'x.css' is a named pipe" in out


def test_only_referenced_pictures_are_published(tiny: Path) -> None:
    (tiny / L1 / "unused.svg").write_text(SVG_OPEN + "</svg>\n", "utf-8")
    (tiny / L1 / "unused.png").write_bytes(png(2, 2))
    assert validate(tiny).ok
    cur = load_curriculum(tiny).curriculum
    assert {p.path for p in render_pages(cur, STRINGS) if isinstance(p.content, bytes)} == {
        "lessons/hello-phone/phone.svg"}
    assert published_names(tiny, cur.lessons[0]) == ["phone.svg"]


def test_pictures_in_every_language_and_the_quiz_are_published(tiny: Path) -> None:
    (tiny / L1 / "anh.png").write_bytes(png(4, 3))
    (tiny / L1 / "hinh").mkdir()
    (tiny / L1 / "hinh" / "q.webp").write_bytes(_webp())
    refer(tiny, "anh.png")  # English shows anh.png, Vietnamese still phone.svg
    quiz = tiny / L1 / "quiz.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("    choices: [hold, tap]\n",
                                                    "    choices: [hold, tap]\n    image: hinh/q.webp\n"), "utf-8")
    for lang in ("vi", "en"):
        wording = tiny / L1 / f"quiz.{lang}.yml"
        wording.write_text(wording.read_text("utf-8").replace("  power:\n", "  power:\n    image_alt: x\n", 1), "utf-8")
    result = validate(tiny)
    assert result.ok, result.diagnostics
    pages = render_pages(result.loaded.curriculum, STRINGS)
    assert {p.path for p in pages if isinstance(p.content, bytes)} == {
        "lessons/hello-phone/anh.png", "lessons/hello-phone/phone.svg", "lessons/hello-phone/hinh/q.webp"}


def _webp() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (3, 2), (200, 10, 10)).save(out, "WEBP")
    return out.getvalue()


def test_a_linked_lesson_folder_is_reported_and_nothing_in_it_published(tiny: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (tiny / L1).rename(elsewhere)
    (tiny / L1).symlink_to(elsewhere, target_is_directory=True)
    found = {(d.rule, d.path, d.line) for d in validate(tiny).diagnostics}
    assert ("file-not-regular", L1, 1) in found
    cur = load_curriculum(tiny).curriculum
    assert not [p for p in render_pages(cur, STRINGS) if isinstance(p.content, bytes)]


def test_the_build_reads_a_picture_again_and_refuses_a_swapped_link(tiny: Path) -> None:
    cur = load_curriculum(tiny).curriculum
    lesson = next(le for le in cur.lessons if le.id == "hello-phone")
    assert [a.name for a in lesson_assets(tiny, lesson) if a.ok] == ["phone.svg"]
    (tiny / L1 / "phone.svg").unlink()
    (tiny / L1 / "phone.svg").symlink_to(PASSWD)
    assert read_lesson_file(tiny, f"{L1}/phone.svg") is None
    assert read_lesson_file(tiny, f"{L1}/../../../../../../etc/passwd") is None
    assert read_lesson_file(tiny, "curriculum/config.yml") is None


# --- SVG, one construct at a time ----------------------------------------------------------------------------

SAFE_SVGS = [
    SVG_OPEN + '<rect width="10" height="20" fill="url(#g)" style="fill: url(#g); stroke: red"/></svg>',
    SVG_OPEN + '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><use xlink:href="#g"/></svg>',
    '<?xml version="1.0" encoding="UTF-8"?>\n' + SVG_OPEN + "<!-- a comment --><title>Phone</title></svg>",
    SVG_OPEN.replace("<svg ", '<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ')
    + '<inkscape:grid id="g1"/><a href="#top"><text>Hi</text></a></svg>',
]


@pytest.mark.parametrize("data", SAFE_SVGS)
def test_plain_drawings_pass(data: str) -> None:
    assert check_svg(data.encode()) == []


def test_an_svg_finding_names_its_line() -> None:
    data = (SVG_OPEN + '\n<rect width="1"\n      onclick="x()"/>\n<script>x()</script>\n</svg>').encode()
    assert [(f.rule, f.line) for f in check_svg(data)] == [("svg-unsafe", 3), ("svg-unsafe", 4)]


def test_text_and_html_are_not_svg() -> None:
    assert [f.rule for f in check_svg(b"root:x:0:0")] == ["image-format"]
    assert [f.rule for f in check_svg(b"<html><script>x()</script></html>")] == ["image-format"]


# --- printed handouts ----------------------------------------------------------------------------------------

HOSTILE_LINKS = ('\n<a rel="attachment" href="file:///etc/passwd">the form</a>\n\n'
                 '<a rel="attachment" href="phone.svg">the picture</a>\n\n'
                 '<p><img alt="secret" src="file:///etc/passwd"></p>\n\n'
                 "See [the file](file:///etc/passwd).\n")


def test_file_links_and_attachments_are_reported_and_never_embedded(tiny: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    md = tiny / L2 / "en.md"
    md.write_text(md.read_text("utf-8").replace("Nobody may ask for your OTP code.",
                                                "Nobody may ask for your OTP code.\n" + HOSTILE_LINKS), "utf-8")
    code, out = _validator_report(tiny, capsys)
    assert code == 1
    for line, rule, message in ((17, "unsafe-url", "a file: address is not allowed"),
                                (17, "unsafe-html", "attribute 'rel' on <a> is not allowed"),
                                (19, "unsafe-html", "attribute 'rel' on <a> is not allowed"),
                                (21, "unsafe-url", "a file: picture address is not allowed"),
                                (23, "unsafe-url", "a file: address is not allowed")):
        assert f"{L2}/en.md:{line}:1: error [{rule}] {message}" in out
    # Printed anyway (as if the validator were skipped): no PDF carries a file, a file: link or a script.
    result = write_handouts(load_curriculum(tiny).curriculum, tmp_path / "out", "https://example.org/", jobs=1)
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert len(pdfs) == 10 and not result.failed
    secret = PASSWD.read_bytes()
    for pdf in pdfs:
        assert check_pdf(pdf) == [], pdf
        data = pdf.read_bytes()
        assert secret not in data and b"/etc/passwd" not in data
        reader = PdfReader(pdf)
        assert reader.attachments == {}
        for page in reader.pages:
            for ref in page.get("/Annots", []) or []:
                annot: Any = ref.get_object()
                assert annot.get("/Subtype") != "/FileAttachment"
                assert not str(annot.get("/A", {}).get("/URI", "")).startswith("file:")


def test_the_url_fetcher_refuses_files_outside_the_lesson_folders(tiny: Path, tmp_path: Path) -> None:
    from hocvuso import handouts

    fetcher = handouts._fetcher(tiny.resolve().as_uri() + "/")
    good = fetcher.fetch((tiny / L1 / "phone.svg").resolve().as_uri())
    assert good.read().startswith(b"<svg")
    (tiny / L1 / "anh.png").symlink_to(PASSWD)
    for url in ("file:///etc/passwd", (tiny / L1 / "anh.png").resolve().as_uri(),
                (tiny / "curriculum" / "config.yml").resolve().as_uri(), "https://example.org/x.png",
                "data:text/plain,hi", (tiny / L1 / "en.md").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- the PDF gate ---------------------------------------------------------------------------------------------

def _weasy_pdf(html: str, base: Path) -> bytes:
    import weasyprint  # type: ignore[import-untyped]

    data: bytes = weasyprint.HTML(string=html, base_url=base.as_uri() + "/").write_pdf(pdf_tags=True)
    return data


def test_the_pdf_gate_finds_what_weasyprint_would_embed_without_the_fetcher(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret\n", "utf-8")
    bad = _weasy_pdf('<p><a rel="attachment" href="secret.txt">x</a> <a href="file:///etc/passwd">y</a></p>',
                     tmp_path)
    problems = check_pdf_bytes(bad)
    assert any("/FileAttachment" in p for p in problems)
    assert any("file:///etc/passwd" in p for p in problems)
    good = _weasy_pdf('<p lang="vi">Không chia sẻ <a href="https://example.org/">mã OTP</a>. /JS /Launch</p>', tmp_path)
    assert check_pdf_bytes(good) == []


@pytest.mark.parametrize("snippet, found", [
    (b"<< /Type /Catalog /Names << /EmbeddedFiles 5 0 R >> >>", "/EmbeddedFiles"),
    (b"<< /S /JavaScript /JS (app.alert(1)) >>", "/JavaScript"),
    (b"<< /S /Java#53cript /JS (x) >>", "/JavaScript"),
    (b"<< /S /Launch /F (calc.exe) >>", "/Launch"),
    (b"<< /S /URI /URI (file:///etc/passwd) >>", "file:///etc/passwd"),
    (b"<< /S /URI /URI <66696c653a2f2f2f6574632f706173737764> >>", "file:///etc/passwd"),
    (b"<< /Subtype /FileAttachment /FS 7 0 R >>", "/FileAttachment"),
])
def test_the_pdf_gate_reads_names_and_strings_as_a_viewer_does(snippet: bytes, found: str) -> None:
    pdf = b"%PDF-1.7\n1 0 obj\n" + snippet + b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    assert any(found in p for p in check_pdf_bytes(pdf))


def test_the_pdf_gate_allows_web_links_and_text_that_mentions_names() -> None:
    pdf = (b"%PDF-1.7\n1 0 obj\n<< /S /URI /URI (https://example.org/a) /Alt (see /JavaScript) >>\nendobj\n"
           b"2 0 obj\n<< /S /URI /URI (tel:0900000000) >>\nendobj\n%%EOF\n")
    assert check_pdf_bytes(pdf) == []
    assert check_pdf_bytes(b"<html>") != []


def test_the_pdf_gate_looks_inside_object_streams() -> None:
    inner = zlib.compress(b"1 0 << /S /Launch /F (x) >>")
    pdf = (b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
           + str(len(inner)).encode() + b" >>\nstream\n" + inner + b"\nendstream\nendobj\n%%EOF\n")
    assert any("/Launch" in p for p in check_pdf_bytes(pdf))
    odd = pdf.replace(b"/FlateDecode", b"/LZWDecode")
    assert any("could not be read" in p for p in check_pdf_bytes(odd))


def test_page_image_sizes_come_only_from_regular_files_of_the_page_folder(tmp_path: Path) -> None:
    from hocvuso.images import size_images

    (tmp_path / "ok.png").write_bytes(png(4, 3))
    (tmp_path / "big.png").write_bytes(png(60000, 60000))
    (tmp_path / "link.png").symlink_to(tmp_path / "ok.png")
    os.mkfifo(tmp_path / "pipe.png")
    html = "".join(f'<img src="{src}">' for src in ("ok.png", "big.png", "link.png", "pipe.png", "/etc/passwd",
                                                    "../../../../etc/passwd"))
    assert size_images(html, tmp_path) == (
        '<img src="ok.png" loading="lazy" width="4" height="3"><img src="big.png" loading="lazy">'
        '<img src="link.png" loading="lazy"><img src="pipe.png" loading="lazy"><img src="/etc/passwd" loading="lazy">'
        '<img src="../../../../etc/passwd" loading="lazy">')


def test_a_pdf_that_fails_the_gate_is_never_written(tiny: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from hocvuso.handouts import layout

    monkeypatch.setattr(layout, "check_pdf_bytes", lambda data: ["the PDF contains an embedded file"])
    with pytest.raises(RuntimeError, match="failed the PDF safety check"):
        write_handouts(load_curriculum(tiny).curriculum, tmp_path / "out", "https://example.org/", jobs=1)
    assert not list((tmp_path / "out").rglob("*.pdf"))
