"""Every value the page offers for each field, with a score and the box it came from.

Nothing is decided here. A label gives candidates from its own segment, from the next
segment on its baseline (a value column), or from under it (labels over values); a
sentence gives candidates ("you owe $X", "pay by <date>"); a scan of the whole notice
gives weak ones (any masked SSN, any notice code). ``notices.reading.resolve`` then picks
the assignment that satisfies the notice's own arithmetic and dates.

Scores are how much a source deserves trust on its own: a label at the start of a cell
(1.0) beats a value beside it (0.9), under it (0.8), in a sentence (0.55) or anywhere
(0.15-0.75).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import labels as L
from .layout import Layout, Line, Segment
from .model import BBox, Evidence, Word, union_bbox
from .parsing import (
    find_amounts,
    find_dates,
    find_notice_codes,
    find_phones,
    find_ssn_last4,
    find_tax_form,
    normalize_label,
)

Parser = Callable[[str], tuple[object, tuple[int, int]] | None]

# Single-word labels are only labels where they head a cell or end with a colon:
# "Tax", "Form" or "Notice" in a sentence are just words.
GENERIC = set(
    [
        "notice",
        "letter",
        "form",
        "tax",
        "call",
        "phone",
        "es",
        "ftf",
        "ftp",
        "tin",
        "ein",
        "interest",
        "payments",
        "credits",
        "penalties",
        "deadline",
        "telephone",
        "ssn",
        "reference",
        "dated",
        "caller",
    ]
)
_LEADER_RE = re.compile(r"^[^A-Za-z0-9]*$")  # leaders, colons, bullets and OCR's stray marks


@dataclass(slots=True)
class Candidate:
    field: str
    value: object
    score: float
    source: str  # label | label-right | label-below | table | sentence | scan | heading
    page: int
    bbox: BBox
    conf: float = 1.0  # mean OCR confidence of the words read (1.0 for a text layer)
    region: str = "head"  # head | stub
    line: int = 0

    @property
    def weight(self) -> float:
        return self.score * (0.5 + 0.5 * self.conf)

    def evidence(self, *, confirmed: bool, why: str) -> Evidence:
        return Evidence(
            confidence=min(1.0, self.score * self.conf),
            page=self.page,
            bbox=self.bbox,
            confirmed=confirmed,
            why=why,
            source=self.source + (" (payment stub)" if self.region == "stub" else ""),
        )


# -- parsers: (value, span) from text ----------------------------------------------------------


def p_amount(text: str):
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
    return find_tax_form(text, bare=True)


PARSERS: dict[str, Parser] = {
    "notice_code": p_code,
    "tax_year": p_year,
    "notice_date": p_date,
    "pay_by_date": p_date,
    "ssn_last4": p_ssn,
    "caller_id": p_caller_id,
    "irs_phone": p_phone,
    "tax_form": p_form,
    "amount_due": p_amount,
}


def _words_text(words: list[Word]) -> tuple[str, list[tuple[int, int]]]:
    parts, spans, pos = [], [], 0
    for w in words:
        parts.append(w.text)
        spans.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    return " ".join(parts), spans


def parse_words(words: list[Word], parse: Parser, *, max_lead: int | None = None):
    """(value, the words it was read from), or None.

    ``max_lead``: how many words may stand between the start and the value, so a label's
    value is the thing right after it, not a number three clauses later.
    """
    if not words:
        return None
    text, spans = _words_text(words)
    got = parse(text)
    if got is None:
        return None
    value, span = got
    picked = [w for w, s in zip(words, spans, strict=True) if s[0] < span[1] and s[1] > span[0]]
    picked = picked or words
    if max_lead is not None:
        first = words.index(picked[0])
        lead = [w for w in words[:first] if not _LEADER_RE.match(w.text)]
        if len(lead) > max_lead:
            return None
    return value, picked


def _conf(words: list[Word]) -> float:
    return min(1.0, sum(w.conf for w in words) / len(words)) if words else 1.0


@dataclass(slots=True)
class Pool:
    """All candidates of a notice, by field."""

    by_field: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, c: Candidate) -> None:
        self.by_field.setdefault(c.field, []).append(c)

    def get(self, name: str) -> list[Candidate]:
        return self.by_field.get(name, [])


# -- the stub -------------------------------------------------------------------------------


def stub_start(layout: Layout) -> tuple[int | None, float | None]:
    """The payment stub: on the last page, from the first stub cue in its lower part down."""
    if not layout.pages:
        return None, None
    last = layout.pages[-1]
    cues = L.tokenize_set(L.STUB_CUES)
    best: float | None = None
    for ln in last.lines:
        if ln.top < 0.4 * last.height:
            continue
        toks = tuple(ln.norm.split())
        if any(_contains(toks, c) for c in cues) and (best is None or ln.top < best):
            best = ln.top
    return (last.number, best) if best is not None else (None, None)


def _contains(toks: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(toks[i : i + n] == phrase for i in range(len(toks) - n + 1))


# -- labels ---------------------------------------------------------------------------------


class Collector:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.pool = Pool()
        self.stub_page, self.stub_top = stub_start(layout)

    def region(self, line: Line) -> str:
        if (
            self.stub_page is not None
            and line.page == self.stub_page
            and self.stub_top is not None
            and line.top >= self.stub_top - 1
        ):
            return "stub"
        return "head"

    def add(self, name, value, score, source, line: Line, words: list[Word]) -> None:
        self.pool.add(
            Candidate(
                field=name,
                value=value,
                score=score,
                source=source,
                page=line.page,
                bbox=union_bbox(words),
                conf=_conf(words),
                region=self.region(line),
                line=line.index,
            )
        )

    def labelled(self) -> None:
        for line in self.layout.lines:
            for seg in line.segments:
                self._segment(line, seg)

    def _segment(self, line: Line, seg: Segment) -> None:
        toks = [t for t, _ in seg.tokens]
        hits = L.label_hits(toks)
        for k, hit in enumerate(hits):
            scalar = [f for f in hit.fields if not f.startswith("billing.")]
            if not scalar:
                continue
            strong = self._strong(seg, hits, k)
            if not strong and (len(hit.phrase) < 2 or hit.phrase[0] in GENERIC):
                continue
            last_word = seg.tokens[hit.end - 1][1]
            for name in scalar:
                kind = L.KIND.get(name, name)
                stop = next(
                    (
                        h.start
                        for h in hits[k + 1 :]
                        if kind not in ("amount", "date")
                        or any(L.KIND.get(f) == kind for f in h.fields)
                    ),
                    len(toks),
                )
                stop_word = seg.tokens[stop][1] if stop < len(toks) else len(seg.words)
                after = seg.words[last_word + 1 : stop_word]
                got = parse_words(after, PARSERS[name], max_lead=2 if strong else 6)
                if got is not None:
                    value, words = got
                    self.add(name, value, 1.0 if strong else 0.5, "label", line, words)
                    continue
                # A label's value may sit beside or under it when the label's own cell
                # holds nothing else but a short qualifier ("Amount due by May 3, 2024").
                if not strong or sum(1 for w in after if not _LEADER_RE.match(w.text)) > 4:
                    continue
                label_words = seg.words[seg.tokens[hit.start][1] : last_word + 1]
                self._beside(name, line, seg, label_words)

    def _strong(self, seg: Segment, hits: list[L.LabelHit], k: int) -> bool:
        hit = hits[k]
        if hit.start == 0 or seg.cell is not None:
            return True
        word = seg.words[seg.tokens[hit.end - 1][1]]
        if word.text.endswith(":"):
            return True
        # Label: value pairs in a row: a label a few words after the previous one.
        return k > 0 and hit.start - hits[k - 1].end <= 6 and self._strong(seg, hits, k - 1)

    def _beside(self, name: str, line: Line, seg: Segment, label_words: list[Word]) -> None:
        """The value is not in the label's segment: right of it, else under it."""
        parse = PARSERS[name]
        for right in self.layout.right_of(line, seg.x1 + 1)[:2]:
            if L.label_hits([t for t, _ in right.tokens])[:1] and not parse(right.text):
                break
            got = parse_words(right.words, parse, max_lead=1)
            if got is not None:
                value, words = got
                self.add(name, value, 0.9, "label-right", line, words)
                return
        x0, x1 = label_words[0].x0, max(w.x1 for w in label_words)
        if L.KIND.get(name) == "amount":
            for near in self.layout.lone_values_near(line, x0):
                got = parse_words(near.words, parse, max_lead=0)
                if got is not None:
                    value, words = got
                    self.add(name, value, 0.8, "label-wrapped", line, words)
                    return
        for below in self.layout.below(line, x0, x1):
            segs = [s for s in below.segments if s.x1 >= x0 - 6 and s.x0 <= x1 + 6]
            for s in sorted(segs, key=lambda s: -_overlap(s, x0, x1)):
                head = L.label_hits([t for t, _ in s.tokens])
                if head and head[0].start == 0:
                    return  # another label's row: the labels are not over values here
                got = parse_words(s.words, parse, max_lead=1)
                if got is not None:
                    value, words = got
                    self.add(name, value, 0.8, "label-below", below, words)
                    return


