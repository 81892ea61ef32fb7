"""Thin Celery adapters: each takes ids (or nothing) and calls one service."""

from celery import shared_task

from common.tasks import TaxhauzTask
from webhooks import services


@shared_task(
    base=TaxhauzTask,
    name="webhooks.deliver",
    # One POST (10 s by default) plus bookkeeping; far below the broker's visibility timeout.
    # The endpoint's own failures are answers the service records and schedules again; the
    # base class retries only the portal's transient trouble (the database blinked).
    soft_time_limit=60,
    time_limit=90,
)
def webhook_deliver_task(delivery_id: int) -> None:
    services.delivery_attempt(delivery_id=delivery_id)


@shared_task(base=TaxhauzTask, name="webhooks.sweep")
def webhook_sweep_task() -> int:
    return services.deliveries_sweep()


@shared_task(base=TaxhauzTask, name="webhooks.deadline_risk_scan")
def webhook_deadline_risk_task() -> int:
    return services.deadline_risk_scan()
