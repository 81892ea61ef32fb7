"""The recommended next step, in a staff version and a plain-English client version.

Precedence, most protective first: a CP2000 is answered, never paid as a bill; an unexplained
gap is investigated before anyone disputes or pays; a payment the IRS missed is disputed with
its proof; available penalty relief is requested; otherwise the balance is paid now or put on
the cheapest plan the thresholds allow (DOMAIN.md section 6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from common.businessdays import add_business_days
from records.reconciliation import findings as F
from records.reconciliation import ledger as L
from records.reconciliation.findings import Analysis, Finding
from records.reconciliation.inputs import ZERO, AbilityToPay, PaymentMethod, ReconciliationInputs
from records.reconciliation.thresholds import Thresholds

PAY_NOW = "pay_now"
SHORT_TERM_PLAN = "short_term_plan"
INSTALLMENT_AGREEMENT = "installment_agreement"
PENALTY_RELIEF = "penalty_relief"
DISPUTE = "dispute"
INVESTIGATE = "investigate"
RESPOND_CP2000 = "respond_cp2000"
ACTIONS = (
    PAY_NOW,
    SHORT_TERM_PLAN,
    INSTALLMENT_AGREEMENT,
    PENALTY_RELIEF,
    DISPUTE,
    INVESTIGATE,
    RESPOND_CP2000,
)

DISPUTE_CODES = (
    F.SPOUSE_SSN,
    F.DESIGNATED_ELSEWHERE,
    F.WITH_RETURN_UNPROCESSED,
    F.NOT_APPLIED,
    L.PAYMENT_SPOUSE_MODULE,
    L.PAYMENT_OTHER_PERIOD,
)
INVESTIGATE_CODES = {
    F.RETURN_MISSING: "the return as filed for this year (form, dates, total tax, credits)",
    F.CREDITS_SHORT: "IRS account transcript for the year, and proof of every payment",
    F.CREDITS_EXCEED: "IRS account transcript (a payment or credit missing from our records)",
    F.TAX_DIFFERS: "IRS account transcript and any CP11 / math-error letter for the year",
    F.PENALTY_NOT_REPRODUCED: "IRS account transcript (penalty and interest computation dates)",
    F.BILLING_DOES_NOT_ADD_UP: "a clear copy of the notice (billing summary re-read by staff)",
    L.PAYMENT_NOT_FOUND: "bank record of the payment the IRS transcripts do not show (cleared "
    "check or debit), and a fresh transcript",
    L.FREEZE + ":bankruptcy": "the bankruptcy case (court, chapter, petition date) and "
    "counsel's instructions before any payment or letter",
    L.FREEZE + ":collection_due_process": "the collection due process hearing file (Form 12153 "
    "and the Appeals contact) before any new letter",
}


@dataclass
class Recommendation:
    action: str
    reasons: list[str]
    amount: Decimal
    by_date: date | None
    how: list[str] = field(default_factory=list)
    evidence_to_enclose: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    client_text: str = ""
    staff_text: str = ""


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def how_to_pay(rin: ReconciliationInputs) -> list[str]:
    """Payment channels with the identifiers the IRS needs to credit the right account."""
    n = rin.notice
    last4 = rin.household.primary_ssn_last4 or "____"
    joint = rin.household.joint or (rin.tax_return is not None and rin.tax_return.joint)
    whose = " (the first-listed, primary SSN on a joint return)" if joint else ""
    return [
        f"IRS Direct Pay at irs.gov/payments (free, from a bank account): reason 'Balance due', "
        f"apply to Form {n.tax_form}, tax year {n.tax_year}; use the SSN ending {last4}{whose}; "
        "keep the confirmation number.",
        f"EFTPS (if enrolled): Form {n.tax_form}, tax year {n.tax_year}, SSN ending {last4}.",
        f'Check or money order payable to "United States Treasury"; write the SSN ending '
        f'{last4}{whose}, "{n.tax_year} Form {n.tax_form}" and "{n.notice_type}" on it; mail it '
        "with the payment stub to the address on the notice.",
        "Debit or credit card through an IRS-approved processor (the processor charges a fee).",
    ]


def recommend(
    rin: ReconciliationInputs, analysis: Analysis | None, findings: list[Finding], th: Thresholds
) -> Recommendation:
    notice = rin.notice
    codes = {f.code for f in findings}
    if F.CP2000 in codes:
        return _finish(
            Recommendation(
                RESPOND_CP2000,
                [
                    "A CP2000 is a proposed change, not a bill: compare each income item with "
                    "the records and send the response form (agree, or disagree with proof) by "
                    "the response date.",
                    "Do not pay it as a balance due before deciding whether the change is right.",
                ],
                notice.amount_due,
                notice.pay_by_date,
            ),
            rin,
            findings,
        )
    assert analysis is not None
    remaining = max(
        notice.amount_due - analysis.paid_after_notice - analysis.expected_to_post, ZERO
    )
    investigate = {
        c: t
        for c, t in INVESTIGATE_CODES.items()
        if c in codes
        and not (c == L.PAYMENT_NOT_FOUND and not _actionable(findings, L.PAYMENT_NOT_FOUND))
    }
    missing = list(investigate.values())
    disputed = [f for f in findings if f.code in DISPUTE_CODES]
    without_proof = [p for f in disputed for p in f.payments if not p.has_proof]
    for p in without_proof:
        missing.append(f"proof of payment {p.label()} (confirmation with bank debit, or check)")
    if missing:
        reasons = [f.cause for f in findings if f.code in investigate or f in disputed]
        return _finish(
            Recommendation(INVESTIGATE, reasons, remaining, notice.pay_by_date, missing=missing),
            rin,
            findings,
        )
    if disputed:
        # A payment both the records and the transcript explain is disputed once.
        unique = {id(p): p for f in disputed for p in f.payments}
        disputed_total = sum((p.amount for p in unique.values()), ZERO)
        enclose = [f"copy of the notice ({notice.notice_type}, {notice.notice_date.isoformat()})"]
        for p in unique.values():
            enclose.append(_proof_for(p))
        enclose.append("IRS account transcript for the year, if it shows the payment elsewhere")
        reasons = [f.cause for f in disputed]
        reasons.append(
            f"Pay the undisputed remainder ({_money(max(remaining - disputed_total, ZERO))}) "
            "by the date on the notice to stop interest on it."
        )
        return _finish(
            Recommendation(
                DISPUTE,
                reasons,
                max(remaining - disputed_total, ZERO),
                notice.pay_by_date,
                how=how_to_pay(rin),
                evidence_to_enclose=enclose,
            ),
            rin,
            findings,
        )
    relief_codes = [F.FIRST_TIME_ABATE, F.NOTICE_2024_7, L.FTA_CLEAN]
    if analysis.transcript_ruled_out_fta:  # the IRS's ledger overrides our penalty records
        relief_codes.remove(F.FIRST_TIME_ABATE)
    relief = [f for f in findings if f.code in relief_codes]
    if relief:
        penalties = max(-f.dollar_effect for f in relief)
        to_pay = max(remaining - penalties, ZERO)
        reasons = [f.cause for f in relief]
        reasons.append(
            "Request relief by phone (number on the notice) or Form 843; pay the rest "
            f"({_money(to_pay)}) meanwhile, because interest keeps running."
        )
        return _finish(
            Recommendation(PENALTY_RELIEF, reasons, to_pay, notice.pay_by_date, how_to_pay(rin)),
            rin,
            findings,
        )
    return _finish(_payment_option(rin, remaining, th), rin, findings)


def _actionable(findings: list[Finding], code: str) -> bool:
    return any(f.code == code and f.severity == F.ACTION for f in findings)


def _proof_for(p) -> str:
    if p.method == PaymentMethod.CHECK:
        return f"canceled check front and back for {p.label()}"
    if p.method in (PaymentMethod.DIRECT_PAY, PaymentMethod.EFTPS, PaymentMethod.CARD):
        return f"confirmation page and matching bank statement debit for {p.label()}"
    return f"proof of payment for {p.label()}"


def _payment_option(rin: ReconciliationInputs, remaining: Decimal, th: Thresholds):
    notice = rin.notice
    how = how_to_pay(rin)
    ability = rin.household.ability_to_pay
    if remaining <= 0:
        return Recommendation(
            PAY_NOW,
            [
                "Payments made since the notice cover the amount due; nothing more to pay. "
                "Keep the confirmations until a zero-balance notice arrives."
            ],
            ZERO,
            notice.pay_by_date,
        )
    if ability == AbilityToPay.IN_FULL:
        return Recommendation(
            PAY_NOW,
            [
                "The notice agrees with the records; paying the full amount by the date on the "
                "notice stops further interest on it (IRC 6601(e)(3))."
            ],
            remaining,
            notice.pay_by_date,
            how,
        )
    if ability == AbilityToPay.WITHIN_180_DAYS and remaining < th.short_term_plan_limit:
        last_day = (notice.pay_by_date or notice.notice_date) + timedelta(
            days=th.short_term_plan_days
        )
        return Recommendation(
            SHORT_TERM_PLAN,
            [
                f"Balance under {_money(th.short_term_plan_limit)} and payable within "
                f"{th.short_term_plan_days} days: a short-term plan has no setup fee; "
                f"pay by {last_day.isoformat()}. Penalties and interest keep running."
            ],
            remaining,
            notice.pay_by_date,
            how,
        )
    reasons = []
    if remaining <= th.online_agreement_limit and rin.household.all_returns_filed:
        reasons.append(
            f"Balance up to {_money(th.online_agreement_limit)} with all returns filed: apply "
            "online for a long-term installment agreement (direct debit has the lowest fee; "
            "fee schedule unconfirmed)."
        )
    else:
        why = (
            "not all returns are filed"
            if not rin.household.all_returns_filed
            else f"balance over {_money(th.online_agreement_limit)}"
        )
        reasons.append(
            f"An online agreement is not available ({why}): request an installment agreement "
            "by phone or Form 9465 (financial statement may be required)."
        )
    reasons.append(
        "The failure-to-pay penalty drops to 0.25% a month while the agreement is in effect on "
        "a timely filed return; interest keeps running."
    )
    return Recommendation(INSTALLMENT_AGREEMENT, reasons, remaining, notice.pay_by_date, how)


_CLIENT = {
    RESPOND_CP2000: "This letter is not a bill. The IRS is proposing a change to your return "
    "because income it was told about does not match. We will check each item with you and "
    "send your answer by {by}.",
    INVESTIGATE: "Before you pay, we need to check a few things, because the amount may not be "
    "right. We need: {missing}. We will come back to you before {come_back}.",
    DISPUTE: "The IRS has not counted a payment you made. We will write to them with your proof "
    "and ask them to correct the bill. Meanwhile, pay {amount} by {by} (the part not in "
    "question) so interest stops on it.",
    PENALTY_RELIEF: "You may qualify to have the late penalties removed. We will ask the IRS to "
    "remove them. Meanwhile, pay {amount} by {by} so interest stops growing.",
    PAY_NOW: "The bill matches your records. Pay {amount} by {by}. {how}",
    SHORT_TERM_PLAN: "The bill matches your records. You can pay it over up to six months with "
    "no setup fee; interest and a small late charge keep adding up until it is paid.",
    INSTALLMENT_AGREEMENT: "The bill matches your records. We can set up monthly payments with "
    "the IRS; interest and a small late charge keep adding up until it is paid.",
}


#: Business days the practice gives itself to come back to a client whose notice's own date
#: has passed or is too close (counted from today on the one calendar, common.businessdays).
COME_BACK_BUSINESS_DAYS = 5


def _say(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def client_text_for(
    *,
    action: str,
    amount: Decimal,
    by_date: date | None,
    missing: list[str],
    today: date | None = None,
) -> str:
    """The client's sentence for `action`, never naming a date that has passed.

    With `today`, a pay-by date already past reads "now (the date on the notice has passed)",
    and the practice's own promise ("we will come back to you") is counted from today.
    """
    overdue = today is not None and by_date is not None and by_date < today
    by = _say(by_date) if by_date else "the due date"
    if action == PAY_NOW and amount == 0:
        return "Your payments since the letter cover what was owed. Nothing more to pay now."
    come_back = by
    if today is not None and (by_date is None or by_date <= today + timedelta(days=2)):
        come_back = _say(add_business_days(today, COME_BACK_BUSINESS_DAYS))
    text = _CLIENT[action].format(
        amount=_money(amount),
        by="now (the date on the notice has passed)" if overdue else by,
        come_back=come_back,
        missing="; ".join(plain_missing(m) for m in missing),
        how="The free way is IRS Direct Pay at irs.gov/payments; we will send you the exact steps.",
    )
    return text.replace("by now (", "now (")


def _finish(rec: Recommendation, rin: ReconciliationInputs, findings: list[Finding]):
    client = client_text_for(
        action=rec.action, amount=rec.amount, by_date=rec.by_date, missing=rec.missing
    )
    rec.client_text = client
    lines = [f"ACTION {rec.action}: amount {_money(rec.amount)}, by {rec.by_date or '-'}"]
    lines += [f"- reason: {r}" for r in rec.reasons]
    lines += [f"- missing: {m}" for m in rec.missing]
    lines += [f"- enclose: {e}" for e in rec.evidence_to_enclose]
    lines += [f"- how: {h}" for h in rec.how]
    for f in findings:
        lines.append(f"[{f.severity}] {f.code} ({_money(f.dollar_effect)}): {f.cause}")
        lines += [f"    evidence: {e}" for e in f.evidence]
    rec.staff_text = "\n".join(lines)
    return rec


def plain_missing(text: str) -> str:
    text = text.split(" (")[0]
    return text.replace("IRS account transcript", "a copy of your IRS account record").replace(
        "CP11 / math-error letter", "letter saying the IRS changed your return"
    )
