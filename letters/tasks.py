"""Thin Celery adapters: each takes a letter version id and calls one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from letters import services

# Soft and hard limits above the render's own timeout (services.RENDER_TIMEOUT_S = 30 s),
# and both below the broker's visibility timeout (1 h), so acks_late never double-runs.
RENDER_SOFT_LIMIT = 60
RENDER_HARD_LIMIT = 90


@shared_task(
    name="letters.render",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=RENDER_SOFT_LIMIT,
    time_limit=RENDER_HARD_LIMIT,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),  # transient only
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def letter_render_task(version_id: int) -> None:
    services.letter_render(version_id=version_id)
