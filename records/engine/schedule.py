"""Balance projection: tax, penalties and interest walked forward event by event.

The walk is what makes the number explainable: every row says which days accrued interest at
which rate on which balance, and which penalty month, filing or payment happened at its end.
Sources: IRC 6601(a) interest on tax from the original due date; 6601(e)(2)(B) interest on the
failure-to-file penalty from the due date including extensions; 6601(e)(2)(A) interest on other
penalties from notice and demand; 6601(e)(3) no interest after the notice date when the billed
amount is paid within 21 calendar days (10 business days at $100,000 or more); payments applied
tax, then penalties, then interest (DOMAIN.md section 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from records.engine.dates import add_business_days
from records.engine.interest import compound, segments
from records.engine.parameters import DEFAULT_PARAMETERS, PenaltyParameters
from records.engine.penalties import (
    ZERO,
    FailureToFile,
    PenaltyMonth,
    cents,
    failure_to_file,
    failure_to_pay_months,
)
from records.engine.rates import RatePeriod, RateTable, rate_table
from records.engine.results import BalanceInputs, Projection, ScheduleRow, money

RATE_ESTIMATE = "an interest rate used is unpublished or unconfirmed (last known rate applied)"
FLOOR_ESTIMATE = "the minimum failure-to-file amount for that year is not in the table"


class _Ledger:
    """Running balances; payments and credits are applied tax -> penalties -> interest."""

    def __init__(self, tax: Decimal) -> None:
        self.tax = tax
        self.ftf = ZERO
        self.ftp = ZERO
        self.interest = ZERO
        self.credit = ZERO

    def apply(self, amount: Decimal) -> list[str]:
        parts = []
        for name in ("tax", "ftf", "ftp", "interest"):
            owed = getattr(self, name)
            used = min(owed, amount)
            if used > 0:
                setattr(self, name, owed - used)
                amount -= used
                parts.append(f"{_LABELS[name]} {used}")
        if amount > 0:
            self.credit += amount
            parts.append(f"unapplied credit {amount}")
        return parts

    def absorb_credit(self) -> None:
        if self.credit > 0:
            credit, self.credit = self.credit, ZERO
            self.apply(credit)


_LABELS = {
    "tax": "tax",
    "ftf": "failure-to-file",
    "ftp": "failure-to-pay",
    "interest": "interest",
}


def _simulate(
    inputs: BalanceInputs,
    rates: RateTable,
    params: PenaltyParameters,
    free: Sequence[tuple[date, date]],
) -> Projection:
    due, as_of = inputs.due_date, inputs.as_of
    payments = sorted((d, cents(a)) for d, a in inputs.payments if d <= as_of)
    deadline = inputs.file_deadline
    filed = inputs.filed_date
    # No filing date means the return was filed on time (a balance notice implies a filed
    # return); pass the actual or planned filing date to get a failure-to-file penalty.
    timely = filed is None or filed <= deadline
    ftp_months = failure_to_pay_months(
        tax=cents(inputs.tax),
        due_date=due,
        as_of=as_of,
        payments=payments,
        params=params,
        timely_filed=timely,
        installment_from=inputs.installment_from,
        levy_notice_date=inputs.levy_notice_date,
    )
    filed_on = min(filed, as_of) if filed is not None else deadline
    ftf = None
    if filed_on > deadline:
        ftf = failure_to_file(
            tax=cents(inputs.tax),
            due_date=due,
            file_deadline=deadline,
            filed_on=filed_on,
            payments=payments,
            ftp_months=ftp_months,
            params=params,
        )
    reasons: list[str] = []
    if ftf is not None and ftf.estimated:
        reasons.append(FLOOR_ESTIMATE)

    events: dict[date, list[tuple[int, str, object]]] = {}

    def add(day: date, order: int, kind: str, payload: object = None) -> None:
        events.setdefault(max(day, due), []).append((order, kind, payload))

    for month in ftp_months:
        add(month.accrues_on, 1, "ftp", month)
    if ftf is not None and ftf.amount > 0:
        add(filed_on, 2, "ftf", ftf)
    for when, amount in payments:
        add(when, 3, "payment", amount)
    if inputs.notice_date is not None and due < inputs.notice_date <= as_of:
        add(inputs.notice_date, 0, "mark", "notice date: interest on failure-to-pay starts")
    if inputs.extended_due_date is not None and due < inputs.extended_due_date <= as_of:
        add(inputs.extended_due_date, 0, "mark", "extended due date")
    for _free_from, free_to in free:
        if due < free_to <= as_of:
            add(free_to, 0, "mark", "end of the interest-free window (IRC 6601(e)(3))")
    for left, _right, rate, _est in segments(due, as_of, rates, free):
        if left > due:
            add(left, 0, "mark", f"interest rate {rate:%} from {left.isoformat()}")
    if as_of > due:
        add(as_of, 9, "mark", "as of")

    ledger = _Ledger(cents(inputs.tax))
    rows: list[ScheduleRow] = []
    first_payments = [payload for _, kind, payload in events.get(due, []) if kind == "payment"]
    opening = [f"original due date: tax unpaid {cents(inputs.tax)}"]
    for amount in first_payments:
        opening.append(
            f"payment {amount} on or before the due date: " + ", ".join(ledger.apply(amount))
        )
    rows.append(
        _row(due, due, None, "; ".join(opening), ZERO, ZERO, sum(first_payments, ZERO), ledger)
    )
    previous = due
    for day in sorted(d for d in events if d > due):
        notice = inputs.notice_date
        ftp_bears = notice is not None and previous >= notice
        base = ledger.tax + ledger.ftf + ledger.interest + (ledger.ftp if ftp_bears else ZERO)
        raw, est = compound(base, previous, day, rates, free)
        if est:
            _note(reasons, RATE_ESTIMATE)
        accrued = cents(raw)
        ledger.interest += accrued
        rate = segments(previous, day, rates, free)[0][2]
        texts: list[str] = []
        penalty = ZERO
        paid = ZERO
        for _, kind, payload in sorted(events[day], key=lambda e: e[0]):
            if kind == "ftp":
                assert isinstance(payload, PenaltyMonth)
                ledger.ftp += payload.amount
                penalty += payload.amount
                texts.append(
                    f"failure-to-pay month {payload.number}: {payload.rate:%} of "
                    f"{cents(payload.base)} = {payload.amount} ({payload.reason})"
                )
            elif kind == "ftf":
                assert isinstance(payload, FailureToFile)
                catch_up_raw, est = compound(payload.amount, deadline, day, rates, free)
                if est:
                    _note(reasons, RATE_ESTIMATE)
                catch_up = cents(catch_up_raw)
                ledger.ftf += payload.amount
                ledger.interest += catch_up
                accrued += catch_up
                penalty += payload.amount
                when = "return filed" if filed == day else "return not filed yet, as if filed"
                texts.append(
                    f"{when}: failure-to-file {payload.amount} ({payload.explanation}); "
                    f"interest on it since {deadline.isoformat()} {catch_up}"
                )
            elif kind == "payment":
                assert isinstance(payload, Decimal)
                paid += payload
                texts.append(f"payment {payload} applied: " + ", ".join(ledger.apply(payload)))
            else:
                texts.append(str(payload))
        ledger.absorb_credit()
        rows.append(_row(previous, day, rate, "; ".join(texts), accrued, penalty, paid, ledger))
        previous = day
    return Projection(
        as_of=as_of,
        unpaid_tax=ledger.tax,
        failure_to_file_penalty=ledger.ftf,
        failure_to_pay_penalty=ledger.ftp,
        interest=ledger.interest,
        credit=ledger.credit,
        rows=rows,
        ftp_months=ftp_months,
        ftf=ftf,
        estimate_reasons=reasons,
    )


def _note(reasons: list[str], reason: str) -> None:
    if reason not in reasons:
        reasons.append(reason)


def _row(
    start: date,
    end: date,
    rate: Decimal | None,
    event: str,
    accrued: Decimal,
    penalty: Decimal,
    paid: Decimal,
    ledger: _Ledger,
) -> ScheduleRow:
    return ScheduleRow(
        start,
        end,
        rate,
        event,
        accrued,
        penalty,
        paid,
        ledger.tax,
        ledger.ftf,
        ledger.ftp,
        ledger.interest,
        ledger.credit,
    )


def interest_free_window(
    inputs: BalanceInputs, rates: RateTable, params: PenaltyParameters
) -> tuple[date, date] | None:
    """[notice date, payoff) when IRC 6601(e)(3) removes interest after notice and demand.

    It applies when the amount billed on the notice date is paid in full within 21 calendar
    days (10 business days when it is $100,000 or more). A projection dated inside the window
    assumes the balance is paid that day, so it carries no interest after the notice date.
    Partial payments inside the window do not earn the relief (the statute speaks of "such
    amount" being paid).
    """
    notice = inputs.notice_date
    if notice is None or notice >= inputs.as_of or notice < inputs.due_date:
        return None
    billed = _simulate(replace(inputs, as_of=notice), rates, params, ()).total
    if billed <= 0:
        return None
    if billed >= params.interest_free_large_amount:
        window_end = add_business_days(notice, params.interest_free_business_days)
    else:
        window_end = notice + timedelta(days=params.interest_free_days)
    paid = ZERO
    for when, amount in sorted(inputs.payments):
        if notice < when <= min(window_end, inputs.as_of):
            paid += amount
            if paid >= billed:
                return notice, when
    if inputs.as_of <= window_end:
        return notice, inputs.as_of
    return None


def balance_at(
    inputs: BalanceInputs,
    *,
    rates: Sequence[RatePeriod] | RateTable | None = None,
    params: PenaltyParameters = DEFAULT_PARAMETERS,
) -> Projection:
    """Balance on `inputs.as_of` (what a full payment that day would have to be)."""
    table = rate_table(rates)
    window = interest_free_window(inputs, table, params)
    free = (window,) if window is not None else ()
    projection = _simulate(inputs, table, params, free)
    projection.interest_free_until = window[1] if window is not None else None
    return projection


def cost_of_waiting(
    inputs: BalanceInputs,
    pay_by: date,
    *,
    rates: Sequence[RatePeriod] | RateTable | None = None,
    params: PenaltyParameters = DEFAULT_PARAMETERS,
    offsets: Sequence[int] = (0, 30, 60, 90),
) -> list[dict]:
    """Balance if paid on the pay-by date and 30/60/90 days later: what delay costs."""
    table = rate_table(rates)
    result = []
    baseline = None
    for offset in offsets:
        day = pay_by + timedelta(days=offset)
        projection = balance_at(replace(inputs, as_of=day), rates=table, params=params)
        total = projection.total
        baseline = total if baseline is None else baseline
        result.append(
            {
                "date": day.isoformat(),
                "days_after_pay_by": offset,
                "total": money(total),
                "extra_cost": money(total - baseline),
                "estimated": projection.estimated,
            }
        )
    return result


def project_balance(
    *,
    tax: Decimal,
    due_date: date,
    as_of: date,
    filed_date: date | None = None,
    extended_due_date: date | None = None,
    payments: Sequence[tuple[date, Decimal]] = (),
    notice_date: date | None = None,
    installment_from: date | None = None,
    levy_notice_date: date | None = None,
    rates: Sequence[RatePeriod] | RateTable | None = None,
    params: PenaltyParameters = DEFAULT_PARAMETERS,
) -> dict:
    """The JSON-ready projection behind `manage.py project_balance --json`.

    `tax` is the tax still owed on the original due date before any dated payment: the tax on
    the return less withholding, estimated payments and refundable credits (all of which count
    as paid on the due date).
    """
    inputs = BalanceInputs(
        tax=Decimal(tax),
        due_date=due_date,
        as_of=as_of,
        filed_date=filed_date,
        extended_due_date=extended_due_date,
        payments=tuple((d, Decimal(a)) for d, a in payments),
        notice_date=notice_date,
        installment_from=installment_from,
        levy_notice_date=levy_notice_date,
    )
    return balance_at(inputs, rates=rates, params=params).to_dict()
