"""Human labels for what the machine keeps: the one mapping staff pages and letters use.

Internal field names (``billing_summary.penalties_total``), reader error codes and parser
messages ("no %%EOF marker"), reconciliation finding codes and actions, and Python values
(a list of evidence) never reach a page as they are stored: each gets a label here. Plain
Python (no Django); the template filters in ``cases.templatetags.staff_labels`` wrap it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

__all__ = [
    "ACTION_LABELS",
    "CHECK_LABELS",
    "FIELD_LABELS",
    "FINDING_LABELS",
    "READ_ERROR_LABELS",
    "action_label",
    "check_label",
    "field_label",
    "finding_label",
    "money",
    "plain_text",
    "plain_value",
    "read_error_label",
    "severity_label",
]

FIELD_LABELS: dict[str, str] = {
    "notice_type": "Notice type",
    "notice_code": "Notice type",
    "tax_year": "Tax year",
    "tax_form": "Tax form",
    "notice_date": "Notice date",
    "pay_by_date": "Pay-by date",
    "amount_due": "Amount due",
    "ssn_last4": "SSN (last 4)",
    "caller_id": "Caller ID",
    "irs_phone": "IRS phone number",
    "taxpayer_name": "Taxpayer name",
    "mailing_address": "Mailing address",
    "irs_reply_address": "IRS reply address",
    "tax": "Tax",
    "tax_owed": "Tax you owed",
    "payments_credits": "Payments and credits",
    "failure_to_file_penalty": "Failure-to-file penalty",
    "failure_to_pay_penalty": "Failure-to-pay penalty",
    "estimated_tax_penalty": "Estimated tax penalty",
    "penalties_total": "Total penalties",
    "interest": "Interest",
    "interest_charges": "Interest",
    "previous_balance": "Previous balance",
    "amount_you_owe": "Amount you owe",
}

CHECK_LABELS: dict[str, str] = {
    "billing_lines_sum": "Billing lines add up to the amount due",
    "stub_matches_headline": "Payment stub matches the amount and notice",
    "pay_by_rule": "Pay-by date follows the IRS rule",
    "tax_year_before_notice": "Tax year is before the notice year",
    "ssn_matches_household": "Masked SSN matches the household",
    "page_count": "All pages are present",
}

READ_ERROR_LABELS: dict[str, str] = {
    "empty": "The file is empty",
    "truncated": "The PDF is incomplete (cut off while it was saved or sent)",
    "encrypted": "The PDF is password-protected",
    "not_a_notice_file": "The file is not a PDF or a photo",
    "damaged": "The file is damaged and cannot be opened",
    "too_many_pages": "The file has too many pages for one notice",
    "too_large": "The file is too large",
    "no_text": "No readable text, even with OCR (blank, blurred or too dark)",
    "decompression_bomb": "The file is malformed (its images are impossibly large)",
    "not_irs_notice": "Not an IRS notice (no notice code, IRS sender or IRS wording)",
    "internal": "The reader stopped before finishing (time-out or crash)",
    "unsupported": "A file type the reader does not handle",
}

FINDING_LABELS: dict[str, str] = {
    "return_missing": "No return on file for this year",
    "credits_short_unexplained": "The IRS shows fewer payments than our records",
    "credits_exceed_records": "The IRS shows more payments than our records",
    "tax_differs_from_return": "The tax differs from the return as filed",
    "penalty_not_reproduced": "The penalties could not be reproduced",
    "billing_does_not_add_up": "The notice's billing lines do not add up",
    "payment_under_spouse_ssn": "A payment was made under the spouse's SSN",
    "payment_designated_elsewhere": "A payment was applied to another year or form",
    "payment_not_applied": "A payment was made but not applied",
    "payment_with_return_unprocessed": "A payment sent with the return is not yet processed",
    "payment_after_notice": "A payment was made after the notice date",
    "payment_posting_lag": "A payment had not posted when the notice was issued",
    "first_time_abate_available": "First-time penalty abatement is available",
    "failure_to_file_penalty": "Failure-to-file penalty",
    "failure_to_pay_penalty": "Failure-to-pay penalty",
    "estimated_tax_penalty": "Estimated tax penalty",
    "estimated_tax_penalty_not_checked": "The estimated tax penalty was not checked",
    "transcript_payment_spouse_module": "The transcript shows the payment on the spouse's account",
    "transcript_payment_other_period": "The transcript shows the payment on another period",
    "transcript_payment_posted_after_notice": "The transcript shows the payment after the notice",
    "transcript_payment_pending": "The transcript shows the payment as pending",
    "transcript_payment_found": "The transcript shows the payment",
    "transcript_payment_not_found": "The transcript does not show the payment",
    "transcript_penalties_assessed": "The transcript shows the penalties assessed",
    "transcript_first_time_abate": "The transcript supports first-time abatement",
    "transcript_freeze": "The account is frozen on the transcript",
}

ACTION_LABELS: dict[str, str] = {
    "pay_now": "Pay now",
    "short_term_plan": "Short-term payment plan",
    "installment_agreement": "Installment agreement",
    "penalty_relief": "Ask for penalty relief",
    "dispute": "Dispute the balance",
    "investigate": "Investigate before advising",
    "respond_cp2000": "Respond to the CP2000",
}

_SEVERITY = {"info": "Note", "warning": "Check", "error": "Problem", "critical": "Urgent"}

# Parser messages that may reach a stored detail; each is said in words.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"no %%EOF marker[^.;]*", re.I), READ_ERROR_LABELS["truncated"]),
    (re.compile(r"PDF needs a password[^.;]*", re.I), READ_ERROR_LABELS["encrypted"]),
    (re.compile(r"PDF has no pages", re.I), "The PDF has no pages"),
    (re.compile(r"zero-byte file", re.I), READ_ERROR_LABELS["empty"]),
    (re.compile(r"cannot open file: \w+", re.I), READ_ERROR_LABELS["damaged"]),
    (re.compile(r"\b\w+Error: [^;\n]*"), "The reader stopped with an internal error"),
)


def _words(name: str) -> str:
    return re.sub(r"[._]+", " ", name).strip().capitalize()


def field_label(name: str) -> str:
    """'billing_summary.penalties_total' -> 'Total penalties (billing summary)'."""
    name = (name or "").strip()
    if name.startswith("billing_summary."):
        key = name.removeprefix("billing_summary.")
        return f"{FIELD_LABELS.get(key) or _words(key)} (billing summary)"
    return FIELD_LABELS.get(name) or _words(name)


def check_label(name: str) -> str:
    return CHECK_LABELS.get(name) or _words(name)


def finding_label(code: str) -> str:
    base, _, qualifier = (code or "").partition(":")
    label = FINDING_LABELS.get(base) or _words(base)
    return f"{label} ({_words(qualifier).lower()})" if qualifier else label


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action or "", _words(action or "")) if action else ""


def severity_label(severity: str) -> str:
    return _SEVERITY.get((severity or "").lower(), _words(severity or ""))


def read_error_label(code: str) -> str:
    return READ_ERROR_LABELS.get(code or "", "The file could not be read")


_IDENTIFIER = re.compile(r"\b(?:billing_summary\.)?[a-z]+(?:_[a-z0-9]+)+\b")


def plain_text(text: object) -> str:
    """Free text with internal names and parser messages put in words; a list or a dict
    is joined instead of shown as Python would print it."""
    if text is None:
        return ""
    if not isinstance(text, str):
        return plain_value(text)
    out = text
    for pattern, words in _MESSAGES:
        out = pattern.sub(words, out)

    def name(m: re.Match[str]) -> str:
        word = m.group(0)
        key = word.removeprefix("billing_summary.")
        if word.startswith("billing_summary."):
            return field_label(word)
        if key in FIELD_LABELS:
            return field_label(key).lower()
        if key in FINDING_LABELS:
            return finding_label(key).lower()
        if key in CHECK_LABELS:
            return check_label(key).lower()
        if key in ACTION_LABELS:
            return action_label(key).lower()
        return word

    return _IDENTIFIER.sub(name, out)


def plain_value(value: object) -> str:
    """A stored value as a person reads it: lists joined with '; ', a mapping as
    'Label: value', money with two decimals; never ``['…']`` or ``{'…': …}``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{field_label(str(k))}: {plain_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(plain_value(v) for v in value if v not in (None, ""))
    return plain_text(str(value))


def money(value: object) -> str:
    """'$1,234.56', a credit as '-$1,234.56' (the one money format of the staff pages)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return plain_value(value)
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"
