"""The taxpayer's name and address, and the IRS reply address, from address blocks.

An address block is a few left-aligned lines ending in "CITY, ST 12345(-6789)". The
taxpayer's block has a street (or P.O. box) line under one or two name lines; joint
names may share one line ("MARIA L LOPEZ & DAVID LOPEZ", "JOHN SMITH AND JANE SMITH").
The IRS's block names the Internal Revenue Service (on the stub: where to send payment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout, Line, Segment
from .model import Evidence, Found, union_bbox
from .parsing import normalize_label

_CITY_RE = re.compile(r"^[A-Za-z][A-Za-z .'-]*,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$")
_STREET_RE = re.compile(r"^(?:\d|P\.?\s?O\.?\s+BOX|PO\s+BOX|BOX\s|RR\s|APT\b|HC\s)", re.I)
_IRS_MARK = ("internal revenue service", "department of the treasury")
_OCR_JUNK_RE = re.compile(r"[\[\]{}|;:~\"\u201c\u201d_\u2014]")
_PO_BOX_RE = re.compile(r"^[PR]\s?[.:,]?\s?O\s?[.:,]?\s+(BOX|Box|box)\b")  # OCR: "RO. Box"
_JOINT_RE = re.compile(r"\s+(?:&|AND)\s+", re.I)
# A name line has no digits and no label words ("TAXPAYER ID: XXX-XX-1234" above a name).
_NOT_A_NAME = re.compile(
    r"\d|\b(?:notice|tax|taxpayer|irs|amount|page|date|phone|caller|ssn|form|id|ein|tin)\b",
    re.I,
)


@dataclass(slots=True)
class Addresses:
    names: list[str] = field(default_factory=list)
    mailing: list[str] = field(default_factory=list)
    irs_reply: list[str] = field(default_factory=list)
    found: dict[str, Found] = field(default_factory=dict)


def clean_line(text: str) -> str:
    """OCR drops or swaps the dots of "P.O. Box"; print it one way."""
    text = _PO_BOX_RE.sub(lambda m: "P.O. " + m.group(1), text)
    text = _OCR_JUNK_RE.sub("", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = re.sub(r"\s+([.,])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip(" .;:-_|\u2014\u2013")


def split_names(lines: list[str]) -> list[str]:
    """Joint names on one line become two names; "JOHN AND MARY SMITH" stays as printed."""
    out: list[str] = []
    for ln in lines:
        parts = _JOINT_RE.split(ln)
        if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
            out.extend(p.strip() for p in parts)
        else:
            out.append(ln)
    return out


def _block_above(layout: Layout, line: Line, seg: Segment) -> list[Segment]:
    page = layout.page(line.page)
    assert page is not None
    block = [seg]
    height = max(1.0, seg.bottom - seg.top)
    cur_top = seg.top
    for row in reversed(page.rows[: line.row]):
        segs = [s for ln in row for s in ln.segments]
        if cur_top - max(s.bottom for s in segs) > 1.6 * height:
            break
        aligned = [s for s in segs if abs(s.x0 - seg.x0) <= 6]
        if not aligned:
            if any(s.x0 < seg.x0 - 6 < s.x1 for s in segs):
                break
            continue
        block.insert(0, aligned[0])
        cur_top = aligned[0].top
        if len(block) >= 6:
            break
    return block


def _found(value: list[str], segs: list[Segment], line: Line) -> Found:
    words = [w for s in segs for w in s.words]
    conf = min(1.0, sum(w.conf for w in words) / len(words)) * 0.95
    return Found(value, Evidence(conf, line.page, union_bbox(words), source="address block"))


def find_addresses(layout: Layout, in_stub) -> Addresses:
    out = Addresses()
    for line in layout.lines:
        for seg in line.segments:
            if not _CITY_RE.match(clean_line(seg.text.strip())):
                continue
            block = _block_above(layout, line, seg)
            texts = [clean_line(s.text.strip()) for s in block]
            irs_at = next(
                (i for i, t in enumerate(texts) if any(m in normalize_label(t) for m in _IRS_MARK)),
                None,
            )
            if irs_at is not None:
                if in_stub(line) and not out.irs_reply:
                    if normalize_label(texts[irs_at]) == "internal revenue service":
                        texts[irs_at] = "Internal Revenue Service"  # OCR strays (", . :")
                    out.irs_reply = texts[irs_at:]
                    out.found["irs_reply_address"] = _found(texts[irs_at:], block[irs_at:], line)
                continue
            if out.names or in_stub(line):
                continue
            street_i = next((i for i, t in enumerate(texts) if _STREET_RE.match(t)), None)
            if street_i is None or street_i == 0:
                continue
            names = [t for t in texts[:street_i][-2:] if not _NOT_A_NAME.search(t)]
            if not names:
                continue
            segs = block[street_i - len(names) : street_i]
            out.names = split_names(names)
            out.mailing = texts[street_i:]
            out.found["taxpayer_name"] = _found(out.names, segs, line)
            out.found["mailing_address"] = _found(out.mailing, block[street_i:], line)
    return out
