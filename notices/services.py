"""Every write to notices: upload, reading, corrections, and the reaper for stuck reads."""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from audit.models import Outcome
from audit.services import audit_record
from common.locks import transaction_lock
from common.redaction import redact
from notices import limits
from notices.models import (
    Notice,
    NoticeField,
    NoticeFile,
    NoticePage,
    NoticeSource,
    NoticeStatus,
)
from notices.uploads import UploadRejected, storage_quota_check, upload_check
from notifications.services import absolute_url, email_enqueue

logger = logging.getLogger(__name__)

__all__ = [
    "UploadRejected",
    "notice_field_correct",
    "notice_legitimacy_set",
    "notice_read",
    "notice_upload",
]


@dataclass(frozen=True)
class UploadOutcome:
    notice: Notice
    created: bool


def notice_upload(
    *, actor, client, files: list, source: str = NoticeSource.PORTAL
) -> UploadOutcome:
    """Store an uploaded notice (one or more files, pages in order) and queue its reading.

    The one intake for notices, whatever brought them: the portal's upload form, or an
    e-mail attachment (``source="email"``, see ``mailintake``). Each file is a Django
    upload (or any object with ``name``, ``size`` and ``read``). The same file sent twice
    by a household returns the notice it already made. A file whose type cannot be told
    from its bytes is refused before anything is stored.
    """
    if not files:
        raise UploadRejected("Choose the notice file (or the photos of its pages) to upload.")
    if len(files) > limits.MAX_FILES_PER_NOTICE:
        raise UploadRejected(f"Upload at most {limits.MAX_FILES_PER_NOTICE} files for one notice.")
    prepared = [upload_check(upload, what="notice") for upload in files]
    digests = [checked.sha256 for checked in prepared]

    existing = (
        NoticeFile.objects.filter(client=client, sha256__in=digests)
        .select_related("notice")
        .first()
    )
    if existing is not None:
        audit_record(action="notice.upload_duplicate", actor=actor, obj=existing.notice)
        return UploadOutcome(existing.notice, created=False)

    try:
        with transaction.atomic(durable=True):
            transaction_lock("household.storage", client.pk)
            storage_quota_check(client, adding=sum(checked.size for checked in prepared))
            notice = Notice.objects.create(client=client, uploaded_by=actor, source=source)
            for position, checked in enumerate(prepared, start=1):
                record = NoticeFile(
                    notice=notice,
                    client=client,
                    position=position,
                    original_name=checked.name,
                    kind=checked.kind,
                    size=checked.size,
                    sha256=checked.sha256,
                )
                record.file.save("upload", checked.file, save=False)
                record.save()
            audit_record(
                action="notice.upload",
                actor=actor,
                obj=notice,
                detail={"files": len(prepared), "source": source},
            )
            transaction.on_commit(lambda: _enqueue_read(notice.pk))
            _notify_staff(
                notice,
                "A client e-mailed a new IRS notice"
                if source == NoticeSource.EMAIL
                else "A client uploaded a new IRS notice",
            )
    except IntegrityError:
        # A concurrent upload of the same file won the race: show that notice.
        existing = (
            NoticeFile.objects.filter(client=client, sha256__in=digests)
            .select_related("notice")
            .first()
        )
        if existing is None:
            raise
        return UploadOutcome(existing.notice, created=False)
    return UploadOutcome(notice, created=True)


def _enqueue_read(notice_id: int) -> None:
    from notices.tasks import notice_read_task

    try:
        notice_read_task.delay(notice_id)
    except Exception:  # broker down: the upload is saved; the reaper queues it later
        logger.warning("could not queue notice %s for reading; the reaper will retry", notice_id)


def _enqueue_reconcile(notice_id: int) -> None:
    from records.services import reconciliation_enqueue  # swallows broker errors itself

    reconciliation_enqueue(notice_id)


def _notify_staff(notice: Notice, subject: str) -> None:
    staff = notice.client.assigned_staff
    if staff is None or not staff.email:
        return
    body = (
        f"{subject} for {notice.client.display_name}.\n\n"
        f"Status: {notice.get_status_display()}\n"
        "Open it in the portal: "
        + absolute_url(reverse("notices:staff_detail", args=[notice.public_id]))
        + "\n"
    )
    if notice.status == NoticeStatus.NEEDS_ATTENTION:
        body += f"\nWhy: {notice.staff_detail}\n"
    email_enqueue(to=[staff.email], subject=f"[Taxhauz] {subject}", body=body)


