"""Image dimensions, so pages can reserve space for images and load them lazily: Pillow reads raster
headers (PNG, JPEG, WebP, GIF, AVIF) without decoding the picture; SVG sizes come from the <svg> element."""

from __future__ import annotations

import os
import re
import stat
import struct
import warnings
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_ATTR = re.compile(rb"""\s(width|height|viewBox)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels, or None when the format or file is not understood (or is so large that
    Pillow refuses it as a decompression bomb: such a picture is never published, see hocvuso.assets)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    if b"<svg" in head[:4096].lower():
        return _svg(head)
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                return image.size
        except Image.DecompressionBombError:
            return None
        except Exception:  # a header Pillow cannot finish reading: what the header says, read by hand
            return header_size(head)


def raster_info(data: bytes) -> tuple[str, tuple[int, int] | None]:
    """(Pillow's format name, (width, height)) of raster bytes; ("", None) if they are not a picture Pillow
    reads; (format, None) if the header claims more pixels than Pillow agrees to open (a decompression bomb).

    The size comes from the header, so a file claiming 60000 × 60000 pixels is never decoded; the rest of
    the file is then checked as far as its format allows (PNG chunk checksums).
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data)) as image:
                fmt, size = str(image.format or ""), image.size
        except Image.DecompressionBombError:
            return _format_of(data), None
        except Exception:  # not a picture, or a damaged one
            return "", None
        try:
            with Image.open(BytesIO(data)) as image:
                image.verify()
        except Exception:
            return "", None
    return fmt, size


def _format_of(head: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:2] == b"\xff\xd8":
        return "JPEG"
    return "AVIF" if head[4:12] in (b"ftypavif", b"ftypavis") else ""


def svg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) an SVG picture declares, or None."""
    return _svg(data[:65536])


def header_size(head: bytes) -> tuple[int, int] | None:
    """(width, height) from the first bytes of a PNG, GIF, WebP, JPEG or SVG file, read by hand: what a
    picture *claims*, for messages about pictures too large for Pillow to open."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head)
    if head[:2] == b"\xff\xd8":
        return _jpeg(head)
    if b"<svg" in head[:4096].lower():
        return _svg(head)
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    kind = head[12:16]
    if kind == b"VP8X":
        return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(head[27:30], "little")
    if kind == b"VP8 ":
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker, length = head[i + 1], struct.unpack(">H", head[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", head[i + 5:i + 9])
            return w, h
        i += 2 + length
    return None


def _svg(head: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(head)
    found = {k.decode().lower(): v.decode() for k, v in _SVG_ATTR.findall(tag.group(0))} if tag else {}
    try:
        if "width" in found and "height" in found:
            return round(float(found["width"].rstrip("px"))), round(float(found["height"].rstrip("px")))
        if "viewbox" in found:
            _, _, w, h = (float(x) for x in found["viewbox"].replace(",", " ").split())
            return round(w), round(h)
    except ValueError:
        return None
    return None


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def size_images(html: str, folder: Path) -> str:
    """Give every local <img> its width, height and loading="lazy", so the page never jumps as it loads."""

    def fix(match: re.Match[str]) -> str:
        attrs = match.group(1)
        src = re.search(r"""\ssrc\s*=\s*["']([^"']+)["']""", attrs)
        if src is None or "://" in src.group(1) or src.group(1).startswith("data:"):
            return match.group(0)
        extra = ""
        if "loading=" not in attrs:
            extra += ' loading="lazy"'
        # Pages in other languages point at the one shared copy (../../../../learn/...); the file itself
        # is always in the lesson's own folder.
        # Only a regular file of the page's own folder is measured: never a link, a pipe or a file elsewhere.
        rel = unquote(src.group(1).split("#")[0].split("?")[0])
        local = folder / rel
        if rel.startswith("/") or ".." in Path(rel).parts or not _regular(local):
            local = folder / Path(rel).name
        if "width=" not in attrs and _regular(local) and (size := image_size(local)):
            extra += f' width="{size[0]}" height="{size[1]}"'
        return f"<img{attrs.rstrip('/').rstrip()}{extra}>"

    return _IMG.sub(fix, html)
