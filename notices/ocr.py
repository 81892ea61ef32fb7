"""OCR of one page image: clean it up cheaply, read it once with Tesseract, keep its structure.

Part of the reader's adapter (with ``notices.pdfsource``): the only place that touches
OpenCV and Tesseract. What it does to a page, in order, each step a few tens of
milliseconds where Tesseract takes a second or two:

1. **Photo or scan.** A phone photo shows the sheet on a darker background and in uneven
   light; a scan is paper edge to edge. Judged on a thumbnail.
2. **Photos** are straightened: the sheet's four corners are found on the thumbnail and the
   sheet is warped back to a rectangle; then a local (adaptive) threshold takes out the
   shadow.
3. **Scans** get a 3x3 mean and one global threshold, which also drops scanner speckle.
4. **Clean-up on the two-tone page:** ruling lines (a table's borders) go, scanner specks
   (blobs of a few pixels) go, and so do
   dot leaders ("Tax you owed ........ $1,234.56"), runs of four or more small dots on one
   line, which otherwise make Tesseract lose the row's label. A lone dot (a decimal point,
   "P.O.") stays.
5. **Orientation and skew** from a thumbnail: a quarter turn when the text runs vertically,
   and the small skew by a projection-profile search; the page is turned once.
6. **One Tesseract pass** (LSTM engine, page segmentation 4), words with Tesseract's own
   block, paragraph and line numbers, which the layout uses. A second pass, turned half a
   circle, only when the first reads poorly (a page fed upside down).
"""

from __future__ import annotations

import itertools
import math
import os
import tempfile

import cv2
import numpy as np
import pytesseract
from PIL import Image

from notices.reading.model import Word

# Tesseract's OpenMP threads fight with our own parallelism on 2 cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

POOR_OCR_QUALITY = 0.6  # mean Tesseract confidence of words of 3+ characters
OCR_MAX_SIDE = 3400  # a 300 dpi letter page; larger photos are scaled down first
OCR_MIN_SIDE = int(os.environ.get("TAXHAUZ_PHOTO_MIN_SIDE", "2200"))  # small photos scaled up
TESSERACT_CONFIG = "--oem 1 --psm 4"
THUMB_SIDE = 800
UNEVEN_LIGHT = 40  # grey levels between the brightest and darkest paper in the thumbnail
SCAN_LEVEL = 145


# -- photo or scan ------------------------------------------------------------------------------


def _thumb(arr: np.ndarray, side: int = THUMB_SIDE) -> np.ndarray:
    scale = side / max(arr.shape)
    size = (max(1, int(arr.shape[1] * scale)), max(1, int(arr.shape[0] * scale)))
    return cv2.resize(arr, size, interpolation=cv2.INTER_AREA)


def _paper_quad(small: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners on the thumbnail, when it lies on a darker background."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(sheet)
    frame = small.shape[0] * small.shape[1]
    if area < 0.3 * frame or area > 0.97 * frame:
        return None  # no sheet found, or the sheet fills the frame (a scan)
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(quad) != 4:
        quad = cv2.boxPoints(cv2.minAreaRect(sheet))
    return _order(np.asarray(quad, dtype=np.float32).reshape(4, 2))


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def _uneven(small: np.ndarray) -> bool:
    """Uneven light across the paper (a phone's shadow), judged without the ink."""
    paper = cv2.dilate(small, np.ones((9, 9), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), 8)
    h, w = paper.shape
    inner = paper[h // 8 : h - h // 8, w // 8 : w - w // 8]
    return int(inner.max()) - int(inner.min()) > UNEVEN_LIGHT


def _straighten(arr: np.ndarray, quad_small: np.ndarray, scale: float) -> np.ndarray:
    quad = quad_small / scale
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], "f4")
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(arr, matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderValue=255)  # fmt: skip


# -- two-tone page and clean-up -----------------------------------------------------------------


def _binarize(arr: np.ndarray, photo: bool) -> np.ndarray:
    if photo:
        block = max(31, (min(arr.shape) // 40) | 1)
        return cv2.adaptiveThreshold(
            arr, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15
        )
    # A 3x3 mean before a fixed threshold: a scanner's lone dark dot averages to light grey
    # and drops out, a stroke two or more pixels wide stays dark (135-150 read the speckled
    # scans alike; 120 and 180 lose strokes).
    _, out = cv2.threshold(cv2.blur(arr, (3, 3)), SCAN_LEVEL, 255, cv2.THRESH_BINARY)
    return out


def _unrule(binary: np.ndarray) -> np.ndarray:
    """Erase ruling lines (table borders, rules under headings): long thin runs of ink.

    Tesseract reads a scanned table's borders as strings of dashes and loses the cells'
    text with them. A run far longer than any letter is a rule, not text.
    """
    ink = 255 - binary
    h, w = ink.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 25), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(40, h // 40)))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, across) | cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, down
    )
    if not rules.any():
        return binary
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))  # the rule's anti-aliased edge too
    return np.where(rules > 0, 255, binary).astype(np.uint8)


