"""IRS underpayment interest rates, kept as data.

Rates change every quarter (IRC 6621(a)(2): federal short-term rate + 3 points) and are
published after the fact, so they are a table the practice can edit, never code. The seed below
is DOMAIN.md section 4; the lead stores it in a model and passes rows back in as `RatePeriod`s.
A date past the last known quarter (or inside an unconfirmed one) still gets a rate, the last
known one, and a date before the first row gets the first row's rate; either way the result is
flagged "estimated" with a reason naming the dates and the rate used (`RateTable.notes`), so
nobody mistakes a projection for a fact. The table runs from 2010-01-01.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from records.engine.dates import add_months

DOMAIN_SOURCE = "IRS quarterly interest rate releases / Federal Register (DOMAIN.md section 4)"


@dataclass(frozen=True)
class RatePeriod:
    """A rate in effect from `start` until the next period's start (annual rate, e.g. 0.07)."""

    start: date
    rate: Decimal
    source: str
    confirmed: bool = True


def _seed() -> list[RatePeriod]:
    percent_by_year = {
        # IRS Notice 746 and the quarterly releases (DOMAIN.md section 4).
        2010: (4, 4, 4, 4),
        2011: (3, 4, 4, 3),
        2012: (3, 3, 3, 3),
        2013: (3, 3, 3, 3),
        2014: (3, 3, 3, 3),
        2015: (3, 3, 3, 3),
        2016: (3, 4, 4, 4),
        2017: (4, 4, 4, 4),
        2018: (4, 5, 5, 5),
        2019: (6, 6, 5, 5),
        2020: (5, 5, 3, 3),
        2021: (3, 3, 3, 3),
        2022: (3, 4, 5, 6),
        2023: (7, 7, 7, 8),
        2024: (8, 8, 8, 8),
        2025: (7, 7, 7, 7),
    }
    periods = [
        RatePeriod(date(year, 1 + 3 * q, 1), Decimal(pct) / 100, DOMAIN_SOURCE, True)
        for year, quarters in percent_by_year.items()
        for q, pct in enumerate(quarters)
    ]
    periods.append(RatePeriod(date(2026, 1, 1), Decimal("0.07"), DOMAIN_SOURCE, True))
    periods.append(
        RatePeriod(date(2026, 4, 1), Decimal("0.06"), "DOMAIN.md section 4 (unconfirmed)", False)
    )
    return periods


DEFAULT_RATES: tuple[RatePeriod, ...] = tuple(_seed())


@dataclass(frozen=True)
class RateTable:
    """Sorted rate periods with the lookups the interest rule needs."""

    periods: tuple[RatePeriod, ...]

    @classmethod
    def from_periods(cls, periods: Iterable[RatePeriod] | None) -> RateTable:
        rows = tuple(sorted(periods if periods is not None else DEFAULT_RATES, key=_start))
        if not rows:
            raise ValueError("at least one interest rate period is required")
        return cls(rows)

    @property
    def known_until(self) -> date:
        """First day not covered by a published rate: the last period is assumed one quarter."""
        return add_months(self.periods[-1].start, 3)

    def lookup(self, day: date) -> tuple[Decimal, bool]:
        """(annual rate, estimated) for `day`."""
        chosen = None
        for period in self.periods:
            if period.start <= day:
                chosen = period
            else:
                break
        if chosen is None:
            return self.periods[0].rate, True
        estimated = (not chosen.confirmed) or day >= self.known_until
        return chosen.rate, estimated

    @property
    def known_from(self) -> date:
        return self.periods[0].start

    def notes(self, start: date, end: date) -> list[str]:
        """Why the rates used for [start, end) are estimates, one sentence per reason."""
        if end <= start:
            return []
        notes = []
        first = self.periods[0]
        if start < first.start:
            notes.append(
                f"no underpayment rate in the table before {first.start.isoformat()}: the "
                f"{first.start.isoformat()} rate ({first.rate:.2%}) was applied to "
                f"{start.isoformat()} .. {min(end, first.start).isoformat()} as an estimate"
            )
        for period, following in zip(self.periods, (*self.periods[1:], None), strict=True):
            until = following.start if following is not None else self.known_until
            if not period.confirmed and start < until and period.start < end:
                notes.append(
                    f"the rate from {period.start.isoformat()} ({period.rate:.2%}) is unconfirmed"
                )
        if end > self.known_until:
            last = self.periods[-1]
            notes.append(
                f"no published rate from {self.known_until.isoformat()}: the last known rate "
                f"({last.rate:.2%}) was applied as an estimate"
            )
        return notes

    def boundaries(self, start: date, end: date) -> list[date]:
        """Rate-change dates strictly inside (start, end], plus the extrapolation edge."""
        edges = {p.start for p in self.periods} | {self.known_until}
        return sorted(d for d in edges if start < d <= end)


def _start(period: RatePeriod) -> date:
    return period.start


def rate_table(rates: Sequence[RatePeriod] | RateTable | None) -> RateTable:
    """Accept the default seed, a list of periods (e.g. database rows) or a ready table."""
    if isinstance(rates, RateTable):
        return rates
    return RateTable.from_periods(rates)
