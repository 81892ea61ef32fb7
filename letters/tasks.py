"""Thin Celery adapters: each takes a letter version id and calls one service."""

from celery import shared_task

from common.tasks import TaxhauzTask
from letters import services

# Soft and hard limits above the render's own timeout (services.RENDER_TIMEOUT_S = 30 s),
# and both below the broker's visibility timeout (1 h), so acks_late never double-runs.
RENDER_SOFT_LIMIT = 60
RENDER_HARD_LIMIT = 90


@shared_task(
    base=TaxhauzTask,
    bind=True,
    name="letters.render",
    soft_time_limit=RENDER_SOFT_LIMIT,
    time_limit=RENDER_HARD_LIMIT,
    # Any failure of a render is retried (a timeout under load, storage hiccups), with
    # backoff; only the last attempt marks the version failed, for staff to retry by hand.
    autoretry_for=(Exception,),
    max_retries=3,
)
def letter_render_task(self, version_id: int) -> None:
    services.letter_render(
        version_id=version_id, last_attempt=self.request.retries >= self.max_retries
    )
