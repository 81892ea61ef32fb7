"""The client page's answers (notices.answers, notices.explain): plain rules, no database."""

from datetime import date
from decimal import Decimal

from notices.answers import (
    amount_answer,
    is_a_bill,
    overdue_answer,
    payment_options,
)
from notices.explain import explain_notice
from records.reconciliation.recommend import client_text_for

TODAY = date(2026, 12, 1)  # a Tuesday


def test_an_overdue_bill_says_what_it_means_and_what_we_do_counted_from_today():
    answer = overdue_answer(
        code="CP14",
        pay_by=date(2024, 3, 13),
        today=TODAY,
        amount_due=Decimal("1200.00"),
        legitimacy="genuine",
    )
    assert answer.days == 993
    assert "penalties and interest keep growing" in answer.meaning
    assert "CP501" in answer.next_notice and "first reminder" in answer.next_notice
    # two and five business days after Tuesday Dec 1, 2026
    assert answer.contact_by == date(2026, 12, 3) and answer.act_by == date(2026, 12, 8)
    assert "December 3, 2026" in answer.practice_will
    assert "December 8, 2026" in answer.practice_will


def test_business_days_skip_the_weekend_and_holidays():
    # Wednesday Dec 23, 2026: Christmas (Friday) and the weekend are skipped
    answer = overdue_answer(
        code="CP501",
        pay_by=date(2026, 12, 1),
        today=date(2026, 12, 23),
        amount_due=Decimal("10"),
        legitimacy="unknown",
    )
    assert answer.contact_by == date(2026, 12, 28)
    assert "CP503" in answer.next_notice


def test_the_last_notice_on_the_ladder_says_collection_can_start():
    answer = overdue_answer(
        code="LT11",
        pay_by=date(2026, 1, 1),
        today=TODAY,
        amount_due=Decimal("5"),
        legitimacy="genuine",
    )
    assert "take wages" in answer.next_notice


def test_no_overdue_answer_for_a_credit_a_scam_a_proposal_or_a_date_to_come():
    past = date(2024, 1, 1)
    for code, amount, legitimacy, pay_by in [
        ("CP14", Decimal("0"), "genuine", past),
        ("CP14", Decimal("-835.35"), "genuine", past),
        ("CP14", Decimal("100"), "suspicious", past),
        ("CP2000", Decimal("100"), "genuine", past),
        ("CP14", Decimal("100"), "genuine", TODAY),
    ]:
        assert (
            overdue_answer(
                code=code, pay_by=pay_by, today=TODAY, amount_due=amount, legitimacy=legitimacy
            )
            is None
        ), (code, amount, legitimacy)


def test_a_zero_or_negative_amount_is_never_called_a_bill():
    assert not is_a_bill(code="CP14", amount_due=Decimal("0"), legitimacy="genuine")
    assert not is_a_bill(code="CP14", amount_due=Decimal("-835.35"), legitimacy="genuine")
    assert is_a_bill(code="CP14", amount_due=Decimal("0.01"), legitimacy="unknown")
    for amount, confirmed in [
        (Decimal("-835.35"), True),
        (Decimal("0"), True),
        (Decimal("-835.35"), False),
    ]:
        e = explain_notice(
            notice_type="CP14",
            tax_year=2022,
            amount_due=amount,
            pay_by=date(2023, 1, 1),
            legitimacy="genuine",
            today=TODAY,
            amount_confirmed=confirmed,
        )
        assert e.credit and "bill" not in e.what_it_is.replace("not a bill", "")
        assert e.days_left is None and e.urgency == "none"
    e = explain_notice(
        notice_type="CP14",
        tax_year=2022,
        amount_due=Decimal("12"),
        pay_by=None,
        legitimacy="genuine",
        today=TODAY,
    )
    assert "a bill" in e.what_it_is and not e.credit


def test_the_amount_answer_names_what_we_compared_and_what_we_still_need():
    checks = [
        {"name": "billing_lines_sum", "passed": True},
        {"name": "stub_matches_headline", "passed": False},
    ]
    bare = amount_answer(
        code="CP14",
        unconfirmed=[],
        checks=checks,
        tax_year=2022,
        reconciliation_inputs={"tax_return": None, "payments": [], "transcripts": []},
        missing=["a copy of your IRS account record"],
    )
    assert any("billing summary" in c for c in bare.compared_with)
    assert not any("payment slip" in c for c in bare.compared_with)  # that check failed
    assert any("none on record" in c for c in bare.compared_with)
    assert bare.still_need[0] == "a copy of your IRS account record"
    assert any("2022 tax return" in n for n in bare.still_need)
    assert any("proof of any payment" in n for n in bare.still_need)
    full = amount_answer(
        code="CP14",
        unconfirmed=["amount_due", "pay_by_date"],
        checks=[],
        tax_year=2022,
        reconciliation_inputs={"tax_return": {"x": 1}, "payments": [{}, {}], "transcripts": [{}]},
        missing=[],
    )
    assert "your 2022 tax return as we have it" in full.compared_with
    assert "the 2 payments for 2022 we have on record" in full.compared_with
    assert full.still_need == []
    assert full.checking == ["the amount due", "the date to pay by"]


def test_the_options_carry_their_real_conditions():
    options = {o.key: o.text for o in payment_options(amount_due=Decimal("1200"))}
    assert list(options) == ["pay", "short_term", "long_term", "relief", "dispute"]
    assert "Direct Pay" in options["pay"] and "EFTPS" in options["pay"]
    assert "card" in options["pay"] and "never asks for gift cards" in options["pay"]
    assert "180 days" in options["short_term"] and "no setup fee" in options["short_term"]
    assert "$50,000" in options["long_term"] and "setup fee" in options["long_term"]
    assert "First-time abatement" in options["relief"]
    assert "Reasonable cause" in options["relief"]
    assert "call the number" in options["dispute"] and "records" in options["dispute"]
    big = {o.key: o.text for o in payment_options(amount_due=Decimal("60000"))}
    assert "not open" in big["long_term"] and "Form 9465" in big["long_term"]


def test_the_recommendation_never_names_a_date_that_has_passed():
    past = date(2024, 3, 13)
    text = client_text_for(
        action="investigate", amount=Decimal("10"), by_date=past, missing=[], today=TODAY
    )
    assert "March 13, 2024" not in text and "December 8, 2026" in text
    pay = client_text_for(
        action="pay_now", amount=Decimal("10"), by_date=past, missing=[], today=TODAY
    )
    assert "Pay $10.00 now (the date on the notice has passed)" in pay
    future = client_text_for(
        action="pay_now",
        amount=Decimal("10"),
        by_date=date(2026, 12, 20),
        missing=[],
        today=TODAY,
    )
    assert "Pay $10.00 by December 20, 2026." in future
