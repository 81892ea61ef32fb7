"""The one task base class: every task uses it, and a message leaves only after commit.

The after-commit test publishes to Redis for real (a queue of its own) and counts what
the broker holds.
"""

import uuid

import pytest
from django.conf import settings
from django.db import transaction

from common.tasks import TRANSIENT_ERRORS, TaxhauzTask
from taxhauz.celery import app


def _project_tasks() -> dict:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_of_the_project_uses_the_base_class():
    tasks = _project_tasks()
    assert len(tasks) >= 8, sorted(tasks)
    strays = sorted(name for name, task in tasks.items() if not isinstance(task, TaxhauzTask))
    assert strays == []


def test_every_task_acks_late_retries_transient_errors_and_stops_before_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name, task in _project_tasks().items():
        assert task.acks_late and task.reject_on_worker_lost, name
        retried = tuple(task.autoretry_for)
        assert all(issubclass(error, retried) for error in TRANSIENT_ERRORS), name
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert soft < hard < visibility, (name, soft, hard, visibility)


def _queued(queue: str) -> int:
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        return channel.queue_declare(queue=queue, passive=False, auto_delete=False).message_count


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_task_queued_inside_a_transaction_is_sent_after_commit_and_never_after_rollback():
    from notices.tasks import notice_reap_stuck_task

    queue = f"taxhauz-test-aftercommit-{uuid.uuid4().hex[:8]}"
    try:
        assert _queued(queue) == 0
        with transaction.atomic():
            notice_reap_stuck_task.apply_async(queue=queue)
            assert _queued(queue) == 0  # not yet: the transaction may still roll back
        assert _queued(queue) == 1

        with pytest.raises(RuntimeError), transaction.atomic():
            notice_reap_stuck_task.apply_async(queue=queue)
            raise RuntimeError("rolled back")
        assert _queued(queue) == 1  # the rolled-back one was never sent

        notice_reap_stuck_task.apply_async(queue=queue)  # outside a transaction: at once
        assert _queued(queue) == 2
    finally:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
