"""Penalty parameters as data.

Dollar floors are inflation-adjusted every year by Revenue Procedure and the percentages are
statute (IRC 6651); both are kept in one frozen object so the practice can substitute a
database-backed copy without touching the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

FTF_FLOOR_SOURCE = "IRS failure-to-file penalty page and Rev. Procs. (DOMAIN.md section 5)"


@dataclass(frozen=True)
class MinimumPenalty:
    """The 60-day minimum failure-to-file amount for returns required to be filed in `year`."""

    year: int
    amount: Decimal
    source: str = FTF_FLOOR_SOURCE
    confirmed: bool = True


def _floors() -> MappingProxyType:
    """By the year the return was due without extensions (IRS failure-to-file penalty page)."""
    by_year = {year: "135" for year in range(2009, 2016)}
    by_year |= {2016: "205", 2017: "205", 2018: "210", 2019: "210"}
    by_year |= {2020: "435", 2021: "435", 2022: "435"}
    by_year |= {2023: "450", 2024: "485", 2025: "510", 2026: "525"}
    return MappingProxyType(
        {year: MinimumPenalty(year, Decimal(amount)) for year, amount in by_year.items()}
    )


@dataclass(frozen=True)
class PenaltyParameters:
    """IRC 6651 / 6601(e)(3) figures. Replace the whole object to change any of them."""

    ftf_rate_per_month: Decimal = Decimal("0.05")  # 6651(a)(1)
    ftf_cap: Decimal = Decimal("0.25")  # 6651(a)(1)
    ftf_minimum_after_days: int = 60  # 6651(a) flush language
    ftf_minimum: MappingProxyType = field(default_factory=_floors)
    ftp_rate_per_month: Decimal = Decimal("0.005")  # 6651(a)(2)
    ftp_installment_rate: Decimal = Decimal("0.0025")  # 6651(h), timely filed returns
    ftp_levy_rate: Decimal = Decimal("0.01")  # 6651(d)
    ftp_levy_delay_days: int = 10  # 6651(d)(2)(A)
    ftp_cap: Decimal = Decimal("0.25")  # 6651(a)(2)
    interest_free_days: int = 21  # 6601(e)(3), calendar days
    interest_free_business_days: int = 10  # 6601(e)(3), when the amount is >= threshold
    interest_free_large_amount: Decimal = Decimal("100000")

    def minimum_ftf(self, year: int) -> tuple[Decimal, bool]:
        """(floor, estimated). Years outside the table use the nearest known year, flagged."""
        floors = self.ftf_minimum
        if year in floors:
            row = floors[year]
            return row.amount, not row.confirmed
        nearest = min(floors, key=lambda known: abs(known - year))
        return floors[nearest].amount, True


DEFAULT_PARAMETERS = PenaltyParameters()