def _abandoned_reading(now) -> Q:
    """Notices in "reading" whose worker is gone: no heartbeat for STUCK_AFTER_SECONDS."""
    stale = now - timedelta(seconds=limits.STUCK_AFTER_SECONDS)
    return Q(status=NoticeStatus.READING) & (
        Q(read_heartbeat_at__lt=stale)
        | Q(read_heartbeat_at__isnull=True, reading_started_at__lt=stale)
    )


def _claim(notice_id: int) -> bool:
    """Take the notice for reading, once: received -> reading, or an abandoned reading."""
    now = timezone.now()
    claimed = (
        Notice.objects.filter(pk=notice_id)
        .filter(Q(status=NoticeStatus.RECEIVED) | _abandoned_reading(now))
        .update(
            status=NoticeStatus.READING,
            reading_started_at=now,
            read_heartbeat_at=now,
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


@contextmanager
def _heartbeat(notice_id: int):
    """While the block runs, beat the notice's heartbeat every HEARTBEAT_SECONDS.

    A thread of the worker child, with its own database connection: reading is CPU work in
    C and Python that releases the GIL often enough. The heartbeat stops with the block, or
    with the process (SIGKILL, the OOM killer, Celery's hard time limit), which is the sign
    the reaper waits for.
    """
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(limits.HEARTBEAT_SECONDS):
                Notice.objects.filter(pk=notice_id, status=NoticeStatus.READING).update(
                    read_heartbeat_at=timezone.now()
                )
        except Exception:  # the database is away: the claim may go stale, reading goes on
            logger.warning("notice %s: heartbeat stopped", notice_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"notice-{notice_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def notice_read(*, notice_id: int) -> Notice | None:
    """Read a notice's files and store what they say. Idempotent by state.

    A notice already read (or being read by someone else) is left alone, so a task
    delivered twice reads once.
    """
    if not _claim(notice_id):
        return None
    try:
        notice = Notice.objects.select_related("client").get(pk=notice_id)
        blobs = []
        for record in notice.files.order_by("position"):
            with record.file.open("rb") as handle:
                blobs.append((record.original_name, handle.read()))
    except Exception:
        # Storage or database trouble before reading: hand the notice back for a retry.
        _release(notice_id)
        raise

    from notices.reader import read_notice_files

    with _heartbeat(notice_id):
        result = read_notice_files(
            blobs,
            household_ssn_last4=notice.client.ssn_last4s,
            max_pages=limits.MAX_PAGES,
            max_bytes=limits.MAX_FILE_BYTES,
        )
    try:
        _store_result(notice, result)
    except Exception:
        _release(notice_id)
        raise
    return notice


def _release(notice_id: int) -> None:
    try:
        Notice.objects.filter(pk=notice_id, status=NoticeStatus.READING).update(
            status=NoticeStatus.RECEIVED
        )
    except Exception:  # the database itself is down; the reaper will find it later
        logger.warning("could not release notice %s after a transient error", notice_id)


def _store_result(notice: Notice, result) -> None:
    with transaction.atomic(durable=True):
        now = timezone.now()
        notice.pages.all().delete()
        notice.fields.filter(corrected_at__isnull=True).delete()
        if not result.ok:
            error = result.error
            notice.status = NoticeStatus.NEEDS_ATTENTION
            notice.error_code = error.code
            notice.client_message = error.client_message
            notice.staff_detail = error.staff_detail
        else:
            data = result.to_json_extended()
            notice.status = NoticeStatus.READ
            notice.error_code = notice.client_message = notice.staff_detail = ""
            notice.notice_type = result.notice_type or ""
            notice.tax_year = result.tax_year
            notice.tax_form = result.tax_form or ""
            notice.notice_date = result.notice_date
            notice.pay_by_date = result.pay_by_date
            notice.amount_due = result.amount_due
            notice.ssn_last4 = result.ssn_last4 or ""
            notice.caller_id = result.caller_id or ""
            notice.irs_phone = result.irs_phone or ""
            notice.taxpayer_name = (result.taxpayer_name or "")[:200]
            notice.mailing_address = "\n".join(result.mailing_address)
            notice.irs_reply_address = "\n".join(result.irs_reply_address)
            notice.page_count = result.page_count
            notice.billing_summary = data["billing_summary"]
            notice.legitimacy_machine = result.legitimacy.verdict
            if notice.legitimacy_set_at is None:  # staff's verdict stands over a re-read
                notice.legitimacy = result.legitimacy.verdict
            notice.legitimacy_reasons = list(result.legitimacy.reasons)
            notice.legitimacy_signs = data["legitimacy"]["signs"]
            notice.checks = data["checks"]
            notice.used_ocr = result.ocr
            NoticePage.objects.bulk_create(
                NoticePage(
                    notice=notice,
                    number=p.number,
                    source_file=p.source[:255],
                    used_ocr=p.ocr,
                    rotation=p.rotation,
                )
                for p in result.pages
            )
            values = _field_values(data)
            corrected = set(notice.fields.values_list("name", flat=True))
            NoticeField.objects.bulk_create(
                NoticeField(
                    notice=notice,
                    name=name,
                    machine_value=values.get(name, ""),
                    confidence=ev.confidence,
                    page=ev.page,
                    bbox=list(ev.bbox) if ev.bbox else None,
                    confirmed=ev.confirmed,
                    why=ev.why[:300],
                    source=ev.source[:48],
                )
                for name, ev in result.fields.items()
                if name not in corrected
            )
            notice.unconfirmed_fields = sorted(
                name
                for name, ev in result.fields.items()
                if not ev.confirmed and name not in corrected
            )
        notice.read_at = now
        notice.save()
        # Same transaction: a notice and its case commit together. Every upload opens or
        # joins a case; an unreadable or suspicious one opens its own, flagged for staff.
        from cases.services import case_attach_notice

        case_attach_notice(notice=notice)
        audit_record(
            action="notice.read",
            obj=notice,
            actor_email="worker",
            outcome=Outcome.SUCCESS if result.ok else Outcome.FAILURE,
            detail={"status": notice.status, "error_code": notice.error_code},
        )
        if not result.ok:
            _notify_staff(notice, "A notice needs attention: it could not be read")
        transaction.on_commit(lambda: _enqueue_reconcile(notice.pk))  # skipped unless READ


def _field_values(data: dict) -> dict[str, str]:
    values = {}
    for key, value in data.items():
        if isinstance(value, str | int):
            values[key] = str(value)
    for key, value in (data.get("billing_summary") or {}).items():
        values[f"billing_summary.{key}"] = str(value)
        values.setdefault(key, str(value))
    return values


def notice_fail_unexpectedly(*, notice_id: int, detail: str) -> None:
    """The reading crashed or ran out of time: park the notice for staff, never lose it."""
    from cases.services import case_attach_notice

    with transaction.atomic(durable=True):
        updated = Notice.objects.filter(pk=notice_id, status=NoticeStatus.READING).update(
            status=NoticeStatus.NEEDS_ATTENTION,
            error_code="internal",
            client_message="We could not read this file automatically. Our staff have been "
            "told and will look at it.",
            staff_detail=detail[:2000],
            read_at=timezone.now(),
        )
        if updated:
            notice = Notice.objects.select_related("client").get(pk=notice_id)
            case_attach_notice(notice=notice)  # it reaches the queue, flagged unreadable
            audit_record(
                action="notice.read",
                obj=notice,
                actor_email="worker",
                outcome=Outcome.FAILURE,
                detail={"error_code": "internal"},
            )
            _notify_staff(notice, "A notice needs attention: it could not be read")


def notice_reap_stuck(*, now=None) -> dict[str, int]:
    """Re-queue notices stuck in reading (a worker died) or never queued (broker was down).

    After MAX_READ_ATTEMPTS the notice goes to staff instead of looping forever.
    """
    now = now or timezone.now()
    waiting = now - timedelta(seconds=limits.REQUEUE_RECEIVED_AFTER_SECONDS)
    candidates = Notice.objects.filter(
        _abandoned_reading(now) | Q(status=NoticeStatus.RECEIVED, created_at__lt=waiting)
    )
    requeued = given_up = 0
    for notice_id, attempts in candidates.values_list("pk", "attempts"):
        if attempts >= limits.MAX_READ_ATTEMPTS:
            Notice.objects.filter(pk=notice_id).update(status=NoticeStatus.READING)
            notice_fail_unexpectedly(
                notice_id=notice_id,
                detail=f"Gave up after {attempts} attempts "
                "(the worker stopped or timed out each time).",
            )
            given_up += 1
        else:
            _enqueue_read(notice_id)
            requeued += 1
    return {"requeued": requeued, "given_up": given_up}


def notice_field_correct(*, actor, notice: Notice, name: str, value: str, reason: str = "") -> None:
    """Record a staff correction beside the machine's value, and audit it.

    The one correction service, whichever page it comes from (the notice review page or
    the case page): in one transaction it updates the notice's field and the case's copy
    of it (amount, dates, code, caller id), with a line on the case's timeline. A full SSN
    is never stored, whatever is typed: it is masked to the last four digits.
    """
    from cases.services import case_note_field_corrected

    value, reason = redact(value), redact(reason)
    with transaction.atomic(durable=True):
        field, _ = NoticeField.objects.get_or_create(notice=notice, name=name)
        before = field.value
        field.corrected_value = value
        field.corrected_by = actor
        field.corrected_at = timezone.now()
        field.correction_reason = reason[:200]
        field.save()
        if name in notice.unconfirmed_fields:  # staff have now vouched for the value
            notice.unconfirmed_fields = [n for n in notice.unconfirmed_fields if n != name]
            notice.save(update_fields=["unconfirmed_fields"])
        _apply_effective_value(notice, name, value)
        case_note_field_corrected(
            actor=actor, notice=notice, name=name, value=value, reason=reason[:200]
        )
        # The amounts or dates changed: reconcile again with what staff now say it reads.
        transaction.on_commit(lambda: _enqueue_reconcile(notice.pk))
        audit_record(
            action="notice.field_correct",
            actor=actor,
            obj=notice,
            detail={"field": name, "from": before, "to": value, "reason": reason},
        )


_EDITABLE = {
    "notice_type": str,
    "tax_form": str,
    "caller_id": str,
    "irs_phone": str,
    "taxpayer_name": str,
}


def _apply_effective_value(notice: Notice, name: str, value: str) -> None:
    import datetime
    from decimal import Decimal

    if name in _EDITABLE:
        setattr(notice, name, value)
    elif name in ("notice_date", "pay_by_date"):
        setattr(notice, name, datetime.date.fromisoformat(value) if value else None)
    elif name == "amount_due":
        notice.amount_due = Decimal(value) if value else None
    elif name == "tax_year":
        notice.tax_year = int(value) if value else None
    elif name == "ssn_last4":
        notice.ssn_last4 = value[-4:]
    else:
        return
    notice.save()


LEGITIMACY_VERDICTS = ("genuine", "suspicious")


def notice_legitimacy_set(*, actor, notice: Notice, verdict: str, reason: str) -> Notice:
    """Staff decide whether the letter is genuine or a scam; the client page follows.

    ``verdict`` "genuine" or "suspicious" overrides the reader's; "" hands the verdict back
    to the reader. A reason is required, and the change is audited (who, from, to, why).
    """
    reason = redact((reason or "").strip())
    if verdict not in (*LEGITIMACY_VERDICTS, ""):
        raise ValueError(f"unknown verdict {verdict!r}")
    if not reason:
        raise ValueError("Say why: the reason is kept with the verdict.")
    with transaction.atomic(durable=True):
        return _legitimacy_apply(actor=actor, notice=notice, verdict=verdict, reason=reason)


def _legitimacy_apply(*, actor, notice: Notice, verdict: str, reason: str) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    before = notice.legitimacy
    if verdict:
        notice.legitimacy = verdict
        notice.legitimacy_set_by = actor
        notice.legitimacy_set_at = timezone.now()
    else:
        notice.legitimacy = notice.legitimacy_machine or "unknown"
        notice.legitimacy_set_by = None
        notice.legitimacy_set_at = None
    notice.legitimacy_set_reason = reason[:300]
    notice.save(
        update_fields=[
            "legitimacy",
            "legitimacy_set_by",
            "legitimacy_set_at",
            "legitimacy_set_reason",
        ]
    )
    audit_record(
        action="notice.legitimacy_set",
        actor=actor,
        obj=notice,
        detail={
            "from": before,
            "to": notice.legitimacy,
            "machine": notice.legitimacy_machine,
            "reason": reason[:300],
        },
    )
    return notice


def notice_confirm_scam(*, actor, notice: Notice, advice: str) -> Notice:
    """Part of closing a case as a confirmed scam (``cases.services``, inside its
    transaction): staff's scam verdict on the notice, so the client's notice page tells
    them what to do; an unread notice carries the same advice as its message."""
    notice = _legitimacy_apply(
        actor=actor,
        notice=notice,
        verdict="suspicious",
        reason="Confirmed scam: the case was closed as not from the IRS.",
    )
    if notice.status != NoticeStatus.READ:
        Notice.objects.filter(pk=notice.pk).update(client_message=advice)
    return notice
