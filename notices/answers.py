"""The client notice page's fuller answers, in plain English. No Django.

`notices.explain` says what the notice is; this module answers what a worried reader asks next:
what "overdue" means and what we do about it, what we compared the amount with and what we
still need, and every way to deal with a bill, with its real conditions (DOMAIN.md section 6).
Dates the practice promises are counted from today on the one calendar (common.businessdays),
so the page never names a date that has passed as something still to come.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cases.deadlines import next_expected_notice
from common.businessdays import add_business_days
from records.reconciliation.thresholds import DEFAULT_THRESHOLDS, Thresholds

#: Business days within which the practice contacts a client whose notice is overdue.
OVERDUE_CONTACT_BUSINESS_DAYS = 2
#: Business days within which the practice acts with the IRS on an overdue notice.
OVERDUE_ACTION_BUSINESS_DAYS = 5

#: Notices that are not a balance-due bill: no payment options, no "overdue" bill wording.
NOT_A_BILL = {"CP2000", "CP12"}
_END_OF_LADDER = {"LT11", "LTR1058", "CP90"}

#: Names of the reader's fields, as a client would say them.
FIELD_WORDS = {
    "amount_due": "the amount due",
    "pay_by_date": "the date to pay by",
    "notice_date": "the notice date",
    "tax_year": "the tax year",
    "notice_type": "the kind of notice",
    "ssn_last4": "the last four digits of the taxpayer number",
    "tax_form": "the tax form",
}


@dataclass(frozen=True)
class Option:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Overdue:
    days: int
    meaning: str
    next_notice: str
    practice_will: str
    contact_by: date
    act_by: date


@dataclass(frozen=True)
class AmountAnswer:
    compared_with: list[str] = field(default_factory=list)
    still_need: list[str] = field(default_factory=list)
    checking: list[str] = field(default_factory=list)  # unconfirmed fields, in plain words


def say_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def money(amount: Decimal) -> str:
    """One way to print money for the client: '$1,234.56'; a credit reads as 'a credit of'."""
    if amount < 0:
        return f"a credit of ${-amount:,.2f}"
    return f"${amount:,.2f}"


def is_a_bill(*, code: str, amount_due: Decimal | None, legitimacy: str) -> bool:
    """A balance-due notice asking for a positive amount, not a scam: the only thing we call a bill.

    A zero or negative amount is a credit or a settled balance; a CP2000 is a proposal.
    """
    return (
        legitimacy != "suspicious"
        and code.upper() not in NOT_A_BILL
        and (amount_due is None or amount_due > 0)
    )


def overdue_answer(
    *,
    code: str,
    pay_by: date | None,
    today: date,
    amount_due: Decimal | None,
    legitimacy: str,
) -> Overdue | None:
    """What an overdue bill means and what the practice does, by when (from today)."""
    if (
        pay_by is None
        or pay_by >= today
        or not is_a_bill(code=code, amount_due=amount_due, legitimacy=legitimacy)
    ):
        return None
    code = code.upper()
    days = (today - pay_by).days
    meaning = (
        f"The date to pay on this notice, {say_date(pay_by)}, has passed. That does not close "
        "the matter: penalties and interest keep growing every month until the balance is "
        "paid, and the IRS keeps writing."
    )
    nxt = next_expected_notice(code) if code else None
    if nxt is not None:
        next_notice = (
            f"If nothing is done, the next letter is the {nxt.code} "
            f"({nxt.title.lower()}). The IRS fixes no date for it."
        )
    elif code in _END_OF_LADDER:
        next_notice = (
            "This is the last notice before the IRS can take wages, bank accounts or other "
            "property. The 30 days to ask for a hearing may already have run; we will check."
        )
    else:
        next_notice = "If nothing is done, the IRS sends a reminder and then stronger notices."
    contact_by = add_business_days(today, OVERDUE_CONTACT_BUSINESS_DAYS)
    act_by = add_business_days(today, OVERDUE_ACTION_BUSINESS_DAYS)
    practice_will = (
        f"What we will do: we will contact you by {say_date(contact_by)} to agree how to pay "
        f"or dispute it, and take it up with the IRS by {say_date(act_by)}."
    )
    return Overdue(days, meaning, next_notice, practice_will, contact_by, act_by)


def amount_answer(
    *,
    code: str,
    unconfirmed: list[str],
    checks: list[dict],
    tax_year: int | None,
    reconciliation_inputs: dict | None,
    missing: list[str],
) -> AmountAnswer:
    """What we compared the amount with, what we still need from the client, what we check."""
    compared: list[str] = []
    passed = {c.get("name") for c in checks if c.get("passed") is True}
    if "billing_lines_sum" in passed:
        compared.append("the notice's own billing summary: its lines add up to the amount due")
    if "stub_matches_headline" in passed:
        compared.append("the payment slip at the end of the notice: it shows the same amount")
    if "pay_by_date_rule" in passed:
        compared.append("the notice date: the date to pay by is the one the law sets")
    year = f"{tax_year}" if tax_year else "that year"
    inputs = reconciliation_inputs or {}
    if inputs.get("tax_return"):
        compared.append(f"your {year} tax return as we have it")
    payments = inputs.get("payments") or []
    if payments:
        n = len(payments)
        compared.append(f"the {n} payment{'s' if n != 1 else ''} for {year} we have on record")
    elif reconciliation_inputs is not None:
        compared.append(f"your payments for {year}: we have none on record yet")
    if inputs.get("transcripts"):
        compared.append("the IRS's own account record (transcript) for the year")
    need = list(missing)
    if reconciliation_inputs is not None and not inputs.get("tax_return"):
        need.append(f"a copy of your {year} tax return, if we did not prepare it")
    if reconciliation_inputs is not None and not payments and code.upper() not in NOT_A_BILL:
        need.append(
            f"proof of any payment you made for {year} (bank statement, Direct Pay or EFTPS "
            "confirmation, or a cancelled check)"
        )
    checking = [FIELD_WORDS.get(name, name.replace("_", " ")) for name in unconfirmed]
    return AmountAnswer(compared, need, checking)


def payment_options(
    *, amount_due: Decimal | None, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[Option]:
    """Every way to deal with a bill, with the conditions that decide whether it is open."""
    th = thresholds
    long_fees = [f for f in th.fees if f.channel.startswith("long-term")]
    fee_words = "; ".join(
        f"{f.channel.removeprefix('long-term agreement ')}: "
        + (f"${f.amount:,.0f}" if f.amount is not None else "we confirm the current fee with you")
        for f in long_fees
    )
    options = [
        Option(
            "pay",
            "Pay in full",
            "Pay online with IRS Direct Pay from your bank account (free, at irs.gov/payments), "
            "through EFTPS, or by debit or credit card through a processor the IRS lists (the "
            'processor charges a fee). A check goes to "United States Treasury", with your '
            "Social Security number, the tax year and the form written on it. The IRS never "
            "asks for gift cards, prepaid cards, crypto, wire transfers or payment apps.",
        ),
        Option(
            "short_term",
            "A short-term plan",
            f"If you can pay everything within {th.short_term_plan_days} days and owe less than "
            f"${th.short_term_plan_limit:,.0f}: no setup fee. Penalties and interest keep "
            "running until it is paid.",
        ),
        Option(
            "long_term",
            "A long-term plan (monthly payments)",
            f"If you owe up to ${th.online_agreement_limit:,.0f} and have filed all your returns, "
            "you can apply online for an installment agreement. The IRS charges a setup fee "
            f"that depends on how you apply and pay ({fee_words}); it is lowest online with "
            "direct debit, and can be waived on a low income. The late-payment penalty drops to "
            "0.25% a month while the plan runs; interest keeps running.",
        ),
        Option(
            "relief",
            "Penalty relief",
            "First-time abatement: the IRS removes late-filing and late-payment penalties for "
            f"one year if you had no penalties in the {th.first_time_abate_lookback_years} "
            "years before, filed every return you had to, and paid or arranged to pay the tax. "
            "Reasonable cause: something outside your control (a serious illness, a disaster) "
            "kept you from filing or paying. Interest on a removed penalty goes too.",
        ),
        Option(
            "dispute",
            "Dispute it",
            "If the notice is wrong, call the number printed on it, or write to the address on "
            "the payment slip saying why, with copies of your records (a cancelled check, a "
            "Direct Pay or EFTPS confirmation with the bank statement). Allow about 30 days; "
            "send it by certified mail. We write this letter for you.",
        ),
    ]
    if amount_due is not None and amount_due > th.online_agreement_limit:
        options[2] = Option(
            "long_term",
            options[2].title,
            f"You owe more than ${th.online_agreement_limit:,.0f}, so the online plan is not "
            "open: a plan is still possible by phone or with Form 9465, usually with a "
            "financial statement. Interest keeps running.",
        )
    return options


SPOUSE_AND_WRONG_YEAR = (
    "Already paid, but the notice does not show it? On a joint return, a payment made under "
    "your spouse's Social Security number may not be counted on this notice, and an online "
    "payment can land on the wrong tax year or form. The IRS moves such payments once it sees "
    "the proof. Tell us about the payment and we will ask for it to be moved."
)
