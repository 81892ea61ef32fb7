"""Calendar arithmetic for the harbor family: federal holidays, business days, date printing.

Written for this generator alone (the corpus must not borrow the reader's calendar).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
# Abbreviations as people print them: AP style keeps "Sept." and writes May/June/July in full.
MONTH_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
            "Nov.", "Dec."]
MONTH_3 = [m[:3] for m in MONTHS]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    shift = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=shift + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[dt.date]:
    """Observed US federal holidays falling in `year` (5 U.S.C. 6103)."""
    days = set()
    for y in (year, year + 1):  # Jan 1 on a Saturday is observed on Dec 31 of the year before
        days.add(_observed(dt.date(y, 1, 1)))
    days.add(_nth_weekday(year, 1, 0, 3))  # Martin Luther King Jr. Day
    days.add(_nth_weekday(year, 2, 0, 3))  # Washington's Birthday
    days.add(_last_weekday(year, 5, 0))  # Memorial Day
    if year >= 2021:
        days.add(_observed(dt.date(year, 6, 19)))  # Juneteenth
    days.add(_observed(dt.date(year, 7, 4)))
    days.add(_nth_weekday(year, 9, 0, 1))  # Labor Day
    days.add(_nth_weekday(year, 10, 0, 2))  # Columbus Day
    days.add(_observed(dt.date(year, 11, 11)))
    days.add(_nth_weekday(year, 11, 3, 4))  # Thanksgiving
    days.add(_observed(dt.date(year, 12, 25)))
    return frozenset(d for d in days if d.year == year)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(day: dt.date, count: int) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def near_dc_emancipation_day(start: dt.date, end: dt.date) -> bool:
    """True when [start, end] touches April 15-17 (DC Emancipation Day and its observed days).

    IRC 7503 counts DC legal holidays too; the brief counts federal holidays only. Windows
    that could differ under the two readings are avoided so the golden is unambiguous.
    """
    for year in {start.year, end.year}:
        if start <= dt.date(year, 4, 17) and end >= dt.date(year, 4, 15):
            return True
    return False


def fmt_date(day: dt.date, style: str) -> str:
    m = day.month - 1
    match style:
        case "long":
            return f"{MONTHS[m]} {day.day}, {day.year}"
        case "long_upper":
            return f"{MONTHS[m].upper()} {day.day}, {day.year}"
        case "ap":  # Sept. 24, 2021 / March 3, 2025
            return f"{MONTH_AP[m]} {day.day}, {day.year}"
        case "abbr":  # Nov. 3, 2025 (every month abbreviated, May stays May)
            name = MONTH_3[m] + ("." if MONTHS[m] != "May" else "")
            if MONTHS[m] == "September":
                name = "Sept."
            return f"{name} {day.day}, {day.year}"
        case "abbr_nodot":  # Nov 3, 2025
            return f"{MONTH_3[m]} {day.day}, {day.year}"
        case "numeric":
            return f"{day.month:02d}/{day.day:02d}/{day.year}"
        case "numeric_short":
            return f"{day.month}/{day.day}/{day.year}"
        case "dmy_upper":  # 17-NOV-2026
            return f"{day.day:02d}-{MONTH_3[m].upper()}-{day.year}"
        case "iso":
            return day.isoformat()
    raise ValueError(style)
