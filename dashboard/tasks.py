from datetime import date

from celery import shared_task

from common.tasks import TaxhauzTask
from dashboard.services import reminders_send_daily


@shared_task(base=TaxhauzTask, name="dashboard.reminders_daily")
def reminders_daily_task(day: str | None = None) -> dict:
    """Celery beat, once a day. Idempotent by the reminder ledger: a re-run sends nothing."""
    report = reminders_send_daily(today=date.fromisoformat(day) if day else None)
    return dict(report.sent)
