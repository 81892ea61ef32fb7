"""Federal holidays with observed dates, and business-day arithmetic."""

from datetime import date

import pytest

from cases.holidays import (
    add_business_days,
    business_days_between,
    federal_holidays,
    is_business_day,
    is_federal_holiday,
    next_business_day,
    previous_business_day,
)


def test_2024_has_the_eleven_federal_holidays_on_their_observed_dates():
    assert list(federal_holidays(2024)) == [
        date(2024, 1, 1),
        date(2024, 1, 15),
        date(2024, 2, 19),
        date(2024, 5, 27),
        date(2024, 6, 19),
        date(2024, 7, 4),
        date(2024, 9, 2),
        date(2024, 10, 14),
        date(2024, 11, 11),
        date(2024, 11, 28),
        date(2024, 12, 25),
    ]


@pytest.mark.parametrize(
    ("observed", "name"),
    [
        (date(2021, 6, 18), "Juneteenth"),  # first year; June 19, 2021 was a Saturday
        (date(2021, 7, 5), "Independence Day"),  # Sunday -> Monday
        (date(2021, 12, 24), "Christmas Day"),  # Saturday -> Friday
        (date(2021, 12, 31), "New Year's Day"),  # Jan 1, 2022 Saturday -> Dec 31, 2021
        (date(2022, 6, 20), "Juneteenth"),  # Sunday -> Monday
        (date(2022, 12, 26), "Christmas Day"),
        (date(2023, 1, 2), "New Year's Day"),
        (date(2023, 11, 10), "Veterans Day"),  # Saturday -> Friday
        (date(2026, 7, 3), "Independence Day"),  # Saturday -> Friday
        (date(2027, 12, 24), "Christmas Day"),
        (date(2027, 12, 31), "New Year's Day"),  # Jan 1, 2028 is a Saturday
    ],
)
def test_observed_dates_follow_the_weekend_rule(observed, name):
    assert name in federal_holidays(observed.year)[observed]


def test_juneteenth_is_not_a_holiday_before_2021():
    assert date(2020, 6, 19) not in federal_holidays(2020)
    assert all("Juneteenth" not in n for n in federal_holidays(2020).values())


def test_new_years_day_on_saturday_is_not_doubled_in_the_new_year():
    assert date(2022, 1, 1) not in federal_holidays(2022)
    assert len(federal_holidays(2022)) == 10  # its New Year's Day fell in 2021; 2023's on Jan 2
    assert len(federal_holidays(2021)) == 12  # 2021 carries 2022's New Year's Day


@pytest.mark.parametrize(
    "thanksgiving",
    [date(2020, 11, 26), date(2023, 11, 23), date(2025, 11, 27), date(2026, 11, 26)],
)
def test_thanksgiving_is_the_fourth_thursday(thanksgiving):
    assert is_federal_holiday(thanksgiving)
    assert not is_federal_holiday(thanksgiving.replace(day=thanksgiving.day + 1))


def test_memorial_day_is_the_last_monday_of_may():
    assert is_federal_holiday(date(2021, 5, 31))
    assert is_federal_holiday(date(2025, 5, 26))


def test_business_days_skip_weekends_and_holidays():
    assert not is_business_day(date(2025, 11, 29))  # Saturday
    assert not is_business_day(date(2025, 11, 27))  # Thanksgiving
    assert is_business_day(date(2025, 11, 28))  # the day after is a working day
    assert not is_business_day(date(2025, 11, 28), extra={date(2025, 11, 28)})


def test_add_business_days_across_christmas_and_new_year():
    # Thu Dec 18, 2025 + 10: Dec 19, 22, 23, 24, 26, 29, 30, 31, Jan 2, Jan 5.
    assert add_business_days(date(2025, 12, 18), 10) == date(2026, 1, 5)
    assert add_business_days(date(2026, 1, 5), -10) == date(2025, 12, 18)
    assert add_business_days(date(2025, 12, 18), 0) == date(2025, 12, 18)


def test_business_days_between_counts_the_end_not_the_start():
    assert business_days_between(date(2025, 12, 18), date(2026, 1, 5)) == 10
    assert business_days_between(date(2026, 1, 5), date(2025, 12, 18)) == -10
    assert business_days_between(date(2025, 12, 18), date(2025, 12, 18)) == 0


def test_rolling_to_the_next_and_previous_business_day():
    assert next_business_day(date(2025, 12, 25)) == date(2025, 12, 26)
    assert next_business_day(date(2026, 1, 17)) == date(2026, 1, 20)  # Sat, Sun, MLK Day
    assert previous_business_day(date(2026, 1, 19)) == date(2026, 1, 16)
    assert next_business_day(date(2026, 1, 21)) == date(2026, 1, 21)
