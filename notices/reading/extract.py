"""Label-driven field extraction over lines and segments.

A field is found by its label (any synonym), then its value is read from the rest of
the label's segment, the next segments on the same line, or the line just below.
Every value keeps its page, bounding box and a confidence, so staff can check it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import labels as L
from .layout import Line, Segment
from .model import Evidence, Found, PageWords, Word, union_bbox
from .parsing import (
    find_amounts,
    find_dates,
    find_notice_codes,
    find_phones,
    find_ssn_last4,
    find_tax_form,
    find_year,
    normalize_label,
)

Parser = Callable[[str], tuple[object, tuple[int, int]] | None]


@dataclass(slots=True)
class Doc:
    """All lines of a notice plus where its payment stub starts."""

    pages: list[PageWords]
    lines: list[Line]
    stub_page: int | None = None
    stub_top: float | None = None

    def in_stub(self, line: Line) -> bool:
        return (
            self.stub_page is not None
            and line.page == self.stub_page
            and self.stub_top is not None
            and line.top >= self.stub_top - 1
        )

    def page_height(self, number: int) -> float:
        for p in self.pages:
            if p.number == number:
                return p.height
        return 792.0


def _words_text(words: list[Word]) -> tuple[str, list[tuple[int, int]]]:
    """Join words with spaces, remembering each word's character span."""
    parts, spans, pos = [], [], 0
    for w in words:
        parts.append(w.text)
        spans.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    return " ".join(parts), spans


def _evidence(words: list[Word], span: tuple[int, int], spans, page: int, base: float) -> Evidence:
    picked = [w for w, s in zip(words, spans, strict=True) if s[0] < span[1] and s[1] > span[0]]
    picked = picked or words
    conf = base * min(1.0, sum(w.conf for w in picked) / len(picked))
    return Evidence(confidence=conf, page=page, bbox=union_bbox(picked))


def _find_label(seg: Segment, syns: list[tuple[str, ...]], start_only: bool) -> int | None:
    """Index (in ``seg.words``) of the last word of the first synonym found in ``seg``."""
    hit = label_match(seg, syns, start_only)
    return hit[0] if hit else None


def label_match(
    seg: Segment, syns: list[tuple[str, ...]], start_only: bool
) -> tuple[int, float, int] | None:
    """(last label word index, quality, synonym length) of the best synonym in ``seg``.

    Exact token runs win (quality 1.0). Failing that, a synonym whose tokens appear in
    order near the start of the segment with at most two extra words between them
    ("Pay in full by", "Less payments and credits") matches with quality 0.85: label
    wording drifts between layouts more than its key words do.
    """
    toks = [t for t, _ in seg.tokens]
    for syn in syns:
        n = len(syn)
        starts = [0] if start_only else range(0, max(0, len(toks) - n + 1))
        for i in starts:
            if tuple(toks[i : i + n]) == syn:
                return seg.tokens[i + n - 1][1], 1.0, n
    for syn in syns:
        if len(syn) < 2:
            continue
        for start in (0, 1):
            end = _subsequence_end(toks, syn, start)
            if end is not None:
                return seg.tokens[end][1], 0.85, len(syn)
    return None


def _subsequence_end(toks: list[str], syn: tuple[str, ...], start: int) -> int | None:
    if start >= len(toks) or toks[start] != syn[0]:
        return None
    pos, skipped = start, 0
    for want in syn[1:]:
        pos += 1
        while pos < len(toks) and toks[pos] != want:
            pos += 1
            skipped += 1
            if skipped > 2:
                return None
        if pos >= len(toks):
            return None
    return pos


def _try_parse(words: list[Word], parse: Parser, page: int, base: float) -> Found | None:
    if not words:
        return None
    text, spans = _words_text(words)
    got = parse(text)
    if got is None:
        return None
    value, span = got
    return Found(value, _evidence(words, span, spans, page, base))


def find_labeled(
    doc: Doc,
    synonyms: tuple[str, ...],
    parse: Parser,
    *,
    start_only: bool = False,
    look_below: bool = True,
    pages: set[int] | None = None,
) -> list[Found]:
    """Every value found next to (or below) a label, in reading order."""
    syns = L.tokenize_set(synonyms)
    out: list[Found] = []
    lines = doc.lines
    for li, line in enumerate(lines):
        if pages is not None and line.page not in pages:
            continue
        for si, seg in enumerate(line.segments):
            hit = label_match(seg, syns, start_only)
            if hit is None:
                continue
            idx, base, _ = hit
            after = seg.words[idx + 1 :]
            found = _try_parse(after, parse, line.page, base)
            if found is None and si + 1 < len(line.segments):
                rest = [w for s in line.segments[si + 1 :] for w in s.words]
                found = _try_parse(rest, parse, line.page, base * 0.95)
            at_start = _find_label(seg, syns, True) is not None
            if found is None and look_below and at_start:
                # Only a label that starts its segment owns the line below: a phrase met
                # mid-sentence ("interest accrued to notice date") is not a heading.
                found = _below(lines, li, seg, parse, base * 0.9)
            if found is not None:
                found.in_stub = doc.in_stub(line)
                found.extra["label_at_start"] = at_start
                found.extra["quality"] = base
                found.extra["top"] = line.top
                out.append(found)
                break
    return out


