"""Thin Celery adapters: ids in, one service call, idempotent by the inputs fingerprint."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from records import services

_TRANSIENT = (OperationalError, InterfaceError, ConnectionError)


@shared_task(
    name="records.reconcile_notice",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=_TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def reconciliation_run_task(notice_id: int) -> None:
    services.reconciliation_run(notice_id=notice_id)


@shared_task(
    name="records.reconcile_household",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=180,
    autoretry_for=_TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def household_reconcile_task(client_id: int, tax_year: int | None = None) -> None:
    services.reconciliation_run_for_household(client_id=client_id, tax_year=tax_year)
