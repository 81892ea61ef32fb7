"""From positioned words to a ``ReadResult``: the pure heart of notice reading."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from . import checks as C
from .classify import classify
from .errors import NoticeReadError
from .extract import make_doc
from .fields import billing_values, extract_fields
from .layout import build_lines
from .legitimacy import assess
from .model import PageWords
from .parsing import FULL_SSN_RE, redact_ssn
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

    lines = [ln for p in pages for ln in build_lines(p)]
    doc = make_doc(pages, lines)
    ex = extract_fields(doc)
    head, stub = ex.headline, ex.stub

    code_found = head.get("notice_code") or stub.get("notice_code")
    notice_type, family, code_ev = classify(code_found, lines)
    result.notice_type, result.notice_family = notice_type, family
    if code_ev is not None:
        result.fields["notice_type"] = code_ev.evidence

    def take(name: str, attr: str | None = None, *, stub_ok: bool = True):
        found = head.get(name) or (stub.get(name) if stub_ok else None)
        if found is None:
            return None
        result.fields[attr or name] = found.evidence
        return found.value

    result.tax_year = take("tax_year")
    result.tax_form = take("tax_form")
    result.notice_date = take("notice_date")
    result.pay_by_date = take("pay_by_date")
    result.amount_due = take("amount_due")
    result.ssn_last4 = take("ssn_last4")
    result.caller_id = take("caller_id")
    result.irs_phone = take("irs_phone")
    if "taxpayer_name" in head:
        result.fields["taxpayer_name"] = head["taxpayer_name"].evidence
        result.taxpayer_name_lines = list(ex.taxpayer_lines)
    if "mailing_address" in head:
        result.fields["mailing_address"] = head["mailing_address"].evidence
        result.mailing_address = list(ex.mailing_address)
    if "irs_reply_address" in head:
        result.fields["irs_reply_address"] = head["irs_reply_address"].evidence
        result.irs_reply_address = list(ex.irs_reply_address)
    result.billing_summary = billing_values(ex)
    for key, f in ex.billing.items():
        result.fields[f"billing_summary.{key}"] = f.evidence
    if "amount_due" in stub:
        result.stub_amount_due = stub["amount_due"].value  # type: ignore[assignment]
    if ex.page_marks:
        result.page_total_printed = max(m for _, _, m in ex.page_marks)

    amount = result.amount_due if isinstance(result.amount_due, Decimal) else None
    result.checks = [
        C.billing_lines_sum(result.billing_summary, amount),
        C.stub_matches_headline(
            amount,
            result.stub_amount_due,
            head_code=str(head["notice_code"].value) if "notice_code" in head else None,
            stub_code=str(stub["notice_code"].value) if "notice_code" in stub else None,
            head_date=head["notice_date"].value if "notice_date" in head else None,  # type: ignore[arg-type]
            stub_date=stub["notice_date"].value if "notice_date" in stub else None,  # type: ignore[arg-type]
        ),
        C.pay_by_date_rule(family, result.notice_date, result.pay_by_date, amount),
        C.all_pages_present([p.number for p in pages], ex.page_marks),
        C.ssn_matches_household(result.ssn_last4, tuple(household_ssn_last4)),
        C.tax_year_plausible(result.tax_year, result.notice_date, today),
    ]
    result.legitimacy = assess(
        lines,
        notice_code=notice_type or (str(code_found.value) if code_found else None),
        ssn_found=result.ssn_last4 is not None,
    )
    return result
