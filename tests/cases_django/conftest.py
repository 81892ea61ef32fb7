"""Read notices without the reader: rows as the reader would leave them, plus a real PDF file."""

import hashlib
import uuid
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

import pytest


@lru_cache(maxsize=8)
def notice_pdf(code: str, amount: str, caller_id: str) -> bytes:
    """A one-page synthetic notice PDF (no real taxpayer data)."""
    from letters.html import STATIC_DIR
    from letters.render import render_pdf

    html = (
        "<html><body><h1>Department of the Treasury</h1>"
        f"<p>Notice {code}</p><p>Tax year 2023</p><p>Your caller ID {caller_id}</p>"
        f"<p>Amount due: ${amount}</p></body></html>"
    )
    return render_pdf(html, base_dir=STATIC_DIR, timeout_s=30)


def proof_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(image).text((50, 50), "IRS Direct Pay confirmation DP7Q2K9", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def make_notice(db):
    """``make_notice(client, code=..., ...)`` -> a READ notice attached to its case."""
    from django.core.files.base import ContentFile

    from cases.services import case_attach_notice
    from notices.models import Notice, NoticeField, NoticeFile, NoticePage, NoticeStatus

    def make(
        client,
        *,
        code: str = "CP14",
        tax_year: int = 2023,
        tax_form: str = "1040",
        notice_date: date | None = None,
        pay_by: date | None = None,
        amount: str = "1075.21",
        caller_id: str = "105437",
        with_file: bool = False,
        attach: bool = True,
    ):
        notice_date = notice_date or date.today() - timedelta(days=3)
        notice = Notice.objects.create(
            client=client,
            status=NoticeStatus.READ,
            notice_type=code,
            tax_year=tax_year,
            tax_form=tax_form,
            notice_date=notice_date,
            pay_by_date=pay_by or notice_date + timedelta(days=21),
            amount_due=Decimal(amount),
            ssn_last4=client.primary_ssn_last4,
            caller_id=caller_id,
            irs_reply_address="Internal Revenue Service\nP.O. Box 9019\nHoltsville, NY 11742-9019",
            page_count=1,
            billing_summary={
                "tax_you_owed": "900.00",
                "failure_to_pay_penalty": "75.21",
                "interest_charges": "100.00",
            },
            checks=[{"name": "rows_sum", "passed": True, "detail": "Rows sum to the amount due"}],
        )
        NoticePage.objects.create(notice=notice, number=1, source_file="notice.pdf")
        for name, value, bbox in (
            ("notice_type", code, [450.0, 40.0, 520.0, 56.0]),
            ("amount_due", amount, [400.0, 200.0, 520.0, 216.0]),
            ("caller_id", caller_id, [450.0, 90.0, 520.0, 104.0]),
        ):
            NoticeField.objects.create(
                notice=notice, name=name, machine_value=value, confidence=0.98, page=1, bbox=bbox
            )
        if with_file:
            data = notice_pdf(code, amount, caller_id) + uuid.uuid4().hex.encode()
            record = NoticeFile(
                notice=notice,
                client=client,
                position=1,
                original_name="notice.pdf",
                kind="pdf",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            record.file.save("n", ContentFile(data), save=False)
            record.save()
        if attach:
            case_attach_notice(notice=notice)
        return notice

    return make


@pytest.fixture
def household(db, make_user):
    """A household whose assigned staff member is a real staff login."""
    from accounts.roles import Role
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF)
    client = ClientFactory(assigned_staff=staff, email="household@example.test")
    return client


@pytest.fixture
def eager_celery(settings):
    """Run queued tasks in-process (e-mail, letter renders) for service tests."""
    from taxhauz.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
