"""Daily-compounded underpayment interest (IRC 6601, 6621, 6622).

Day count: each day accrues at (annual rate / days in that calendar year), 366 in leap years,
and interest for a stretch of `n` days at one rate is `principal * ((1 + r/Y)**n - 1)`.
The IRS does not publish its exact day-count and rounding, so results are "estimated" within
cents. Days are counted half-open: a balance owed from the due date and paid the next day
bears one day of interest, at the rate in effect on the due date.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, localcontext

from records.engine.dates import days_in_year
from records.engine.rates import RateTable

ONE = Decimal("1")


def growth_factor(annual_rate: Decimal, days: int, year: int) -> Decimal:
    """(1 + r/Y)**days for a stretch inside one calendar year at one rate."""
    if days <= 0 or annual_rate == 0:
        return ONE
    with localcontext() as ctx:
        ctx.prec = 34
        return (ONE + annual_rate / days_in_year(year)) ** days


def segments(
    start: date, end: date, rates: RateTable, free: Sequence[tuple[date, date]] = ()
) -> list[tuple[date, date, Decimal, bool]]:
    """Split [start, end) into (from, to, rate, estimated) stretches of one rate and one year.

    `free` are [from, to) stretches where interest is not imposed (IRC 6601(e)(3)).
    """
    if end <= start:
        return []
    cuts = set(rates.boundaries(start, end))
    for year in range(start.year + 1, end.year + 1):
        cuts.add(date(year, 1, 1))
    for free_from, free_to in free:
        for cut in (free_from, free_to):
            if start < cut < end:
                cuts.add(cut)
    points = [start, *sorted(c for c in cuts if start < c < end), end]
    result = []
    for left, right in itertools.pairwise(points):
        rate, estimated = rates.lookup(left)
        if any(f <= left and right <= t for f, t in free):
            rate, estimated = Decimal("0"), False
        result.append((left, right, rate, estimated))
    return result


def compound(
    principal: Decimal,
    start: date,
    end: date,
    rates: RateTable,
    free: Sequence[tuple[date, date]] = (),
) -> tuple[Decimal, bool]:
    """(interest, estimated) on a fixed principal from `start` to `end`, compounded daily."""
    factor = ONE
    estimated = False
    for left, right, rate, est in segments(start, end, rates, free):
        factor *= growth_factor(rate, (right - left).days, left.year)
        estimated = estimated or est
    return principal * (factor - ONE), estimated
