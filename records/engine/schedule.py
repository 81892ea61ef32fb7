"""Balance projection: tax, penalties and interest walked forward event by event.

The walk is what makes the number explainable: every row says which days accrued interest at
which rate on which balance, and which penalty month, filing or payment happened at its end.
Sources: IRC 6601(a) interest on tax from the original due date; 6601(e)(2)(B) interest on the
failure-to-file penalty from the due date including extensions; 6601(e)(2)(A) interest on the
failure-to-pay penalty from notice and demand, and none at all when the penalty billed on the
notice is paid within 21 calendar days (10 business days at $100,000 or more); 6601(e)(3) no
interest after the notice date when the whole billed amount is paid within that window;
payments applied tax, then penalties, then interest (DOMAIN.md section 4).
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
    ftp_interest_from: date | None = None,
) -> Projection:
    """Walk the balance forward; the failure-to-pay penalty bears interest from
    `ftp_interest_from` (the notice date, unless IRC 6601(e)(2)(A) removes it: None)."""
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
        reasons.append(
            f"no minimum failure-to-file amount in the table for returns due in {due.year}: "
            f"the nearest year's {params.minimum_ftf(due.year)[0]} was used as an estimate"
        )

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
        add(
            inputs.notice_date,
            0,
            "mark",
            "notice date: interest on failure-to-pay starts"
            if ftp_interest_from is not None
            else "notice date: no interest on the failure-to-pay penalty (IRC 6601(e)(2)(A))",
        )
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
        ftp_bears = ftp_interest_from is not None and previous >= ftp_interest_from
        base = ledger.tax + ledger.ftf + ledger.interest + (ledger.ftp if ftp_bears else ZERO)
        raw, est = compound(base, previous, day, rates, free)
        if est:
            for note in rates.notes(previous, day) or [RATE_ESTIMATE]:
                _note(reasons, note)
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
                    for note in rates.notes(deadline, day) or [RATE_ESTIMATE]:
                        _note(reasons, note)
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
    window_end = demand_window_end(notice, billed, params)
    paid = ZERO
    for when, amount in sorted(inputs.payments):
        if notice < when <= min(window_end, inputs.as_of):
            paid += amount
            if paid >= billed:
                return notice, when
    if inputs.as_of <= window_end:
        return notice, inputs.as_of
    return None


def demand_window_end(notice: date, billed: Decimal, params: PenaltyParameters) -> date:
    """Last day to pay a notice and demand: 21 calendar days, or 10 business days (IRC 7503
    calendar) when the amount billed is $100,000 or more (IRC 6601(e)(2)(A) and (e)(3))."""
    if billed >= params.interest_free_large_amount:
        return add_business_days(notice, params.interest_free_business_days)
    return notice + timedelta(days=params.interest_free_days)


def ftp_interest_start(
    inputs: BalanceInputs, rates: RateTable, params: PenaltyParameters
) -> tuple[date | None, str]:
    """(date interest on the failure-to-pay penalty starts, or None; why), IRC 6601(e)(2)(A).

    Interest on the penalty runs from the notice date only when the penalty billed on the
    notice is not paid within the window. Payments go to tax, then penalties, so the billed
    penalty counts as paid once payments after the notice cover the tax, the failure-to-file
    and the failure-to-pay penalties outstanding on the notice date. A projection dated inside
    the window assumes payment that day, so it carries no interest on the penalty either.
    """
    notice = inputs.notice_date
    if notice is None or notice < inputs.due_date:
        return None, ""
    if notice >= inputs.as_of:
        return notice, ""
    billed = _simulate(replace(inputs, as_of=max(notice, inputs.due_date)), rates, params, ())
    if billed.failure_to_pay_penalty <= 0:
        return notice, ""
    end = demand_window_end(notice, billed.total, params)
    window = "10 business days" if billed.total >= params.interest_free_large_amount else "21 days"
    needed = billed.unpaid_tax + billed.failure_to_file_penalty + billed.failure_to_pay_penalty
    paid = ZERO
    for when, amount in sorted(inputs.payments):
        if notice < when <= min(end, inputs.as_of):
            paid += amount
            if paid >= needed:
                penalty = billed.failure_to_pay_penalty
                return None, (
                    f"the failure-to-pay penalty billed on the notice ({penalty})"
                    f" was paid on {when.isoformat()}, within {window} of the notice: no interest "
                    "on it (IRC 6601(e)(2)(A))"
                )
    if inputs.as_of <= end:
        return None, (
            f"paid on {inputs.as_of.isoformat()}, within {window} of the notice (by "
            f"{end.isoformat()}): no interest on the failure-to-pay penalty (IRC 6601(e)(2)(A))"
        )
    return notice, (
        f"the failure-to-pay penalty billed on the notice ({billed.failure_to_pay_penalty}) was "
        f"not paid by {end.isoformat()} ({window}): interest on it runs from the notice date"
    )


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
    ftp_from, why = ftp_interest_start(inputs, table, params)
    projection = _simulate(inputs, table, params, free, ftp_from)
    projection.interest_free_until = window[1] if window is not None else None
    if why:
        projection.notes.append(why)
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
    as paid on the due date). Contradictory dates raise `ValueError` (the command exits 2);
    what the projection assumed for a missing input is listed in `notes`.
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
    check_dates(inputs)
    result = balance_at(inputs, rates=rates, params=params).to_dict()
    result["notes"] = assumptions(inputs, result) + result["notes"]
    return result


def check_dates(inputs: BalanceInputs) -> None:
    """Dates that contradict each other: one clear `ValueError` naming both."""
    due = inputs.due_date.isoformat()
    if inputs.as_of < inputs.due_date:
        raise ValueError(
            f"the as-of date {inputs.as_of.isoformat()} is before the due date {due}: "
            "nothing is owed yet (use an as-of date on or after the due date)"
        )
    for label, day in (
        ("installment agreement date", inputs.installment_from),
        ("notice date", inputs.notice_date),
        ("levy notice date", inputs.levy_notice_date),
    ):
        if day is not None and day < inputs.due_date:
            raise ValueError(
                f"the {label} {day.isoformat()} is before the due date {due}: the IRS cannot "
                "bill or agree to pay a balance before it is due"
            )


def assumptions(inputs: BalanceInputs, result: dict) -> list[str]:
    """What the projection took for granted, said out loud (never only the tax, silently)."""
    notes = []
    if inputs.as_of == inputs.due_date:
        notes.append("as of the due date itself: no penalty or interest has accrued yet")
    if inputs.filed_date is None:
        notes.append(
            "no filing date given: the return is taken as filed on time, so no "
            "failure-to-file penalty is charged"
        )
    if inputs.notice_date is None and Decimal(result["failure_to_pay_penalty"]) > 0:
        notes.append(
            "no notice date given: interest on the failure-to-pay penalty starts only at "
            "notice and demand (IRC 6601(e)(2)(A)), so none is charged on it"
        )
    later = [d for d, _ in inputs.payments if d > inputs.as_of]
    if later:
        notes.append(
            f"{len(later)} payment(s) dated after the as-of date are not counted "
            f"(first {min(later).isoformat()})"
        )
    return notes
