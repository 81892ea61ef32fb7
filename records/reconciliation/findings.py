"""Findings: each billing line of a notice compared with the records and the engine.

`dollar_effect` is signed against the notice: negative means the household should owe less
than billed if the finding is acted on, positive means more. The causes are the ones the IRS
itself acknowledges for "I already paid" (DOMAIN.md section 6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from itertools import combinations

from records.engine import BalanceInputs, RateTable, balance_at
from records.engine.parameters import PenaltyParameters
from records.reconciliation.inputs import (
    ZERO,
    Notice,
    Payment,
    PaymentMethod,
    ReconciliationInputs,
    SsnOwner,
)
from records.reconciliation.ledger import analyse_transcripts
from records.reconciliation.thresholds import Thresholds

INFO, WARNING, ACTION = "info", "warning", "action"

AGREES = "agrees"
CP2000 = "cp2000_proposal"
BILLING_DOES_NOT_ADD_UP = "billing_does_not_add_up"
RETURN_MISSING = "return_missing"
TAX_DIFFERS = "tax_differs_from_return"
PAYMENT_AFTER_NOTICE = "payment_after_notice"
POSTING_LAG = "payment_posting_lag"
SPOUSE_SSN = "payment_under_spouse_ssn"
DESIGNATED_ELSEWHERE = "payment_designated_elsewhere"
WITH_RETURN_UNPROCESSED = "payment_with_return_unprocessed"
NOT_APPLIED = "payment_not_applied"
CREDITS_SHORT = "credits_short_unexplained"
CREDITS_EXCEED = "credits_exceed_records"
PENALTY_NOT_REPRODUCED = "penalty_not_reproduced"
ES_PENALTY_UNCHECKED = "estimated_tax_penalty_not_checked"
FIRST_TIME_ABATE = "first_time_abate_available"
NOTICE_2024_7 = "notice_2024_7_relief"

MISSING_PAYMENT_CODES = (DESIGNATED_ELSEWHERE, SPOUSE_SSN, POSTING_LAG, WITH_RETURN_UNPROCESSED)


@dataclass(frozen=True)
class Finding:
    code: str
    cause: str
    evidence: list[str]
    dollar_effect: Decimal
    severity: str
    payments: tuple[Payment, ...] = field(default=(), compare=False)
    # Transcript lines the finding rests on, in the words a letter can quote.
    citations: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class Analysis:
    """Findings plus the figures the recommendation needs."""

    findings: list[Finding]
    engine_at_notice: dict | None = None
    paid_after_notice: Decimal = ZERO
    expected_to_post: Decimal = ZERO
    tax_portion: Decimal = ZERO
    ledger: list = field(default_factory=list)
    transcript: dict | None = None
    transcript_ruled_out_fta: bool = False


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def billing_total(notice: Notice) -> Decimal:
    """Sum of the signed billing lines; `penalties_total` only when no itemised penalty."""
    itemised = ("failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty")
    total = notice.line("tax") + notice.line("payments_credits") + notice.line("interest")
    if any(notice.billing_summary.get(key) is not None for key in itemised):
        total += sum((notice.line(key) for key in itemised), ZERO)
    else:
        total += notice.line("penalties_total")
    return total


def cp2000_finding(notice: Notice) -> Finding:
    return Finding(
        CP2000,
        "A CP2000 proposes a change from income matching; it is not a bill and is not "
        "reconciled as one. The response date is what matters.",
        [
            f"notice {notice.notice_type} dated {notice.notice_date.isoformat()}",
            f"proposed amount {_money(notice.amount_due)}",
            "respond by "
            + (notice.pay_by_date.isoformat() if notice.pay_by_date else "the date on the notice"),
        ],
        ZERO,
        ACTION,
    )


def _payment_cause(payment: Payment, rin: ReconciliationInputs, th: Thresholds) -> str:
    notice = rin.notice
    joint = rin.household.joint or (rin.tax_return is not None and rin.tax_return.joint)
    year = payment.designated_tax_year
    form = payment.designated_form
    if (year is not None and year != notice.tax_year) or (
        form is not None and _form(form) != _form(notice.tax_form)
    ):
        return DESIGNATED_ELSEWHERE
    if joint and payment.ssn_owner == SsnOwner.SPOUSE:
        return SPOUSE_SSN
    if payment.date >= notice.notice_date - timedelta(days=th.posting_lag_days):
        return POSTING_LAG
    if payment.method == PaymentMethod.WITH_RETURN:
        return WITH_RETURN_UNPROCESSED
    return NOT_APPLIED


def _form(text: str) -> str:
    return text.upper().replace("FORM", "").replace(" ", "")


_CAUSES = {
    DESIGNATED_ELSEWHERE: "Payment was designated to another tax year or form, so the IRS "
    "credited it elsewhere. Ask the IRS to move it to this year and form.",
    SPOUSE_SSN: "Payment was made under the spouse's SSN on a joint return; the IRS may not "
    "have matched it to this account (IRS statement, July 2022). Ask for it to be transferred.",
    POSTING_LAG: "Payment was made within two weeks before the notice date and probably had "
    "not posted when the notice was produced.",
    WITH_RETURN_UNPROCESSED: "Payment sent with the return has not been applied (the IRS "
    "acknowledged such delays in June 2024).",
    NOT_APPLIED: "Payment made well before the notice is not reflected in the billed payments "
    "and credits; the IRS has not applied it.",
}


def _with_return_payment(rin: ReconciliationInputs) -> list[Payment]:
    """The return's 'paid with return' amount as a dated payment unless already listed."""
    ret = rin.tax_return
    if ret is None or ret.amount_paid_with_return <= 0 or ret.date_filed is None:
        return []
    if any(p.method == PaymentMethod.WITH_RETURN for p in rin.payments):
        return []
    return [
        Payment(
            ret.date_filed,
            ret.amount_paid_with_return,
            PaymentMethod.WITH_RETURN,
            designated_tax_year=rin.notice.tax_year,
            designated_form=rin.notice.tax_form,
            verified=False,
            has_proof=False,
        )
    ]


