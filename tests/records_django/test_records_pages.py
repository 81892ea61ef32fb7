"""The client's payments page, staff records and reconciliation pages, and who may see what."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from records import services
from records.models import Payment, Reconciliation, TaxReturn
from tests.conftest import sign_in
from tests.factories import ClientFactory
from tests.records_django.conftest import png_upload

pytestmark = pytest.mark.django_db

PAYMENT = {
    "tax_year": "2023",
    "form": "1040",
    "date": "2024-05-01",
    "amount": "500.00",
    "method": "direct_pay",
    "confirmation_or_check_number": "DP-1",
    "ssn_owner": "primary",
    "proof_kind": "confirmation",
}


def _prefixed(prefix: str, data: dict) -> dict:
    return {f"{prefix}-{k}": v for k, v in data.items()}


PAYMENT_POST = _prefixed("payment", PAYMENT)


def test_a_client_adds_a_payment_with_proof_and_cannot_set_server_owned_fields(
    client, make_user, household
):
    user = make_user(Role.CLIENT, client=household)
    other = ClientFactory()
    staff = make_user(Role.STAFF)
    sign_in(client, user)
    response = client.post(
        "/records/payments/",
        {
            **PAYMENT_POST,
            "payment-proof": png_upload(),
            **_prefixed(
                "payment",
                {
                    "source": "staff",
                    "client": other.pk,
                    "verified_by": staff.pk,
                    "verified_at": "2024-05-02T00:00",
                    "entered_by": staff.pk,
                },
            ),
            "source": "staff",
            "client": other.pk,
            "verified_by": staff.pk,
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.client == household and payment.source == "client"
    assert payment.entered_by == user and payment.verified_by is None and not payment.is_verified
    page = client.get("/records/payments/")
    assert "DP-1" in page.content.decode() and "Not yet" in page.content.decode()

    download = client.get(f"/records/payments/{payment.public_id}/proof/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    assert AuditEvent.objects.filter(action="payment.proof_download").exists()


def test_a_bad_payment_is_shown_back_with_the_reason(client, make_user, household):
    sign_in(client, make_user(Role.CLIENT, client=household))
    response = client.post("/records/payments/", {**PAYMENT_POST, "payment-amount": "0"})
    assert response.status_code == 400
    assert "The amount must be more than zero." in response.content.decode()
    assert not Payment.objects.exists()


def test_another_households_records_are_404(client, make_user, household):
    theirs = Payment.objects.create(
        client=household,
        tax_year=2023,
        date=date(2024, 5, 1),
        amount=Decimal("9"),
        method="check",
        source="staff",
        proof="payments/x",
        proof_kind="check_both",
    )
    sign_in(client, make_user(Role.CLIENT))
    assert client.get(f"/records/payments/{theirs.public_id}/proof/").status_code == 404
    assert client.get(f"/records/households/{household.public_id}/").status_code == 403

    unassigned_staff = make_user(Role.STAFF)
    sign_in(client, unassigned_staff)
    assert client.get(f"/records/households/{household.public_id}/").status_code == 404
    assert client.get(f"/records/payments/{theirs.public_id}/proof/").status_code == 404
    assert client.post(f"/records/payments/{theirs.public_id}/verify/").status_code == 404
    response = client.post(
        f"/records/households/{household.public_id}/returns/", {"tax_year": "2023"}
    )
    assert response.status_code == 404


def _assigned_staff(client, make_user, household):
    staff = make_user(Role.STAFF)
    household.assigned_staff = staff
    household.save()
    sign_in(client, staff)
    return staff


def test_staff_enter_a_return_and_verify_a_payment(client, make_user, household):
    staff = _assigned_staff(client, make_user, household)
    base = f"/records/households/{household.public_id}/"
    assert client.get(base).status_code == 200
    response = client.post(
        base + "returns/",
        _prefixed(
            "return",
            {
                "tax_year": "2023",
                "form": "1040",
                "filing_status": "mfj",
                "original_due_date": "2024-04-15",
                "total_tax": "10000.00",
                "withholding": "8000.00",
                "estimated_payments": "0",
                "refundable_credits": "0",
                "paid_with_return": "0",
            },
        ),
    )
    assert response.status_code == 302
    ret = TaxReturn.objects.get(client=household)
    assert ret.joint is True and ret.total_tax == Decimal("10000.00")

    bad_return = client.post(
        base + "returns/",
        _prefixed(
            "return",
            {
                "tax_year": "2023",
                "form": "1040",
                "filing_status": "mfj",
                "original_due_date": "2024-04-15",
                "extended_due_date": "2024-01-01",
                "total_tax": "1",
                "withholding": "0",
                "estimated_payments": "0",
                "refundable_credits": "0",
                "paid_with_return": "0",
            },
        ),
    )
    assert bad_return.status_code == 400
    assert "The extended due date cannot be before the due date." in bad_return.content.decode()

    client.post(base + "payments/", {**PAYMENT_POST, "payment-proof_kind": ""})
    payment = Payment.objects.get()
    assert payment.source == "staff" and payment.entered_by == staff
    assert client.post(f"/records/payments/{payment.public_id}/verify/").status_code == 302
    payment.refresh_from_db()
    assert payment.verified_by == staff


def test_a_csv_with_a_bad_row_shows_the_line_and_imports_nothing(client, make_user, household):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _assigned_staff(client, make_user, household)
    csv = b"date,amount,method,tax_year\n2024-05-01,100,check,2023\n2024-05-02,abc,check,2023\n"
    response = client.post(
        f"/records/households/{household.public_id}/payments/import/",
        {"csv-file": SimpleUploadedFile("payments.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        "Nothing was imported" in body and "Line 3: amount &#x27;abc&#x27; is not a number" in body
    )
    assert not Payment.objects.exists()


def test_staff_see_findings_cost_of_waiting_and_override(
    client, make_user, household, read_notice, tax_return
):
    staff = _assigned_staff(client, make_user, household)
    tax_return(household)
    notice = read_notice(household)
    services.reconciliation_run(notice_id=notice.pk)
    page = client.get(f"/records/notices/{notice.public_id}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "agrees" in body and "Cost of waiting" in body and "(+90 days)" in body
    assert "ACTION pay_now" in body  # the staff text

    response = client.post(
        f"/records/notices/{notice.public_id}/override/",
        {"action": "short_term_plan", "reason": "Client asked for time"},
    )
    assert response.status_code == 302
    row = Reconciliation.objects.get(notice=notice, is_current=True)
    assert row.override_action == "short_term_plan" and row.overridden_by == staff
    assert (
        client.post(
            f"/records/notices/{notice.public_id}/override/", {"action": "dispute", "reason": ""}
        ).status_code
        == 400
    )


def test_the_client_sees_the_plain_english_answer_on_their_notice(
    client, make_user, household, read_notice, tax_return
):
    tax_return(household)
    notice = read_notice(household)
    sign_in(client, make_user(Role.CLIENT, client=household))
    before = client.get(f"/notices/{notice.public_id}/status/").content.decode()
    assert 'data-testid="recommendation"' not in before
    services.reconciliation_run(notice_id=notice.pk)
    body = client.get(f"/notices/{notice.public_id}/status/").content.decode()
    assert 'data-testid="recommendation"' in body
    assert "The bill matches your records. Pay $2,059.06 now (the date on the notice" in body
    assert "CP14" not in body.split('data-testid="recommendation"')[1].split("</p>")[0]