def _overlap(seg: Segment, x0: float, x1: float) -> float:
    return max(0.0, min(seg.x1, x1) - max(seg.x0, x0))


# -- sentences ------------------------------------------------------------------------------

_AMOUNT_CUE = re.compile(
    r"\b(?:you owe|owe us|owe the irs|amount due|balance due|total due|unpaid balance|"
    r"balance of|amount of|pay(?:ing)? the (?:full )?(?:amount|balance)|pay in full)\b",
    re.I,
)
_DATE_CUE = re.compile(
    r"\b(?:pay|paid|payment|respond|reply|response|due|contact us|call us)\b[^.]{0,60}?"
    r"\b(?:by|before|no later than|on or before)\s*$",
    re.I,
)
_YEAR_CUE = re.compile(
    r"\b(?:for|your|tax year|period ending [a-z]+ \d{1,2},?)\s*((?:19|20)\d{2})"
    r"(?=\s+(?:form|tax|taxes|return|income|federal|individual))",
    re.I,
)


def _block_run(lines: list[Line]) -> tuple[str, list[tuple[int, int, Word, Line]]]:
    parts, spans, pos = [], [], 0
    for ln in lines:
        for w in ln.words:
            parts.append(w.text)
            spans.append((pos, pos + len(w.text), w, ln))
            pos += len(w.text) + 1
    return " ".join(parts), spans


