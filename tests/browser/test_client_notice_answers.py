"""The client's notice pages in Chromium on a 390 px phone: an overdue CP14 answered fully,
a suspicious letter labelled as the letter's own demand, the timeline following the case
without a reload, and the payments table without sideways scrolling (issue 11, items 1-6)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from notices.reading import read_pages
from notices.services import _store_result
from tests.conftest import PASSWORD_FOR_TESTS
from tests.factories import ClientFactory
from tests.notices.reading.test_reading_pure import cp14_rows, page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _notice(household, rows) -> Notice:
    result = read_pages([page(rows)], files=["n.pdf"], today=date(2018, 2, 1))
    notice = Notice.objects.create(client=household, status=NoticeStatus.READING)
    _store_result(notice, result)
    notice.refresh_from_db()
    return notice


def _fits(page_) -> None:
    width = page_.evaluate("document.documentElement.scrollWidth")
    assert width <= page_.evaluate("window.innerWidth") == 390, width


def test_a_client_on_a_phone_reads_the_full_answers(browser, live_server, make_user):
    from cases.services import case_attach_notice
    from records.models import Payment

    household = ClientFactory(primary_ssn_last4="1234")
    user = make_user(Role.CLIENT, client=household)
    overdue = _notice(household, cp14_rows())  # pay by February 20, 2018: long past
    scam = _notice(
        household, cp14_rows(extra=[(40, 420, "Pay today with Google Play gift cards.")])
    )
    assert overdue.legitimacy != "suspicious" and scam.legitimacy == "suspicious"
    case = case_attach_notice(notice=overdue)
    Payment.objects.create(
        client=household,
        tax_year=2017,
        form="1040",
        date=date(2018, 2, 10),
        amount=Decimal("1075.21"),
        method="direct_pay",
        confirmation_or_check_number="DP-CONFIRMATION-0123456789-ABCDEFGHIJ",
        source="client",
    )

    problems: list[str] = []
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE)
    p = ctx.new_page()
    p.on("pageerror", lambda exc: problems.append(str(exc)))
    p.goto("/account/login/")
    p.get_by_label("Email address").fill(user.email)
    p.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    p.get_by_role("button", name="Sign in").click()
    p.get_by_role("heading", name="My notices").wait_for()

    p.goto(f"/notices/{overdue.public_id}/")
    p.get_by_test_id("overdue").wait_for()
    overdue_text = p.get_by_test_id("overdue").inner_text()
    assert "penalties and interest keep growing" in overdue_text
    assert "CP501" in overdue_text
    assert "What we will do: we will contact you by" in overdue_text
    assert str(timezone.localdate().year) in overdue_text  # counted from today
    assert "days overdue" in p.get_by_test_id("days-left").inner_text()
    assert p.get_by_test_id("amount-label").inner_text() == "Amount the IRS asks for"
    assert "What we checked on this letter" in p.get_by_test_id("genuine").inner_text()
    compared = p.get_by_test_id("compared-with").inner_text()
    assert "billing summary" in compared
    options = p.get_by_test_id("options").inner_text()
    for words in ("Direct Pay", "EFTPS", "180 days", "$50,000", "First-time abatement",
                  "call the number", "never asks for gift cards"):  # fmt: skip
        assert words in options, words
    assert "spouse's Social Security number" in p.get_by_test_id("spouse-wrong-year").inner_text()
    assert "We will come back to you before February" not in p.content()
    _fits(p)

    # The timeline follows the case without a reload (htmx, every 5 s).
    assert p.get_by_test_id("timeline-now").inner_text() == "Received"
    type(case).objects.filter(pk=case.pk).update(state="ready_to_send")
    p.get_by_test_id("timeline-now").filter(
        has_text="Our response to the IRS is ready to send"
    ).wait_for(timeout=15000)

    p.goto(f"/notices/{scam.public_id}/")
    p.get_by_test_id("amount-label").wait_for()
    assert p.get_by_test_id("amount-label").inner_text() == "Amount the letter asks for"
    assert p.get_by_test_id("overdue").count() == 0 and p.get_by_test_id("options").count() == 0
    _fits(p)

    assert p.get_by_test_id("record-payment").count() == 0  # no options on a suspicious letter
    p.goto("/records/payments/")
    p.get_by_test_id("payments").wait_for()
    assert "DP-CONFIRMATION" in p.get_by_test_id("payments").inner_text()
    _fits(p)
    assert problems == []
    ctx.close()
