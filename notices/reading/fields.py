"""Which value wins for each notice field, and the address blocks.

The headline value is the first one outside the payment stub; the stub value is kept
apart for the stub-versus-headline cross-check. Label matches beat unlabeled scans,
which only fill gaps (with lower confidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import labels as L
from .extract import (
    Doc,
    _try_parse,
    find_labeled,
    label_match,
    p_amount,
    p_caller_id,
    p_code,
    p_date,
    p_form,
    p_page_of,
    p_phone,
    p_ssn,
    p_year,
    scan,
)
from .layout import Line, Segment
from .model import Evidence, Found, union_bbox
from .parsing import normalize_label


@dataclass(slots=True)
class Extracted:
    headline: dict[str, Found] = field(default_factory=dict)
    stub: dict[str, Found] = field(default_factory=dict)
    billing: dict[str, Found] = field(default_factory=dict)
    page_marks: list[tuple[int, int, int]] = field(default_factory=list)  # page, n, m
    taxpayer_lines: list[str] = field(default_factory=list)
    mailing_address: list[str] = field(default_factory=list)
    irs_reply_address: list[str] = field(default_factory=list)


def _first(cands: list[Found], *, stub: bool, prefer_start: bool = True) -> Found | None:
    pool = [c for c in cands if c.in_stub == stub]
    if prefer_start:
        starts = [c for c in pool if c.extra.get("label_at_start")]
        if starts:
            return starts[0]
    return pool[0] if pool else None


def _pick(extracted: Extracted, name: str, cands: list[Found], *, prefer_start=True) -> None:
    head = _first(cands, stub=False, prefer_start=prefer_start)
    stub = _first(cands, stub=True, prefer_start=prefer_start)
    if head is not None:
        extracted.headline[name] = head
    if stub is not None:
        extracted.stub[name] = stub


def _fallback(extracted: Extracted, name: str, cands: list[Found]) -> None:
    """Unlabelled values only fill a field no label gave, not even on the stub."""
    if name in extracted.headline or name in extracted.stub:
        return
    head = _first(cands, stub=False, prefer_start=False) or _first(cands, stub=True)
    if head is not None:
        extracted.headline[name] = head


def extract_fields(doc: Doc) -> Extracted:
    ex = Extracted()
    first_page = {doc.pages[0].number} if doc.pages else set()

    _pick(ex, "notice_code", find_labeled(doc, L.NOTICE_CODE, p_code, look_below=False))
    _fallback(ex, "notice_code", scan(doc, p_code, base=0.8))

    _pick(ex, "tax_year", find_labeled(doc, L.TAX_YEAR, p_year))
    _pick(ex, "notice_date", find_labeled(doc, L.NOTICE_DATE, p_date))
    _pick(ex, "ssn_last4", find_labeled(doc, L.SSN, p_ssn))
    _fallback(ex, "ssn_last4", scan(doc, p_ssn, base=0.8))
    _pick(ex, "caller_id", find_labeled(doc, L.CALLER_ID, p_caller_id))
    _pick(ex, "irs_phone", find_labeled(doc, L.PHONE, p_phone, look_below=False))
    _fallback(ex, "irs_phone", scan(doc, p_phone, base=0.6, pages=first_page))
    _pick(ex, "amount_due", find_labeled(doc, L.AMOUNT_DUE, p_amount))
    _pick(ex, "pay_by_date", find_labeled(doc, L.PAY_BY, p_date, look_below=False))
    _pick(ex, "tax_form", scan(doc, p_form, base=0.95), prefer_start=False)

    if "tax_year" not in ex.headline and "tax_year" not in ex.stub:
        _fallback(ex, "tax_year", scan(doc, _p_headline_year, base=0.7))
    if "notice_date" not in ex.headline and "notice_date" not in ex.stub:
        top = [
            c
            for c in scan(doc, p_date, base=0.6, pages=first_page)
            if c.extra["top"] < 0.3 * doc.page_height(c.evidence.page or 1)
        ]
        _fallback(ex, "notice_date", top)

    _billing(doc, ex)
    _amount_from_sum(doc, ex)

    for f in scan(doc, p_page_of, base=1.0):
        n, m = f.value  # type: ignore[misc]
        ex.page_marks.append((f.evidence.page or 0, n, m))

    _addresses(doc, ex)
    return ex


_HEADLINE_YEAR = re.compile(
    r"(?:balance due for|for tax year|your)\s+((?:19|20)\d{2})(?:\s+Form|\b)", re.IGNORECASE
)


def _p_headline_year(text: str):
    m = _HEADLINE_YEAR.search(text)
    return (int(m.group(1)), m.span(1)) if m else None


_BILLING_SYNS = {key: L.tokenize_set(syns) for key, syns in L.BILLING.items()}


def _billing_by_keywords(line: Line) -> tuple[str, tuple[int, float, int]] | None:
    """Last resort for unseen row wording: a short label, an amount at the end of the row,
    and the words that name the concept ("Penalty for filing late", "Accrued interest").
    """
    if len(line.segments) < 2 or not p_amount(line.segments[-1].text):
        return None
    seg = line.segments[0]
    if p_amount(seg.text) or len(seg.words) > 8:
        return None
    toks = {t for t, _ in seg.tokens}
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
    elif toks & {"payments", "payment", "credits", "credit", "paid"}:
        key = "payments_credits"
    elif "tax" in toks and not toks & {"year", "period"}:
        key = "tax"
    if key is None:
        return None
    return key, (len(seg.words) - 1, 0.7, 0)


def _amount_from_sum(doc: Doc, ex: Extracted) -> None:
    """No labelled amount due: the row (and stub value) equal to the billing lines' sum.

    The billing summary always adds up to the amount due, so a printed amount equal to
    that sum, after the billing rows, is the total whatever its label says.
    """
    if "amount_due" in ex.headline and "amount_due" in ex.stub:
        return
    values = billing_values(ex)
    if len(values) < 2:
        return
    total = sum((v for k, v in values.items() if k != "penalties_total"), Decimal("0"))
    if "penalties_total" in values and not any(k.endswith("_penalty") for k in values):
        total += values["penalties_total"]
    rows = {(f.evidence.page, f.evidence.bbox) for f in ex.billing.values()}
    last_top = max((f.extra.get("top", 0), f.evidence.page or 0) for f in ex.billing.values())
    for f in scan(doc, p_amount, base=0.7):
        if f.value != total or (f.evidence.page, f.evidence.bbox) in rows:
            continue
        key = "stub" if f.in_stub else "headline"
        target = ex.stub if f.in_stub else ex.headline
        if "amount_due" in target:
            continue
        if key == "headline" and (f.evidence.page or 0, f.extra["top"]) <= (
            last_top[1],
            last_top[0],
        ):
            continue
        target["amount_due"] = f


def _billing(doc: Doc, ex: Extracted) -> None:
    """Each billing row goes to the one key whose label fits it best, first row wins.

    Deciding per row (not per key) keeps "Failure-to-pay estimated tax penalty" from
    also being read as the failure-to-pay penalty.
    """
    for line in doc.lines:
        if doc.in_stub(line):
            continue
        seg = line.segments[0]
        best = None
        for key, syns in _BILLING_SYNS.items():
            hit = label_match(seg, syns, True)
            if hit and (best is None or (hit[1], hit[2]) > (best[1][1], best[1][2])):
                best = (key, hit)
        if best is None:
            best = _billing_by_keywords(line)
        if best is None or best[0] in ex.billing:
            continue
        key, (idx, quality, _) = best
        words = seg.words[idx + 1 :] + [w for s in line.segments[1:] for w in s.words]
        found = _try_parse(words, p_amount, line.page, quality)
        if found is not None:
            found.extra["top"] = line.top
            ex.billing[key] = found


# -- address blocks ----------------------------------------------------------------------

_CITY_RE = re.compile(r"^[A-Za-z][A-Za-z .'-]*,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?$")
_STREET_RE = re.compile(r"^(?:\d|P\.?\s?O\.?\s+BOX|PO\s+BOX|BOX\s|RR\s|APT\b|HC\s)", re.I)
_IRS_MARK = ("internal revenue service", "department of the treasury")


def _block_above(doc: Doc, lines: list[Line], li: int, seg: Segment) -> list[Segment]:
    block = [seg]
    height = max(1.0, seg.bbox[3] - seg.bbox[1])
    cur_top = seg.bbox[1]
    for j in range(li - 1, max(-1, li - 8), -1):
        prev = lines[j]
        if prev.page != lines[li].page or cur_top - prev.bottom > 1.5 * height:
            break
        aligned = [s for s in prev.segments if abs(s.x0 - seg.x0) <= 6]
        if not aligned:
            if any(s.x0 < seg.x0 - 6 < s.x1 for s in prev.segments):
                break
            continue
        block.insert(0, aligned[0])
        cur_top = aligned[0].bbox[1]
        if len(block) >= 6:
            break
    return block


_OCR_JUNK_RE = re.compile(r"[\[\]{}|;:~\"\u201c\u201d_\u2014]")
_PO_BOX_RE = re.compile(r"^P\s?[.:,]?\s?O\s?[.:,]?\s+(BOX|Box|box)\b")


def _clean_address_line(text: str) -> str:
    """OCR drops or swaps the dots of "P.O. Box"; print it one way."""
    text = _PO_BOX_RE.sub(lambda m: "P.O. " + m.group(1), text)
    text = _OCR_JUNK_RE.sub("", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = re.sub(r"\s+([.,])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip(" .;:-_|\u2014\u2013")


def _addresses(doc: Doc, ex: Extracted) -> None:
    lines = doc.lines
    for li, line in enumerate(lines):
        for seg in line.segments:
            if not _CITY_RE.match(seg.text.strip()):
                continue
            block = _block_above(doc, lines, li, seg)
            texts = [_clean_address_line(s.text.strip()) for s in block]
            is_irs = any(mark in normalize_label(t) for t in texts for mark in _IRS_MARK)
            if is_irs:
                if doc.in_stub(line) and not ex.irs_reply_address:
                    start = next(
                        i
                        for i, t in enumerate(texts)
                        if any(m in normalize_label(t) for m in _IRS_MARK)
                    )
                    if normalize_label(texts[start]) == "internal revenue service":
                        texts[start] = "Internal Revenue Service"  # OCR strays (", . :")
                    ex.irs_reply_address = texts[start:]
                    ex.headline["irs_reply_address"] = _found(texts[start:], block[start:], line)
                continue
            if ex.taxpayer_lines or doc.in_stub(line):
                continue
            street_i = next((i for i, t in enumerate(texts) if _STREET_RE.match(t)), None)
            if street_i is None or street_i == 0:
                continue
            # At most two name lines sit directly above the street line.
            names = texts[:street_i][-2:]
            block = block[street_i - len(names) :]
            texts = texts[street_i - len(names) :]
            street_i = len(names)
            ex.taxpayer_lines = names
            ex.mailing_address = texts[street_i:]
            ex.headline["taxpayer_name"] = _found(names, block[:street_i], line)
            ex.headline["mailing_address"] = _found(texts[street_i:], block[street_i:], line)


def _found(value: list[str], segs: list[Segment], line: Line) -> Found:
    words = [w for s in segs for w in s.words]
    conf = min(1.0, sum(w.conf for w in words) / len(words)) * 0.95
    return Found(value, Evidence(conf, line.page, union_bbox(words)))


def billing_values(ex: Extracted) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key, f in ex.billing.items():
        value = f.value
        assert isinstance(value, Decimal)
        out[key] = -abs(value) if key == "payments_credits" else value
    return out
