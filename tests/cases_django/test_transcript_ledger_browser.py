"""Staff see the IRS account transcript as a ledger beside the notice on the case page, each
line marked matched, unmatched or explained. Real Chromium, PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.roles import Role
from cases.models import Case
from records.models import Payment, PaymentMethod, PaymentSource
from records.services import reconciliation_run
from tests.conftest import PASSWORD_FOR_TESTS, current_code
from transcripts.models import Transcript, TranscriptFile, TranscriptStatus, TranscriptTransaction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ledger(household) -> None:
    source = TranscriptFile.objects.create(
        client=household,
        original_name="acct-2023.pdf",
        kind="pdf",
        size=1,
        sha256="0" * 64,
        status=TranscriptStatus.READ,
        file="transcripts/x",
    )
    t = Transcript.objects.create(
        source=source,
        client=household,
        position=1,
        form="1040",
        tax_period=date(2023, 12, 31),
        tax_year=2023,
        tin_last4=household.primary_ssn_last4,
        account_balance=Decimal("1075.21"),
    )
    rows = [
        ("150", "Tax return filed", date(2024, 5, 27), "3183.00"),
        ("806", "W-2 or 1099 withholding", date(2024, 4, 15), "-2000.00"),
        ("670", "Payment", date(2024, 4, 20), "-500.00"),  # recorded by the household
        ("670", "Payment", date(2024, 5, 2), "-828.00"),  # not recorded by the household
        ("971", "Notice issued CP 0014", date(2024, 6, 3), "0.00"),
    ]
    TranscriptTransaction.objects.bulk_create(
        TranscriptTransaction(
            transcript=t, position=i, code=c, explanation=e, date=d, amount=Decimal(a)
        )
        for i, (c, e, d, a) in enumerate(rows, start=1)
    )


def test_staff_case_page_shows_the_transcript_ledger_beside_the_notice(
    page, make_user, make_notice
):
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF)
    household = ClientFactory(assigned_staff=staff)
    notice = make_notice(household, notice_date=date(2024, 6, 3))
    Payment.objects.create(
        client=household,
        tax_year=2023,
        date=date(2024, 4, 20),
        amount=Decimal("500.00"),
        method=PaymentMethod.DIRECT_PAY,
        source=PaymentSource.STAFF,
    )
    _ledger(household)
    reconciliation_run(notice_id=notice.pk)
    case = Case.objects.get()

    page.goto("/")
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("navigation", name="Main").wait_for()
    page.goto(f"/admin/cases/case/{case.pk}/change/")

    ledger = page.get_by_test_id("ledger")
    ledger.wait_for()
    assert "XXX-XX-" + household.primary_ssn_last4 in ledger.inner_text()
    rows = ledger.locator("tbody tr")
    assert rows.count() == 5
    assert ledger.locator("tr[data-status='matched']").count() == 1
    matched = ledger.locator("tr[data-status='matched']").inner_text()
    assert "500.00" in matched and "matched" in matched
    unmatched = ledger.locator("tr[data-status='unmatched']")
    assert unmatched.count() == 1 and "-828.00" in unmatched.inner_text()
    assert ledger.locator("tr[data-status='explained']").count() == 3
    # Beside the notice: in the same review row as the notice's fields.
    assert page.locator(".notice-review >> [data-testid='ledger']").count() == 1
