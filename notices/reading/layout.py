"""Lines and segments built from positioned words.

Layouts differ by year and OCR scatters words; grouping words by their vertical
centre gives lines, and splitting a line where the horizontal gap is wide gives
segments (the sender block and the reference box share rows; a billing label and its
amount sit apart). Labels are then looked up in segments, never at fixed positions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from statistics import median

from .model import BBox, PageWords, Word, union_bbox
from .parsing import normalize_label


@dataclass(slots=True)
class Segment:
    words: list[Word]
    text: str = ""
    tokens: list[tuple[str, int]] = field(default_factory=list)  # (token, word index)

    def __post_init__(self) -> None:
        self.text = " ".join(w.text for w in self.words)
        toks = []
        for i, w in enumerate(self.words):
            for t in normalize_label(w.text).split():
                toks.append((t, i))
        self.tokens = toks

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)


@dataclass(slots=True)
class Line:
    page: int
    index: int
    segments: list[Segment]
    ocr: bool = False

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def norm(self) -> str:
        return normalize_label(self.text)


def build_lines(page: PageWords) -> list[Line]:
    """Group a page's words into reading-order lines, each split into segments."""
    words = [w for w in page.words if w.text.strip()]
    if not words:
        return []
    heights = [w.height for w in words if w.height > 0]
    typical = median(heights) if heights else 10.0
    words.sort(key=lambda w: (w.mid_y, w.x0))
    rows: list[list[Word]] = []
    row_mid = 0.0
    for w in words:
        if rows and abs(w.mid_y - row_mid) <= typical * 0.45:
            rows[-1].append(w)
            n = len(rows[-1])
            row_mid = row_mid + (w.mid_y - row_mid) / n
        else:
            rows.append([w])
            row_mid = w.mid_y
    lines = []
    gap_limit = max(typical * 1.6, 14.0)
    for row in rows:
        row.sort(key=lambda w: w.x0)
        segs: list[list[Word]] = [[row[0]]]
        for prev, w in itertools.pairwise(row):
            if w.x0 - prev.x1 > gap_limit:
                segs.append([w])
            else:
                segs[-1].append(w)
        lines.append(
            Line(page=page.number, index=0, segments=[Segment(s) for s in segs], ocr=page.ocr)
        )
    lines.sort(key=lambda ln: ln.top)
    for i, ln in enumerate(lines):
        ln.index = i
    return lines
