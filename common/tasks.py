"""THE base class of every Celery task in Taxhauz.

One place holds the policy each task used to repeat:

* **Late acknowledgement.** A message is acknowledged when its task finishes, and a worker
  child lost mid-task (SIGKILL, OOM killer) puts it back (``reject_on_worker_lost``). Every
  task is idempotent by the state of what it works on, so running twice changes nothing.
* **Retries for transient trouble only**, with exponential backoff and jitter: the
  database gone for a moment (``OperationalError``/``InterfaceError``, a PostgreSQL
  restart), a refused connection (storage, SMTP, Redis). A bug or a hostile file is not
  retried by this default; a task that knows better widens ``autoretry_for`` itself.
* **Time limits**: the settings' soft/hard limits (``CELERY_TASK_SOFT_TIME_LIMIT`` <
  ``CELERY_TASK_TIME_LIMIT``) unless a task sets its own; every hard limit stays below the
  broker's visibility timeout, so a slow task is never handed to a second worker.
* **Enqueued after commit**, as pretix's ``TransactionAwareTask`` does: ``delay()`` or
  ``apply_async()`` called inside a transaction sends the message only once the transaction
  commits, and never if it rolls back, so a worker never looks for a row that is not there
  yet, and a rolled-back change starts no work. A broker that refuses the deferred message
  is logged (the write is kept; the reaper or a retry by staff picks the work up).
"""

from __future__ import annotations

import functools
import logging

from celery import Task
from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


class TaxhauzTask(Task):
    abstract = True
    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = True
    max_retries = 5

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            send = functools.partial(self._send_after_commit, args, kwargs, options)
            transaction.on_commit(send, robust=True)
            return None
        return super().apply_async(args, kwargs, **options)

    def _send_after_commit(self, args, kwargs, options) -> None:
        try:
            super().apply_async(args, kwargs, **options)
        except Exception:
            logger.warning(
                "could not queue %s after commit; the change is saved", self.name, exc_info=True
            )
            raise
