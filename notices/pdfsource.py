"""The only module that touches pdfplumber, pypdfium2, Tesseract and Pillow.

It turns an uploaded file's bytes into plain ``PageWords`` (text layer when there is
one, OCR otherwise) and turns every way a file can be bad into ``NoticeReadError``.
Type is decided from the bytes, never the name (OWASP file upload guidance).
"""

from __future__ import annotations

import io
import math
import os
import tempfile
import warnings
from collections.abc import Iterator

import pdfplumber
import pillow_heif
import pypdfium2
import pytesseract
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from PIL import Image, ImageChops, ImageFilter, ImageOps

from common.sniff import HEAD_BYTES, NotAcceptedType, identify
from notices.reading.errors import NoticeReadError
from notices.reading.model import PageWords, TableGrid, Word

pillow_heif.register_heif_opener()

POOR_OCR_QUALITY = 0.6  # mean Tesseract confidence of words of 3+ characters
MAX_IMAGE_PIXELS = 50_000_000  # a 50 MP phone photo is fine; beyond that treat as a bomb
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
OCR_DPI = 300
MIN_TEXT_LAYER_CHARS = 25
PHOTO_MIN_SIDE = int(os.environ.get("TAXHAUZ_PHOTO_MIN_SIDE", "1600"))
OCR_MAX_WIDTH = 2550  # 8.5 in at 300 dpi; larger photos are scaled down first
LETTER_WIDTH_PT = 612.0
# Scans: one column of text of varying sizes (psm 4). Phone photos: sparse text (psm 11)
# finds isolated values (stub amounts near a shadowed edge) that block analysis drops.
TESSERACT_CONFIG = "--oem 1 --psm 4"
TESSERACT_PHOTO_CONFIG = "--oem 1 --psm 11"

# Tesseract's OpenMP threads fight with our own parallelism on 2 cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def sniff(data: bytes) -> str:
    """'pdf', 'jpeg', 'png' or 'heic' by content, never the name: libmagic and the format's
    signature at offset 0 must agree (common.sniff, the one sniffer; uploads also check the
    structure there before anything is stored). Anything else is refused."""
    if not data:
        raise NoticeReadError("empty", "zero-byte file")
    try:
        return identify(data[:HEAD_BYTES])
    except NotAcceptedType as exc:
        raise NoticeReadError(
            "not_a_notice_file", f"signature not PDF/JPEG/PNG/HEIC ({exc.found})"
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
        if len(rows) >= 2:
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


# -- OCR -----------------------------------------------------------------------------------
#
# One Tesseract pass per page. Everything else is cheap: the page is turned a quarter turn
# when its text runs vertically (judged on a thumbnail), uneven lighting is flattened only
# when a thumbnail shows it, and the small skew of a scan or photo is measured afterwards
# from Tesseract's own text lines and taken out of the word boxes, instead of searching
# rotations of the image. A second pass happens only when the first reads poorly (upside
# down).

THUMB_SIDE = 600
UNEVEN_LIGHT = 40  # grey levels between the brightest and darkest paper in the thumbnail


def _thumb(gray: Image.Image) -> Image.Image:
    scale = THUMB_SIDE / max(gray.size)
    return gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))


