"""Billing-summary rows as candidates: a row label at the start of a line, its amount.

Rows are found wherever the page prints them: a plain list, a table with ruled cells (an
extra IRC-section column is skipped), a value column set apart from its labels, or the
summary on page 2. Penalty rows need not say "penalty": sub-rows under a "Penalties"
heading ("Filing late", "Paying late"), and the abbreviations FTF, FTP and ES, are
read in that context. Which rows count is decided later, with the amount due
(``resolve``): the rows add up to it.
"""

from __future__ import annotations

import re

from . import labels as L
from .candidates import Collector, p_amount, parse_words
from .layout import Line, Segment

_PROSE = {"we", "you", "your", "our", "us", "have", "has", "if", "will", "may", "can", "please",
          "no", "not", "record", "don't", "didn't", "should", "must"}  # fmt: skip
_SKIP_LEAD = {"less", "plus", "minus", "add", "subtract", "and"}
_SUBROWS = {key: L.tokenize_set(syns) for key, syns in L.PENALTY_SUBROWS.items()}
_HEADINGS = {tuple(h.split()) for h in L.PENALTY_HEADINGS}
_ROW_NUMBER = re.compile(r"^(?:\d{1,2}|[a-h])[.)]?$", re.I)


def _lead(seg: Segment) -> int:
    """Tokens to skip before a row label: "Less:", "Plus", a row number "3." ..."""
    i = 0
    toks = seg.tokens
    while i < len(toks) and (toks[i][0] in _SKIP_LEAD or _ROW_NUMBER.match(toks[i][0])):
        i += 1
    return i


def _row_label(seg: Segment, penalties_open: bool) -> tuple[str, int, float] | None:
    """(billing key, index of the label's last word, score) for a row's first segment."""
    start = _lead(seg)
    toks = [t for t, _ in seg.tokens[start:]]
    if not toks:
        return None
    if penalties_open:
        for key, syns in _SUBROWS.items():
            for syn in syns:
                if tuple(toks[: len(syn)]) == syn:
                    return key, seg.tokens[start + len(syn) - 1][1], 0.95
        key = _subrow_by_keywords(set(toks))
        if key is not None:
            return key, _label_end(seg), 0.9
    hits = L.label_hits(toks)
    if hits and hits[0].start == 0:
        billing = [f for f in hits[0].fields if f.startswith("billing.")]
        if not billing:
            return None
        key, end = billing[0][8:], seg.tokens[start + hits[0].end - 1][1]
        if key == "penalties_total" and not {"total", "penalties"} & set(toks):
            # "Penalty - FTP", "Penalty for paying late": which penalty, after the word
            specific = _subrow_by_keywords(set(toks[hits[0].end :]))
            if specific is not None:
                return specific, _label_end(seg), 0.95
        return key, end, 1.0
    return _by_keywords(seg, start)


def _subrow_by_keywords(toks: set[str]) -> str | None:
    """Under a "Penalties" heading a row names only what it was for ("Paying your tax late")."""
    if toks & {"estimated", "underpaying", "underpayment", "es"}:
        return "estimated_tax_penalty"
    if toks & {"filing", "file", "filed", "ftf"}:
        return "failure_to_file_penalty"
    if toks & {"paying", "pay", "payment", "paid", "ftp"}:
        return "failure_to_pay_penalty"
    return None


def _by_keywords(seg: Segment, start: int) -> tuple[str, int, float] | None:
    """Unseen row wording: a short label whose words name the concept."""
    toks = {t for t, _ in seg.tokens[start:]}
    if len(seg.words) > 8 or not toks or toks & _PROSE or seg.text.rstrip().endswith("."):
        return None  # a row label is a noun phrase, not a sentence
    penalty = any(t.startswith("penalt") for t in toks)
    key = None
    if "estimated" in toks and (penalty or "underpayment" in toks):
        key = "estimated_tax_penalty"
    elif penalty and toks & {"filing", "file", "filed"}:
        key = "failure_to_file_penalty"
    elif penalty and toks & {"paying", "pay", "payment", "paid"}:
        key = "failure_to_pay_penalty"
    elif penalty and toks & {"total", "all", "combined"}:
        key = "penalties_total"
    elif "interest" in toks:
        key = "interest"
    elif toks & {"payments", "payment", "credits", "credit"} and not toks & {"due", "plan"}:
        key = "payments_credits"
    elif "tax" in toks and not toks & {"year", "period", "form", "penalty"}:
        key = "tax"
    if key is None:
        return None
    return key, _label_end(seg), 0.8


def _label_end(seg: Segment) -> int:
    """Index of the last word before the first amount (the whole label)."""
    for i, w in enumerate(seg.words):
        if p_amount(w.text):
            return i - 1
    return len(seg.words) - 1


def _value(col: Collector, line: Line, seg: Segment, end: int):
    rest = seg.words[end + 1 :]
    got = parse_words(rest, p_amount, max_lead=5)
    if got is not None:
        return got, "label" if line.table is None else "table"
    if sum(1 for w in rest if re.search(r"[A-Za-z0-9]", w.text)) > 5:
        return None  # the label runs on into a sentence: not a row of the summary
    for right in col.layout.right_of(line, seg.x1 + 1)[:3]:
        got = parse_words(right.words, p_amount, max_lead=0)
        if got is not None:
            return got, "table" if right.cell is not None else "label-right"
        if sum(1 for w in right.words if re.search(r"[A-Za-z]{3,}", w.text)) >= 3:
            break  # prose or another label: not this row's value
    for near in col.layout.lone_values_near(line, seg.x0):
        got = parse_words(near.words, p_amount, max_lead=0)
        if got is not None:
            return got, "label-wrapped"
    return None


def collect(col: Collector) -> None:
    """Add a ``billing.<key>`` candidate for every billing row the notice prints."""
    penalties_open = False
    last_page = None
    for line in col.layout.lines:
        if line.page != last_page:
            penalties_open, last_page = False, line.page
        if col.region(line) == "stub":
            continue
        seg = line.segments[0]
        toks = tuple(t for t, _ in seg.tokens[_lead(seg) :])
        found = _row_label(seg, penalties_open)
        if toks in _HEADINGS and (found is None or _value(col, line, seg, found[1]) is None):
            penalties_open = True  # "Penalties" heading over its sub-rows
            continue
        if found is None:
            continue
        key, end, score = found
        got = _value(col, line, seg, end)
        if got is None:
            continue
        (value, words), source = got
        if key in L.PENALTY_SUBROWS or key == "penalties_total":
            penalties_open = penalties_open and key != "penalties_total"
        else:
            penalties_open = False
        if key == "payments_credits":
            value = -abs(value)
        col.add(f"billing.{key}", value, score, source, line, words)
