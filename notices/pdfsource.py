"""The reader's adapter for files: pdfplumber, pypdfium2 and Pillow (OCR is ``notices.ocr``).

It turns an uploaded file's bytes into plain ``PageWords`` (text layer when there is
one, OCR otherwise) and turns every way a file can be bad into ``NoticeReadError``.
Type is decided from the bytes, never the name (OWASP file upload guidance).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import pdfplumber
import pillow_heif
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from PIL import Image, ImageOps

from common.sniff import HEAD_BYTES, NotAcceptedType, identify
from notices.ocr import ocr_image
from notices.reading.errors import NoticeReadError
from notices.reading.model import PageWords, TableGrid, Word

pillow_heif.register_heif_opener()

MAX_IMAGE_PIXELS = 50_000_000  # a 50 MP phone photo is fine; beyond that treat as a bomb
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
OCR_DPI = 300
MIN_TEXT_LAYER_CHARS = 25
LETTER_WIDTH_PT = 612.0


def sniff(data: bytes) -> str:
    """'pdf', 'jpeg', 'png', 'heic' or 'tiff' by content, never the name: libmagic and the format's
    signature at offset 0 must agree (common.sniff, the one sniffer; uploads also check the
    structure there before anything is stored). Anything else is refused."""
    if not data:
        raise NoticeReadError("empty", "zero-byte file")
    try:
        return identify(data[:HEAD_BYTES])
    except NotAcceptedType as exc:
        raise NoticeReadError(
            "not_a_notice_file", f"signature not PDF/JPEG/PNG/HEIC/TIFF ({exc.found})"
        ) from None


def opens(kind: str, data: bytes) -> bool:
    """Whether a file whose signature said `kind` really opens as that type."""
    if kind == "pdf":
        return data.lstrip()[:5] == b"%PDF-" and b"%%EOF" in data[-2048:]
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def load_pages(
    data: bytes,
    *,
    source: str = "",
    first_number: int = 1,
    max_pages: int = 60,
    max_bytes: int = 25 * 1024 * 1024,
    ocr: bool = True,
) -> list[PageWords]:
    """All pages of one file as positioned words, numbered from ``first_number``."""
    if len(data) > max_bytes:
        raise NoticeReadError("too_large", f"{len(data)} bytes > {max_bytes}")
    kind = sniff(data)
    if kind == "pdf":
        return list(_pdf_pages(data, source, first_number, max_pages, ocr))
    return _image_pages(data, source, first_number, max_pages, ocr)


# -- PDF -----------------------------------------------------------------------------------


def _pdf_pages(
    data: bytes, source: str, first: int, max_pages: int, ocr: bool
) -> Iterator[PageWords]:
    if b"%%EOF" not in data[-2048:]:
        raise NoticeReadError("truncated", "no %%EOF marker at the end of the PDF")
    try:
        # Build at most max_pages + 1 page objects, whatever the page tree claims.
        pdf = pdfplumber.open(io.BytesIO(data), pages=range(1, max_pages + 2))
    except Exception as exc:
        raise _classify_pdf_error(exc, data) from exc
    with pdf:
        try:
            count = _page_count(pdf)
        except Exception as exc:
            raise _classify_pdf_error(exc, data) from exc
        if count == 0 and not pdf.pages:
            raise NoticeReadError("damaged", "PDF has no pages")
        if count > max_pages:
            raise NoticeReadError("too_many_pages", f"{count} pages > limit {max_pages}")
        try:
            plumber_pages = pdf.pages
        except Exception as exc:
            raise _classify_pdf_error(exc, data) from exc
        if len(plumber_pages) > max_pages:
            raise NoticeReadError("too_many_pages", f"more than {max_pages} pages in the tree")
        pages = []
        for i, page in enumerate(plumber_pages):
            try:
                pages.append(_pdf_page(page, data, i, source, first + i, ocr))
            except NoticeReadError:
                raise
            except Exception as exc:
                raise _classify_pdf_error(exc, data) from exc
            finally:
                page.close()
        yield from pages


def _page_count(pdf) -> int:
    try:
        pages = resolve1(pdf.doc.catalog["Pages"])
        return int(resolve1(pages["Count"]))
    except Exception:
        return len(pdf.pages)


def _classify_pdf_error(exc: Exception, data: bytes) -> NoticeReadError:
    # pdfplumber wraps pdfminer's errors; judge the original.
    while exc.args and isinstance(exc.args[0], Exception):
        exc = exc.args[0]
    if exc.__context__ is not None and type(exc).__name__ == "PdfminerException":
        exc = exc.__context__  # type: ignore[assignment]
    name = type(exc).__name__
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return NoticeReadError("encrypted", f"PDF needs a password ({name})")
    if isinstance(exc, MemoryError | Image.DecompressionBombError):
        return NoticeReadError("decompression_bomb", f"{name} while parsing")
    return NoticeReadError("damaged", f"{name}: {str(exc)[:200]}")


def _pdf_page(page, data: bytes, index: int, source: str, number: int, ocr: bool) -> PageWords:
    width, height = float(page.width), float(page.height)
    text_chars = sum(1 for c in page.chars if not c["text"].isspace())
    if text_chars >= MIN_TEXT_LAYER_CHARS or not ocr:
        words = [
            Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        ]
        return PageWords(
            number, width, height, words, ocr=False, source=source, tables=_tables(page)
        )
    image = _render_pdf_page(data, index)
    words, rotation = ocr_image(image, width, height)
    return PageWords(number, width, height, words, ocr=True, source=source, rotation=rotation)


def _tables(page) -> list[TableGrid]:
    """Ruled grids on the page (billing tables drawn with cell borders), as cell boxes.

    Only pages that draw enough lines or boxes to form a grid are searched, so plain
    text pages pay nothing for it.
    """
    edges = len(page.lines) + len(page.rects)
    if edges < 6:
        return []
    grids = []
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        rows = tuple(
            tuple(tuple(round(v, 1) for v in cell) if cell else None for cell in row.cells)
            for row in table.rows
        )
        # A box drawn around a block of text is not a table: a grid has columns.
        if len(rows) >= 2 and max(sum(1 for c in r if c) for r in rows) >= 2:
            grids.append(TableGrid(tuple(round(v, 1) for v in table.bbox), rows))
    return grids


def _render_pdf_page(data: bytes, index: int) -> Image.Image:
    doc = pypdfium2.PdfDocument(data)
    try:
        page = doc[index]
        try:
            # A page declaring a huge MediaBox must not become a huge bitmap.
            w, h = page.get_size()
            scale = OCR_DPI / 72
            if w * h * scale * scale > MAX_IMAGE_PIXELS:
                scale = 0.98 * (MAX_IMAGE_PIXELS / max(1.0, w * h)) ** 0.5
            return page.render(scale=scale, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        doc.close()


# -- images ----------------------------------------------------------------------------------


def _image_pages(
    data: bytes, source: str, first: int, max_pages: int, ocr: bool
) -> list[PageWords]:
    """One page per frame: a photo has one, a scanner's TIFF may hold the whole notice."""
    pages = []
    frame = 0
    while True:
        page = _image_page(data, source, first + frame, ocr, frame=frame)
        if page is None:
            break
        pages.append(page)
        frame += 1
        if frame > max_pages:
            raise NoticeReadError("too_many_pages", f"more than {max_pages} frames")
    if not pages:
        raise NoticeReadError("damaged", "image has no frames")
    return pages


def _image_page(
    data: bytes, source: str, number: int, ocr: bool, *, frame: int = 0
) -> PageWords | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if frame:
                try:
                    img.seek(frame)
                except EOFError:
                    return None
            w, h = img.size
            if w * h > MAX_IMAGE_PIXELS:
                raise NoticeReadError("decompression_bomb", f"declared {w}x{h} pixels")
            img.load()
    except NoticeReadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise NoticeReadError(
            "decompression_bomb", f"image declares more than {MAX_IMAGE_PIXELS // 10**6} MP"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        code = "truncated" if "truncated" in str(exc).lower() else "damaged"
        raise NoticeReadError(code, f"{type(exc).__name__}: {str(exc)[:200]}") from exc
    img = ImageOps.exif_transpose(img)
    width_pt = LETTER_WIDTH_PT
    height_pt = img.height * LETTER_WIDTH_PT / img.width
    if not ocr:
        return PageWords(number, width_pt, height_pt, [], ocr=True, source=source)
    words, rotation = ocr_image(img, width_pt, height_pt)
    if rotation in (90, 270):
        width_pt, height_pt = height_pt, width_pt
    return PageWords(number, width_pt, height_pt, words, ocr=True, source=source, rotation=rotation)
