"""Thin Celery adapters for cases."""

from celery import shared_task

from common.tasks import TaxhauzTask

PREVIEW_SOFT_LIMIT = 60
PREVIEW_HARD_LIMIT = 90


@shared_task(
    base=TaxhauzTask,
    name="cases.render_previews",
    soft_time_limit=PREVIEW_SOFT_LIMIT,
    time_limit=PREVIEW_HARD_LIMIT,
)
def notice_previews_task(notice_id: int) -> int:
    from cases.previews import notice_previews_render  # the worker's side only

    return notice_previews_render(notice_id=notice_id)
