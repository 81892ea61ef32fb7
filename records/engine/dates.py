"""Calendar helpers shared by the penalty and interest rules.

Penalty months are "calendar-anniversary" months (Treas. Reg. 301.6651-1(b)): a month ends on
the day of the following month with the same number as the starting date, so month arithmetic
must clamp at month ends (Jan 31 + 1 month = Feb 28/29) instead of adding 30 days.
"""

from __future__ import annotations

import calendar
from datetime import date

# The one business-day calendar (IRC 7503, DC legal holidays); re-exported for the engine.
from common.businessdays import add_business_days

__all__ = ["add_business_days", "add_months", "days_in_year", "months_or_part"]


def add_months(start: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to the last day of a shorter month."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def days_in_year(year: int) -> int:
    """366 in leap years: the engine's documented day-count choice for daily compounding."""
    return 366 if calendar.isleap(year) else 365


def months_or_part(start: date, end: date) -> int:
    """Count of months "or fraction thereof" from `start` (exclusive) to `end` (inclusive).

    A failure ending on the monthly anniversary of `start` has lasted exactly that many months;
    one more day starts another (full) month.
    """
    if end <= start:
        return 0
    count = 0
    while add_months(start, count) < end:
        count += 1
    return count
