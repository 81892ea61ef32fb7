"""What a notice means, in plain English, for the client who uploaded it. No Django.

The client's three questions: is it genuine, is the amount right, what happens next.
Wording avoids jargon and internal codes; the notice's own code is shown once, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from notices.reading.legitimacy import CHECKED

_WHAT = {
    "CP14": "a bill. The IRS says you owe money on your {year} taxes. It is the first bill "
    "they send and it is not an audit.",
    "CP501": "a reminder that a balance on your {year} taxes is still unpaid.",
    "CP503": "a second reminder about an unpaid balance on your {year} taxes. The IRS may "
    "file a lien if it stays unpaid.",
    "CP504": "a notice that the IRS intends to collect the unpaid {year} balance by taking "
    "a state tax refund or other property if it is not paid.",
    "LT11": "a final notice before the IRS can take property or wages to collect the {year} "
    "balance. You have a right to a hearing if you ask within 30 days.",
    "LTR1058": "a final notice before the IRS can take property or wages to collect the "
    "{year} balance. You have a right to a hearing if you ask within 30 days.",
    "CP90": "a final notice before the IRS can take federal payments to collect the {year} "
    "balance. You have a right to a hearing if you ask within 30 days.",
    "CP11": "a notice that the IRS changed your {year} return because it found a mistake, "
    "and you now owe money. You have 60 days to disagree.",
    "CP12": "a notice that the IRS corrected your {year} return and your refund changed. "
    "You have 60 days to disagree.",
    "CP2000": "a proposal, not a bill. The IRS received income information that does not "
    "match your {year} return and asks you to agree or explain by the response date.",
    "CP71": "a yearly reminder that a balance on your {year} taxes is still unpaid.",
}
_NEXT = {
    "CP2000": [
        "Don't pay yet: this is a proposal, and part of it may be wrong.",
        "We will compare it with your return and records and prepare your response.",
        "We may ask you for documents through this portal.",
    ],
    "CP11": [
        "We will check the IRS's change against your return.",
        "If the change is wrong we will dispute it within the 60 days.",
    ],
    "CP12": [
        "We will check the IRS's change against your return.",
        "If the change is wrong we will dispute it within the 60 days.",
    ],
}
_NEXT_BILL = [
    "We will check the amount against the payments you made, including any made under your "
    "spouse's Social Security number.",
    "If you already paid, upload proof of the payment here; we will handle it with the IRS.",
    "If the amount is right, we will tell you the safest way to pay, or set up a payment plan.",
]
_FINAL_NOTICES = {"LT11", "LTR1058", "CP90", "CP504"}


@dataclass(frozen=True)
class Explanation:
    headline: str
    what_it_is: str
    amount_due: Decimal | None
    pay_by: date | None
    days_left: int | None
    urgency: str  # "overdue", "soon", "ok", "none"
    genuine: str
    amount_right: str
    next_steps: list[str] = field(default_factory=list)
    amount_checking: bool = False  # the amount could not be confirmed: say so, show no number
    pay_by_checking: bool = False
    credit: bool = False  # a zero or credit balance: nothing to pay, never "a bill"
    signs_found: list[str] = field(default_factory=list)  # scam signs, in plain words
    to_verify: list[str] = field(default_factory=list)  # weak signs staff will look at
    checked: list[str] = field(default_factory=lambda: list(CHECKED))  # what we look for


_SCAM_STEPS = [
    "Do not pay anything, buy gift cards or call any number printed on this letter.",
    "Forward it to phishing@irs.gov, and report it to the Treasury Inspector General for Tax "
    "Administration (TIGTA) at tigta.gov or 800-366-4484.",
    "If you want to check your real IRS balance, call the IRS at 800-829-1040 or look at "
    "your account on IRS.gov. We can do this for you.",
]


def explain_notice(
    *,
    notice_type: str | None,
    tax_year: int | None,
    amount_due: Decimal | None,
    pay_by: date | None,
    legitimacy: str,
    today: date,
    amount_confirmed: bool = True,
    pay_by_confirmed: bool = True,
    legitimacy_by_staff: bool = False,
    signs: list[dict] | None = None,
) -> Explanation:
    code = (notice_type or "").upper()
    year = str(tax_year) if tax_year else "a past year's"
    what = _WHAT.get(code)
    credit = (
        amount_due is not None
        and amount_due <= 0
        and code not in ("CP2000", "CP12")
        and legitimacy != "suspicious"
    )
    if credit:
        what_it_is = (
            f"a notice about your {year} taxes that shows no balance to pay"
            + (f" (a credit of ${-amount_due:,.2f})" if amount_due < 0 and amount_confirmed else "")
            + ". It is not a bill. We will check your account with the IRS and tell you "
            "whether anything needs doing."
        )
    elif what is None:
        what_it_is = (
            "a letter we could not match to a notice type we know. Our staff will read it "
            "and tell you what it means."
        )
    else:
        what_it_is = what.format(year=year)
    days_left = (pay_by - today).days if pay_by else None
    if days_left is None:
        urgency = "none"
    elif days_left < 0:
        urgency = "overdue"
    elif days_left <= 7:
        urgency = "soon"
    else:
        urgency = "ok"
    headline = f"This is notice {code}" if code else "We read your letter"
    next_steps = list(_NEXT.get(code, _NEXT_BILL))
    if credit:
        next_steps = [
            "You do not need to pay anything on this notice.",
            "We will confirm the credit with the IRS and tell you if a refund or another "
            "year's balance is involved.",
        ]
    elif code in _FINAL_NOTICES:
        next_steps.insert(
            0,
            "This is urgent: we will contact you this week about the "
            "deadline to protect your rights.",
        )
    signs = signs or []
    found = [s["text"] for s in signs if s.get("strong")]
    to_verify = [s["text"] for s in signs if not s.get("strong")]
    if legitimacy == "suspicious" and legitimacy_by_staff:
        genuine = (
            "Our staff checked this letter: it is not from the IRS. It is a scam. "
            "Do not pay anything and do not call any number on it."
        )
        next_steps = list(_SCAM_STEPS)
        found, to_verify = found, []
    elif legitimacy == "suspicious":
        genuine = (
            "This letter has signs of a scam (listed below). Do not pay anything or call any "
            "number on it until we have checked it. The real IRS number is 800-829-1040."
        )
        next_steps = [
            "Do not pay or call anyone about this letter until we have checked it.",
            "We will check it with the IRS and tell you what we find.",
        ]
    elif legitimacy == "genuine" and legitimacy_by_staff:
        genuine = "Our staff checked this letter: it is a genuine IRS notice."
        found, to_verify = [], []
    elif legitimacy == "genuine":
        genuine = (
            "It looks like a genuine IRS notice: it carries a notice number, your masked "
            "taxpayer number and the IRS as sender, and none of the signs of a scam."
        )
    else:
        genuine = (
            "We could not tell yet whether it is genuine. We found no sign of a scam, but "
            "our staff will check the points listed below before you pay anything."
        )
    if code == "CP2000":
        amount_right = "The amount is only proposed. We will check every item before you answer."
    elif not amount_confirmed:
        amount_right = (
            "We are checking the amount: we could not confirm it from the notice itself. "
            "Our staff will read it and tell you the exact figure."
        )
    else:
        amount_right = (
            "We are checking the amount against your return and the payments we know about."
        )
    return Explanation(
        headline=headline,
        what_it_is=f"It is {what_it_is}",
        amount_due=amount_due if amount_confirmed else None,
        pay_by=pay_by if pay_by_confirmed else None,
        days_left=days_left if pay_by_confirmed and not credit else None,
        urgency=urgency if pay_by_confirmed and not credit else "none",
        genuine=genuine,
        amount_right=amount_right,
        next_steps=next_steps,
        amount_checking=not amount_confirmed,
        pay_by_checking=not pay_by_confirmed,
        credit=credit,
        signs_found=found,
        to_verify=to_verify,
    )