def _at(spans, a: int, b: int) -> tuple[list[Word], Line]:
    picked = [(w, ln) for s, e, w, ln in spans if s < b and e > a]
    return [w for w, _ in picked], picked[0][1]


def sentences(col: Collector) -> None:
    for block in col.layout.blocks:
        text, spans = _block_run(block.lines)
        if not text:
            continue
        for value, (a, b) in find_amounts(text):
            before = text[max(0, a - 70) : a]
            cut = max(before.rfind(". "), before.rfind("; "))
            before = before[cut + 1 :]
            if _AMOUNT_CUE.search(before):
                words, line = _at(spans, a, b)
                col.add("amount_due", value, 0.55, "sentence", line, words)
        for value, (a, b) in find_dates(text):
            before = text[max(0, a - 90) : a]
            cut = before.rfind(". ")
            if _DATE_CUE.search(before[cut + 1 :]):
                words, line = _at(spans, a, b)
                col.add("pay_by_date", value, 0.6, "sentence", line, words)
        for m in _YEAR_CUE.finditer(text):
            words, line = _at(spans, *m.span(1))
            col.add("tax_year", int(m.group(1)), 0.55, "sentence", line, words)


# -- whole-notice scans ---------------------------------------------------------------------


def scans(col: Collector) -> None:
    layout = col.layout
    first = layout.pages[0].number if layout.pages else 1
    for line in layout.lines:
        page = layout.page(line.page)
        height = page.height if page else 792.0
        edge = line.top < 0.16 * height or line.bottom > 0.92 * height
        for seg in line.segments:
            text, spans = _words_text(seg.words)
            for code, span in find_notice_codes(text):
                words = _span_words(seg.words, spans, span)
                col.add("notice_code", code, 0.75 if edge else 0.5, "scan", line, words)
            got = find_ssn_last4(text)
            if got is not None:
                words = _span_words(seg.words, spans, got[1])
                col.add("ssn_last4", got[0], 0.7, "scan", line, words)
            form = find_tax_form(text)
            if form is not None:
                words = _span_words(seg.words, spans, form[1])
                col.add("tax_form", form[0], 0.7, "scan", line, words)
            if line.page == first:
                for phone, span in find_phones(text):
                    words = _span_words(seg.words, spans, span)
                    col.add("irs_phone", phone, 0.3, "scan", line, words)
                if line.top < 0.3 * height:
                    for d, span in find_dates(text):
                        words = _span_words(seg.words, spans, span)
                        col.add("notice_date", d, 0.3, "scan", line, words)
            for value, span in find_amounts(text):
                words = _span_words(seg.words, spans, span)
                col.add("amount_due", value, 0.15, "scan", line, words)


def _span_words(words: list[Word], spans, span: tuple[int, int]) -> list[Word]:
    picked = [w for w, s in zip(words, spans, strict=True) if s[0] < span[1] and s[1] > span[0]]
    return picked or words


def collect(layout: Layout) -> Collector:
    """Every candidate the notice offers (billing rows are added by ``billing.collect``)."""
    col = Collector(layout)
    col.labelled()
    sentences(col)
    scans(col)
    return col


__all__ = ["Candidate", "Collector", "Pool", "collect", "normalize_label", "parse_words"]
