"""From positioned words to a ``ReadResult``: the pure heart of notice reading.

words -> layout (blocks, lines, rows, tables) -> candidates for every field
      -> one assignment resolved under the notice's own rules -> checks -> verdict
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from . import billing
from . import checks as C
from .addresses import find_addresses
from .candidates import collect
from .classify import classify
from .errors import NoticeReadError
from .layout import Layout, build_layout
from .legitimacy import assess, strong_scam_signs
from .model import PageWords
from .parsing import FULL_SSN_RE, normalize_label, redact_ssn
from .resolve import resolve
from .result import PageInfo, ReadResult

MIN_TEXT_CHARS = 20


def redact_pages(pages: list[PageWords]) -> list[PageWords]:
    """Mask any full SSN in the words before anything else sees them."""
    out = []
    for p in pages:
        words = p.words
        if any(FULL_SSN_RE.search(w.text) for w in words):
            words = [replace(w, text=redact_ssn(w.text)) for w in words]
        # A full SSN split across words ("123-45-" "6789") is masked on the joined text.
        joined = " ".join(w.text for w in words)
        if FULL_SSN_RE.search(joined):
            words = _redact_split(words)
        out.append(replace(p, words=words))
    return out


def _redact_split(words):
    out = list(words)
    for i in range(len(out) - 2):
        joined = "".join(w.text for w in out[i : i + 3])
        m = FULL_SSN_RE.search(joined)
        if m:
            out[i] = replace(out[i], text="XXX-XX-")
            out[i + 1] = replace(out[i + 1], text="")
            out[i + 2] = replace(out[i + 2], text=m.group(4))
    return [w for w in out if w.text]


_IRS_WORDS = re.compile(
    r"\b(?:internal revenue service|department of the treasury|irs|united states treasury)\b"
)
_TAX_MARKS = re.compile(
    r"\b(?:tax year|tax period|taxpayer|caller id|social security number|your ssn|"
    r"balance due|amount due|amount you owe|you owe|notice date|tax form|form 1040|"
    r"intent to levy|levy|federal tax lien|penalt\w+)\b"
)


def is_irs_mail(layout: Layout, *, code_found: bool, ssn_found: bool) -> bool:
    """Whether the text is (or claims to be) a letter from the IRS at all.

    A receipt, a bank statement or a utility bill prints amounts and dates too; what it
    lacks is the IRS: a notice code, the IRS named as sender, or IRS wording beside
    tax-notice labels. Scam letters claim the IRS, so they pass and are judged next.
    """
    if code_found:
        return True
    text = " " + " ".join(normalize_label(b.text) for b in layout.blocks) + " "
    irs = len(_IRS_WORDS.findall(text))
    marks = len(set(_TAX_MARKS.findall(text))) + (1 if ssn_found else 0)
    return irs >= 2 or (irs >= 1 and marks >= 1)


def read_pages(
    pages: list[PageWords],
    *,
    files: list[str],
    household_ssn_last4: tuple[str, ...] = (),
    today: date | None = None,
) -> ReadResult:
    """Classify, extract, cross-check and judge a notice given its pages' words."""
    today = today or date.today()
    result = ReadResult(files=list(files))
    result.pages = [PageInfo(p.number, p.source, p.ocr, p.rotation) for p in pages]
    pages = redact_pages(pages)
    chars = sum(len(w.text) for p in pages for w in p.words)
    if chars < MIN_TEXT_CHARS:
        result.error = NoticeReadError(
            "no_text", f"{chars} characters of text on {len(pages)} page(s), OCR included"
        )
        return result

    layout = build_layout(pages)
    col = collect(layout)
    billing.collect(col)
    household = tuple(household_ssn_last4)
    res = resolve(col.pool, household=household, today=today)
    values = res.values

    code = values.get("notice_code")
    claims_tax = is_irs_mail(layout, code_found=code is not None, ssn_found="ssn_last4" in values)
    if not claims_tax and not strong_scam_signs(layout):
        result.error = NoticeReadError(
            "not_irs_notice", "no notice code, IRS sender or IRS wording found in the text"
        )
        return result
    notice_type, family, code_ev = classify(code, layout)
    result.notice_type, result.notice_family = notice_type, family
    if code_ev is not None:
        result.fields["notice_type"] = code_ev.evidence

    for name in (
        "tax_year",
        "tax_form",
        "notice_date",
        "pay_by_date",
        "amount_due",
        "ssn_last4",
        "caller_id",
        "irs_phone",
    ):
        found = values.get(name)
        if found is not None:
            setattr(result, name, found.value)
            result.fields[name] = found.evidence
    for key, found in res.billing.items():
        result.billing_summary[key] = found.value  # type: ignore[assignment]
        result.fields[f"billing_summary.{key}"] = found.evidence
    if "amount_due" in res.stub:
        result.stub_amount_due = res.stub["amount_due"].value  # type: ignore[assignment]

    addr = find_addresses(layout, lambda ln: col.region(ln) == "stub")
    result.taxpayer_name_lines = addr.names
    result.mailing_address = addr.mailing
    result.irs_reply_address = addr.irs_reply
    for name, found in addr.found.items():
        result.fields[name] = found.evidence

    marks = C.page_marks(layout)
    if marks:
        result.page_total_printed = max(m for _, _, m in marks)

    amount = result.amount_due if isinstance(result.amount_due, Decimal) else None
    stub_code = res.stub.get("notice_code")
    stub_date = res.stub.get("notice_date")
    result.checks = [
        C.billing_lines_sum(result.billing_summary, amount),
        C.stub_matches_headline(
            amount,
            result.stub_amount_due,
            head_code=notice_type,
            stub_code=str(stub_code.value) if stub_code else None,
            head_date=result.notice_date,
            stub_date=stub_date.value if stub_date else None,  # type: ignore[arg-type]
        ),
        C.pay_by_date_rule(family, result.notice_date, result.pay_by_date, amount),
        C.all_pages_present([p.number for p in pages], marks),
        C.ssn_matches_household(result.ssn_last4, household),
        C.tax_year_plausible(result.tax_year, result.notice_date, today),
        C.balance_is_owed(family, amount),
    ]
    result.legitimacy = assess(
        layout,
        notice_code=notice_type or (str(code.value) if code else None),
        ssn_found=result.ssn_last4 is not None,
    )
    return result