def _background(small: Image.Image) -> Image.Image:
    """The paper's brightness without the ink: a max filter wider than a glyph, blurred."""
    tiny = small.resize((max(1, small.width // 4), max(1, small.height // 4)), Image.BOX)
    return tiny.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(2))


def _uneven(small: Image.Image) -> bool:
    background = _background(small)
    w, h = background.size
    inner = background.crop((w // 8, h // 8, w - w // 8, h - h // 8))
    lo, hi = inner.getextrema()
    return hi - lo > UNEVEN_LIGHT


DESPECKLE_LEVEL = 145  # 135-150 read the speckled scans alike; 120 and 180 lose strokes


def _despeckle(gray: Image.Image) -> Image.Image:
    """Drop a scanner's isolated dark dots, keep the strokes: a 3x3 mean, then a threshold.

    A lone dot averages to light grey and falls above the threshold; a stroke two or more
    pixels wide stays dark. Both steps cost a few milliseconds, where a median filter on a
    300 dpi page takes about a second.
    """
    level = DESPECKLE_LEVEL
    return gray.filter(ImageFilter.BoxBlur(1)).point(lambda v: 0 if v < level else 255)


def _flatten(gray: Image.Image, small: Image.Image) -> Image.Image:
    """Remove uneven lighting (a phone's shadow): divide out the paper's brightness."""
    background = _background(small).resize(gray.size, Image.BICUBIC)
    flat = ImageChops.invert(ImageChops.subtract(background, gray))
    return ImageOps.autocontrast(flat, cutoff=1)


def _profile_score(img: Image.Image) -> float:
    """Variance of row darkness: text lines aligned with rows give sharp peaks."""
    rows = img.resize((1, img.height), Image.BOX).tobytes()  # one byte per row (mode L)
    mean = sum(rows) / len(rows)
    return sum((r - mean) ** 2 for r in rows) / len(rows)


def _skew_angle(small: Image.Image) -> float:
    """Small-angle skew (degrees) by projection-profile search on the thumbnail only."""
    inv = ImageOps.invert(small).point(lambda v: 255 if v > 80 else 0)

    def score(angle: float) -> float:
        return _profile_score(inv.rotate(angle, resample=Image.NEAREST, expand=False))

    best = max((a / 2 for a in range(-6, 7)), key=score)
    return max((best + a / 10 for a in range(-4, 5)), key=score)


def _sideways(small: Image.Image) -> bool:
    """True when text lines run vertically (page scanned or photographed on its side)."""
    inv = ImageOps.invert(small).point(lambda v: 255 if v > 80 else 0)
    return _profile_score(inv.transpose(Image.Transpose.ROTATE_90)) > _profile_score(inv) * 1.3


def _tesseract_words(gray: Image.Image, config: str) -> tuple[list[tuple], float]:
    """Tesseract's words with its own structure: (text, conf, box, (block, par, line))."""
    # pytesseract would write a compressed PNG (about a second for a 300 dpi page);
    # an uncompressed PGM in a private temp dir costs a few milliseconds.
    with tempfile.TemporaryDirectory(prefix="taxhauz-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        gray.save(path, "PPM")
        data = pytesseract.image_to_data(path, config=config, output_type=pytesseract.Output.DICT)
    rows = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if text and conf >= 0:
            rows.append(
                (
                    text,
                    conf / 100,
                    data["left"][i],
                    data["top"][i],
                    data["width"][i],
                    data["height"][i],
                    (data["block_num"][i], data["par_num"][i], data["line_num"][i]),
                )
            )
    longish = [r[1] for r in rows if len(r[0]) >= 3]
    quality = sum(longish) / len(longish) if longish else 0.0
    return rows, quality


def skew_from_lines(rows: list[tuple]) -> float:
    """The page's skew (radians, positive = text rising to the right) from Tesseract's lines.

    Each line of three or more words gives the slope through its words' bottoms; the
    median over lines is robust to a stray word. No image is rotated to find it.
    """
    lines: dict[tuple, list[tuple[float, float]]] = {}
    for _text, _conf, left, top, w, h, line in rows:
        lines.setdefault(line, []).append((left + w / 2, top + h))
    slopes = []
    for pts in lines.values():
        if len(pts) < 3:
            continue
        xs = [p[0] for p in pts]
        if max(xs) - min(xs) < 200:
            continue
        mx = sum(xs) / len(xs)
        my = sum(p[1] for p in pts) / len(pts)
        den = sum((x - mx) ** 2 for x in xs)
        slopes.append(-sum((x - mx) * (y - my) for x, y in pts) / den)
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def _deskew_boxes(rows: list[tuple], angle: float, size: tuple[int, int]) -> list[tuple]:
    """Turn word boxes by ``angle`` about the page centre, so a line's words share a row."""
    if abs(angle) < 0.002:  # about 0.1 degree
        return rows
    cx, cy = size[0] / 2, size[1] / 2
    cos, sin = math.cos(angle), math.sin(angle)
    out = []
    for text, conf, left, top, w, h, line in rows:
        mx, my = left + w / 2 - cx, top + h / 2 - cy
        nx = cx + mx * cos - my * sin
        ny = cy + mx * sin + my * cos
        out.append((text, conf, nx - w / 2, ny - h / 2, w, h, line))
    return out


def _turned(gray: Image.Image, rotation: int) -> Image.Image:
    turns = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
             270: Image.Transpose.ROTATE_270}  # fmt: skip
    return gray.transpose(turns[rotation]) if rotation else gray


def ocr_image(image: Image.Image, width_pt: float, height_pt: float) -> tuple[list[Word], int]:
    """Words with boxes in page points, and the quarter turn applied to make it upright.

    A page whose paper is unevenly lit is treated as a phone photo, any other as a scan.
    """
    gray = image.convert("L")
    if min(gray.size) > OCR_MAX_WIDTH:
        s = OCR_MAX_WIDTH / min(gray.size)
        gray = gray.resize((int(gray.width * s), int(gray.height * s)), Image.LANCZOS)
    elif max(gray.size) < PHOTO_MIN_SIDE:  # small photos: Tesseract likes ~300 dpi glyphs
        s = PHOTO_MIN_SIDE / max(gray.size)
        gray = gray.resize((int(gray.width * s), int(gray.height * s)), Image.BICUBIC)
    small = _thumb(gray)
    if _uneven(small):  # a photo: flatten its lighting, look for sparse text
        gray = _flatten(gray, small)
        small = _thumb(gray)
        photo = True
    else:  # a scan (or a scanned image file): soften the scanner's speckle
        gray = _despeckle(gray)
        photo = False
    rotation = 90 if _sideways(small) else 0
    config = TESSERACT_PHOTO_CONFIG if photo else TESSERACT_CONFIG
    angle = _skew_angle(_turned(small, rotation))
    if abs(angle) >= 0.3:
        gray = _turned(gray, rotation).rotate(
            angle,
            resample=Image.BILINEAR if photo else Image.NEAREST,  # a scan is two-tone now
            expand=True,
            fillcolor=255,
        )
        rotation_done = rotation
    else:
        rotation_done = None
    page = gray if rotation_done is not None else _turned(gray, rotation)
    rows, quality = _tesseract_words(page, config)
    if quality < POOR_OCR_QUALITY:
        # Upside down (or sideways the other way)? Read it turned half a circle and keep
        # the better reading.
        flipped = (rotation + 180) % 360
        page2 = page.transpose(Image.Transpose.ROTATE_180)
        rows2, quality2 = _tesseract_words(page2, config)
        if quality2 > quality:
            rows, quality, page, rotation = rows2, quality2, page2, flipped
    rows = _deskew_boxes(rows, skew_from_lines(rows), page.size)
    page_w, page_h = (height_pt, width_pt) if rotation in (90, 270) else (width_pt, height_pt)
    sx, sy = page_w / page.width, page_h / page.height
    words = [
        Word(text, left * sx, top * sy, (left + w) * sx, (top + h) * sy, conf, ocr_line=line)
        for text, conf, left, top, w, h, line in rows
    ]
    return words, rotation
