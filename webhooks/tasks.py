"""Thin Celery adapters: each takes ids (or nothing) and calls one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from webhooks import services


@shared_task(
    name="webhooks.deliver",
    acks_late=True,
    reject_on_worker_lost=True,
    # One POST (10 s by default) plus bookkeeping; far below the broker's visibility timeout.
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(OperationalError, InterfaceError),  # the database blinked: transient
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def webhook_deliver_task(delivery_id: int) -> None:
    services.delivery_attempt(delivery_id=delivery_id)


@shared_task(name="webhooks.sweep", acks_late=True)
def webhook_sweep_task() -> int:
    return services.deliveries_sweep()


@shared_task(name="webhooks.deadline_risk_scan", acks_late=True)
def webhook_deadline_risk_task() -> int:
    return services.deadline_risk_scan()
