"""IRS deadlines per notice type, the firm's target, next notice and urgency."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases.deadlines import (
    DEFAULT_RULES,
    Clock,
    DeadlineRule,
    FirmPolicy,
    Urgency,
    days_left,
    internal_target,
    irs_deadline,
    next_expected_notice,
    urgency,
)

NOTICE_DATE = date(2025, 3, 3)  # a Monday


def test_every_rule_cites_its_source():
    for rule in DEFAULT_RULES.values():
        assert rule.source and rule.action


@pytest.mark.parametrize("code", ["CP14", "CP501", "CP503", "CP14IA"])
def test_pay_notices_use_the_printed_date(code):
    d = irs_deadline(code, NOTICE_DATE, printed_due=date(2025, 3, 24), amount=Decimal("1075.21"))
    assert d.due == date(2025, 3, 24)
    assert d.clock is Clock.PAY and d.basis == "printed on the notice" and not d.estimate


@pytest.mark.parametrize("code", ["CP14", "CP501", "CP503"])
def test_pay_notices_fall_back_to_21_calendar_days(code):
    d = irs_deadline(code, NOTICE_DATE, amount=Decimal("99999.99"))
    assert d.due == NOTICE_DATE + timedelta(days=21)
    assert "21 calendar days" in d.basis


def test_100k_or_more_is_10_business_days_across_thanksgiving():
    # Thu Nov 20, 2025: Nov 21, 24, 25, 26, (27 Thanksgiving), 28, Dec 1, 2, 3, 4, 5.
    d = irs_deadline("CP14", date(2025, 11, 20), amount=Decimal("100000.00"))
    assert d.due == date(2025, 12, 5)
    assert "10 business days" in d.basis


def test_100k_business_days_across_christmas_and_new_year():
    d = irs_deadline("CP14", date(2025, 12, 18), amount=Decimal("250000"))
    assert d.due == date(2026, 1, 5)


def test_the_printed_date_wins_over_the_large_balance_rule():
    d = irs_deadline(
        "CP14", date(2025, 12, 18), printed_due=date(2026, 1, 2), amount=Decimal("250000")
    )
    assert d.due == date(2026, 1, 2)


def test_a_computed_date_on_a_weekend_rolls_forward_for_timeliness():
    d = irs_deadline("CP14", date(2025, 11, 6))  # + 21 = Thu Nov 27, Thanksgiving
    assert d.due == date(2025, 11, 27)
    assert d.last_timely_day == date(2025, 11, 28)


def test_cp504_is_about_30_days_and_flagged_as_an_estimate():
    d = irs_deadline("CP504", NOTICE_DATE)
    assert d.due == NOTICE_DATE + timedelta(days=30) and d.estimate


@pytest.mark.parametrize("code", ["LT11", "Letter 1058", "CP90"])
def test_final_notices_give_30_days_to_request_a_cdp_hearing(code):
    d = irs_deadline(code, NOTICE_DATE)
    assert d.due == NOTICE_DATE + timedelta(days=30)
    assert d.clock is Clock.HEARING_REQUEST and "12153" in d.action


@pytest.mark.parametrize("code", ["CP11", "CP12"])
def test_math_error_notices_give_60_days_to_dispute(code):
    d = irs_deadline(code, NOTICE_DATE, printed_due=date(2025, 3, 24))
    assert d.due == NOTICE_DATE + timedelta(days=60)  # the 60 days are statutory
    assert d.clock is Clock.DISPUTE


def test_cp2000_uses_the_response_date_or_about_30_days():
    printed = irs_deadline("CP2000", NOTICE_DATE, printed_due=date(2025, 4, 2))
    assert printed.due == date(2025, 4, 2) and not printed.estimate
    fallback = irs_deadline("CP2000", NOTICE_DATE)
    assert fallback.due == NOTICE_DATE + timedelta(days=30) and fallback.estimate
    assert fallback.clock is Clock.RESPONSE


def test_cp71_has_no_deadline():
    assert irs_deadline("CP71", NOTICE_DATE) is None


def test_unknown_codes_raise_instead_of_getting_a_default_clock():
    with pytest.raises(KeyError):
        irs_deadline("CP9999", NOTICE_DATE)


def test_amounts_must_be_decimal():
    with pytest.raises(TypeError):
        irs_deadline("CP14", NOTICE_DATE, amount=100000.0)


def test_edited_rules_can_be_passed_in():
    rules = {**DEFAULT_RULES, "CP504": DeadlineRule("CP504", Clock.PAY, "Pay by", "firm", days=20)}
    assert irs_deadline("CP504", NOTICE_DATE, rules=rules).due == NOTICE_DATE + timedelta(20)


def test_internal_target_defaults_to_7_days_before_on_a_business_day():
    assert internal_target(date(2025, 3, 24)) == date(2025, 3, 17)
    # 7 days before Mon Dec 1, 2025 is Mon Nov 24; 7 before Thu Dec 4 is Thanksgiving.
    assert internal_target(date(2025, 12, 4)) == date(2025, 11, 26)
    assert internal_target(date(2025, 3, 24), policy=FirmPolicy(10)) == date(2025, 3, 14)
    with pytest.raises(ValueError):
        FirmPolicy(-1)


def test_internal_target_is_today_for_a_notice_that_arrives_late():
    assert internal_target(date(2025, 3, 24), today=date(2025, 3, 20)) == date(2025, 3, 20)
    assert internal_target(date(2025, 3, 24), today=date(2025, 3, 25)) == date(2025, 3, 17)


@pytest.mark.parametrize(
    ("code", "next_code"),
    [
        ("CP14", "CP501"),
        ("CP501", "CP503"),
        ("CP503", "CP504"),
        ("CP504", "LT11"),
        ("CP11", "CP501"),
        ("CP2000", "CP3219A"),
    ],
)
def test_next_expected_notice_names_the_next_code(code, next_code):
    expected = next_expected_notice(code)
    assert expected.code == next_code and expected.window is None and expected.estimate


def test_next_expected_notice_window_is_only_an_estimate():
    expected = next_expected_notice("CP14", deadline=date(2025, 3, 24))
    assert expected.estimate
    assert expected.window == (date(2025, 4, 21), date(2025, 5, 5))
    assert "estimate" in expected.note


@pytest.mark.parametrize("code", ["LT11", "CP90", "CP12", "CP71"])
def test_end_of_the_ladder_expects_nothing(code):
    assert next_expected_notice(code) is None


@pytest.mark.parametrize(
    ("offset", "bucket"),
    [
        (-1, Urgency.OVERDUE),
        (0, Urgency.DUE_3),
        (3, Urgency.DUE_3),
        (4, Urgency.DUE_7),
        (7, Urgency.DUE_7),
        (8, Urgency.DUE_30),
        (30, Urgency.DUE_30),
        (31, Urgency.LATER),
    ],
)
def test_urgency_buckets(offset, bucket):
    today = date(2025, 6, 1)
    assert urgency(today + timedelta(days=offset), today) is bucket
    assert days_left(today + timedelta(days=offset), today) == offset


def test_no_deadline_has_its_own_bucket_and_labels_exist():
    assert urgency(None, date(2025, 6, 1)) is Urgency.NO_DEADLINE
    assert all(u.label for u in Urgency)
