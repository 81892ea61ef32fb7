"""Thin Celery adapters: beat asks for a poll of every active mailbox; each poll is a task."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from mailintake import services
from mailintake.models import Mailbox

# A poll handles at most MESSAGES_PER_POLL messages; its lease (10 min) outlives these.
POLL_SOFT_LIMIT = 240
POLL_HARD_LIMIT = 300


@shared_task(name="mailintake.poll_all", acks_late=True, ignore_result=True)
def mailintake_poll_all_task() -> int:
    ids = list(Mailbox.objects.filter(active=True).values_list("pk", flat=True))
    for mailbox_id in ids:
        mailintake_poll_task.delay(mailbox_id)
    return len(ids)


@shared_task(
    name="mailintake.poll",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=POLL_SOFT_LIMIT,
    time_limit=POLL_HARD_LIMIT,
    autoretry_for=(OperationalError, InterfaceError),  # the database blinked: poll again
    retry_backoff=5,
    retry_backoff_max=120,
    max_retries=3,
)
def mailintake_poll_task(mailbox_id: int) -> dict:
    report = services.mailbox_poll(mailbox_id=mailbox_id)
    return {"taken_in": report.taken_in, "error": report.error, "busy": report.busy}