def _find_subset(candidates: list[Payment], target: Decimal, th: Thresholds) -> list[Payment]:
    """Smallest set of payments explaining a shortfall, preferring ones with a known cause."""
    pool = candidates[: th.subset_search_limit]
    for size in range(1, len(pool) + 1):
        for combo in combinations(pool, size):
            if abs(sum((p.amount for p in combo), ZERO) - target) <= th.amount_tolerance:
                return list(combo)
    return []


def analyse(
    rin: ReconciliationInputs, *, rates: RateTable, params: PenaltyParameters, th: Thresholds
) -> Analysis:
    """Every finding for a balance-due notice (not a CP2000)."""
    notice = rin.notice
    findings: list[Finding] = []
    billed_sum = billing_total(notice)
    if notice.billing_summary and abs(billed_sum - notice.amount_due) > Decimal("0.01"):
        findings.append(
            Finding(
                BILLING_DOES_NOT_ADD_UP,
                "The billing lines do not add up to the amount due: a reading error or a "
                "line the reader missed. Check the notice image before relying on the lines.",
                [f"lines sum to {_money(billed_sum)}", f"amount due {_money(notice.amount_due)}"],
                ZERO,
                WARNING,
            )
        )
    payments = [*rin.payments, *_with_return_payment(rin)]
    after = [p for p in payments if p.date > notice.notice_date]
    before = [p for p in payments if p.date <= notice.notice_date]
    analysis = Analysis(findings)
    for p in after:
        analysis.paid_after_notice += p.amount
        findings.append(
            Finding(
                PAYMENT_AFTER_NOTICE,
                "Payment made after the notice date; the notice could not include it. "
                "It reduces what is left to pay.",
                [p.label(), f"notice date {notice.notice_date.isoformat()}"],
                -p.amount,
                INFO,
                (p,),
            )
        )
    ret = rin.tax_return
    if ret is None:
        _transcripts(analysis, rin, payments, rates, params, th)
        findings.append(
            Finding(
                RETURN_MISSING,
                "No return on file for this year, so the tax and penalties cannot be checked.",
                [f"tax year {notice.tax_year} {notice.tax_form}"],
                ZERO,
                WARNING,
            )
        )
        return analysis

    notice_tax = notice.line("tax")
    if notice.billing_summary.get("tax") is not None and (
        abs(notice_tax - ret.total_tax) > th.amount_tolerance
    ):
        expect = (
            "This is the math-error notice: the change stands unless disputed within 60 days."
            if notice.notice_type.upper().startswith("CP11")
            else "A CP14 means no math error; a different tax suggests an IRS change (expect a "
            "CP11 explaining it) or a wrong figure in our records."
        )
        findings.append(
            Finding(
                TAX_DIFFERS,
                "Tax on the notice differs from the return as filed. " + expect,
                [f"notice tax {_money(notice_tax)}", f"return total tax {_money(ret.total_tax)}"],
                notice_tax - ret.total_tax,
                WARNING,
            )
        )

    # Payments and credits line vs the records at the notice date.
    notice_credits = -notice.line("payments_credits")
    expected = ret.credits_at_due_date + sum((p.amount for p in before), ZERO)
    shortfall = expected - notice_credits
    missing: list[Payment] = []
    if shortfall > th.amount_tolerance:
        causes = {id(p): _payment_cause(p, rin, th) for p in before}
        order = {code: i for i, code in enumerate((*MISSING_PAYMENT_CODES, NOT_APPLIED))}
        ranked = sorted(before, key=lambda p: (order[causes[id(p)]], p.date))
        missing = _find_subset(ranked, shortfall, th)
        for p in missing:
            code = causes[id(p)]
            proof = "proof on file" if p.has_proof else "NO proof on file"
            verified = "verified" if p.verified else "not verified by staff"
            evidence = [p.label(), proof, verified]
            if code == DESIGNATED_ELSEWHERE:
                evidence.append(
                    f"designated to {p.designated_tax_year} {p.designated_form}, notice is for "
                    f"{notice.tax_year} {notice.tax_form}"
                )
            evidence.append(
                f"billed payments/credits {_money(notice_credits)} vs records {_money(expected)}"
            )
            severity = INFO if code == POSTING_LAG else ACTION
            if code == POSTING_LAG:
                analysis.expected_to_post += p.amount
            findings.append(Finding(code, _CAUSES[code], evidence, -p.amount, severity, (p,)))
        if not missing:
            findings.append(
                Finding(
                    CREDITS_SHORT,
                    "The notice shows fewer payments and credits than the records, and no "
                    "payment or combination of payments explains the gap.",
                    [
                        f"billed payments/credits {_money(notice_credits)}",
                        f"records: withholding, estimates and credits "
                        f"{_money(ret.credits_at_due_date)} plus payments "
                        f"{_money(expected - ret.credits_at_due_date)}",
                    ],
                    -shortfall,
                    WARNING,
                )
            )
    elif shortfall < -th.amount_tolerance:
        findings.append(
            Finding(
                CREDITS_EXCEED,
                "The notice shows more payments and credits than the records: a payment or "
                "credit we do not know about, or a credit that may later be reversed.",
                [f"billed {_money(notice_credits)}", f"records {_money(expected)}"],
                -shortfall,
                WARNING,
            )
        )

    # Penalties and interest recomputed at the notice date from what the IRS applied.
    missing_ids = {id(p) for p in missing}
    applied = [p for p in before if id(p) not in missing_ids]
    analysis.engine_at_notice = _engine_at_notice(rin, applied, rates, params)
    _compare_lines(analysis, notice, th)

    if notice.line("estimated_tax_penalty") > 0:
        findings.append(
            Finding(
                ES_PENALTY_UNCHECKED,
                "The estimated-tax penalty needs the quarterly income and payment history "
                "(Form 2210); the engine does not recompute it.",
                [f"billed {_money(notice.line('estimated_tax_penalty'))}"],
                ZERO,
                INFO,
            )
        )

    _transcripts(analysis, rin, payments, rates, params, th)

    tax_portion = notice_tax + notice.line("payments_credits")
    tax_portion -= sum((p.amount for p in missing), ZERO) + analysis.paid_after_notice
    analysis.tax_portion = tax_portion
    _relief(analysis, rin, th)

    if not any(f.severity in (WARNING, ACTION) for f in findings):
        evidence = [f"amount due {_money(notice.amount_due)}"]
        if analysis.engine_at_notice:
            evidence.append(
                "recomputed failure-to-file {failure_to_file_penalty}, failure-to-pay "
                "{failure_to_pay_penalty}, interest {interest}".format(**analysis.engine_at_notice)
            )
        findings.insert(
            0,
            Finding(
                AGREES,
                "The notice agrees with the return, the payments on file and the recomputed "
                "penalties and interest.",
                evidence,
                ZERO,
                INFO,
            ),
        )
    return analysis


