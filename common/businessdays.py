"""THE business-day calendar of the project (pure Python, no Django).

IRC 7503: when the last day for an act falls on a Saturday, a Sunday or a *legal holiday*, the
act is timely on the next day that is none of these; "legal holiday" means a legal holiday in
the District of Columbia. DC's list (D.C. Code 1-612.02) is the federal list (5 U.S.C. 6103)
plus DC Emancipation Day (April 16) and Inauguration Day (January 20 after a presidential
election), each with the observed-day rule: a holiday on a Saturday is observed the Friday
before, on a Sunday the Monday after. So a New Year's Day on a Saturday is observed on December
31 of the previous year, and an Emancipation Day on a Sunday makes Monday, April 17 a holiday
(which is why the 2023 filing deadline was April 18).

The dates come from the maintained `holidays` package (`holidays.US(subdiv="DC")`), wrapped
here so no caller depends on it. Ad-hoc closures (an executive order closing federal offices on
December 24, a national day of mourning) are in no statute; callers pass them as `extra`.

Business days, the 10-business-day window of IRC 6601(e)(2)(A) and (e)(3), and the IRC 7503
roll all use this one calendar. API (stable; `cases.holidays` re-exports it):

    legal_holidays(year)      -> {date: name}  DC legal holidays observed in `year`
    federal_holidays(year)    -> {date: name}  federal holidays observed in `year`
    is_legal_holiday(day), is_federal_holiday(day)
    is_business_day(day, extra=())
    next_business_day(day, extra=())      day itself if a business day, else the next (7503)
    previous_business_day(day, extra=())
    add_business_days(start, count, extra=())   the count-th business day after start
    business_days_between(start, end, extra=())  business days in (start, end]
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

import holidays as _holidays_package

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

_OBSERVED = " (observed)"


def _observed_in(calendar, year: int) -> dict[date, str]:
    """Weekday dates on which a holiday is observed, for `year` (names without '(observed)').

    A holiday whose nominal date is a weekend is observed on a weekday the package lists with
    an "(observed)" name; the weekend date itself is never a business day anyway. Several
    holidays on one day (Inauguration Day and MLK Day, 2025-01-20) keep the package's joined name.
    """
    result: dict[date, str] = {}
    for day, name in calendar.items():
        if day.year == year and day.weekday() < 5:
            result[day] = "; ".join(part.replace(_OBSERVED, "") for part in name.split("; "))
    return dict(sorted(result.items()))


@lru_cache(maxsize=256)
def _legal(year: int) -> dict[date, str]:
    # Ask for the next year too: Jan 1 on a Saturday is observed on Dec 31 of `year`.
    calendar = _holidays_package.US(subdiv="DC", years=(year, year + 1), observed=True)
    return _observed_in(calendar, year)


@lru_cache(maxsize=256)
def _federal(year: int) -> dict[date, str]:
    calendar = _holidays_package.US(years=(year, year + 1), observed=True)
    return _observed_in(calendar, year)


def legal_holidays(year: int) -> dict[date, str]:
    """DC legal holidays (IRC 7503) observed on a weekday in calendar `year`."""
    return dict(_legal(year))


def federal_holidays(year: int) -> dict[date, str]:
    """Federal holidays (5 U.S.C. 6103) observed on a weekday in calendar `year`."""
    return dict(_federal(year))


def is_legal_holiday(day: date) -> bool:
    return day in _legal(day.year)


def is_federal_holiday(day: date) -> bool:
    return day in _federal(day.year)


def is_business_day(day: date, *, extra: Collection[date] = ()) -> bool:
    """Monday to Friday, not a DC legal holiday (IRC 7503), not in `extra`."""
    return day.weekday() < 5 and day not in _legal(day.year) and day not in extra


def next_business_day(day: date, *, extra: Collection[date] = ()) -> date:
    """`day` itself if it is a business day, else the next one (the IRC 7503 roll)."""
    while not is_business_day(day, extra=extra):
        day += timedelta(days=1)
    return day


def previous_business_day(day: date, *, extra: Collection[date] = ()) -> date:
    """`day` itself if it is a business day, else the one before (for firm targets)."""
    while not is_business_day(day, extra=extra):
        day -= timedelta(days=1)
    return day


def add_business_days(start: date, count: int, *, extra: Collection[date] = ()) -> date:
    """The `count`-th business day after `start` (`start` itself is not counted).

    `count` may be negative to count backwards; zero returns `start` unchanged.
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
    """Business days in (start, end]; negative when `end` is before `start`."""
    if end < start:
        return -business_days_between(end, start, extra=extra)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, extra=extra):
            count += 1
    return count
