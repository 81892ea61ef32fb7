"""Thresholds and fees behind the recommendation, as data (DOMAIN.md sections 5 and 6).

Payment-plan limits and fees change by IRS announcement; the fee schedule is unconfirmed, so
it is carried with that flag and never stated to a client as fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Fee:
    channel: str
    amount: Decimal | None
    confirmed: bool = False
    note: str = ""


def _fees() -> tuple[Fee, ...]:
    return (
        Fee("short-term plan (up to 180 days)", Decimal("0"), False, "DOMAIN.md 6: no fee"),
        Fee("long-term agreement online, direct debit", None, False, "fee schedule unconfirmed"),
        Fee("long-term agreement online, other", None, False, "fee schedule unconfirmed"),
        Fee("long-term agreement by phone/mail/in person", None, False, "unconfirmed"),
        Fee("offer in compromise application", Decimal("205"), False, "low-income waiver"),
    )


@dataclass(frozen=True)
class Thresholds:
    posting_lag_days: int = 14  # "payments made within two weeks of this date may not be included"
    short_term_plan_days: int = 180
    short_term_plan_limit: Decimal = Decimal("100000")  # balance under
    online_agreement_limit: Decimal = Decimal("50000")  # balance up to, all returns filed
    penalty_tolerance: Decimal = Decimal("1.00")
    interest_tolerance: Decimal = Decimal("1.00")
    interest_tolerance_ratio: Decimal = Decimal("0.02")  # rates/day count are estimates
    amount_tolerance: Decimal = Decimal("0.50")
    first_time_abate_lookback_years: int = 3
    relief_2024_7_tax_years: tuple[int, ...] = (2020, 2021)
    relief_2024_7_limit: Decimal = Decimal("100000")
    relief_2024_7_first_notice_from: date = date(2022, 2, 5)
    relief_2024_7_first_notice_to: date = date(2023, 12, 7)
    subset_search_limit: int = 16
    fees: tuple[Fee, ...] = field(default_factory=_fees)


DEFAULT_THRESHOLDS = Thresholds()