def _transcripts(analysis, rin, payments, rates, params, th) -> None:
    """The IRS's own ledger, when transcripts are on file (see records.reconciliation.ledger)."""
    result = analyse_transcripts(
        rin,
        payments,
        rates=rates,
        params=params,
        tolerance=th.amount_tolerance,
        lookback_years=th.first_time_abate_lookback_years,
    )
    analysis.findings.extend(result.findings)
    analysis.ledger = result.ledger
    analysis.transcript = result.summary
    analysis.transcript_ruled_out_fta = result.ruled_out_fta
    # Payments the ledger shows after the notice (recorded by the household or not).
    analysis.paid_after_notice = max(analysis.paid_after_notice, result.paid_after_notice)


def _engine_at_notice(
    rin: ReconciliationInputs,
    applied: list[Payment],
    rates: RateTable,
    params: PenaltyParameters,
) -> dict:
    notice, ret = rin.notice, rin.tax_return
    assert ret is not None
    tax_due = notice.line("tax") if notice.billing_summary.get("tax") is not None else None
    net = (ret.total_tax if tax_due is None else tax_due) - ret.credits_at_due_date
    plans = [i.start for i in rin.installments if i.start <= notice.notice_date]
    levies = [lv.notice_date for lv in rin.levy_notices if lv.notice_date <= notice.notice_date]
    inputs = BalanceInputs(
        tax=max(net, ZERO),
        due_date=ret.original_due_date,
        as_of=notice.notice_date,
        filed_date=ret.date_filed,
        extended_due_date=ret.extended_due_date,
        payments=tuple(sorted((p.date, p.amount) for p in applied)),
        installment_from=max(plans) if plans else None,
        levy_notice_date=max(levies) if levies else None,
    )
    return balance_at(inputs, rates=rates, params=params).to_dict()


