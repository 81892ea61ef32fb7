"""US federal holidays and business-day arithmetic.

Pure Python (no Django): the deadline engine needs business days for the
10-business-day rule on $100,000+ balances (IRC 6601(e)(3)) and for rolling a
deadline that falls on a weekend or holiday (IRC 7503).

Holidays follow 5 U.S.C. 6103(a) with the observed-date rule of 6103(b) and
Executive Order 11582: a holiday on a Saturday is observed the Friday before, on a
Sunday the Monday after. A New Year's Day on a Saturday is therefore observed on
December 31 of the *previous* year. Juneteenth exists from 2021 (observed Friday
June 18, 2021). Ad-hoc closures (an executive order closing offices on Christmas
Eve, national days of mourning) and DC-only days (Inauguration Day, DC
Emancipation Day) are not in the statutory list; callers that need them pass
``extra`` dates.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "add_business_days",
    "business_days_between",
    "federal_holidays",
    "is_business_day",
    "is_federal_holiday",
    "next_business_day",
    "previous_business_day",
]

_MON, _THU = 0, 3


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` of the month (n=1 first); n=-1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        return first + timedelta(days=offset + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """Saturday -> Friday before, Sunday -> Monday after (5 U.S.C. 6103(b))."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _actual_holidays(year: int) -> list[tuple[date, str]]:
    """Holidays on their nominal dates for ``year`` (before the observed rule)."""
    days: list[tuple[date, str]] = [
        (date(year, 1, 1), "New Year's Day"),
        (_nth_weekday(year, 2, _MON, 3), "Washington's Birthday"),
        (_nth_weekday(year, 5, _MON, -1), "Memorial Day"),
        (date(year, 7, 4), "Independence Day"),
        (_nth_weekday(year, 9, _MON, 1), "Labor Day"),
        (_nth_weekday(year, 10, _MON, 2), "Columbus Day"),
        (date(year, 11, 11), "Veterans Day"),
        (_nth_weekday(year, 11, _THU, 4), "Thanksgiving Day"),
        (date(year, 12, 25), "Christmas Day"),
    ]
    if year >= 1986:
        days.append((_nth_weekday(year, 1, _MON, 3), "Birthday of Martin Luther King, Jr."))
    if year >= 2021:
        days.append((date(year, 6, 19), "Juneteenth National Independence Day"))
    return days


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> dict[date, str]:
    """Observed federal holidays that fall within calendar ``year``.

    Includes December 31 when the next New Year's Day is a Saturday, and
    excludes January 1 of ``year`` when it was observed the previous December.
    Cached because dashboards ask for the same few years thousands of times.
    """
    result: dict[date, str] = {}
    for y in (year, year + 1):
        for day, name in _actual_holidays(y):
            observed = _observed(day)
            if observed.year == year:
                result[observed] = name
    return dict(sorted(result.items()))


def is_federal_holiday(day: date) -> bool:
    """True when ``day`` is an observed federal holiday."""
    return day in federal_holidays(day.year)


def is_business_day(day: date, *, extra: Collection[date] = ()) -> bool:
    """Monday to Friday, not an observed federal holiday, not in ``extra``."""
    return day.weekday() < 5 and not is_federal_holiday(day) and day not in extra


def next_business_day(day: date, *, extra: Collection[date] = ()) -> date:
    """``day`` itself if it is a business day, else the next one (IRC 7503 roll)."""
    while not is_business_day(day, extra=extra):
        day += timedelta(days=1)
    return day


def previous_business_day(day: date, *, extra: Collection[date] = ()) -> date:
    """``day`` itself if it is a business day, else the one before (for firm targets)."""
    while not is_business_day(day, extra=extra):
        day -= timedelta(days=1)
    return day


def add_business_days(start: date, count: int, *, extra: Collection[date] = ()) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself is not counted).

    ``count`` may be negative to count backwards; zero returns ``start`` unchanged.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day, extra=extra):
            remaining -= 1
    return day


def business_days_between(start: date, end: date, *, extra: Collection[date] = ()) -> int:
    """Business days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -business_days_between(end, start, extra=extra)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, extra=extra):
            count += 1
    return count
