"""Federal holidays and business-day arithmetic for the pay-by date rule.

IRC 6601(e)(3): a notice and demand for $100,000 or more must be paid within 10
business days (21 calendar days otherwise). Business days skip weekends and the
legal public holidays of 5 U.S.C. 6103, with the observed-day shift for weekends.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

LARGE_BALANCE = Decimal("100000.00")
CALENDAR_DAYS = 21
BUSINESS_DAYS = 10


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(d: date) -> date:
    if d.weekday() == 5:
        return d - timedelta(days=1)
    if d.weekday() == 6:
        return d + timedelta(days=1)
    return d


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> frozenset[date]:
    """Observed federal holidays falling in ``year`` (Juneteenth from 2021)."""
    days = set()
    for y in (year, year + 1):  # Jan 1 of next year may be observed on Dec 31
        fixed = [date(y, 1, 1), date(y, 7, 4), date(y, 11, 11), date(y, 12, 25)]
        if y >= 2021:
            fixed.append(date(y, 6, 19))
        days.update(_observed(d) for d in fixed)
        days.update(
            {
                _nth_weekday(y, 1, 0, 3),  # Martin Luther King Jr. Day
                _nth_weekday(y, 2, 0, 3),  # Washington's Birthday
                _last_weekday(y, 5, 0),  # Memorial Day
                _nth_weekday(y, 9, 0, 1),  # Labor Day
                _nth_weekday(y, 10, 0, 2),  # Columbus Day
                _nth_weekday(y, 11, 3, 4),  # Thanksgiving
            }
        )
    return frozenset(d for d in days if d.year == year)


def is_business_day(d: date) -> bool:
    return d.weekday() < 5 and d not in federal_holidays(d.year)


def add_business_days(start: date, n: int) -> date:
    """The n-th business day after ``start`` (``start`` itself never counts)."""
    d = start
    remaining = n
    while remaining > 0:
        d += timedelta(days=1)
        if is_business_day(d):
            remaining -= 1
    return d


def expected_pay_by(notice_date: date, amount_due: Decimal) -> date:
    """Pay-by date the law implies for a notice and demand of ``amount_due``."""
    if amount_due >= LARGE_BALANCE:
        return add_business_days(notice_date, BUSINESS_DAYS)
    return notice_date + timedelta(days=CALENDAR_DAYS)


def next_business_day(d: date) -> date:
    while not is_business_day(d):
        d += timedelta(days=1)
    return d
