"""Failure-to-pay and failure-to-file additions to tax (IRC 6651).

Both are computed per "month or fraction thereof" on anniversary months. Failure-to-pay runs
from the original due date (an extension to file is not an extension to pay) on the tax still
unpaid at the start of each month (6651(b)(2)); failure-to-file runs from the due date including
extensions (IRM 20.1.2.3.7.1) on the tax not paid by the original due date (6651(b)(1)) and is
reduced by the failure-to-pay charged for the same months (6651(c)(1)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from records.engine.dates import add_months, months_or_part
from records.engine.parameters import PenaltyParameters

CENT = Decimal("0.01")
ZERO = Decimal("0")


def cents(amount: Decimal) -> Decimal:
    """Round half-up to the cent, the way a bill prints."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_paid_by(tax: Decimal, payments: Sequence[tuple[date, Decimal]], day: date) -> Decimal:
    """Tax covered by payments dated on or before `day` (payments go to tax first)."""
    paid = sum((amount for when, amount in payments if when <= day), ZERO)
    return min(tax, paid)


@dataclass(frozen=True)
class PenaltyMonth:
    """One failure-to-pay month: charged on `accrues_on` (the first day of the month)."""

    number: int
    accrues_on: date
    base: Decimal
    rate: Decimal
    amount: Decimal
    reason: str


def ftp_rate_for_month(
    month_start: date,
    *,
    params: PenaltyParameters,
    timely_filed: bool,
    installment_from: date | None,
    levy_notice_date: date | None,
) -> tuple[Decimal, str]:
    """Rate for a month beginning on `month_start`.

    1% for months beginning after the day 10 days after a levy notice (6651(d)); 0.25% for months
    beginning once an installment agreement is in effect on a timely filed return (6651(h)).
    When both apply, the later event wins: an agreement made after a levy notice stops the levy,
    and a levy notice after an agreement means the agreement defaulted.
    """
    levy_from = None
    if levy_notice_date is not None:
        levy_from = levy_notice_date + timedelta(days=params.ftp_levy_delay_days)
    levy_on = levy_from is not None and month_start > levy_from
    plan_on = timely_filed and installment_from is not None and month_start >= installment_from
    if levy_on and plan_on:
        assert levy_notice_date is not None and installment_from is not None
        if installment_from > levy_notice_date:
            levy_on = False
        else:
            plan_on = False
    if levy_on:
        return params.ftp_levy_rate, "after notice of intent to levy"
    if plan_on:
        return params.ftp_installment_rate, "installment agreement"
    return params.ftp_rate_per_month, "standard"


def failure_to_pay_months(
    *,
    tax: Decimal,
    due_date: date,
    as_of: date,
    payments: Sequence[tuple[date, Decimal]],
    params: PenaltyParameters,
    timely_filed: bool,
    installment_from: date | None,
    levy_notice_date: date | None,
) -> list[PenaltyMonth]:
    """Months charged by `as_of`, each on the tax unpaid at its start, capped at 25% in total.

    Month k is charged when the tax is still unpaid after payments dated on or before the k-th
    anniversary boundary (due date + k-1 months) and `as_of` is past that boundary.
    """
    cap_base = tax - tax_paid_by(tax, payments, due_date)
    cap = cents(cap_base * params.ftp_cap)
    charged = ZERO
    months: list[PenaltyMonth] = []
    number = 0
    while charged < cap:
        boundary = add_months(due_date, number)
        if boundary >= as_of:
            break
        base = tax - tax_paid_by(tax, payments, boundary)
        if base <= 0:
            break
        number += 1
        month_start = boundary + timedelta(days=1)
        rate, reason = ftp_rate_for_month(
            month_start,
            params=params,
            timely_filed=timely_filed,
            installment_from=installment_from,
            levy_notice_date=levy_notice_date,
        )
        amount = min(cents(base * rate), cap - charged)
        charged += amount
        months.append(PenaltyMonth(number, month_start, base, rate, amount, reason))
    return months


@dataclass(frozen=True)
class FailureToFile:
    """The failure-to-file addition with the working that produced it."""

    amount: Decimal
    months: int
    base: Decimal
    gross: Decimal
    reduction: Decimal
    minimum: Decimal
    minimum_applied: bool
    estimated: bool
    explanation: str


def failure_to_file(
    *,
    tax: Decimal,
    due_date: date,
    file_deadline: date,
    filed_on: date,
    payments: Sequence[tuple[date, Decimal]],
    ftp_months: Sequence[PenaltyMonth],
    params: PenaltyParameters,
) -> FailureToFile:
    """5% a month or part (max 5 months), less same-month failure-to-pay, with the 60-day floor.

    The floor (lesser of the year's dollar amount or 100% of the net tax) is keyed to the year
    the return was required to be filed (the original due date's year), as the Rev. Procs. say
    "returns required to be filed in 2024"; it is compared with the reduced amount.
    """
    base = tax - tax_paid_by(tax, payments, due_date)
    months = months_or_part(file_deadline, filed_on)
    if months == 0 or base <= 0:
        return FailureToFile(ZERO, months, max(base, ZERO), ZERO, ZERO, ZERO, False, False, "")
    max_months = int(params.ftf_cap / params.ftf_rate_per_month)
    counted = min(months, max_months)
    gross = cents(base * params.ftf_rate_per_month * counted)
    window_end = add_months(file_deadline, counted)
    reduction = sum(
        (m.amount for m in ftp_months if file_deadline < m.accrues_on <= window_end), ZERO
    )
    amount = max(gross - reduction, ZERO)
    minimum = ZERO
    minimum_applied = False
    estimated = False
    if filed_on > file_deadline + timedelta(days=params.ftf_minimum_after_days):
        floor, estimated = params.minimum_ftf(due_date.year)
        minimum = cents(min(floor, base))
        if minimum > amount:
            amount = minimum
            minimum_applied = True
    explanation = (
        f"{counted} month(s) x {params.ftf_rate_per_month:%} of {cents(base)} = {gross}"
        f" less failure-to-pay for the same months {reduction}"
    )
    if minimum_applied:
        explanation += f"; raised to the minimum {minimum} (filed more than 60 days late)"
    return FailureToFile(
        amount, months, base, gross, reduction, minimum, minimum_applied, estimated, explanation
    )
