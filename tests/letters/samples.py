"""Synthetic letter inputs (no real taxpayer data) shared by the letter tests and bench."""

from datetime import date
from decimal import Decimal

from letters.content import (
    Letterhead,
    NoticeFacts,
    PaymentFinding,
    PaymentIssue,
    Taxpayer,
    dispute_paid_letter,
)

LETTERHEAD = Letterhead(
    name="Harbor & Finch CPAs",
    address=("12 Main Street, Suite 400", "Springfield, IL 62701"),
    phone="(217) 555-0100",
    email="office@harborfinch.example",
    signer_name="Dana Finch, CPA",
    signer_title="Partner",
)
TAXPAYER = Taxpayer(
    ("John Smith", "Mary Smith"), "1234", ("12 Elm Street", "Springfield, IL 62704")
)
IRS_ADDRESS = ("Internal Revenue Service", "P.O. Box 9019", "Holtsville, NY 11742-9019")
CP14 = NoticeFacts(
    "CP14",
    date(2018, 1, 30),
    2017,
    "1040",
    Decimal("1075.21"),
    due=date(2018, 2, 20),
    irs_address=IRS_ADDRESS,
    caller_id="105437",
)
CP2000 = NoticeFacts(
    "CP2000",
    date(2024, 6, 3),
    2022,
    "1040",
    Decimal("2310.00"),
    due=date(2024, 7, 3),
    irs_address=IRS_ADDRESS,
)
FINDING = PaymentFinding(
    PaymentIssue.SPOUSE_SSN,
    date(2018, 1, 10),
    Decimal("1075.21"),
    "IRS Direct Pay",
    "Direct Pay confirmation and bank statement",
    reference="DP7Q2K9",
    spouse_last4="5678",
)
ENCLOSURES = ("IRS Direct Pay confirmation DP7Q2K9", "Bank statement showing the debit")
LETTER_DATE = date(2018, 2, 5)


def dispute(**changes):
    args = {
        "letterhead": LETTERHEAD,
        "taxpayer": TAXPAYER,
        "notice": CP14,
        "findings": [FINDING],
        "enclosures": ENCLOSURES,
        "letter_date": LETTER_DATE,
    }
    return dispute_paid_letter(**{**args, **changes})
