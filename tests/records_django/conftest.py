"""Households with a read notice and records, for the Django side of reconciliation."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

# Tax year 2023: due 2024-04-15, filed on time, total tax 10,000, withholding 8,000, so 2,000
# unpaid at the due date. At a notice dated 2024-06-20, by hand: failure to pay 3 months x
# 0.5% x 2,000 = 30.00; interest 2,000 x ((1 + 0.08/366)^66 - 1) = 29.06.
BILLING_AGREES = {
    "tax": "10000.00",
    "payments_credits": "-8000.00",
    "failure_to_pay_penalty": "30.00",
    "interest": "29.06",
}
AMOUNT_AGREES = Decimal("2059.06")


def png_upload(name: str = "confirmation.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name: str = "statement.pdf") -> SimpleUploadedFile:
    from tests.security.hostile import text_pdf

    data = text_pdf(["Bank statement", "IRS USATAXPYMT 1,075.21"])
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def eager_tasks():
    """Run enqueued tasks inline (the real worker is exercised in the end-to-end module)."""
    from taxhauz.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.fixture
def household(db):
    from tests.factories import JointClientFactory

    return JointClientFactory()


@pytest.fixture
def read_notice(db):
    """A notice as the reader leaves it (READ), for a household and year."""
    from notices.models import Notice, NoticeStatus

    def make(client, **overrides):
        fields = {
            "client": client,
            "status": NoticeStatus.READ,
            "notice_type": "CP14",
            "tax_year": 2023,
            "tax_form": "1040",
            "notice_date": date(2024, 6, 20),
            "pay_by_date": date(2024, 7, 11),
            "amount_due": AMOUNT_AGREES,
            "billing_summary": dict(BILLING_AGREES),
            "ssn_last4": client.primary_ssn_last4,
        }
        fields.update(overrides)
        return Notice.objects.create(**fields)

    return make


@pytest.fixture
def tax_return(db):
    from records.models import TaxReturn

    def make(client, **overrides):
        fields = {
            "client": client,
            "tax_year": 2023,
            "form": "1040",
            "filing_status": client.filing_status,
            "joint": client.is_joint,
            "original_due_date": date(2024, 4, 15),
            "total_tax": Decimal("10000.00"),
            "withholding": Decimal("8000.00"),
        }
        fields.update(overrides)
        return TaxReturn.objects.create(**fields)

    return make
