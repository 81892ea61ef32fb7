"""Reconciliation built from database records, stored idempotently, re-run on change."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from audit.models import AuditEvent
from notices.models import NoticeStatus
from records import services
from records.models import (
    InterestRatePeriod,
    Payment,
    PaymentSource,
    PriorPenalty,
    Reconciliation,
)
from tests.records_django.conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _codes(row: Reconciliation) -> list[str]:
    return [f["code"] for f in row.findings]


def _payment(client, **fields) -> Payment:
    values = {
        "client": client,
        "tax_year": 2023,
        "date": date(2024, 5, 1),
        "amount": Decimal("500.00"),
        "method": "direct_pay",
        "source": PaymentSource.STAFF,
    }
    values.update(fields)
    return Payment.objects.create(**values)


def test_a_notice_that_matches_the_records_says_pay_the_exact_amount(
    household, read_notice, tax_return
):
    tax_return(household)
    notice = read_notice(household)
    outcome = services.reconciliation_run(notice_id=notice.pk)
    row = outcome.reconciliation
    assert outcome.created and _codes(row) == ["agrees"]
    assert row.action == "pay_now"
    assert "$2,059.06" in row.client_text and "July 11, 2024" in row.client_text
    # The inputs it used are stored beside the result.
    assert row.inputs["tax_return"]["total_tax"] == "10000.00"
    assert row.inputs_fingerprint == row.result["inputs_fingerprint"]
    engine = row.result["engine_at_notice"]
    assert engine["failure_to_pay_penalty"] == "30.00"
    assert abs(Decimal(engine["interest"]) - Decimal("29.06")) <= Decimal("0.02")
    # Cost of waiting at pay-by, +30, +60, +90; inside the 21-day window nothing more accrues.
    waiting = row.cost_of_waiting
    assert [w["days_after_pay_by"] for w in waiting] == [0, 30, 60, 90]
    assert Decimal(waiting[3]["total"]) > Decimal(waiting[0]["total"])


def test_a_payment_after_the_notice_date_reduces_what_is_left(household, read_notice, tax_return):
    tax_return(household)
    _payment(household, date=date(2024, 6, 25))
    row = services.reconciliation_run(notice_id=read_notice(household).pk).reconciliation
    assert "payment_after_notice" in _codes(row)
    assert row.recommendation["amount"] == "1559.06"


def test_a_spouse_ssn_payment_on_a_joint_return_with_proof_is_disputed(
    household, read_notice, tax_return, make_user
):
    tax_return(household)
    staff = make_user(Role.STAFF)
    services.payment_add_by_staff(
        actor=staff,
        client=household,
        tax_year=2023,
        date=date(2024, 5, 1),
        amount=Decimal("500.00"),
        method="direct_pay",
        confirmation_or_check_number="DP-778",
        ssn_owner="spouse",
        proof=pdf_upload(),
        proof_kind="confirmation",
    )
    row = services.reconciliation_run(notice_id=read_notice(household).pk).reconciliation
    assert "payment_under_spouse_ssn" in _codes(row)
    assert row.action == "dispute"
    assert any("DP-778" in e for e in row.recommendation["evidence_to_enclose"])


def test_a_payment_designated_to_another_year_without_proof_needs_investigating(
    household, read_notice, tax_return
):
    tax_return(household)
    _payment(household, designated_tax_year=2022)
    row = services.reconciliation_run(notice_id=read_notice(household).pk).reconciliation
    finding = next(f for f in row.findings if f["code"] == "payment_designated_elsewhere")
    assert finding["dollar_effect"] == "-500.00"
    assert row.action == "investigate"  # no proof on file yet
    assert any("proof of payment" in m for m in row.recommendation["missing"])


def test_a_cp2000_is_never_reconciled_as_a_bill(household, read_notice, tax_return):
    tax_return(household)
    notice = read_notice(household, notice_type="CP2000", billing_summary={})
    row = services.reconciliation_run(notice_id=notice.pk).reconciliation
    assert _codes(row) == ["cp2000_proposal"]
    assert row.action == "respond_cp2000" and row.cost_of_waiting == []


def test_a_penalty_only_balance_with_a_clean_history_asks_for_first_time_abate(
    household, read_notice, tax_return
):
    # The last 2,000 paid on 2024-06-01: by hand, FTP 2 months x 0.5% x 2,000 = 20.00;
    # interest 2,000 x ((1 + 0.08/366)^47 - 1) = 20.65. Only penalties and interest are left.
    tax_return(household)
    _payment(household, date=date(2024, 6, 1), amount=Decimal("2000.00"))
    billing = {
        "tax": "10000.00",
        "payments_credits": "-10000.00",
        "failure_to_pay_penalty": "20.00",
        "interest": "20.65",
    }
    notice = read_notice(household, billing_summary=billing, amount_due=Decimal("40.65"))
    row = services.reconciliation_run(notice_id=notice.pk).reconciliation
    assert "first_time_abate_available" in _codes(row)
    assert row.action == "penalty_relief"
    assert row.recommendation["amount"] == "20.65"  # pay the interest meanwhile

    # A failure-to-pay penalty in 2021 rules it out (an estimated-tax penalty would not).
    PriorPenalty.objects.create(client=household, tax_year=2022, kind="es")
    again = services.reconciliation_run(notice_id=notice.pk).reconciliation
    assert "first_time_abate_available" in _codes(again)
    PriorPenalty.objects.create(client=household, tax_year=2021, kind="ftp")
    last = services.reconciliation_run(notice_id=notice.pk).reconciliation
    assert "first_time_abate_available" not in _codes(last)


def test_tax_on_the_notice_different_from_the_return_is_flagged(household, read_notice, tax_return):
    tax_return(household, total_tax=Decimal("9000.00"))
    row = services.reconciliation_run(notice_id=read_notice(household).pk).reconciliation
    assert "tax_differs_from_return" in _codes(row)


def test_notices_not_read_are_skipped_and_nothing_is_stored(household, read_notice):
    notice = read_notice(household, status=NoticeStatus.NEEDS_ATTENTION)
    outcome = services.reconciliation_run(notice_id=notice.pk)
    assert outcome.reconciliation is None and outcome.skipped == "notice not read"
    assert not Reconciliation.objects.exists()


def test_running_twice_stores_one_result(household, read_notice, tax_return):
    tax_return(household)
    notice = read_notice(household)
    first = services.reconciliation_run(notice_id=notice.pk)
    second = services.reconciliation_run(notice_id=notice.pk)
    assert first.created and not second.created
    assert second.reconciliation.pk == first.reconciliation.pk
    assert Reconciliation.objects.filter(notice=notice).count() == 1
    assert AuditEvent.objects.filter(action="reconciliation.run").count() == 1


def test_a_record_change_re_runs_the_read_notices_of_that_year(
    household, read_notice, tax_return, make_user, eager_tasks, django_capture_on_commit_callbacks
):
    staff = make_user(Role.STAFF)
    notice = read_notice(household)
    other_year = read_notice(household, tax_year=2021)
    with django_capture_on_commit_callbacks(execute=True):
        services.tax_return_upsert(
            actor=staff,
            client=household,
            tax_year=2023,
            form="1040",
            filing_status="mfj",
            original_due_date=date(2024, 4, 15),
            total_tax=Decimal("10000.00"),
            withholding=Decimal("8000.00"),
        )
    current = Reconciliation.objects.get(notice=notice, is_current=True)
    assert _codes(current) == ["agrees"]
    assert not Reconciliation.objects.filter(notice=other_year).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.payment_add_by_staff(
            actor=staff,
            client=household,
            tax_year=2023,
            date=date(2024, 6, 30),
            amount=Decimal("100.00"),
            method="check",
        )
    rows = Reconciliation.objects.filter(notice=notice)
    assert rows.count() == 2 and rows.filter(is_current=True).count() == 1
    assert "payment_after_notice" in _codes(rows.get(is_current=True))


def test_an_edited_interest_rate_makes_the_stored_result_stale(household, read_notice, tax_return):
    tax_return(household)
    notice = read_notice(household)
    services.reconciliation_run(notice_id=notice.pk)
    InterestRatePeriod.objects.filter(start=date(2024, 4, 1)).update(rate=Decimal("0.0900"))
    rerun = services.reconciliation_run(notice_id=notice.pk)
    assert rerun.created
    interest = Decimal(rerun.reconciliation.result["engine_at_notice"]["interest"])
    assert interest > Decimal("30")


def test_staff_override_is_audited_and_a_stale_one_is_refused(
    household, read_notice, tax_return, make_user
):
    staff = make_user(Role.STAFF)
    tax_return(household)
    notice = read_notice(household)
    row = services.reconciliation_run(notice_id=notice.pk).reconciliation
    services.reconciliation_override(
        actor=staff, reconciliation=row, action="installment_agreement", reason="Lost job in May"
    )
    row.refresh_from_db()
    assert row.effective_action == "installment_agreement" and row.action == "pay_now"
    assert "monthly payments" in row.client_text
    event = AuditEvent.objects.get(action="reconciliation.override")
    assert event.detail["from"] == "pay_now" and event.detail["reason"] == "Lost job in May"

    _payment(household, date=date(2024, 6, 30))
    services.reconciliation_run(notice_id=notice.pk)
    with pytest.raises(services.ReconciliationRejected):
        services.reconciliation_override(
            actor=staff, reconciliation=row, action="dispute", reason="x"
        )
    client_user = make_user(Role.CLIENT, client=household)
    current = Reconciliation.objects.get(notice=notice, is_current=True)
    with pytest.raises(services.ReconciliationRejected):
        services.reconciliation_override(
            actor=client_user, reconciliation=current, action="dispute", reason="x"
        )


def test_a_client_adds_a_payment_with_proof_checked_by_its_bytes(household, make_user):
    user = make_user(Role.CLIENT, client=household)
    payment = services.payment_add_by_client(
        actor=user,
        client=household,
        tax_year=2023,
        date=date(2024, 5, 1),
        amount=Decimal("250.00"),
        method="direct_pay",
        proof=png_upload(),
        proof_kind="confirmation",
    )
    assert payment.source == "client" and payment.entered_by == user
    assert payment.proof_type == "png" and not payment.is_verified
    assert "confirmation" not in payment.proof.name  # random server-side name

    disguised = SimpleUploadedFile("proof.pdf", b"<html><script>x</script></html>")
    with pytest.raises(services.RecordRejected, match="not a PDF or a photo"):
        services.payment_add_by_client(
            actor=user,
            client=household,
            tax_year=2023,
            date=date(2024, 5, 1),
            amount=Decimal("1"),
            method="check",
            proof=disguised,
            proof_kind="check_both",
        )
    truncated = SimpleUploadedFile("proof.png", png_upload().read()[:20])
    with pytest.raises(services.RecordRejected, match="damaged"):
        services.payment_add_by_client(
            actor=user,
            client=household,
            tax_year=2023,
            date=date(2024, 5, 1),
            amount=Decimal("1"),
            method="check",
            proof=truncated,
            proof_kind="check_both",
        )
    other = make_user(Role.CLIENT)
    with pytest.raises(services.RecordRejected, match="your own household"):
        services.payment_add_by_client(
            actor=other,
            client=household,
            tax_year=2023,
            date=date(2024, 5, 1),
            amount=Decimal("1"),
            method="check",
        )
    assert Payment.objects.count() == 1


def test_verifying_twice_changes_nothing_the_second_time(household, make_user):
    staff = make_user(Role.STAFF)
    payment = _payment(household)
    assert services.payment_verify(actor=staff, payment=payment) is True
    assert services.payment_verify(actor=staff, payment=payment) is False
    assert payment.verified_by == staff
    assert AuditEvent.objects.filter(action="payment.verify").count() == 1


CSV_GOOD = (
    "date,amount,method,tax_year,confirmation,ssn_owner,designated_tax_year\n"
    '2024-05-01,"$1,200.00",Direct Pay,2023,DP-1,primary,\n'
    "2024-06-01,300,check,2023,1045,spouse,2022\n"
)


def test_a_csv_import_names_every_bad_row_and_imports_nothing(household, make_user):
    staff = make_user(Role.STAFF)
    bad = CSV_GOOD + "2024-13-01,10,check,2023,,,\n2024-07-01,-5,wire,2023,,,\n"
    result = services.payments_import_csv(
        actor=staff, client=household, file=SimpleUploadedFile("p.csv", bad.encode())
    )
    assert not result.ok and not Payment.objects.exists()
    assert [e.line for e in result.errors] == [4, 5]
    assert "not YYYY-MM-DD" in result.errors[0].message
    assert "must be more than zero" in result.errors[1].message


def test_a_csv_import_creates_payments_and_a_re_import_skips_them(household, make_user):
    staff = make_user(Role.STAFF)
    upload = SimpleUploadedFile("p.csv", CSV_GOOD.encode())
    result = services.payments_import_csv(actor=staff, client=household, file=upload)
    assert result.ok and len(result.created) == 2
    first = Payment.objects.get(confirmation_or_check_number="DP-1")
    assert first.amount == Decimal("1200.00") and first.method == "direct_pay"
    assert first.source == "csv" and first.entered_by == staff
    again = services.payments_import_csv(
        actor=staff, client=household, file=SimpleUploadedFile("p.csv", CSV_GOOD.encode())
    )
    assert again.ok and again.created == [] and again.skipped_duplicates == [2, 3]
    with pytest.raises(services.RecordRejected, match="header row"):
        services.payments_import_csv(
            actor=staff, client=household, file=SimpleUploadedFile("p.csv", b"when,how much\n")
        )
