"""US federal holidays and business days, written for this corpus (no project import).

A payment date for a balance of $100,000 or more is the notice date plus 10 business days;
Saturdays, Sundays and federal holidays (with the observed-date rule: a Saturday holiday is
kept on the Friday before, a Sunday holiday on the Monday after) are not business days.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

DAY = dt.timedelta(days=1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - DAY
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == 5:
        return day - DAY
    if day.weekday() == 6:
        return day + DAY
    return day


@cache
def federal_holidays(year: int) -> frozenset[dt.date]:
    """The days federal offices close in `year` (observed dates)."""
    mon, thu = 0, 3
    fixed = [dt.date(year, 1, 1), dt.date(year, 7, 4), dt.date(year, 11, 11), dt.date(year, 12, 25)]
    if year >= 2021:
        fixed.append(dt.date(year, 6, 19))
    days = {_observed(d) for d in fixed}
    # New Year's Day of the next year, observed on Friday December 31 of this one.
    nxt = _observed(dt.date(year + 1, 1, 1))
    if nxt.year == year:
        days.add(nxt)
    days = {d for d in days if d.year == year}
    days |= {
        _nth_weekday(year, 1, mon, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, mon, 3),  # Washington's Birthday
        _last_weekday(year, 5, mon),  # Memorial Day
        _nth_weekday(year, 9, mon, 1),  # Labor Day
        _nth_weekday(year, 10, mon, 2),  # Columbus Day
        _nth_weekday(year, 11, thu, 4),  # Thanksgiving Day
    }
    return frozenset(days)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += DAY
        if is_business_day(day):
            n -= 1
    return day


def dc_only_closures(year: int) -> frozenset[dt.date]:
    """District of Columbia closures that are not federal holidays (Emancipation Day, and
    Inauguration Day every fourth year). The corpus keeps them out of the 10-business-day
    windows it prints, so the golden does not depend on which calendar a reader uses."""
    days = {_observed(dt.date(year, 4, 16))}
    if year % 4 == 1:
        days.add(_observed(dt.date(year, 1, 20)))
    return frozenset(days)


THRESHOLD_BUSINESS_DAYS = 100_000


def pay_by(notice_date: dt.date, amount_due) -> dt.date:
    """The payment date printed on a bill: 10 business days at $100,000 or more, else 21 days."""
    if amount_due >= THRESHOLD_BUSINESS_DAYS:
        return add_business_days(notice_date, 10)
    return notice_date + dt.timedelta(days=21)