def _compare_lines(analysis: Analysis, notice: Notice, th: Thresholds) -> None:
    engine = analysis.engine_at_notice
    assert engine is not None
    for key, label in (
        ("failure_to_file_penalty", "failure-to-file penalty"),
        ("failure_to_pay_penalty", "failure-to-pay penalty"),
        ("interest", "interest"),
    ):
        if notice.billing_summary.get(key) is None:
            continue
        billed = notice.line(key)
        ours = Decimal(engine[key])
        tolerance = th.penalty_tolerance
        if key == "interest":
            tolerance = max(th.interest_tolerance, billed * th.interest_tolerance_ratio)
        if abs(billed - ours) > tolerance:
            analysis.findings.append(
                Finding(
                    PENALTY_NOT_REPRODUCED,
                    f"The billed {label} cannot be reproduced from the return and the payments "
                    "the IRS applied: a date, payment or rate differs from what we hold.",
                    [
                        f"billed {label} {_money(billed)}",
                        f"recomputed {_money(ours)} at {notice.notice_date.isoformat()}"
                        + (" (estimated rates)" if engine["estimated"] else ""),
                        f"difference {_money(billed - ours)}, tolerance {_money(tolerance)}",
                    ],
                    ours - billed,
                    WARNING,
                )
            )


def _relief(analysis: Analysis, rin: ReconciliationInputs, th: Thresholds) -> None:
    notice, household = rin.notice, rin.household
    ftf, ftp = notice.line("failure_to_file_penalty"), notice.line("failure_to_pay_penalty")
    if ftf + ftp <= 0:
        return
    penalty_only = analysis.tax_portion <= th.amount_tolerance
    in_plan = any(i.active_on(notice.notice_date) for i in rin.installments)
    lookback = range(notice.tax_year - th.first_time_abate_lookback_years, notice.tax_year)
    clean = not any(year in lookback for year in household.prior_penalty_years)
    if clean and household.all_returns_filed and (penalty_only or in_plan):
        analysis.findings.append(
            Finding(
                FIRST_TIME_ABATE,
                ("Penalty-only balance: " if penalty_only else "")
                + "First-Time Abate looks available for the failure-to-file and failure-to-pay "
                "penalties (interest on them goes too).",
                [
                    f"no penalties in {lookback.start}-{lookback.stop - 1}",
                    "all required returns filed",
                    "tax paid" if penalty_only else "tax under a payment plan",
                    f"penalties billed {_money(ftf + ftp)}",
                ],
                -(ftf + ftp),
                ACTION,
            )
        )
    first_notice = household.first_balance_notice_date
    if first_notice is None and notice.notice_type.upper().startswith("CP14"):
        first_notice = notice.notice_date
    ret = rin.tax_return
    assessed = ret.total_tax if ret is not None else notice.line("tax")
    if (
        ftp > 0
        and notice.tax_year in th.relief_2024_7_tax_years
        and assessed < th.relief_2024_7_limit
        and first_notice is not None
        and th.relief_2024_7_first_notice_from <= first_notice <= th.relief_2024_7_first_notice_to
    ):
        analysis.findings.append(
            Finding(
                NOTICE_2024_7,
                ("Penalty-only balance: " if penalty_only else "")
                + "Notice 2024-7 relief looks available: failure-to-pay accrued while collection "
                "notices were paused should have been removed automatically.",
                [
                    f"tax year {notice.tax_year}, assessed tax {_money(assessed)} under $100,000",
                    f"first balance notice {first_notice.isoformat()} (window 2022-02-05 to "
                    "2023-12-07)",
                    f"failure-to-pay billed {_money(ftp)} (upper bound of the relief)",
                ],
                -ftp,
                ACTION,
            )
        )
