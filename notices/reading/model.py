"""Plain data passed between the PDF/OCR adapter and the pure reading logic.

The adapter (``notices.pdfsource``) turns bytes into ``PageWords``; everything in
``notices.reading`` works on these so it can be tested without any PDF library.
Coordinates are PDF points (1/72 inch) from the top-left corner of the page, for
OCR pages too, so staff screens can highlight a field the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points


@dataclass(slots=True, eq=False)  # not frozen: a page has thousands, made six times faster
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0  # 1.0 for a text layer; OCR confidence (0..1) otherwise
    # Tesseract's own structure for OCR words: (block, paragraph, line) numbers. A text
    # layer has none; its structure is found from whitespace (``layout.xy_cut``).
    ocr_line: tuple[int, int, int] | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TableGrid:
    """A ruled table the adapter found: its rows of cell boxes (``None`` for a merged cell)."""

    bbox: BBox
    rows: tuple[tuple[BBox | None, ...], ...]


@dataclass(slots=True)
class PageWords:
    """One page of one uploaded file, as positioned words."""

    number: int  # 1-based position within the notice (across files)
    width: float
    height: float
    words: list[Word]
    ocr: bool = False
    source: str = ""  # the file the page came from (as given)
    rotation: int = 0  # degrees the page image was turned before OCR
    tables: list[TableGrid] = field(default_factory=list)


def union_bbox(words: list[Word]) -> BBox:
    return (
        round(min(w.x0 for w in words), 1),
        round(min(w.top for w in words), 1),
        round(max(w.x1 for w in words), 1),
        round(max(w.bottom for w in words), 1),
    )


@dataclass(slots=True)
class Evidence:
    """Where a field value came from, so staff can see it highlighted and judge it.

    ``confirmed`` says whether the notice's own rules support the value (the billing rows
    add up to it, the stub repeats it, the pay-by rule holds ...); ``why`` says which, or
    why not, in words staff can read.
    """

    confidence: float
    page: int | None
    bbox: BBox | None
    confirmed: bool = True
    why: str = ""
    source: str = ""

    def to_json(self) -> dict:
        return {
            "confidence": round(self.confidence, 2),
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
            "confirmed": self.confirmed,
            "why": self.why,
            "source": self.source,
        }


@dataclass(slots=True)
class Found:
    """A value read from the page plus its evidence."""

    value: object
    evidence: Evidence
    in_stub: bool = False
    extra: dict = field(default_factory=dict)
