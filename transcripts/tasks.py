"""Thin Celery adapters: an id in, one service call (the notices' reading pattern)."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from transcripts import services

READ_SOFT_LIMIT = 90
READ_HARD_LIMIT = 120


@shared_task(
    name="transcripts.read",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=READ_SOFT_LIMIT,
    time_limit=READ_HARD_LIMIT,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def transcript_read_task(file_id: int) -> None:
    try:
        services.transcript_read(file_id=file_id)
    except SoftTimeLimitExceeded:
        services.transcript_fail_unexpectedly(
            file_id=file_id, detail=f"Reading took longer than {READ_SOFT_LIMIT} s."
        )
    except MemoryError:
        services.transcript_fail_unexpectedly(
            file_id=file_id, detail="Reading needed more memory than the worker allows."
        )


@shared_task(name="transcripts.reap_stuck", acks_late=True)
def transcript_reap_stuck_task() -> dict:
    return services.transcript_reap_stuck()
