"""The published-output gate for PDFs: a handout carries text and pictures, never files, scripts or actions.

WeasyPrint embeds the target of `<a rel="attachment">` into the PDF and turns links into /URI actions, so
a lesson could once ship /etc/passwd of the machine that printed it inside a handout. The print pipeline
prevents that (hocvuso.handouts: a URL fetcher limited to the lesson folders, lesson HTML sanitised), and
this check proves it on the files themselves, with no PDF library: every object dictionary of the file,
including those packed in compressed object streams, is searched for

- embedded files: /EmbeddedFiles, /EmbeddedFile, /FileAttachment annotations;
- code and actions that leave the document: /JavaScript, /JS, /Launch, /GoToR, /GoToE, /SubmitForm,
  /ImportData, /RichMedia;
- /URI actions to anything but http(s), mailto and tel (file: above all).

`check_pdf(path)` (or `check_pdf_bytes(data)`) returns one message per problem; empty means publishable.
A file it cannot fully read (an object stream in a filter it does not know, a stream too large) is a
problem too: the gate fails closed.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

FORBIDDEN_NAMES: dict[str, str] = {
    "EmbeddedFiles": "an embedded file (/EmbeddedFiles)",
    "EmbeddedFile": "an embedded file (/EmbeddedFile)",
    "FileAttachment": "a file attachment annotation (/FileAttachment)",
    "JavaScript": "JavaScript (/JavaScript)",
    "JS": "JavaScript (/JS)",
    "Launch": "an action that starts a program (/Launch)",
    "GoToR": "a link into another file (/GoToR)",
    "GoToE": "a link into an embedded file (/GoToE)",
    "SubmitForm": "a form that sends data (/SubmitForm)",
    "ImportData": "an action that imports a file (/ImportData)",
    "RichMedia": "embedded media (/RichMedia)",
}
URI_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_INFLATED = 64_000_000
"""Largest object stream inflated, against a decompression bomb."""

_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = re.compile(rb"\r?\n?endstream")
_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]*)")
_URI = re.compile(rb"/URI\s*(\(|<)")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def check_pdf(path: Path | str) -> list[str]:
    """Problems of the PDF file at path (empty: nothing embedded, no script, no file: link, no launch)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return [f"cannot read the PDF: {exc.strerror or exc}"]
    return check_pdf_bytes(data)


def check_pdf_bytes(data: bytes) -> list[str]:
    """Problems of a PDF given as bytes; see the module's documentation for what is looked for."""
    if not data.startswith(b"%PDF-"):
        return ["not a PDF file (it does not start with %PDF-)"]
    problems: list[str] = []
    dictionaries, streams = _split(data)
    for stream_dict, body in streams:
        if "ObjStm" in _names(stream_dict):
            inflated = _inflate(stream_dict, body)
            if inflated is None:
                problems.append("an object stream could not be read (unknown filter, damaged or too large), so "
                                "the file cannot be checked")
            else:
                dictionaries.append(inflated)
    seen: set[str] = set()
    for chunk in dictionaries:
        for name in sorted(_names(chunk) & set(FORBIDDEN_NAMES)):
            if name not in seen:
                seen.add(name)
                problems.append(f"the PDF contains {FORBIDDEN_NAMES[name]}")
        for uri in _uris(chunk):
            scheme = (m.group(1).lower() if (m := _SCHEME.match(uri)) else "")
            if scheme not in URI_SCHEMES:
                problems.append(f"the PDF links to '{uri[:80]}' (a {scheme or 'relative'} address; only http(s), "
                                "mailto and tel links may be in a handout)")
    return problems


