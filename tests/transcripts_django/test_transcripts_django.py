"""Transcript intake, reading, storage, the command contract, views, and a real worker."""

import io
import json
import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from tests.factories import JointClientFactory
from tests.transcripts.scenarios import gen
from transcripts import services
from transcripts.models import Transcript, TranscriptFile, TranscriptStatus

KEYS = {
    "file",
    "ok",
    "error",
    "form",
    "tax_period",
    "tin_last4",
    "spouse_tin_last4",
    "account_balance",
    "accrued_interest",
    "accrued_penalty",
    "accruals_as_of",
    "transactions",
}
ROW_KEYS = {"code", "explanation", "cycle", "date", "amount", "pending"}


def two_modules(tin4: str, spouse4: str) -> tuple[bytes, list[dict]]:
    rng = random.Random(5)  # noqa: S311 - synthetic data
    request = date(2025, 3, 3)
    modules = [
        gen.build_module(
            rng, 2023, tin4, spouse4, "ALEX PRAX", "MAPLEW", request, flavor="pending"
        ),
        gen.build_module(rng, 2022, tin4, spouse4, "ALEX PRAX", "MAPLEW", request, flavor="plain"),
    ]
    return gen.text_render(modules, True, rng).encode(), [m.expected() for m in modules]


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.django_db
def test_upload_refuses_an_image_and_an_empty_file():
    client = JointClientFactory()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(services.UploadRejected) as refused:
        services.transcript_upload(actor=None, client=client, upload=upload("t.png", png))
    assert "a PDF, a saved web page (HTML) or a text file" in refused.value.message
    with pytest.raises(services.UploadRejected):
        services.transcript_upload(actor=None, client=client, upload=upload("t.txt", b""))
    assert not TranscriptFile.objects.exists()


@pytest.mark.django_db
def test_read_stores_every_transcript_in_the_file_and_a_repeat_upload_is_one_file():
    client = JointClientFactory()
    data, expected = two_modules(client.primary_ssn_last4, client.spouse_ssn_last4)
    record, created = services.transcript_upload(
        actor=None, client=client, upload=upload("acct.txt", data)
    )
    assert created and record.kind == "text"
    again, created_again = services.transcript_upload(
        actor=None, client=client, upload=upload("copy.txt", data)
    )
    assert again.pk == record.pk and not created_again
    services.transcript_read(file_id=record.pk)
    record.refresh_from_db()
    assert record.status == TranscriptStatus.READ
    stored = list(Transcript.objects.filter(source=record).order_by("position"))
    assert [t.tax_year for t in stored] == [2023, 2022]
    assert stored[0].tin_last4 == client.primary_ssn_last4
    assert stored[0].transactions.count() == len(expected[0]["transactions"])
    pending = [x.pending for x in stored[0].transactions.order_by("position")]
    assert pending == [row["pending"] for row in expected[0]["transactions"]]
    assert str(stored[0].account_balance) == expected[0]["account_balance"]
    assert services.transcript_read(file_id=record.pk) is None  # read once


@pytest.mark.django_db
def test_a_file_that_is_not_a_transcript_needs_attention():
    client = JointClientFactory()
    record, _ = services.transcript_upload(
        actor=None, client=client, upload=upload("note.txt", b"Dear friend,\nhello.\n")
    )
    services.transcript_read(file_id=record.pk)
    record.refresh_from_db()
    assert record.status == TranscriptStatus.NEEDS_ATTENTION
    assert record.error_code == "not_a_transcript"


def test_command_prints_one_json_object_per_file_with_the_contract_keys(tmp_path):
    data, expected = two_modules("1234", "5678")
    good = tmp_path / "acct.txt"
    good.write_bytes(data)
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("read_transcript", "--json", str(good), str(bad), stdout=out)
    assert exit_code.value.code == 1  # one file failed
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert set(first) == KEYS | {"transcripts"} and set(second) == KEYS
    assert first["ok"] is True and first["error"] is None
    assert first["tax_period"] == "2023-12-31" and first["tin_last4"] == "1234"
    assert first["account_balance"] == expected[0]["account_balance"]
    assert all(set(row) == ROW_KEYS for row in first["transactions"])
    assert first["transactions"] == expected[0]["transactions"]
    assert [t["tax_period"] for t in first["transcripts"]] == ["2023-12-31", "2022-12-31"]
    assert second["ok"] is False and second["error"] == "not_a_transcript_file"
    assert second["transactions"] == []


@pytest.mark.django_db
def test_staff_upload_on_the_household_page_and_client_upload(signed_in):
    staff = signed_in(Role.STAFF)
    household = JointClientFactory(assigned_staff=staff.user)
    data, _ = two_modules(household.primary_ssn_last4, household.spouse_ssn_last4)
    response = staff.post(
        reverse("transcripts:staff_upload", args=[household.public_id]),
        {"file": upload("acct.txt", data)},
    )
    assert response.status_code == 302
    assert TranscriptFile.objects.filter(client=household).count() == 1
    page = staff.get(reverse("records:household", args=[household.public_id]))
    assert b"IRS account transcripts" in page.content and b"acct.txt" in page.content


@pytest.mark.django_db
def test_reconciliation_reads_the_stored_transcripts_and_cites_them():
    from notices.models import Notice, NoticeStatus
    from records.reconciliation import reconcile
    from records.services import reconciliation_inputs_for

    client = JointClientFactory()
    data, expected = two_modules(client.primary_ssn_last4, client.spouse_ssn_last4)
    record, _ = services.transcript_upload(actor=None, client=client, upload=upload("a.txt", data))
    services.transcript_read(file_id=record.pk)
    notice = Notice.objects.create(
        client=client,
        status=NoticeStatus.READ,
        notice_type="CP14",
        tax_year=2023,
        tax_form="1040",
        notice_date=date(2024, 7, 1),
        amount_due=Decimal("500.00"),
    )
    rin = reconciliation_inputs_for(notice)
    assert [m.tax_year for m in rin.transcripts] == [2022, 2023]
    result = reconcile(rin).to_dict()
    assert len(result["ledger"]) == len(expected[0]["transactions"])
    assert result["transcript"]["tin"] == f"XXX-XX-{client.primary_ssn_last4}"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_upload_is_read_by_a_real_worker(tmp_path):
    from tests.support import celery_worker, wait_for, worker_env

    client = JointClientFactory()
    data, _expected = two_modules(client.primary_ssn_last4, client.spouse_ssn_last4)
    # Queued on commit (the upload is durable), then a real worker process reads it.
    record, _ = services.transcript_upload(
        actor=None, client=client, upload=upload("acct.txt", data)
    )
    with celery_worker(worker_env(), log_path=tmp_path / "worker.log"):
        wait_for(
            lambda: TranscriptFile.objects.get(pk=record.pk).is_final,
            timeout=90,
            what="the worker to read the transcript",
        )
    record.refresh_from_db()
    assert record.status == TranscriptStatus.READ, (tmp_path / "worker.log").read_text()[-2000:]
    assert Transcript.objects.filter(source=record).count() == 2
