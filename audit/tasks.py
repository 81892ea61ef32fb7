"""Thin Celery adapter for the retention job (scheduled by beat, once a day)."""

from celery import shared_task

from audit.retention import retention_dispose
from common.tasks import TaxhauzTask


@shared_task(base=TaxhauzTask, name="audit.retention_dispose")
def retention_dispose_task() -> dict:
    report = retention_dispose()
    return {"disposed": len(report.disposed), "files_deleted": report.files_deleted}
