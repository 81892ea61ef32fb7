"""Thin Celery adapters: beat asks for a poll of every active mailbox; each poll is a task."""

from celery import shared_task

from common.tasks import TaxhauzTask
from mailintake import services
from mailintake.models import Mailbox

# A poll handles at most MESSAGES_PER_POLL messages; its lease (10 min) outlives these.
POLL_SOFT_LIMIT = 240
POLL_HARD_LIMIT = 300


@shared_task(base=TaxhauzTask, name="mailintake.poll_all", ignore_result=True)
def mailintake_poll_all_task() -> int:
    ids = list(Mailbox.objects.filter(active=True).values_list("pk", flat=True))
    for mailbox_id in ids:
        mailintake_poll_task.delay(mailbox_id)
    return len(ids)


@shared_task(
    base=TaxhauzTask,
    name="mailintake.poll",
    soft_time_limit=POLL_SOFT_LIMIT,
    time_limit=POLL_HARD_LIMIT,
    retry_backoff=5,  # transient trouble (the database blinked): poll again, less eagerly
    retry_backoff_max=120,
    max_retries=3,
)
def mailintake_poll_task(mailbox_id: int) -> dict:
    report = services.mailbox_poll(mailbox_id=mailbox_id)
    return {"taken_in": report.taken_in, "error": report.error, "busy": report.busy}
