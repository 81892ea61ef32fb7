"""What an uploaded file really is: libmagic, the format's own signature, then its structure.

Kinds: PDF, JPEG, PNG, HEIC and TIFF (scanners' own format, a page per frame).

Three checks, each cheap and bounded, so the web process can run them on every upload:

1. **libmagic** (``python-magic``, Debian's ``libmagic1``) names the type from the content.
2. **The signature at offset 0.** libmagic (like PDF readers) accepts ``%PDF-`` anywhere in
   the first kilobyte, which is how an HTML page, an SVG or a ZIP passes as a PDF; here the
   file must *start* with its format's signature.
3. **The structure**, walked with seeks and small reads, never decoding anything: a PDF's
   trailer (``%%EOF``, ``startxref`` pointing inside the file at a cross-reference table or
   stream, a ``/Root``), not one stream inflated; a PNG's chunks up to ``IEND`` (the header
   chunk's CRC checked, no pixel data read); a JPEG's segments up to the scan, with a
   frame header; a HEIC's top-level boxes adding up to the file; a TIFF's chain of image
   directories (each inside the file, the chain finite). Everything heavier (pages,
   fonts, pixels) is the worker's, under its memory and time limits.

Works on any seekable binary file (Django's ``UploadedFile``, an open storage file,
``io.BytesIO``): an upload is never read into memory whole.

No project import, and no PDF or image library: web code does not parse documents.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from typing import BinaryIO

import magic

HEAD_BYTES = 8192
PDF_TAIL_BYTES = 4096

KIND_BY_MIME = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/heic": "heic",
    "image/heif": "heic",
    "image/heic-sequence": "heic",
    "image/heif-sequence": "heic",
    "image/tiff": "tiff",
}
MIME_BY_KIND = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png",
                "heic": "image/heic", "tiff": "image/tiff"}  # fmt: skip
EXTENSION_BY_KIND = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "heic": ".heic",
                     "tiff": ".tif"}  # fmt: skip
HEIC_BRANDS = {b"heic", b"heix", b"mif1", b"heim", b"hevc", b"msf1", b"heis", b"hevx"}


class NotAcceptedType(ValueError):
    """Not a PDF, JPEG, PNG or HEIC (``found`` says what libmagic thinks it is)."""

    def __init__(self, found: str):
        self.found = found
        super().__init__(f"not a PDF, JPEG, PNG or HEIC ({found})")


class DamagedFile(ValueError):
    """The signature is right, the structure is not (truncated, or a disguise)."""


def _signature_kind(head: bytes) -> str | None:
    if re.match(rb"%PDF-[12]\.\d", head):
        return "pdf"
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def identify(head: bytes) -> str:
    """'pdf', 'jpeg', 'png' or 'heic' from the first bytes: libmagic and the signature must
    agree. Raises NotAcceptedType."""
    if not head:
        raise NotAcceptedType("an empty file")
    mime = magic.from_buffer(head[:HEAD_BYTES], mime=True)
    kind = KIND_BY_MIME.get(mime)
    if kind is None or _signature_kind(head) != kind:
        raise NotAcceptedType(mime)
    return kind


def sniff(file: BinaryIO) -> str:
    """The kind of a seekable file, after its structure is checked. Raises NotAcceptedType
    or DamagedFile. Leaves the file positioned at its start."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    kind = identify(file.read(HEAD_BYTES))
    try:
        {"pdf": _pdf, "png": _png, "jpeg": _jpeg, "heic": _heic, "tiff": _tiff}[kind](file, size)
    except (struct.error, ValueError) as exc:
        if isinstance(exc, DamagedFile):
            raise
        raise DamagedFile(f"{kind}: {exc}") from None
    finally:
        file.seek(0)
    return kind


def sniff_bytes(data: bytes) -> str:
    return sniff(io.BytesIO(data))


def _read_at(file: BinaryIO, offset: int, n: int) -> bytes:
    file.seek(offset)
    return file.read(n)


# -- PDF: the trailer and the cross-reference it points at; no stream is decoded ------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
_XREF_STREAM = re.compile(rb"\s*\d+\s+\d+\s+obj\s*<<(.*?)(?:stream|endobj)", re.S)


