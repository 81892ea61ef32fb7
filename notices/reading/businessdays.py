"""The pay-by date rule a notice is checked against.

IRC 6601(e)(3): a notice and demand for $100,000 or more must be paid within 10 business
days (21 calendar days otherwise). The holiday calendar and business-day arithmetic are
the project's one calendar, `common.businessdays` (IRC 7503: DC legal holidays).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from common.businessdays import add_business_days, is_business_day, next_business_day
from common.businessdays import federal_holidays as _named_holidays

LARGE_BALANCE = Decimal("100000.00")
CALENDAR_DAYS = 21
BUSINESS_DAYS = 10

__all__ = [
    "LARGE_BALANCE",
    "add_business_days",
    "expected_pay_by",
    "federal_holidays",
    "is_business_day",
    "next_business_day",
]


def federal_holidays(year: int) -> frozenset[date]:
    return frozenset(_named_holidays(year))


def expected_pay_by(notice_date: date, amount_due: Decimal) -> date:
    """Pay-by date the law implies for a notice and demand of ``amount_due``."""
    if amount_due >= LARGE_BALANCE:
        return add_business_days(notice_date, BUSINESS_DAYS)
    return notice_date + timedelta(days=CALENDAR_DAYS)
