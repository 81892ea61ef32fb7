"""Plain data passed between the PDF/OCR adapter and the pure reading logic.

The adapter (``notices.pdfsource``) turns bytes into ``PageWords``; everything in
``notices.reading`` works on these so it can be tested without any PDF library.
Coordinates are PDF points (1/72 inch) from the top-left corner of the page, for
OCR pages too, so staff screens can highlight a field the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0  # 1.0 for a text layer; OCR confidence (0..1) otherwise

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


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


def union_bbox(words: list[Word]) -> BBox:
    return (
        round(min(w.x0 for w in words), 1),
        round(min(w.top for w in words), 1),
        round(max(w.x1 for w in words), 1),
        round(max(w.bottom for w in words), 1),
    )


@dataclass(slots=True)
class Evidence:
    """Where a field value came from, so staff can see it highlighted and judge it."""

    confidence: float
    page: int | None
    bbox: BBox | None

    def to_json(self) -> dict:
        return {
            "confidence": round(self.confidence, 2),
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
        }


@dataclass(slots=True)
class Found:
    """A value read from the page plus its evidence."""

    value: object
    evidence: Evidence
    in_stub: bool = False
    extra: dict = field(default_factory=dict)
