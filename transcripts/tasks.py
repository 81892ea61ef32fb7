"""Thin Celery adapters: an id in, one service call (the notices' reading pattern)."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from common.tasks import TaxhauzTask
from transcripts import services

READ_SOFT_LIMIT = 90
READ_HARD_LIMIT = 120


@shared_task(
    base=TaxhauzTask,
    name="transcripts.read",
    soft_time_limit=READ_SOFT_LIMIT,
    time_limit=READ_HARD_LIMIT,
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


@shared_task(base=TaxhauzTask, name="transcripts.reap_stuck")
def transcript_reap_stuck_task() -> dict:
    return services.transcript_reap_stuck()
