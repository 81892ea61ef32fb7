"""Notice page -> PNG for the staff case page. The only cases module touching pypdfium2/PIL,
and worker-side only (cases.previews, run by the cases.render_previews task): the web
process never imports it (an import-linter contract).

Pages are numbered across a notice's files in upload order, the way the reader numbers
them, so a field's ``page`` and ``bbox`` (PDF points from the top-left) line up with the
image. Returns the page size in points so the overlay can be placed in percentages.

Every bitmap is capped at MAX_PREVIEW_PIXELS, whatever size a page declares: a
14,400-point page at 100 dpi would be a 20,000 x 20,000 bitmap (1.6 GB); here it is drawn
at a lower scale instead. Photos are decoded reduced (JPEG draft mode) and refused past
MAX_IMAGE_PIXELS, the reader's decompression-bomb limit.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import pillow_heif
import pypdfium2
from PIL import Image, ImageOps

pillow_heif.register_heif_opener()  # phone photos (HEIC) get a preview too

LETTER_WIDTH_PT = 612.0
DEFAULT_DPI = 100  # modest: readable on screen, ~150 KB a page
MAX_PREVIEW_PIXELS = 6_000_000  # a Letter page at 100 dpi is 0.94 MP; a legal one 1.2 MP
MAX_IMAGE_PIXELS = 50_000_000  # as the reader: a 50 MP phone photo is fine, beyond is a bomb


class PageNotFound(LookupError):
    pass


@dataclass(frozen=True)
class PageImage:
    png: bytes
    width_pt: float
    height_pt: float


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _pdf_page_count(data: bytes) -> int:
    doc = pypdfium2.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def preview_scale(width_pt: float, height_pt: float, dpi: int) -> float:
    """Pixels per point: ``dpi`` / 72, lowered so the bitmap stays within the pixel cap."""
    scale = dpi / 72
    area = max(1.0, width_pt * height_pt)
    if area * scale * scale > MAX_PREVIEW_PIXELS:
        scale = (MAX_PREVIEW_PIXELS / area) ** 0.5 * 0.999
    return scale


def _render_pdf(data: bytes, index: int, dpi: int) -> PageImage:
    doc = pypdfium2.PdfDocument(data)
    try:
        page = doc[index]
        try:
            width, height = page.get_size()
            image = page.render(scale=preview_scale(width, height, dpi)).to_pil()
        finally:
            page.close()
    finally:
        doc.close()
    return PageImage(_png(image.convert("RGB")), width, height)


def _tiff_frames(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as image:
        return getattr(image, "n_frames", 1)


def _count(kind: str, data: bytes) -> int:
    if kind == "pdf":
        return _pdf_page_count(data)
    return _tiff_frames(data) if kind == "tiff" else 1


def _render_image(data: bytes, dpi: int, rotation: int, frame: int = 0) -> PageImage:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        if frame:
            image.seek(frame)  # a TIFF scan: one page per frame
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image too large")
        width_px = int(LETTER_WIDTH_PT / 72 * dpi)
        if image.format == "JPEG":  # decode at 1/2 .. 1/8 when the photo is much larger
            image.draft("RGB", (width_px, width_px * 4))
        image.load()
    image = ImageOps.exif_transpose(image).convert("RGB")
    if rotation:  # the reader turned the photo upright before reading it
        image = image.rotate(rotation, expand=True, fillcolor="white")
    if image.width > width_px:
        image = image.resize((width_px, round(image.height * width_px / image.width)))
    return PageImage(_png(image), LETTER_WIDTH_PT, image.height * LETTER_WIDTH_PT / image.width)


def page_count(files: Sequence[tuple[str, bytes]]) -> int:
    """Pages across ``files`` (PDF pages, TIFF frames, one per photo), as the reader numbers
    them."""
    return sum(_count(kind, data) for kind, data in files)


def render_notice_page(
    files: Sequence[tuple[str, bytes]], number: int, *, dpi: int = DEFAULT_DPI, rotation: int = 0
) -> PageImage:
    """Page ``number`` (1-based, across ``files`` = [(kind, bytes)] in order) as a PNG."""
    first = 1
    for kind, data in files:
        count = _count(kind, data)
        if first <= number < first + count:
            if kind == "pdf":
                return _render_pdf(data, number - first, dpi)
            if kind in ("jpeg", "png", "heic", "tiff"):
                return _render_image(data, dpi, rotation, frame=number - first)
            raise PageNotFound(f"page {number} is a {kind} file; no preview")
        first += count
    raise PageNotFound(f"no page {number}")
