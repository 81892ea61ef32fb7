"""The page's layout, found before any field is read: blocks, lines, segments, rows, tables.

Notices put unrelated text on one baseline: instructions on the left and the billing
summary or the payment stub on the right. Reading a page as full-width lines joins them
("payable to ... Notice date ..."). So the layout comes first:

* **Blocks** are found from whitespace with a recursive XY-cut (text layers), or taken
  from Tesseract's own block and paragraph numbers (OCR). Each block has its own reading
  order, so a sentence is read inside its column.
* **Lines** are words on one baseline inside a block (Tesseract's line numbers for OCR),
  split into **segments** where the gap is wide (a label and its value, table columns).
* **Rows** group the lines of a page that share a baseline across blocks, so a label at
  the end of one block can still find its value in the next column, and **tables** (ruled
  grids the adapter found) keep each row's cells together.

Fields are read from this object (``notices.reading.candidates``), never from raw words.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from .model import BBox, PageWords, TableGrid, Word, union_bbox
from .parsing import normalize_label

# -- the objects -----------------------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    words: list[Word]
    text: str = ""
    tokens: list[tuple[str, int]] = field(default_factory=list)  # (token, word index)
    cell: tuple[int, int, int] | None = None  # (table, row, column) for a ruled table cell
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def __post_init__(self) -> None:
        words = self.words
        self.text = " ".join(w.text for w in words)
        self.tokens = [(t, i) for i, w in enumerate(words) for t in _tokens(w.text)]
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)


@dataclass(slots=True)
class Line:
    """Words on one baseline of one block; its bounds are fixed when it is made."""

    page: int
    index: int  # position in the document's reading order
    segments: list[Segment]
    ocr: bool = False
    block: int = 0  # index of its block on the page
    row: int = 0  # index of its row (shared baseline) on the page
    table: int | None = None  # index of the ruled table it is a row of
    words: list[Word] = field(default_factory=list)
    text: str = ""
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def __post_init__(self) -> None:
        segs = self.segments
        self.words = [w for s in segs for w in s.words]
        self.text = " ".join(s.text for s in segs)
        self.top = min(s.top for s in segs)
        self.bottom = max(s.bottom for s in segs)
        self.x0 = min(s.x0 for s in segs)
        self.x1 = max(s.x1 for s in segs)

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def norm(self) -> str:
        return normalize_label(self.text)


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize_label(text).split())


@dataclass(slots=True)
class Block:
    page: int
    index: int
    lines: list[Line]

    @property
    def text(self) -> str:
        """The block's words in reading order: one paragraph, sentences intact."""
        return " ".join(ln.text for ln in self.lines)

    @property
    def bbox(self) -> BBox:
        return union_bbox([w for ln in self.lines for w in ln.words])


@dataclass(slots=True)
class PageLayout:
    number: int
    width: float
    height: float
    ocr: bool
    blocks: list[Block]
    rows: list[list[Line]]  # lines sharing a baseline, left to right

    @property
    def lines(self) -> list[Line]:
        return [ln for b in self.blocks for ln in b.lines]


