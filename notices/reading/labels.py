"""Label synonym sets, taken from DOMAIN.md section 2 and the layouts it describes.

Matching is on normalised tokens (lower case, hyphens as spaces, punctuation dropped),
so "Failure-to-pay penalty:" and "Failure to pay penalty" are one label. Within a set,
longer phrases are tried first so "failure to pay estimated tax penalty" wins over
"failure to pay penalty".
"""

from __future__ import annotations

NOTICE_CODE = ("notice name", "notice number", "notice", "letter number", "letter")
TAX_YEAR = (
    "tax year ending",
    "tax period ending",
    "for tax year",
    "tax year",
    "tax period",
)
NOTICE_DATE = (
    "notice date",
    "date of notice",
    "date of this notice",
    "date of this letter",
    "letter date",
    "notice issued",
    "date issued",
    "issue date",
)
SSN = (
    "social security number",
    "your social security number",
    "your ssn",
    "primary ssn",
    "ssn",
    "taxpayer identification number",
    "taxpayer id number",
)
CALLER_ID = ("your caller id", "caller id number", "caller id")
PHONE = (
    "to contact us phone",
    "to contact us call",
    "contact us at",
    "call us at",
    "toll free",
    "telephone",
    "phone",
)
AMOUNT_DUE = (
    "total amount due",
    "amount due immediately",
    "amount due",
    "total balance due",
    "balance due",
    "amount you owe",
    "amount owed",
    "total due",
    "pay this amount",
)
PAY_BY = (
    "pay the amount due by",
    "amount due by",
    "please pay by",
    "pay by",
    "payment due date",
    "payment due by",
    "due date",
    "respond by",
    "reply by",
    "response date",
)

BILLING: dict[str, tuple[str, ...]] = {
    "tax": (
        "tax you owed when you filed your return",
        "amount you owed when you filed your return",
        "tax you owed",
        "amount you owed",
        "tax owed",
        "tax due",
        "tax on your return",
    ),
    "payments_credits": (
        "payments and credits",
        "payments and other credits",
        "credits and payments",
        "payments",
        "credits",
    ),
    "failure_to_file_penalty": ("failure to file penalty", "late filing penalty"),
    "failure_to_pay_penalty": ("failure to pay penalty", "late payment penalty"),
    "estimated_tax_penalty": (
        "failure to pay estimated tax penalty",
        "failure to pay proper estimated tax penalty",
        "estimated tax penalty",
    ),
    "penalties_total": ("total penalties", "penalties total", "penalties"),
    "interest": ("interest charges", "interest charged", "interest"),
}

STUB_CUES = (
    "payable to",
    "amount enclosed",
    "detach",
    "payment stub",
    "payment voucher",
    "return this stub",
    "return this part",
)


def tokenize_set(phrases: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Synonyms as token tuples, longest first."""
    return sorted((tuple(p.split()) for p in phrases), key=len, reverse=True)
