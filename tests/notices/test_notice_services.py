"""Uploading and reading notices through the services, on PostgreSQL (reading in-process)."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from notices.models import Notice, NoticeField, NoticeFile, NoticeStatus
from notices.services import (
    UploadRejected,
    notice_field_correct,
    notice_read,
    notice_reap_stuck,
    notice_upload,
)

pytestmark = pytest.mark.django_db


def _upload(corpus, household_for, item_id, make_user, **kwargs):
    record = corpus.record(item_id)
    client = household_for(record, **kwargs)
    user = make_user(Role.CLIENT, client=client)
    outcome = notice_upload(actor=user, client=client, files=corpus.uploads(item_id))
    return outcome.notice, record


def test_upload_stores_the_file_privately_under_a_random_name(
    corpus, household_for, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        notice, _ = _upload(corpus, household_for, "bd00", make_user)
    stored = notice.files.get()
    path = stored.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "bd00" not in path and stored.original_name == "bd00.pdf"
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert stored.kind == "pdf" and len(stored.sha256) == 64
    assert notice.status == NoticeStatus.RECEIVED
    assert len(callbacks) == 1  # reading is queued only after the upload commits
    assert AuditEvent.objects.filter(action="notice.upload", object_id=str(notice.public_id))


def test_the_same_file_twice_shows_the_existing_notice(corpus, household_for, make_user):
    notice, _ = _upload(corpus, household_for, "bd01", make_user)
    again = notice_upload(
        actor=notice.uploaded_by, client=notice.client, files=corpus.uploads("bd01")
    )
    assert again.created is False and again.notice == notice
    assert NoticeFile.objects.filter(client=notice.client).count() == 1


def test_a_disguised_file_is_refused_before_anything_is_stored(household_for, corpus, make_user):
    client = household_for(corpus.record("bd00"))
    user = make_user(Role.CLIENT, client=client)
    html = SimpleUploadedFile("notice.pdf", b"<html><body>%PDF not really</body></html>")
    with pytest.raises(UploadRejected, match="not a PDF or a photo"):
        notice_upload(actor=user, client=client, files=[html])
    assert not Notice.objects.exists()


@pytest.mark.parametrize("item_id", ["br_truncated", "br_garbage_pdf"])
def test_a_cut_off_or_garbled_pdf_is_refused_at_upload_with_what_to_do(
    household_for, corpus, make_user, item_id
):
    client = household_for(corpus.record("bd00"))
    user = make_user(Role.CLIENT, client=client)
    with pytest.raises(UploadRejected, match=r"damaged or incomplete.*scan it again"):
        notice_upload(actor=user, client=client, files=corpus.uploads(item_id))
    assert not Notice.objects.exists()


def test_reading_stores_every_field_with_its_source(corpus, household_for, make_user):
    notice, record = _upload(corpus, household_for, "bd00", make_user)
    expected = record["expected"]
    notice_read(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READ
    assert notice.notice_type == expected["notice_type"]
    assert notice.amount_due == Decimal(expected["amount_due"])
    assert notice.pay_by_date.isoformat() == expected["pay_by_date"]
    assert notice.ssn_last4 == expected["ssn_last4"]
    assert notice.billing_summary == expected["billing_summary"]
    assert notice.legitimacy == "genuine"
    checks = {c["name"]: c["passed"] for c in notice.checks}
    assert checks["ssn_matches_household"] is True and checks["billing_lines_sum"] is True
    amount = notice.fields.get(name="amount_due")
    assert amount.machine_value == expected["amount_due"] and amount.page == 1
    assert len(amount.bbox) == 4 and amount.confidence > 0.5
    assert notice.pages.count() == 1 and not notice.used_ocr


def test_reading_twice_reads_once(corpus, household_for, make_user):
    notice, _ = _upload(corpus, household_for, "bd02", make_user)
    assert notice_read(notice_id=notice.pk) is not None
    assert notice_read(notice_id=notice.pk) is None  # a re-delivered task changes nothing
    notice.refresh_from_db()
    assert notice.attempts == 1
    assert AuditEvent.objects.filter(action="notice.read").count() == 1


@pytest.mark.parametrize(
    ("item_id", "client_words"),
    [
        ("br_encrypted", "password-protected"),
        ("br_no_text", "could not read any text"),
        ("br_too_many_pages", "more pages than we accept"),
        ("br_png_bomb", "too large to process"),
    ],
)
def test_unreadable_files_reach_staff_with_the_reason_and_are_kept(
    corpus,
    household_for,
    make_user,
    item_id,
    client_words,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from taxhauz.celery import app

    app.conf.task_always_eager = True
    staff = make_user(Role.STAFF)
    try:
        notice, _ = _upload(corpus, household_for, item_id, make_user, assigned_staff=staff)
        with django_capture_on_commit_callbacks(execute=True):
            notice_read(notice_id=notice.pk)
    finally:
        app.conf.task_always_eager = False
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.NEEDS_ATTENTION
    assert client_words in notice.client_message
    assert notice.staff_detail and notice.error_code
    assert notice.files.get().file.storage.exists(notice.files.get().file.name)
    assert any("could not be read" in m.subject and staff.email in m.to for m in mail.outbox)


def test_the_reaper_requeues_stuck_notices_and_gives_up_after_three_attempts(
    corpus, household_for, make_user
):
    stuck, _ = _upload(corpus, household_for, "bd03", make_user)
    hopeless, _ = _upload(corpus, household_for, "bd04", make_user)
    long_ago = timezone.now() - timedelta(minutes=30)
    Notice.objects.filter(pk=stuck.pk).update(
        status=NoticeStatus.READING, reading_started_at=long_ago, attempts=1
    )
    Notice.objects.filter(pk=hopeless.pk).update(
        status=NoticeStatus.READING, reading_started_at=long_ago, attempts=3
    )
    assert notice_reap_stuck() == {"requeued": 1, "given_up": 1}
    hopeless.refresh_from_db()
    assert hopeless.status == NoticeStatus.NEEDS_ATTENTION and "3 attempts" in hopeless.staff_detail
    # The stuck one is taken over by the next reading (its claim is stale).
    assert notice_read(notice_id=stuck.pk) is not None
    stuck.refresh_from_db()
    assert stuck.status == NoticeStatus.READ and stuck.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_a_long_read_keeps_its_claim_by_its_heartbeat(
    corpus, household_for, make_user, monkeypatch
):
    """A read that takes longer than the stale window is not taken over while it is alive:
    its heartbeat is fresh. Once the heartbeat stops, the claim goes stale."""
    import threading
    import time

    from django.db import connection

    import notices.reader
    from notices import limits, services

    monkeypatch.setattr(limits, "HEARTBEAT_SECONDS", 0.2)
    monkeypatch.setattr(limits, "STUCK_AFTER_SECONDS", 1)
    real = notices.reader.read_notice_files

    def slow_read(*args, **kwargs):
        time.sleep(3)  # three stale windows
        return real(*args, **kwargs)

    monkeypatch.setattr(notices.reader, "read_notice_files", slow_read)
    notice, _ = _upload(corpus, household_for, "bd06", make_user)
    def read_in_a_worker_thread():
        try:
            notice_read(notice_id=notice.pk)
        finally:
            connection.close()

    reading = threading.Thread(target=read_in_a_worker_thread)
    reading.start()
    try:
        time.sleep(2)
        assert notice_reap_stuck() == {"requeued": 0, "given_up": 0}
        assert not services._claim(notice.pk)  # a second worker cannot take it over
    finally:
        reading.join(timeout=30)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READ and notice.attempts == 1


def test_a_correction_keeps_what_the_machine_read_and_is_audited(corpus, household_for, make_user):
    notice, record = _upload(corpus, household_for, "bd05", make_user)
    notice_read(notice_id=notice.pk)
    staff = make_user(Role.STAFF)
    notice_field_correct(
        actor=staff, notice=notice, name="amount_due", value="123.45", reason="stub shows 123.45"
    )
    field = NoticeField.objects.get(notice=notice, name="amount_due")
    assert field.machine_value == record["expected"]["amount_due"]
    assert field.value == "123.45" and field.corrected_by == staff
    notice.refresh_from_db()
    assert notice.amount_due == Decimal("123.45")
    event = AuditEvent.objects.get(action="notice.field_correct")
    assert event.detail["from"] == record["expected"]["amount_due"] and event.actor == staff
