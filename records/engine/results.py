"""The inputs and results of a projection, serialisable to the JSON contract.

Kept apart from the walk itself so callers (reconciliation, the Django command, storage of a
result with its inputs) can import the shapes without the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from records.engine.penalties import FailureToFile, PenaltyMonth, cents

# Beyond any individual balance; also keeps every figure inside Decimal's 28 digits.
MAX_AMOUNT = Decimal("1000000000000")


def money(amount: Decimal) -> str:
    """Two-place decimal string, the JSON contract for every amount."""
    return str(cents(amount))


@dataclass(frozen=True)
class BalanceInputs:
    """Everything a projection depends on; hashable so results can be cached and compared."""

    tax: Decimal
    due_date: date
    as_of: date
    filed_date: date | None = None
    extended_due_date: date | None = None
    payments: tuple[tuple[date, Decimal], ...] = ()
    notice_date: date | None = None
    installment_from: date | None = None
    levy_notice_date: date | None = None

    def __post_init__(self) -> None:
        if self.tax < 0:
            raise ValueError("tax cannot be negative")
        if not self.tax.is_finite() or self.tax > MAX_AMOUNT:
            raise ValueError(f"tax {self.tax} is beyond $1 trillion, the most the engine takes")
        if self.extended_due_date is not None and self.extended_due_date < self.due_date:
            raise ValueError("the extended due date cannot be before the original due date")
        for _, amount in self.payments:
            if amount <= 0:
                raise ValueError("payment amounts must be positive")
            if not amount.is_finite() or amount > MAX_AMOUNT:
                raise ValueError(
                    f"payment {amount} is beyond $1 trillion, the most the engine takes"
                )

    @property
    def file_deadline(self) -> date:
        return self.extended_due_date or self.due_date


@dataclass
class ScheduleRow:
    """Interest for [start, end) at `rate`, then what happened on `end`, then the balances."""

    start: date
    end: date
    rate: Decimal | None
    event: str
    interest_accrued: Decimal
    penalty_accrued: Decimal
    payment_applied: Decimal
    unpaid_tax: Decimal
    failure_to_file_penalty: Decimal
    failure_to_pay_penalty: Decimal
    interest: Decimal
    credit: Decimal

    @property
    def total(self) -> Decimal:
        owed = self.unpaid_tax + self.failure_to_file_penalty
        return owed + self.failure_to_pay_penalty + self.interest

    def to_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": (self.end - self.start).days,
            "rate": None if self.rate is None else str(self.rate),
            "event": self.event,
            "interest_accrued": money(self.interest_accrued),
            "penalty_accrued": money(self.penalty_accrued),
            "payment_applied": money(self.payment_applied),
            "unpaid_tax": money(self.unpaid_tax),
            "failure_to_file_penalty": money(self.failure_to_file_penalty),
            "failure_to_pay_penalty": money(self.failure_to_pay_penalty),
            "interest": money(self.interest),
            "total": money(self.total),
        }


@dataclass
class Projection:
    """The balance on `as_of` if it were paid that day, with the working."""

    as_of: date
    unpaid_tax: Decimal
    failure_to_file_penalty: Decimal
    failure_to_pay_penalty: Decimal
    interest: Decimal
    credit: Decimal
    rows: list[ScheduleRow]
    ftp_months: list[PenaltyMonth]
    ftf: FailureToFile | None
    interest_free_until: date | None = None
    estimate_reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        owed = self.unpaid_tax + self.failure_to_file_penalty
        return owed + self.failure_to_pay_penalty + self.interest

    @property
    def estimated(self) -> bool:
        return bool(self.estimate_reasons)

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "unpaid_tax": money(self.unpaid_tax),
            "failure_to_file_penalty": money(self.failure_to_file_penalty),
            "failure_to_pay_penalty": money(self.failure_to_pay_penalty),
            "interest": money(self.interest),
            "total": money(self.total),
            "schedule": [row.to_dict() for row in self.rows],
            "credit": money(self.credit),
            "estimated": self.estimated,
            "estimate_reasons": list(self.estimate_reasons),
            "notes": list(self.notes),
        }