def _split(data: bytes) -> tuple[list[bytes], list[tuple[bytes, bytes]]]:
    """The file's text outside streams (where dictionaries are), and each stream with its dictionary."""
    outside: list[bytes] = []
    streams: list[tuple[bytes, bytes]] = []
    pos = 0
    while (match := _STREAM.search(data, pos)) is not None:
        start = match.start()
        if start > 0 and data[start - 1:start] not in (b">", b" ", b"\n", b"\r", b"\t"):
            outside.append(data[pos:match.end()])  # "stream" inside a word, e.g. /ObjStream or a string
            pos = match.end()
            continue
        head = data[pos:start]
        dict_start = head.rfind(b"obj")
        stream_dict = head[dict_start:] if dict_start >= 0 else head[-2000:]
        end = _ENDSTREAM.search(data, match.end())
        body_end = end.start() if end else len(data)
        length = _direct_length(stream_dict)
        if length is not None and match.end() + length <= len(data):
            body_end = match.end() + length
            end = _ENDSTREAM.search(data, body_end)
        outside.append(head)
        streams.append((stream_dict, data[match.end():body_end]))
        pos = end.end() if end else len(data)
    outside.append(data[pos:])
    return outside, streams


def _direct_length(stream_dict: bytes) -> int | None:
    match = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", stream_dict)
    return int(match.group(1)) if match else None


_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")


def _inflate(stream_dict: bytes, body: bytes) -> bytes | None:
    """The decoded bytes of an object stream, or None if it uses anything but plain Flate (fail closed)."""
    match = _FILTER.search(stream_dict)
    filters = _names(match.group(1)) if match else set()
    if not filters:
        return body
    if filters != {"FlateDecode"} or b"/Predictor" in stream_dict:
        return None
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, MAX_INFLATED)
    except zlib.error:
        return None
    if inflater.unconsumed_tail:
        return None
    return out


def _names(chunk: bytes) -> set[str]:
    """Every PDF name in a piece of the file, with #xx escapes decoded (/Java#53cript is /JavaScript).
    Text strings are skipped: an image description may well say "/JS"."""
    found = set()
    for raw in _NAME.findall(_without_strings(chunk)):
        found.add(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
                  .decode("latin-1"))
    return found


def _uris(chunk: bytes) -> list[str]:
    found = []
    for match in _URI.finditer(chunk):
        if match.group(1) == b"(":
            found.append(_literal(chunk, match.end()))
        else:
            end = chunk.find(b">", match.end())
            hexdigits = re.sub(rb"\s", b"", chunk[match.end():end if end >= 0 else None])
            try:
                found.append(bytes.fromhex((hexdigits + b"0" * (len(hexdigits) % 2)).decode("ascii"))
                             .decode("latin-1"))
            except ValueError:
                found.append("<unreadable>")
    return found


def _without_strings(chunk: bytes) -> bytes:
    """The chunk with its literal (…) and hex <…> strings blanked out."""
    out = bytearray()
    i, n = 0, len(chunk)
    while i < n:
        c = chunk[i]
        if c == ord("("):
            depth, i = 1, i + 1
            while i < n and depth:
                if chunk[i] == ord("\\"):
                    i += 1
                elif chunk[i] == ord("("):
                    depth += 1
                elif chunk[i] == ord(")"):
                    depth -= 1
                i += 1
            out += b" "
        elif c == ord("<") and chunk[i + 1:i + 2] != b"<" and (i == 0 or chunk[i - 1] != ord("<")):
            end = chunk.find(b">", i)
            i = n if end < 0 else end + 1
            out += b" "
        else:
            out.append(c)
            i += 1
    return bytes(out)


_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def _literal(chunk: bytes, i: int) -> str:
    """A PDF literal string starting after its "(": nested parentheses and backslash escapes decoded."""
    out = bytearray()
    depth = 1
    while i < len(chunk):
        c = chunk[i]
        if c == ord("\\") and i + 1 < len(chunk):
            nxt = chunk[i + 1]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif chr(nxt) in "01234567":
                digits = re.match(rb"[0-7]{1,3}", chunk[i + 1:i + 4])
                assert digits is not None
                out.append(int(digits.group(), 8) & 0xFF)
                i += 1 + len(digits.group())
            elif nxt in (ord("\n"), ord("\r")):
                i += 2
            else:
                out.append(nxt)
                i += 2
            continue
        if c == ord("("):
            depth += 1
        elif c == ord(")"):
            depth -= 1
            if depth == 0:
                break
        out.append(c)
        i += 1
    if out.startswith(b"\xfe\xff"):
        return out[2:].decode("utf-16-be", "replace")
    return out.decode("latin-1")