def _clean(binary: np.ndarray) -> np.ndarray:
    """Remove rules, specks and dot leaders from a two-tone page (ink 0, paper 255)."""
    binary = _unrule(binary)
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    if n <= 1:
        return binary
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    tall = h[h >= 8]
    x_height = float(np.median(tall)) if tall.size else 20.0
    drop = area <= max(3, int(0.01 * x_height * x_height))  # specks; a decimal point stays
    dot = (w <= 0.4 * x_height) & (h <= 0.4 * x_height) & ~drop
    idx = np.nonzero(dot)[0]
    if idx.size >= 4:
        cy = centroids[1:, 1][idx]
        cx = centroids[1:, 0][idx]
        order = np.lexsort((cx, np.round(cy / (0.3 * x_height))))
        run: list[int] = [idx[order[0]]]
        for a, b in itertools.pairwise(order):
            same_line = abs(cy[b] - cy[a]) <= 0.3 * x_height
            close = 0 < cx[b] - cx[a] <= 2.5 * x_height
            if same_line and close:
                run.append(idx[b])
                continue
            if len(run) >= 4:
                drop[run] = True
            run = [idx[b]]
        if len(run) >= 4:
            drop[run] = True
    if not drop.any():
        return binary
    keep = np.concatenate(([True], ~drop))
    return np.where(keep[labels], binary, 255).astype(np.uint8)


# -- orientation and skew ---------------------------------------------------------------------


def _profile_score(img: np.ndarray) -> float:
    """Variance of row darkness: text lines aligned with rows give sharp peaks."""
    return float(img.mean(axis=1).var())


def _sideways(ink: np.ndarray) -> bool:
    """True when text lines run vertically (page scanned or photographed on its side)."""
    return _profile_score(ink.T) > _profile_score(ink) * 1.3


def _skew_angle(ink: np.ndarray) -> float:
    """Small-angle skew (degrees) by projection-profile search on the thumbnail's ink."""
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        return _profile_score(cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST))

    best = max((a / 2 for a in range(-8, 9)), key=score)
    return max((best + a / 10 for a in range(-4, 5)), key=score)


def _rotate(binary: np.ndarray, quarter: int, angle: float) -> np.ndarray:
    if quarter:
        binary = np.ascontiguousarray(np.rot90(binary, k=quarter // 90))
    if abs(angle) < 0.3:
        return binary
    h, w = binary.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(binary, m, (nw, nh), flags=cv2.INTER_NEAREST, borderValue=255)


# -- Tesseract ----------------------------------------------------------------------------------


def _tesseract_words(page: np.ndarray) -> tuple[list[tuple], float]:
    """Tesseract's words with its own structure: (text, conf, box, (block, par, line))."""
    # An uncompressed PGM in a private temp dir costs a few milliseconds to write.
    with tempfile.TemporaryDirectory(prefix="taxhauz-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        cv2.imwrite(path, page)
        data = pytesseract.image_to_data(
            path, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
        )
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
    """Residual skew (radians, positive = text rising to the right) from Tesseract's lines.

    Each line of three or more words gives the slope through its words' bottoms; the
    median over lines is robust to a stray word.
    """
    lines: dict[tuple, list[tuple[float, float]]] = {}
    for _text, _conf, left, top, w, h, line in rows:
        lines.setdefault(line, []).append((left + w / 2, top + h))
    slopes = []
    for pts in lines.values():
        xs = [p[0] for p in pts]
        if len(pts) < 3 or max(xs) - min(xs) < 200:
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


# -- the page -----------------------------------------------------------------------------------


def ocr_image(image: Image.Image, width_pt: float, height_pt: float) -> tuple[list[Word], int]:
    """Words with boxes in page points, and the quarter turn applied to make it upright.

    Boxes refer to the page as straightened and turned upright, scaled to ``width_pt``
    (for a photo: the sheet, not the whole frame).
    """
    arr = np.asarray(image.convert("L"))
    longest = max(arr.shape)
    if longest > OCR_MAX_SIDE or longest < OCR_MIN_SIDE:
        arr = _thumb(arr, OCR_MAX_SIDE if longest > OCR_MAX_SIDE else OCR_MIN_SIDE)
    small = _thumb(arr)
    quad = _paper_quad(small)
    photo = quad is not None or _uneven(small)
    if quad is not None:
        arr = _straighten(arr, quad, small.shape[1] / arr.shape[1])
    binary = _clean(_binarize(arr, photo))
    ink = 255 - _thumb(binary, 600)
    h, w = ink.shape  # a scanner's dark border at an edge must not decide the orientation
    ink = np.ascontiguousarray(ink[h // 12 : h - h // 12, w // 12 : w - w // 12])
    quarter = 90 if _sideways(ink) else 0
    if quarter:
        ink = np.ascontiguousarray(np.rot90(ink))
    page = _rotate(binary, quarter, _skew_angle(ink))
    rows, quality = _tesseract_words(page)
    if quality < POOR_OCR_QUALITY:
        flipped = np.ascontiguousarray(np.rot90(page, 2))
        rows2, quality2 = _tesseract_words(flipped)
        if quality2 > quality:
            rows, page, quarter = rows2, flipped, (quarter + 180) % 360
    rows = _deskew_boxes(rows, skew_from_lines(rows), (page.shape[1], page.shape[0]))
    if quarter in (90, 270):
        width_pt, height_pt = height_pt, width_pt
    page_h_pt = width_pt * page.shape[0] / page.shape[1]
    sx, sy = width_pt / page.shape[1], page_h_pt / page.shape[0]
    words = [
        Word(text, left * sx, top * sy, (left + w) * sx, (top + h) * sy, conf, ocr_line=line)
        for text, conf, left, top, w, h, line in rows
    ]
    return words, quarter