def _below(lines: list[Line], li: int, seg: Segment, parse: Parser, base: float) -> Found | None:
    line = lines[li]
    for nxt in lines[li + 1 : li + 3]:
        if nxt.page != line.page or nxt.top - line.bottom > 3 * max(1.0, line.bottom - line.top):
            return None
        for s in nxt.segments:
            if s.x1 >= seg.x0 - 4 and s.x0 <= seg.x1 + 4:
                text, _ = _words_text(s.words)
                got = parse(text)
                if got is None:
                    continue
                # "Tax period: December 31, 2021" below is another label's row, not ours.
                if len(re.findall(r"[A-Za-z]{2,}", text[: got[1][0]])) >= 2:
                    return None
                return _try_parse(s.words, parse, nxt.page, base)
    return None


# -- parsers ---------------------------------------------------------------------------


def p_amount(text: str):
    found = find_amounts(text)
    return found[-1] if found else None


def p_first_amount(text: str):
    found = find_amounts(text)
    return found[0] if found else None


def p_date(text: str):
    found = find_dates(text)
    return found[0] if found else None


def p_year(text: str):
    dates = find_dates(text)
    if dates:
        return dates[0][0].year, dates[0][1]
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    return (int(m.group(1)), m.span(1)) if m else None


def p_code(text: str):
    codes = find_notice_codes(text)
    return codes[0] if codes else None


def p_ssn(text: str):
    return find_ssn_last4(text)


def p_caller_id(text: str):
    m = re.search(r"(?<![\d-])(\d{4,8})(?![\d-])", text)
    return (m.group(1), m.span(1)) if m else None


def p_phone(text: str):
    phones = find_phones(text)
    return phones[0] if phones else None


def p_form(text: str):
    return find_tax_form(text)


_PAGE_RE = re.compile(r"\bPage\s*(\d{1,3})\s*of\s*(\d{1,3})(?!\d)", re.IGNORECASE)


def p_page_of(text: str):
    m = _PAGE_RE.search(text)
    return ((int(m.group(1)), int(m.group(2))), m.span()) if m else None


# -- whole-document scans ----------------------------------------------------------------


def scan(doc: Doc, parse: Parser, *, base: float = 0.7, pages: set[int] | None = None):
    """Values anywhere (no label): fallbacks, each with lower confidence."""
    out: list[Found] = []
    for line in doc.lines:
        if pages is not None and line.page not in pages:
            continue
        for seg in line.segments:
            text, spans = _words_text(seg.words)
            got = parse(text)
            if got is not None:
                value, span = got
                f = Found(value, _evidence(seg.words, span, spans, line.page, base))
                f.in_stub = doc.in_stub(line)
                f.extra["top"] = line.top
                out.append(f)
    return out


def locate_stub(pages: list[PageWords], lines: list[Line]) -> tuple[int | None, float | None]:
    """The payment stub: on the last page, from the first stub cue in its lower part down.

    The perforation leaves no text to find, but every stub carries its payment
    instruction ("payable to", "Amount enclosed", "detach ...") at or near its top.
    """
    if not pages:
        return None, None
    last = pages[-1]
    cues = L.tokenize_set(L.STUB_CUES)
    for ln in lines:
        if ln.page != last.number or ln.top < 0.4 * last.height:
            continue
        toks = tuple(ln.norm.split())
        if any(_contains(toks, c) for c in cues):
            return last.number, ln.top
    return None, None


def _contains(toks: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(toks[i : i + n] == phrase for i in range(len(toks) - n + 1))


def make_doc(pages: list[PageWords], lines: list[Line]) -> Doc:
    stub_page, stub_top = locate_stub(pages, lines)
    return Doc(pages=pages, lines=lines, stub_page=stub_page, stub_top=stub_top)


def norm_tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize_label(text).split())


__all__ = [
    "Doc",
    "find_labeled",
    "find_year",
    "make_doc",
    "p_amount",
    "p_caller_id",
    "p_code",
    "p_date",
    "p_first_amount",
    "p_form",
    "p_page_of",
    "p_phone",
    "p_ssn",
    "p_year",
    "scan",
]