@dataclass(slots=True)
class Layout:
    pages: list[PageLayout]
    lines: list[Line] = field(default_factory=list)  # all pages, reading order

    def page(self, number: int) -> PageLayout | None:
        return next((p for p in self.pages if p.number == number), None)

    @property
    def blocks(self) -> list[Block]:
        return [b for p in self.pages for b in p.blocks]

    def row_of(self, line: Line) -> list[Line]:
        page = self.page(line.page)
        return page.rows[line.row] if page is not None else [line]

    def right_of(self, line: Line, x: float) -> list[Segment]:
        """Segments on the line's baseline that start right of ``x``, nearest first."""
        segs = [s for ln in self.row_of(line) for s in ln.segments if s.x0 >= x - 1]
        return sorted(segs, key=lambda s: s.x0)

    def lone_values_near(self, line: Line, x_from: float) -> list[Segment]:
        """Segments holding only a value (no words) on the rows just below or above.

        A label that wraps ("Underpayment of estimated tax penalty" over "..... $912.74",
        or "Tax you owed when you filed your / return" with the amount set between the
        two lines) has its value one row away. Nearest first, the row below before the
        row above.
        """
        page = self.page(line.page)
        if page is None:
            return []
        out: list[tuple[float, Segment]] = []
        for delta in (1, -1):
            ri = line.row + delta
            if not 0 <= ri < len(page.rows):
                continue
            row = page.rows[ri]
            for other in row:
                gap = other.top - line.bottom if delta > 0 else line.top - other.bottom
                if gap > 1.2 * line.height or _WORDY.search(other.text):
                    continue  # too far, or a row with its own label
                for seg in other.segments:
                    if seg.x1 <= x_from or _WORDY.search(seg.text):
                        continue
                    # A label of its own between the label's column and the value: that
                    # value is the next table row's, not a wrapped label's.
                    if any(
                        _WORDY.search(o.text) and o.x0 >= x_from - 2 and o.x1 <= seg.x0 for o in row
                    ):
                        continue
                    out.append((abs(gap) + (0 if delta > 0 else 0.5), seg))
        return [seg for _, seg in sorted(out, key=lambda t: t[0])]

    def below(self, line: Line, x0: float, x1: float, *, max_lines: int = 2) -> list[Line]:
        """The next lines under ``x0..x1`` on the same page (labels stacked over values)."""
        page = self.page(line.page)
        if page is None:
            return []
        out: list[Line] = []
        limit = line.bottom + 3.2 * line.height
        for row in page.rows[line.row + 1 :]:
            hits = [ln for ln in row if ln.x1 >= x0 - 4 and ln.x0 <= x1 + 4]
            if not hits:
                continue
            if min(h.top for h in hits) > limit:
                break
            out.extend(sorted(hits, key=lambda h: h.x0))
            limit = max(h.bottom for h in hits) + 3.2 * line.height
            if len(out) >= max_lines:
                break
        return out


_WORDY = re.compile(r"[A-Za-z]{2,}")

# -- building it -----------------------------------------------------------------------------


def build_layout(pages: list[PageWords]) -> Layout:
    layouts = [_page_layout(p) for p in pages]
    lines = [ln for p in layouts for ln in p.lines]
    for i, ln in enumerate(lines):
        ln.index = i
    return Layout(pages=layouts, lines=lines)


def _typical_height(words: list[Word]) -> float:
    heights = [w.height for w in words if w.height > 0]
    return median(heights) if heights else 10.0


def _page_layout(page: PageWords) -> PageLayout:
    words = [w for w in page.words if w.text.strip()]
    if not words:
        return PageLayout(page.number, page.width, page.height, page.ocr, [], [])
    typical = _typical_height(words)
    groups: list[tuple[list[Word], int | None]] = []  # (words, table index)
    rest = words
    for ti, table in enumerate(page.tables):
        inside = [w for w in rest if _inside(w, table.bbox)]
        if inside:
            rest = [w for w in rest if not _inside(w, table.bbox)]
            groups.append((inside, ti))
    blocks_words: list[tuple[list[Word], int | None]] = []
    if rest:
        if all(w.ocr_line is not None for w in rest):
            blocks_words = [(b, None) for b in _ocr_blocks(rest, typical)]
        else:
            blocks_words = [(b, None) for b in xy_cut(rest, typical)]
    # Tables take their place in reading order by their top edge among the blocks.
    for words_, ti in groups:
        top = min(w.top for w in words_)
        pos = next(
            (
                i
                for i, (bw, _) in enumerate(blocks_words)
                if min(w.top for w in bw) > top and _overlaps_x(bw, words_)
            ),
            len(blocks_words),
        )
        blocks_words.insert(pos, (words_, ti))
    blocks: list[Block] = []
    for bi, (bw, ti) in enumerate(blocks_words):
        if ti is not None:
            lines = _table_lines(bw, page.tables[ti], ti, page, typical)
        elif bw[0].ocr_line is not None:
            lines = _ocr_lines(bw, page, typical)
        else:
            lines = _lines(bw, page, typical)
        for ln in lines:
            ln.block = bi
        blocks.append(Block(page.number, bi, lines))
    all_lines = [ln for b in blocks for ln in b.lines]
    rows = _rows(all_lines)
    return PageLayout(page.number, page.width, page.height, page.ocr, blocks, rows)


