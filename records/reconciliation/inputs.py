"""What reconciliation reads: the notice as extracted and the practice's own records.

Plain frozen dataclasses so the Django layer can build them from model rows and the result can
be stored with a fingerprint of exactly these inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

ZERO = Decimal("0")

BILLING_KEYS = (
    "tax",
    "payments_credits",
    "failure_to_file_penalty",
    "failure_to_pay_penalty",
    "estimated_tax_penalty",
    "penalties_total",
    "interest",
)


class PaymentMethod(StrEnum):
    DIRECT_PAY = "direct_pay"
    EFTPS = "eftps"
    CARD = "card"
    CHECK = "check"
    WITH_RETURN = "with_return"
    REFUND_OFFSET = "refund_offset"


class SsnOwner(StrEnum):
    PRIMARY = "primary"
    SPOUSE = "spouse"


class AbilityToPay(StrEnum):
    """What the client says they can manage; drives pay now vs a plan."""

    IN_FULL = "in_full"
    WITHIN_180_DAYS = "within_180_days"
    OVER_TIME = "over_time"


@dataclass(frozen=True)
class Notice:
    """A notice as read. `billing_summary` uses BILLING_KEYS; payments_credits is negative."""

    notice_type: str
    notice_date: date
    pay_by_date: date | None
    tax_year: int
    tax_form: str
    amount_due: Decimal
    billing_summary: Mapping[str, Decimal | None] = field(default_factory=dict)

    def line(self, key: str) -> Decimal:
        value = self.billing_summary.get(key)
        return ZERO if value is None else Decimal(value)

    @property
    def is_proposal(self) -> bool:
        return self.notice_type.upper().replace(" ", "").startswith("CP2000")


@dataclass(frozen=True)
class TaxReturn:
    """The return as filed; withholding, estimates and refundable credits count as paid on the
    original due date (IRC 6513), so they are not dated payments."""

    form: str
    filing_status: str
    joint: bool
    original_due_date: date
    extended_due_date: date | None
    date_filed: date | None
    total_tax: Decimal
    withholding: Decimal = ZERO
    estimated_payments: Decimal = ZERO
    refundable_credits: Decimal = ZERO
    amount_paid_with_return: Decimal = ZERO

    @property
    def credits_at_due_date(self) -> Decimal:
        return self.withholding + self.estimated_payments + self.refundable_credits


@dataclass(frozen=True)
class Payment:
    """A payment the household says it made toward this tax year (verified or not)."""

    date: date
    amount: Decimal
    method: PaymentMethod
    confirmation: str = ""
    ssn_owner: SsnOwner = SsnOwner.PRIMARY
    designated_tax_year: int | None = None
    designated_form: str | None = None
    verified: bool = False
    has_proof: bool = False

    def label(self) -> str:
        method = self.method.value.replace("_", " ")
        ref = f" (ref {self.confirmation})" if self.confirmation else ""
        return f"{self.amount:,.2f} on {self.date.isoformat()} by {method}{ref}"


@dataclass(frozen=True)
class InstallmentPeriod:
    start: date
    end: date | None = None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class LevyNotice:
    notice_date: date
    notice_type: str = "LT11"


@dataclass(frozen=True)
class Household:
    joint: bool
    all_returns_filed: bool
    prior_penalty_years: tuple[int, ...] = ()
    primary_ssn_last4: str = ""
    first_balance_notice_date: date | None = None
    ability_to_pay: AbilityToPay = AbilityToPay.IN_FULL


@dataclass(frozen=True)
class TranscriptEntry:
    code: str
    explanation: str
    cycle: str | None
    date: date | None
    amount: Decimal
    pending: bool = False


@dataclass(frozen=True)
class TranscriptModule:
    """One IRS account transcript: a form and tax period for one TIN (last four only)."""

    form: str
    tax_year: int
    tin_last4: str
    spouse_tin_last4: str = ""
    entries: tuple[TranscriptEntry, ...] = ()
    account_balance: Decimal | None = None
    accrued_interest: Decimal | None = None
    accrued_penalty: Decimal | None = None
    accruals_as_of: date | None = None
    response_date: date | None = None

    @property
    def tin(self) -> str:
        return f"XXX-XX-{self.tin_last4}" if self.tin_last4 else "an unshown TIN"


@dataclass(frozen=True)
class ReconciliationInputs:
    notice: Notice
    household: Household
    tax_return: TaxReturn | None = None
    payments: tuple[Payment, ...] = ()
    installments: tuple[InstallmentPeriod, ...] = ()
    levy_notices: tuple[LevyNotice, ...] = ()
    transcripts: tuple[TranscriptModule, ...] = ()

    def to_dict(self) -> dict:
        return plain(self)

    def fingerprint(self, *extra: Any) -> str:
        """sha256 of the canonical JSON of these inputs (plus rates/thresholds passed in)."""
        payload = json.dumps([plain(self), *map(plain, extra)], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


def plain(value: Any) -> Any:
    """JSON-ready copy: Decimal -> str, date -> ISO, dataclasses/mappings -> dicts."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value
