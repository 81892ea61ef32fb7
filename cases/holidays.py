"""Holidays and business-day arithmetic for deadlines: the project's one calendar.

Kept as the import path the deadline engine (and the reader's pay-by rule) already use; the
rules themselves live in `common.businessdays` (IRC 7503: weekends and DC legal holidays,
Emancipation Day included, with the observed-day shift).
"""

from common.businessdays import (
    add_business_days,
    business_days_between,
    federal_holidays,
    is_business_day,
    is_federal_holiday,
    is_legal_holiday,
    legal_holidays,
    next_business_day,
    previous_business_day,
)

__all__ = [
    "add_business_days",
    "business_days_between",
    "federal_holidays",
    "is_business_day",
    "is_federal_holiday",
    "is_legal_holiday",
    "legal_holidays",
    "next_business_day",
    "previous_business_day",
]