def _inside(w: Word, box: BBox) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, w.mid_y
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _overlaps_x(a: list[Word], b: list[Word]) -> bool:
    return min(w.x0 for w in a) < max(w.x1 for w in b) and min(w.x0 for w in b) < max(
        w.x1 for w in a
    )


# -- XY-cut ------------------------------------------------------------------------------------


def _gaps(intervals: list[tuple[float, float]], min_gap: float) -> list[float]:
    """Cut positions: middles of the empty stretches at least ``min_gap`` wide."""
    intervals = sorted(intervals)
    cuts = []
    reach = intervals[0][1]
    for lo, hi in intervals[1:]:
        if lo - reach >= min_gap:
            cuts.append((lo + reach) / 2)
        reach = max(reach, hi)
    return cuts


def _split(words: list[Word], cuts: list[float], key) -> list[list[Word]]:
    parts: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        parts[bisect.bisect_left(cuts, key(w))].append(w)
    return [p for p in parts if p]


def xy_cut(words: list[Word], typical: float, depth: int = 0) -> list[list[Word]]:
    """Recursive XY-cut: blocks of words separated by whitespace, in reading order.

    A horizontal cut needs an empty band across the whole region at least 0.7 line
    heights tall (a paragraph break, never the leading between lines); a vertical cut
    needs an empty column from the region's top to its bottom, wider than a word space
    (a gutter between columns, or between a label column and its values). Horizontal
    cuts are tried first, so bands of a page are read top to bottom and each band's
    columns left to right. When a line spanning the gutter (a "detach here" rule, a
    heading) sits tight against two columns, the region is cut at the line gap that
    frees the columns.
    """
    if len(words) <= 1 or depth > 40:
        return [words]
    h_cuts = _gaps([(w.top, w.bottom) for w in words], 0.7 * typical)
    if h_cuts:
        return [
            blk
            for part in _split(words, h_cuts, lambda w: w.mid_y)
            for blk in xy_cut(part, typical, depth + 1)
        ]
    v_cuts = _v_cuts(words, typical)
    if v_cuts:
        return [
            blk
            for part in _split(words, v_cuts, lambda w: (w.x0 + w.x1) / 2)
            for blk in xy_cut(part, typical, depth + 1)
        ]
    gaps = _gaps([(w.top, w.bottom) for w in words], 0.25 * typical)
    # A spanning line sits at the top or the bottom of the columns it joins.
    for cut in gaps[:3] + gaps[-3:] if len(gaps) > 6 else gaps:
        above = [w for w in words if w.mid_y < cut]
        below = [w for w in words if w.mid_y >= cut]
        if _columns(above, typical) or _columns(below, typical):
            return xy_cut(above, typical, depth + 1) + xy_cut(below, typical, depth + 1)
    return [words]


def _v_cuts(words: list[Word], typical: float) -> list[float]:
    return _gaps([(w.x0, w.x1) for w in words], max(1.6 * typical, 9.0))


def _columns(words: list[Word], typical: float) -> bool:
    """Two or more rows of text with a gutter running through all of them."""
    if not words or not _v_cuts(words, typical):
        return False
    mids = sorted(w.mid_y for w in words)
    return any(b - a > 0.5 * typical for a, b in itertools.pairwise(mids))


# -- lines -----------------------------------------------------------------------------------


