"""Invariants the database keeps, whatever the code above it does."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from notices.models import Notice
from records.engine import DEFAULT_RATES
from records.models import (
    InstallmentAgreement,
    InterestRatePeriod,
    Payment,
    Reconciliation,
    TaxReturn,
)

pytestmark = pytest.mark.django_db


def _fails(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_money_and_dates_are_checked_by_the_database(household, tax_return):
    pay = {
        "client": household,
        "tax_year": 2023,
        "date": date(2024, 5, 1),
        "method": "check",
        "source": "staff",
    }
    assert _fails(lambda: Payment.objects.create(amount=Decimal("0"), **pay))
    assert _fails(lambda: Payment.objects.create(amount=Decimal("-5"), **pay))
    assert _fails(lambda: Payment.objects.create(amount=Decimal("5"), proof="x", **pay))
    assert not _fails(lambda: Payment.objects.create(amount=Decimal("5"), **pay))
    assert _fails(lambda: tax_return(household, total_tax=Decimal("-1")))
    assert _fails(lambda: tax_return(household, extended_due_date=date(2024, 1, 1)))
    assert _fails(lambda: tax_return(household, joint=True, filing_status="single"))
    assert _fails(
        lambda: InstallmentAgreement.objects.create(
            client=household, tax_year=2023, start=date(2024, 5, 1), end=date(2024, 4, 1)
        )
    )


def test_one_return_per_household_year_and_form(household, tax_return):
    tax_return(household)
    assert _fails(lambda: tax_return(household))
    assert not _fails(lambda: tax_return(household, form="1040-X"))
    assert TaxReturn.objects.count() == 2


def test_one_current_reconciliation_per_notice(household):
    notice = Notice.objects.create(client=household)
    row = {
        "notice": notice,
        "inputs": {},
        "inputs_fingerprint": "a" * 64,
        "result": {},
        "action": "pay_now",
    }
    Reconciliation.objects.create(**row)
    assert _fails(lambda: Reconciliation.objects.create(**row))
    assert not _fails(lambda: Reconciliation.objects.create(**row, is_current=False))
    assert _fails(
        lambda: Reconciliation.objects.create(
            **{**row, "is_current": False}, override_action="dispute"
        )
    )


def test_the_rate_table_is_seeded_from_the_engine_defaults():
    rows = list(InterestRatePeriod.objects.order_by("start"))
    assert len(rows) == len(DEFAULT_RATES)
    assert rows[0].start == date(2010, 1, 1) and rows[0].rate == Decimal("0.04")  # Notice 746
    by_start = {r.start: r.rate for r in rows}
    assert by_start[date(2011, 10, 1)] == Decimal("0.03")
    assert by_start[date(2018, 4, 1)] == Decimal("0.05")
    assert by_start[date(2019, 1, 1)] == Decimal("0.06")
    assert rows[-1].start == date(2026, 4, 1) and rows[-1].confirmed is False
    assert _fails(
        lambda: InterestRatePeriod.objects.create(
            start=date(2030, 1, 1), rate=Decimal("1.5"), source="typo"
        )
    )


def test_no_record_can_hold_a_full_ssn():
    from django.apps import apps

    for model in apps.get_app_config("records").get_models():
        for field in model._meta.fields:
            if "ssn" in field.name:
                assert field.name == "ssn_owner"
                assert {c for c, _ in field.choices} == {"primary", "spouse"}
