"""Staff overrule the reader's scam verdict in Chromium, and the client's page follows."""

from datetime import date

import pytest

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from notices.reading import read_pages
from notices.services import _store_result
from tests.conftest import PASSWORD_FOR_TESTS, current_code
from tests.factories import ClientFactory
from tests.notices.reading.test_reading_pure import cp14_rows, page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page_, email: str, *, code: bool) -> None:
    page_.goto("/account/login/")
    page_.get_by_label("Email address").fill(email)
    page_.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page_.get_by_role("button", name="Sign in").click()
    if code:
        page_.get_by_label("6-digit code").fill(current_code())
        page_.get_by_role("button", name="Verify").click()
        page_.get_by_role("heading", name="Case queue").wait_for()


def test_staff_set_a_flagged_letter_genuine_and_the_client_sees_it(browser, live_server, make_user):
    staff = make_user(Role.STAFF)
    household = ClientFactory(primary_ssn_last4="1234", assigned_staff=staff)
    client_user = make_user(Role.CLIENT, client=household)
    rows = cp14_rows(extra=[(40, 420, "Pay today with Google Play gift cards.")])
    result = read_pages([page(rows)], files=["n.pdf"], today=date(2018, 2, 1))
    notice = Notice.objects.create(client=household, status=NoticeStatus.READING)
    _store_result(notice, result)

    # The client first sees the reader's warning, with the sign it found.
    problems: list[str] = []
    ctx = browser.new_context(base_url=live_server.url)
    client_page = ctx.new_page()
    client_page.on("pageerror", lambda exc: problems.append(str(exc)))
    _sign_in(client_page, client_user.email, code=False)
    client_page.goto(f"/notices/{notice.public_id}/")
    genuine = client_page.get_by_test_id("genuine")
    genuine.wait_for()
    assert "signs of a scam" in genuine.inner_text()
    assert "It asks for payment with gift cards." in genuine.inner_text()

    staff_ctx = browser.new_context(base_url=live_server.url)
    staff_page = staff_ctx.new_page()
    staff_page.on("pageerror", lambda exc: problems.append(str(exc)))
    _sign_in(staff_page, staff.email, code=True)
    staff_page.goto(f"/notices/{notice.public_id}/review/")
    assert staff_page.get_by_test_id("verdict").inner_text() == "Looks suspicious"
    assert "gift cards" in staff_page.get_by_test_id("strong-signs").inner_text()
    form = staff_page.get_by_test_id("verdict-form")
    form.get_by_label("Your verdict").select_option("genuine")
    form.get_by_label("Reason").fill("Called the IRS on 800-829-1040: the balance is real")
    form.get_by_role("button", name="Save verdict").click()
    staff_page.get_by_text("Verdict saved.").wait_for()
    assert staff_page.get_by_test_id("verdict").inner_text() == "Looks genuine"
    assert "Called the IRS" in staff_page.get_by_test_id("verdict-by-staff").inner_text()

    client_page.reload()
    text = client_page.get_by_test_id("genuine").inner_text()
    assert "Our staff checked this letter: it is a genuine IRS notice." in text
    assert "signs of a scam" not in text
    assert problems == []
    ctx.close()
    staff_ctx.close()
