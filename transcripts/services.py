"""Every write to transcripts: upload, reading in the worker, and the reaper for stuck reads.

The intake is the notices' own (`notices.uploads.upload_check`: size, emptiness, type from
the bytes) with the transcript sniffer, into the same private storage, read by the worker
with the same claim-once pattern, so a task delivered twice reads once.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from audit.models import Outcome
from audit.services import audit_record
from notices import limits
from notices.uploads import UploadRejected, upload_check
from transcripts.models import (
    Transcript,
    TranscriptFile,
    TranscriptStatus,
    TranscriptTransaction,
)
from transcripts.reading import sniff_transcript

logger = logging.getLogger(__name__)

__all__ = ["UploadRejected", "transcript_read", "transcript_reap_stuck", "transcript_upload"]

FORMATS = "a PDF, a saved web page (HTML) or a text file"


def transcript_upload(*, actor, client, upload) -> tuple[TranscriptFile, bool]:
    """Store an uploaded transcript file and queue its reading; (file, created).

    The same file uploaded twice for a household returns the one already stored.
    """
    if upload is None:
        raise UploadRejected("Choose the transcript file to upload.")
    checked = upload_check(upload, what="transcript", sniffer=sniff_transcript, formats=FORMATS)
    digest = checked.sha256
    existing = TranscriptFile.objects.filter(client=client, sha256=digest).first()
    if existing is not None:
        audit_record(action="transcript.upload_duplicate", actor=actor, obj=existing)
        return existing, False
    try:
        with transaction.atomic(durable=True):
            record = TranscriptFile(
                client=client,
                uploaded_by=actor,
                original_name=checked.name,
                kind=checked.kind,
                size=checked.size,
                sha256=digest,
            )
            record.file.save("upload", checked.file, save=False)
            record.save()
            audit_record(action="transcript.upload", actor=actor, obj=record)
            transaction.on_commit(lambda: _enqueue_read(record.pk))
    except IntegrityError:
        existing = TranscriptFile.objects.filter(client=client, sha256=digest).first()
        if existing is None:
            raise
        return existing, False
    return record, True


def _enqueue_read(file_id: int) -> None:
    from transcripts.tasks import transcript_read_task

    try:
        transcript_read_task.delay(file_id)
    except Exception:  # broker down: the upload is saved; the reaper queues it later
        logger.warning("could not queue transcript %s for reading; the reaper will retry", file_id)


def _claim(file_id: int) -> bool:
    now = timezone.now()
    stale = now - timedelta(seconds=limits.STUCK_AFTER_SECONDS)
    claimed = (
        TranscriptFile.objects.filter(pk=file_id)
        .filter(
            Q(status=TranscriptStatus.RECEIVED)
            | Q(status=TranscriptStatus.READING, reading_started_at__lt=stale)
        )
        .update(status=TranscriptStatus.READING, reading_started_at=now, attempts=F("attempts") + 1)
    )
    return claimed == 1


def _release(file_id: int) -> None:
    try:
        TranscriptFile.objects.filter(pk=file_id, status=TranscriptStatus.READING).update(
            status=TranscriptStatus.RECEIVED
        )
    except Exception:
        logger.warning("could not release transcript %s after a transient error", file_id)


def transcript_read(*, file_id: int) -> TranscriptFile | None:
    """Read a stored transcript file and store every transcript in it. Idempotent by state."""
    if not _claim(file_id):
        return None
    try:
        record = TranscriptFile.objects.select_related("client").get(pk=file_id)
        with record.file.open("rb") as handle:
            data = handle.read()
    except Exception:
        _release(file_id)
        raise

    from transcripts.reader import read_transcript_file

    result = read_transcript_file(
        (record.original_name, data), max_pages=limits.MAX_PAGES, max_bytes=limits.MAX_FILE_BYTES
    )
    try:
        _store(record, result)
    except Exception:
        _release(file_id)
        raise
    return record


def _store(record: TranscriptFile, result) -> None:
    from records.services import household_reconcile_after_commit

    with transaction.atomic(durable=True):
        record.transcripts.all().delete()
        record.read_at = timezone.now()
        record.page_count = result.page_count
        if not result.ok:
            error = result.error
            record.status = TranscriptStatus.NEEDS_ATTENTION
            record.error_code = error.code if error else "not_a_transcript"
            record.client_message = error.message if error else ""
            record.staff_detail = error.detail if error else ""
        else:
            record.status = TranscriptStatus.READ
            record.error_code = record.client_message = record.staff_detail = ""
            for position, data in enumerate(result.transcripts, start=1):
                transcript = Transcript.objects.create(
                    source=record,
                    client=record.client,
                    position=position,
                    form=(data.form or "")[:16],
                    tax_period=data.tax_period,
                    tax_year=data.tax_year,
                    tin_last4=data.tin_last4 or "",
                    spouse_tin_last4=data.spouse_tin_last4 or "",
                    request_date=data.request_date,
                    response_date=data.response_date,
                    tracking_number=(data.tracking_number or "")[:32],
                    account_balance=data.account_balance,
                    accrued_interest=data.accrued_interest,
                    accrued_penalty=data.accrued_penalty,
                    accruals_as_of=data.accruals_as_of,
                    balance_plus_accruals=data.balance_plus_accruals,
                    return_figures=data.return_figures,
                    no_return_filed=data.no_return_filed,
                    unparsed_lines=data.unparsed_lines[:200],
                )
                TranscriptTransaction.objects.bulk_create(
                    TranscriptTransaction(
                        transcript=transcript,
                        position=i,
                        code=line.code,
                        explanation=line.explanation[:255],
                        cycle=line.cycle or "",
                        date=line.date,
                        amount=line.amount,
                        pending=line.pending,
                        page=line.page,
                    )
                    for i, line in enumerate(data.transactions, start=1)
                )
        record.save()
        audit_record(
            action="transcript.read",
            obj=record,
            actor_email="worker",
            outcome=Outcome.SUCCESS if result.ok else Outcome.FAILURE,
            detail={
                "status": record.status,
                "error_code": record.error_code,
                "transcripts": len(result.transcripts),
            },
        )
        if result.ok:  # the ledger changed: reconcile the household's notices again
            household_reconcile_after_commit(record.client_id, None)


def transcript_fail_unexpectedly(*, file_id: int, detail: str) -> None:
    """The reading crashed or ran out of time: park the file for staff, never lose it."""
    updated = TranscriptFile.objects.filter(pk=file_id, status=TranscriptStatus.READING).update(
        status=TranscriptStatus.NEEDS_ATTENTION,
        error_code="internal",
        client_message="We could not read this file automatically. Our staff will look at it.",
        staff_detail=detail[:2000],
        read_at=timezone.now(),
    )
    if updated:
        audit_record(
            action="transcript.read",
            obj=TranscriptFile.objects.get(pk=file_id),
            actor_email="worker",
            outcome=Outcome.FAILURE,
            detail={"error_code": "internal"},
        )


def transcript_reap_stuck(*, now=None) -> dict[str, int]:
    """Re-queue transcripts stuck in reading or never queued; give up after N attempts."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=limits.STUCK_AFTER_SECONDS)
    waiting = now - timedelta(seconds=limits.REQUEUE_RECEIVED_AFTER_SECONDS)
    candidates = TranscriptFile.objects.filter(
        Q(status=TranscriptStatus.READING, reading_started_at__lt=stale)
        | Q(status=TranscriptStatus.RECEIVED, created_at__lt=waiting)
    )
    requeued = given_up = 0
    for file_id, attempts in candidates.values_list("pk", "attempts"):
        if attempts >= limits.MAX_READ_ATTEMPTS:
            TranscriptFile.objects.filter(pk=file_id).update(status=TranscriptStatus.READING)
            transcript_fail_unexpectedly(
                file_id=file_id, detail=f"Gave up after {attempts} attempts."
            )
            given_up += 1
        else:
            _enqueue_read(file_id)
            requeued += 1
    return {"requeued": requeued, "given_up": given_up}
