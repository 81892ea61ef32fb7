"""Thin Celery adapters: ids in, one service call, idempotent by the inputs fingerprint."""

from celery import shared_task

from common.tasks import TaxhauzTask
from records import services


@shared_task(base=TaxhauzTask, name="records.reconcile_notice", soft_time_limit=60, time_limit=90)
def reconciliation_run_task(notice_id: int) -> None:
    services.reconciliation_run(notice_id=notice_id)


@shared_task(
    base=TaxhauzTask, name="records.reconcile_household", soft_time_limit=120, time_limit=180
)
def household_reconcile_task(client_id: int, tax_year: int | None = None) -> None:
    services.reconciliation_run_for_household(client_id=client_id, tax_year=tax_year)
