"""Federal holidays and the pay-by rule (21 days, or 10 business days at $100,000+)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import notice_corpus
import pytest

from notices.reading.businessdays import (
    add_business_days,
    expected_pay_by,
    federal_holidays,
    is_business_day,
)


@pytest.mark.parametrize("year", range(2018, 2026))
def test_holidays_match_the_independently_typed_opm_table(year):
    table = {d for d in notice_corpus.HOLIDAYS if d.year == year}
    assert federal_holidays(year) == table


def test_observed_days_shift_off_weekends():
    assert date(2021, 6, 18) in federal_holidays(2021)  # Juneteenth on a Saturday
    assert date(2021, 7, 5) in federal_holidays(2021)  # July 4 on a Sunday
    assert date(2021, 12, 31) in federal_holidays(2021)  # Jan 1, 2022 on a Saturday
    assert date(2020, 6, 19) not in federal_holidays(2020)  # Juneteenth starts in 2021


def test_business_days_skip_weekends_and_holidays():
    assert not is_business_day(date(2024, 11, 28))  # Thanksgiving
    assert not is_business_day(date(2024, 11, 30))  # Saturday
    # Mon Nov 25, 2024 + 10 business days: skips Thanksgiving and two weekends.
    assert add_business_days(date(2024, 11, 25), 10) == date(2024, 12, 10)
    # Fri Dec 20, 2024: Christmas and New Year's Day fall inside.
    assert add_business_days(date(2024, 12, 20), 10) == date(2025, 1, 7)


def test_pay_by_is_21_days_below_100000_and_10_business_days_at_it():
    nd = date(2018, 1, 30)
    assert expected_pay_by(nd, Decimal("1075.21")) == date(2018, 2, 20)
    assert expected_pay_by(nd, Decimal("99999.99")) == date(2018, 2, 20)
    assert expected_pay_by(nd, Decimal("100000.00")) == date(2018, 2, 13)
    # Feb 19, 2018 (Washington's Birthday) does not count.
    assert expected_pay_by(date(2018, 2, 9), Decimal("250000.00")) == date(2018, 2, 26)
