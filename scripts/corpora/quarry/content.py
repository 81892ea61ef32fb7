"""The wording of a genuine notice, by notice type, written for this corpus.

Layouts decide where each piece goes and how dates and amounts print (the `D` and `A`
callables); this module decides what the notice says. Scam letters built on a genuine
layout replace `pay`, `payee` and add `threats` (see scams.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .spec import CENT, Notice

TITLES = {
    "CP14": [
        "Notice of tax due and demand for payment",
        "Balance due notice",
        "Tax due and demand for payment",
    ],
    "CP14C": ["Notice of tax due and demand for payment", "Balance due notice"],
    "CP501": [
        "Reminder notice: balance due",
        "Reminder: you have a balance due",
        "Reminder of unpaid tax",
    ],
    "CP503": [
        "Second reminder: immediate action is required",
        "Important: we still have not received your payment",
        "Second notice of unpaid balance",
    ],
    "CP504": [
        "Notice of intent to seize (levy) your property or rights to property",
        "Notice of intent to levy",
    ],
    "LT11": [
        "Final notice: notice of intent to levy and notice of your right to a hearing",
        "Final notice of intent to levy and your right to a hearing",
    ],
    "CP11": [
        "Changes to your tax return: balance due",
        "We changed your return",
        "Notice of math error and balance due",
    ],
    "CP2000": [
        "Proposed changes to your tax return",
        "Notice of proposed adjustment",
        "Proposed changes to your income and tax",
    ],
    "CP161": ["Notice of balance due", "Request for payment", "Balance due on your account"],
}


@dataclass
class Content:
    title: str
    headline: str
    due_label: str  # "Amount due", "Amount due immediately", "Amount you owe" ...
    intro: list[str]
    todo_heading: str
    todo: list[str]
    pay: list[str]
    payee: str  # the check/money-order sentence
    disagree: list[str]
    sections: list[tuple[str, list[str]]]
    contact: list[str]
    phones: list[tuple[str, str]]
    stub_title: str
    threats: list[str] = field(default_factory=list)


def _owes(n: Notice, A) -> str:
    if n.amount_due > 0:
        return f"you owe {A(n.amount_due)}"
    return f"your account shows a balance of {A(n.amount_due)}"


def _form_phrase(n: Notice, D) -> str:
    if n.tax_period_end is not None and n.tax_form in ("941",):
        return f"Form {n.tax_form} for the tax period ending {D(n.tax_period_end)}"
    return f"{n.tax_year} Form {n.tax_form}"


def build(n: Notice, D, A, rng) -> Content:
    t = n.ntype
    biz = n.tp.business
    num = "employer identification number (EIN)" if biz else "Social Security number (SSN)"
    form = _form_phrase(n, D)
    owes = _owes(n, A)
    pay_by = D(n.pay_by) if n.pay_by else None
    title = rng.choice(TITLES[t])
    due_label = "Amount due"
    intro: list[str] = []
    todo: list[str] = []
    todo_heading = rng.choice(
        ["What you need to do immediately", "What you need to do", "Next steps"]
    )
    sections: list[tuple[str, list[str]]] = []
    if t in ("CP14", "CP14C", "CP161"):
        headline = rng.choice(
            [
                f"You have a balance due for {n.tax_year}",
                f"Balance due on your {form}",
                f"We show an unpaid balance for {n.tax_year}",
            ]
        )
        intro = [
            rng.choice(
                [
                    f"Our records show that {owes} on your {form}. Pay the amount due by {pay_by} "
                    "to avoid additional penalty and interest charges.",
                    f"As of {D(n.notice_date)}, {owes} for your {form}. If you pay the full amount "
                    f"by {pay_by}, we will not charge more interest on it.",
                    f"We processed your {form}, and the tax on it was not paid in full. After the "
                    f"payments we applied, {owes}, which includes penalties and interest. "
                    f"Please pay by {pay_by}.",
                ]
            )
        ]
        if t == "CP14C":
            intro.append(
                "If you live in a county covered by a federal disaster declaration, "
                "some filing and payment deadlines may have been postponed. See "
                "www.irs.gov/disaster for the relief that applies to your area."
            )
        todo = [
            f"Pay {A(n.amount_due)} by {pay_by}. If you can't pay the full amount, pay "
            "what you can now and set up a payment plan for the rest.",
            "If you already paid in full or set up a payment plan within the last two "
            "weeks, you don't need to do anything; payments made within two weeks of "
            "this notice date may not be included.",
        ]
    elif t == "CP501":
        headline = rng.choice(
            [
                f"Reminder: you still have a balance due for {n.tax_year}",
                f"You have unpaid tax for {n.tax_year}",
            ]
        )
        intro = [
            f"We wrote to you earlier about the unpaid balance on your {form}. Our "
            f"records show {owes}. Pay it by {pay_by} so that we don't charge more "
            "interest and penalties."
        ]
        todo = [
            f"Pay the amount due of {A(n.amount_due)} by {pay_by}, or call us to talk "
            "about a payment plan."
        ]
    elif t == "CP503":
        headline = rng.choice(
            [
                "Second reminder: you have an unpaid balance",
                f"We haven't received full payment for {n.tax_year}",
            ]
        )
        intro = [
            f"This is our second reminder about your {form}. We still show that "
            f"{owes}. You must pay this amount by {pay_by}.",
            "If you don't pay the amount due or call us to make arrangements, we may "
            "file a Notice of Federal Tax Lien, which is a public claim against your "
            "property, and interest and penalties will continue to grow.",
        ]
        todo = [
            f"Pay {A(n.amount_due)} by {pay_by}.",
            "If you can't pay it all, call us right away to discuss your options.",
        ]
    elif t == "CP504":
        due_label = "Amount due immediately"
        headline = rng.choice(
            [
                "Notice of intent to seize (levy) your property",
                f"You still have unpaid tax for {n.tax_year}",
            ]
        )
        intro = [
            f"We previously asked you to pay the tax you owe on your {form}. We have "
            f"not received full payment, and {owes}. Pay the amount due immediately.",
            "If you don't pay the amount due immediately, we may seize (levy) your state "
            "tax refund and then other property or rights to property, including wages, "
            "bank accounts and business assets.",
            "We may also file a Notice of Federal Tax Lien. If you have seriously "
            "delinquent tax debt, we may certify that debt to the State Department, "
            "which generally cannot issue or renew a passport for you.",
        ]
        todo = [
            f"Pay {A(n.amount_due)} immediately, or call us to set up a payment plan.",
            "If you can't pay, contact us before we take collection action.",
        ]
    elif t == "LT11":
        due_label = "Amount you owe"
        headline = rng.choice(
            [
                "Final notice of intent to levy",
                "Intent to seize your property or rights to property",
            ]
        )
        intro = [
            f"We have not received full payment of the tax you owe on your {form}, "
            f"although we wrote to you about it before. Today {owes}. Please pay "
            "the amount you owe immediately.",
            "If you don't pay, arrange to pay, or request a hearing, we intend to levy "
            "(seize) your property or rights to property. A levy can reach wages, bank "
            "accounts, commissions, Social Security benefits and other income.",
            f"You have the right to a Collection Due Process hearing. To request one, "
            f"send us Form 12153 so that we receive it by {D(n.hearing_date)}.",
        ]
        todo = [
            f"Pay {A(n.amount_due)} now, or call us to arrange payment.",
            "If you disagree, complete Form 12153 and send it with a copy of this letter.",
        ]
    elif t == "CP11":
        headline = rng.choice(
            [
                f"We changed your {n.tax_year} Form {n.tax_form}",
                f"Changes to your {n.tax_year} return: you owe tax",
            ]
        )
        delta = (n.amount_due * Decimal("0.6")).quantize(CENT) if n.amount_due > 0 else CENT
        reported = n.tax - delta if n.tax > delta else (n.tax * Decimal("0.8")).quantize(CENT)
        intro = [
            f"We found a miscalculation on your {form}. We corrected it, and as a result "
            f"{owes}. Pay by {pay_by} to avoid more interest.",
            f"The tax you figured on your return was {A(reported)}; "
            f"after our correction the tax is {A(n.tax)}.",
        ]
        dispute_by = n.notice_date + dt.timedelta(days=60)
        todo = [
            f"If you agree with the changes, pay {A(n.amount_due)} by {pay_by}.",
            f"If you don't agree, contact us within 60 days of the date of this notice "
            f"(by {D(dispute_by)}). After that date we can't reverse the change "
            "through this process.",
        ]
    elif t == "CP2000":
        due_label = "Proposed amount due"
        headline = rng.choice(
            [
                f"Proposed changes to your {n.tax_year} Form 1040",
                "We propose changes to your income and tax",
            ]
        )
        payer = rng.choice(
            [
                "FIRST CASCADE BANK",
                "MERIDIAN BROKERAGE SERVICES",
                "PRAIRIE STATE CREDIT UNION",
                "NORTHWIND STAFFING LLC",
            ]
        )
        src = rng.choice(["1099-INT", "1099-B", "1099-NEC", "W-2", "1099-DIV"])
        unreported = (n.tax * 4).quantize(CENT)
        intro = [
            f"This is not a bill. The income information we received from payers does "
            f"not match what you reported on your {n.tax_year} Form 1040. If our "
            f"information is correct, you will owe {A(n.amount_due)}, including interest.",
            f"{payer} reported {A(unreported)} to us on Form {src}, and we could not "
            "find it on your return.",
            f"Respond by {pay_by}. If we don't hear from you by then, we will send you "
            "a notice of deficiency.",
        ]
        todo = [
            "Review the proposed changes and compare them with your records.",
            f"Complete the response form and send it to us by {pay_by}. If you agree, "
            "you can pay now to limit interest.",
        ]
        todo_heading = "What you need to do by the response date"
    else:
        raise ValueError(t)

    payee = "Make your check or money order payable to the United States Treasury."
    number_words = "EIN" if biz else "SSN"
    pay = [
        rng.choice(
            [
                "Pay online: go to www.irs.gov/payments to pay from your bank account with IRS "
                "Direct Pay, through the Electronic Federal Tax Payment System (EFTPS), or by "
                "debit or credit card or digital wallet through an approved processor (a fee "
                "may apply).",
                "Pay electronically at www.irs.gov/payments. IRS Direct Pay is free. You can also "
                "use EFTPS, or pay by debit card, credit card or digital wallet; the card "
                "processors charge a fee.",
            ]
        ),
        f"Pay by mail: {payee} Write your name, {number_words}, tax year and form number on "
        "your payment and send it with the payment stub below.",
    ]
    if n.amount_due < 100_000 and t != "CP2000":
        pay.append(
            "Payment plan: if you can't pay in full, you may qualify for an installment "
            "agreement. Apply at www.irs.gov/paymentplan or call us."
        )
    disagree = [
        f"If you don't agree with this notice, call us at {n.phone}. Have this notice "
        "and your records ready. You can also write to us at the address at the top "
        "of this notice; include a copy of this notice and any documents that "
        "support your position."
    ]
    pen_text = []
    if n.ftf is not None:
        pen_text.append(
            "Failure-to-file: we charge a penalty when a return is filed late, "
            "5% of the unpaid tax for each month or part of a month the return was "
            "late, up to 25%."
        )
    if n.ftp is not None:
        pen_text.append(
            "Failure-to-pay: we charge a penalty of 1/2% of the unpaid tax for each "
            "month or part of a month it remains unpaid, up to 25%."
        )
    if n.es is not None:
        pen_text.append(
            "Estimated tax: we charge a penalty when you don't pay enough tax "
            "during the year through withholding or estimated payments."
        )
    if pen_text:
        pen_text.append(
            "You can ask us to remove or reduce a penalty if you had a reasonable "
            "cause, or if you qualify for first-time penalty relief."
        )
        sections.append(("Penalties", pen_text))
    if n.interest is not None:
        sections.append(
            (
                "Interest charges",
                [
                    "We are required by law to charge interest when you don't pay your tax "
                    "on time. Interest is figured from the due date of the return until the "
                    "balance is paid in full, at the federal short-term rate plus 3 "
                    "percentage points, compounded daily. Interest also applies to some penalties.",
                ],
            )
        )
    more = [
        f"Visit www.irs.gov/{n.ntype.lower()} for more about this notice.",
        "Keep this notice for your records.",
    ]
    if not biz:
        more.append(
            "If you filed a joint return, payments made under either spouse's SSN "
            "count toward this balance; use the primary SSN shown on this notice."
        )
    sections.append(("Additional information", more))
    phones = [("Call us", n.phone), *n.extra_phones]
    contact = [
        f"Call us at {n.phone}"
        + rng.choice(
            [
                " between 7 a.m. and 7 p.m. local time, Monday through Friday.",
                " (toll free), Monday to Friday, 8 a.m. to 8 p.m.",
                ".",
            ]
        )
    ]
    for unit, number in n.extra_phones:
        contact.append(f"{unit}: {number}")
    stub = {"CP2000": "Response form", "LT11": "Payment and response form"}.get(
        t, rng.choice(["Payment", "Payment stub", "Amount due"])
    )
    _ = num
    return Content(
        title=title,
        headline=headline,
        due_label=due_label,
        intro=intro,
        todo_heading=todo_heading,
        todo=todo,
        pay=pay,
        payee=payee,
        disagree=disagree,
        sections=sections,
        contact=contact,
        phones=phones,
        stub_title=stub,
    )
