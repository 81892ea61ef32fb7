"""The one business-day calendar: IRC 7503 (weekends and DC legal holidays, observed dates).

Every expected date below is worked out by hand from a calendar and the statutes named.
"""

from datetime import date

import pytest

import cases.holidays
import records.engine.dates
from common import businessdays as bd


def test_callers_share_the_one_calendar():
    assert cases.holidays.add_business_days is bd.add_business_days
    assert cases.holidays.is_business_day is bd.is_business_day
    assert records.engine.dates.add_business_days is bd.add_business_days


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2025, 4, 16), "Emancipation Day, a Wednesday"),
        (date(2022, 4, 15), "Emancipation Day on Saturday Apr 16, observed Friday"),
        (date(2023, 4, 17), "Emancipation Day on Sunday Apr 16, observed Monday"),
        (date(2021, 1, 20), "Inauguration Day, a Wednesday"),
        (date(2024, 6, 19), "Juneteenth"),
        (date(2021, 12, 31), "New Year's Day 2022 (a Saturday) observed the Friday before"),
    ],
)
def test_dc_legal_holidays_are_not_business_days(day, why):
    assert bd.is_legal_holiday(day), why
    assert not bd.is_business_day(day), why


def test_emancipation_day_is_a_legal_not_a_federal_holiday():
    assert date(2025, 4, 16) in bd.legal_holidays(2025)
    assert date(2025, 4, 16) not in bd.federal_holidays(2025)
    assert "Emancipation" in bd.legal_holidays(2025)[date(2025, 4, 16)]


@pytest.mark.parametrize(
    ("last_day", "timely_on"),
    [
        # The filing deadlines the IRS announced, from April 15 rolled under IRC 7503:
        (date(2017, 4, 15), date(2017, 4, 18)),  # Sat; Sun; Mon Apr 17 Emancipation observed
        (date(2022, 4, 15), date(2022, 4, 18)),  # Fri Apr 15 is Emancipation Day observed
        (date(2023, 4, 15), date(2023, 4, 18)),  # Sat; Sun; Mon Apr 17 Emancipation observed
        (date(2024, 4, 15), date(2024, 4, 15)),  # a Monday, no holiday
    ],
)
def test_irc_7503_rolls_a_deadline_to_the_next_business_day(last_day, timely_on):
    assert bd.next_business_day(last_day) == timely_on


def test_ten_business_days_across_christmas_and_new_year():
    # The example. Fri 2024-12-20: Dec 23 (1), 24 (2), 26 (3), 27 (4), 30 (5),
    # 31 (6), Jan 2 (7), 3 (8), 6 (9), 7 (10). Weekdays only would give Jan 3.
    assert bd.add_business_days(date(2024, 12, 20), 10) == date(2025, 1, 7)
    assert bd.business_days_between(date(2024, 12, 20), date(2025, 1, 7)) == 10


def test_ten_business_days_across_emancipation_day():
    # Tue 2025-04-08: Apr 9, 10, 11, 14, 15, (16 Emancipation Day), 17, 18, 21, 22, 23.
    assert bd.add_business_days(date(2025, 4, 8), 10) == date(2025, 4, 23)


def test_ad_hoc_closures_are_passed_as_extra():
    christmas_eve = date(2024, 12, 24)
    assert bd.is_business_day(christmas_eve)
    assert not bd.is_business_day(christmas_eve, extra={christmas_eve})
    assert bd.add_business_days(date(2024, 12, 20), 10, extra={christmas_eve}) == date(2025, 1, 8)
    assert bd.previous_business_day(date(2024, 12, 25)) == date(2024, 12, 24)
