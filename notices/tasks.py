"""Thin Celery adapters: each takes an id and calls one service."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from common.tasks import TaxhauzTask
from notices import services

logger = logging.getLogger(__name__)

# Parsing gets its own limits: soft < hard < the broker's visibility timeout (1 h).
READ_SOFT_LIMIT = 90
READ_HARD_LIMIT = 120


@shared_task(
    base=TaxhauzTask,
    name="notices.read",
    soft_time_limit=READ_SOFT_LIMIT,
    time_limit=READ_HARD_LIMIT,
)
def notice_read_task(notice_id: int) -> None:
    try:
        services.notice_read(notice_id=notice_id)
    except SoftTimeLimitExceeded:
        services.notice_fail_unexpectedly(
            notice_id=notice_id, detail=f"Reading took longer than {READ_SOFT_LIMIT} s."
        )
    except MemoryError:
        services.notice_fail_unexpectedly(
            notice_id=notice_id, detail="Reading needed more memory than the worker allows."
        )


@shared_task(base=TaxhauzTask, name="notices.reap_stuck")
def notice_reap_stuck_task() -> dict:
    return services.notice_reap_stuck()