def _segments(row: list[Word], typical: float) -> list[Segment]:
    row = sorted(row, key=lambda w: w.x0)
    gap_limit = max(typical * 1.6, 14.0)
    segs: list[list[Word]] = [[row[0]]]
    for prev, w in itertools.pairwise(row):
        if w.x0 - prev.x1 > gap_limit:
            segs.append([w])
        else:
            segs[-1].append(w)
    return [Segment(s) for s in segs]


def _baseline_rows(words: list[Word], typical: float) -> list[list[Word]]:
    words = sorted(words, key=lambda w: (w.mid_y, w.x0))
    rows: list[list[Word]] = []
    row_mid = 0.0
    for w in words:
        if rows and abs(w.mid_y - row_mid) <= typical * 0.45:
            rows[-1].append(w)
            row_mid = row_mid + (w.mid_y - row_mid) / len(rows[-1])
        else:
            rows.append([w])
            row_mid = w.mid_y
    return rows


def _lines(words: list[Word], page: PageWords, typical: float) -> list[Line]:
    return [
        Line(page=page.number, index=0, segments=_segments(r, typical), ocr=page.ocr)
        for r in _baseline_rows(words, typical)
    ]


def _ocr_blocks(words: list[Word], typical: float) -> list[list[Word]]:
    """Tesseract's paragraphs, in its order; a paragraph spanning columns is XY-cut."""
    paras: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        assert w.ocr_line is not None
        paras.setdefault(w.ocr_line[:2], []).append(w)
    out: list[list[Word]] = []
    for key in sorted(paras):
        out.extend(xy_cut(paras[key], typical))
    return out


def _ocr_lines(words: list[Word], page: PageWords, typical: float) -> list[Line]:
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        assert w.ocr_line is not None
        by_line.setdefault(w.ocr_line, []).append(w)
    lines = [
        Line(page=page.number, index=0, segments=_segments(ws, typical), ocr=True)
        for _, ws in sorted(by_line.items())
    ]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _table_lines(
    words: list[Word], table: TableGrid, ti: int, page: PageWords, typical: float
) -> list[Line]:
    """One line per text line of a table row, one segment per cell, columns in order.

    A cell may wrap onto several text lines: each baseline across the row becomes its own
    line, so a wrapped label does not swallow the next row's words.
    """
    lines: list[Line] = []
    used: set[int] = set()
    for ri, row in enumerate(table.rows):
        cells: list[tuple[int, list[Word]]] = []
        for ci, cell in enumerate(row):
            if cell is None:
                continue
            inside = [i for i, w in enumerate(words) if i not in used and _inside(w, cell)]
            used.update(inside)
            if inside:
                cells.append((ci, [words[i] for i in inside]))
        row_words = [w for _, ws in cells for w in ws]
        if not row_words:
            continue
        cell_of = {id(w): ci for ci, ws in cells for w in ws}
        for base in _baseline_rows(row_words, typical):
            by_cell: dict[int, list[Word]] = {}
            for w in base:
                by_cell.setdefault(cell_of[id(w)], []).append(w)
            segs = []
            for ci, ws in sorted(by_cell.items()):
                seg = Segment(sorted(ws, key=lambda w: w.x0))
                seg.cell = (ti, ri, ci)
                segs.append(seg)
            lines.append(Line(page.number, 0, sorted(segs, key=lambda s: s.x0), page.ocr, table=ti))
    leftovers = [w for i, w in enumerate(words) if i not in used]
    lines.extend(_lines(leftovers, page, typical) if leftovers else [])
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines of one page sharing a baseline (their vertical middles within half a line)."""
    order = sorted(lines, key=lambda ln: (ln.mid_y, ln.x0))
    rows: list[list[Line]] = []
    for ln in order:
        if rows:
            ref = rows[-1]
            mid = sum(x.mid_y for x in ref) / len(ref)
            height = min(min(x.height for x in ref), ln.height)
            if abs(ln.mid_y - mid) <= 0.5 * height:
                ref.append(ln)
                continue
        rows.append([ln])
    for ri, row in enumerate(rows):
        row.sort(key=lambda ln: ln.x0)
        for ln in row:
            ln.row = ri
    return rows