def _pdf(file: BinaryIO, size: int) -> None:
    tail = _read_at(file, max(0, size - PDF_TAIL_BYTES), PDF_TAIL_BYTES)
    found = list(_STARTXREF.finditer(tail))
    if not found:
        raise DamagedFile("pdf: no startxref and %%EOF at the end (truncated?)")
    offset = int(found[-1].group(1))
    if not 0 < offset < size:
        raise DamagedFile("pdf: startxref points outside the file")
    at = _read_at(file, offset, 2048)
    if at.lstrip().startswith(b"xref"):
        trailer = tail[tail.rfind(b"trailer") :] if b"trailer" in tail else b""
        if b"/Root" not in trailer:
            raise DamagedFile("pdf: the trailer names no /Root")
        return
    stream = _XREF_STREAM.match(at)
    if stream is None or not re.search(rb"/Type\s*/XRef", stream.group(1)):
        raise DamagedFile("pdf: startxref does not point at a cross-reference")
    if b"/Root" not in stream.group(1):
        raise DamagedFile("pdf: the cross-reference stream names no /Root")


# -- PNG: chunk headers up to IEND; only IHDR's CRC (13 bytes) is computed ---------------------


def _png(file: BinaryIO, size: int) -> None:
    position = 8
    first = True
    for _ in range(100_000):
        header = _read_at(file, position, 8)
        if len(header) < 8:
            raise DamagedFile("png: ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", header)
        if not kind.isalpha() or position + 12 + length > size:
            raise DamagedFile("png: a chunk runs past the end of the file")
        if first:
            if kind != b"IHDR" or length != 13:
                raise DamagedFile("png: the first chunk is not IHDR")
            body = file.read(13)
            (crc,) = struct.unpack(">I", file.read(4))
            if zlib.crc32(kind + body) != crc:
                raise DamagedFile("png: IHDR checksum mismatch")
            width, height = struct.unpack(">II", body[:8])
            if not width or not height:
                raise DamagedFile("png: zero width or height")
            first = False
        if kind == b"IEND":
            return
        position += 12 + length
    raise DamagedFile("png: too many chunks")


# -- JPEG: segments up to the start of scan, which must follow a frame header -----------------

_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg(file: BinaryIO, size: int) -> None:
    position = 2
    frame = False
    for _ in range(10_000):
        marker = _read_at(file, position, 4)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise DamagedFile("jpeg: a segment does not start with a marker")
        code = marker[1]
        if code == 0xFF:  # fill byte
            position += 1
            continue
        if code in _STANDALONE:
            position += 2
            continue
        if len(marker) < 4:
            raise DamagedFile("jpeg: ends inside a segment header")
        (length,) = struct.unpack(">H", marker[2:4])
        if length < 2 or position + 2 + length > size:
            raise DamagedFile("jpeg: a segment runs past the end of the file")
        if code in _SOF:
            dims = _read_at(file, position + 5, 4)
            height, width = struct.unpack(">HH", dims)
            if not width or not height:
                raise DamagedFile("jpeg: zero width or height")
            frame = True
        if code == 0xDA:  # start of scan: the compressed image follows
            if not frame:
                raise DamagedFile("jpeg: a scan with no frame header")
            return
        if code == 0xD9:
            raise DamagedFile("jpeg: ends before any image data")
        position += 2 + length
    raise DamagedFile("jpeg: too many segments")


# -- HEIC: top-level ISO BMFF boxes, which must tile the file ---------------------------------


def _heic(file: BinaryIO, size: int) -> None:
    position = 0
    names = []
    while position < size:
        header = _read_at(file, position, 16)
        if len(header) < 8:
            raise DamagedFile("heic: ends inside a box header")
        length, kind = struct.unpack(">I4s", header[:8])
        if length == 1:
            if len(header) < 16:
                raise DamagedFile("heic: ends inside a box header")
            (length,) = struct.unpack(">Q", header[8:16])
        elif length == 0:
            length = size - position
        if length < 8 or position + length > size or not kind.isascii():
            raise DamagedFile("heic: a box runs past the end of the file")
        names.append(kind)
        position += length
        if len(names) > 10_000:
            raise DamagedFile("heic: too many boxes")
    if names[:1] != [b"ftyp"] or b"meta" not in names:
        raise DamagedFile("heic: no ftyp and meta boxes")


# -- TIFF: the chain of image file directories (one per frame); no strip is read -------------


def _tiff(file: BinaryIO, size: int) -> None:
    order = ">" if _read_at(file, 0, 2) == b"MM" else "<"
    (offset,) = struct.unpack(order + "I", _read_at(file, 4, 4))
    seen: set[int] = set()
    frames = 0
    while offset:
        if offset in seen or not 8 <= offset <= size - 2:
            raise DamagedFile("tiff: an image directory outside the file, or a loop")
        seen.add(offset)
        (count,) = struct.unpack(order + "H", _read_at(file, offset, 2))
        end = offset + 2 + 12 * count
        if not count or end + 4 > size:
            raise DamagedFile("tiff: an image directory runs past the end of the file")
        (offset,) = struct.unpack(order + "I", _read_at(file, end, 4))
        frames += 1
        if frames > 1_000:
            raise DamagedFile("tiff: more than 1,000 frames")
