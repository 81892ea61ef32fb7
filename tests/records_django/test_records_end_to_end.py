"""Real parts: a `celery worker` process on Redis and PostgreSQL, and Chromium for the pages."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.roles import Role
from notices.services import notice_upload
from records import services
from records.models import Reconciliation, TaxReturn
from tests.conftest import PASSWORD_FOR_TESTS, current_code
from tests.factories import ClientFactory
from tests.support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]



def _current(notice) -> Reconciliation | None:
    return Reconciliation.objects.filter(notice=notice, is_current=True).first()


def test_the_worker_reconciles_a_notice_once_it_is_read_and_again_when_a_record_changes(
    worker, make_user
):
    from tests.notices.conftest import Corpus
    from tests.notices.reading.corpus_util import ensure_corpus

    corpus = Corpus(*ensure_corpus(quick=True))
    record = corpus.record("bd10")  # a born-digital CP14 balance notice
    year, form = record["expected"]["tax_year"], record["expected"]["tax_form"]
    household = ClientFactory(primary_ssn_last4=record["household_ssn_last4"][0])
    staff = make_user(Role.STAFF)
    return_fields = {
        "tax_year": year,
        "form": form,
        "filing_status": "single",
        "original_due_date": date(year + 1, 4, 15),
        "total_tax": Decimal("19641.92"),
    }
    TaxReturn.objects.create(client=household, withholding=Decimal("19000.00"), **return_fields)
    user = make_user(Role.CLIENT, client=household)
    notice = notice_upload(actor=user, client=household, files=corpus.uploads("bd10")).notice

    first = wait_for(lambda: _current(notice), timeout=60, what="the first reconciliation")
    assert first.inputs["notice"]["amount_due"] == record["expected"]["amount_due"]
    assert first.inputs["tax_return"]["withholding"] == "19000.00"

    services.tax_return_upsert(
        actor=staff, client=household, withholding=Decimal("19870.39"), **return_fields
    )
    second = wait_for(
        lambda: (row := _current(notice)) and row.pk != first.pk and row,
        timeout=30,
        what="the reconciliation after the return changed",
    )
    assert second.inputs["tax_return"]["withholding"] == "19870.39"
    assert Reconciliation.objects.filter(notice=notice).count() == 2


def _sign_in(page, email: str) -> None:
    page.goto("/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.browser
def test_staff_enter_records_and_the_client_sees_the_plain_english_answer(
    worker, page, browser, live_server, make_user, household, read_notice
):
    staff = make_user(Role.STAFF)
    household.assigned_staff = staff
    household.save()
    notice = read_notice(household)  # CP14, 2023, $2,059.06 by July 11, 2024

    _sign_in(page, staff.email)
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name="Case queue").wait_for()
    page.goto(f"/clients/{household.public_id}/")
    page.get_by_role("link", name="Returns, payments and reconciliation").click()
    page.get_by_role("heading", name=f"Records for {household.display_name}").wait_for()

    page.get_by_text("Enter or replace a return").click()
    form = page.locator("form", has=page.get_by_role("button", name="Save return"))
    form.get_by_label("Tax year").fill("2023")
    form.get_by_label("Filing status").select_option("mfj")
    form.get_by_label("Original due date").fill("2024-04-15")
    form.get_by_label("Total tax").fill("10000.00")
    form.get_by_label("Withholding").fill("8000.00")
    form.get_by_role("button", name="Save return").click()
    page.get_by_text("Return saved.").wait_for()
    assert "$10,000.00" in page.get_by_test_id("returns").inner_text()

    page.get_by_text("Add a payment").click()
    form = page.locator("form", has=page.get_by_role("button", name="Save payment"))
    form.get_by_label("Tax year the payment was for").fill("2023")
    form.get_by_label("Date paid").fill("2024-06-25")
    form.get_by_label("Amount").fill("500.00")
    form.get_by_label("Method").select_option("direct_pay")
    form.get_by_label("Confirmation or check number").fill("DP-55")
    form.get_by_role("button", name="Save payment").click()
    page.get_by_text("Payment saved.").wait_for()
    page.locator("form", has=page.get_by_role("button", name="Verify")).get_by_role(
        "button", name="Verify"
    ).click()
    page.get_by_text("Verified the payment of $500.00.").wait_for()

    row = wait_for(
        lambda: (
            (r := _current(notice))
            and any(f["code"] == "payment_after_notice" for f in r.findings)
            and r
        ),
        timeout=30,
        what="the worker to reconcile with the new payment",
    )
    assert row.recommendation["amount"] == "1559.06"
    page.reload()
    page.get_by_role("link", name="Pay now").click()
    findings = page.get_by_test_id("findings").inner_text()
    assert "payment_after_notice" in findings and "-500.00" in findings
    assert page.get_by_test_id("cost-of-waiting").is_visible()
    assert page.problems == []

    client_user = make_user(Role.CLIENT, client=household)
    context = browser.new_context(base_url=live_server.url)
    client_page = context.new_page()
    try:
        _sign_in(client_page, client_user.email)
        client_page.get_by_role("heading", name="My notices").wait_for()
        client_page.get_by_role("link", name="Notice CP14").click()
        answer = client_page.get_by_test_id("recommendation").inner_text()
        # July 11, 2024 has passed: the page never names it as a date still to come
        assert answer.startswith("The bill matches your records. Pay $1,559.06 now (the date")
        assert "July 11, 2024" not in answer
        client_page.get_by_role("link", name="Tell us about payments you already made").click()
        client_page.get_by_role("heading", name="Payments I already made").wait_for()
        assert "DP-55" in client_page.get_by_test_id("payments").inner_text()
    finally:
        context.close()
