"""Re-running reconciliation through the worker, after the change that needs it commits.

A broker outage never fails the write: the stored result is then stale until the next change
or a staff "run again", and the fingerprint makes any later run catch up exactly once.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def reconciliation_enqueue(notice_id: int) -> None:
    """Queue one notice's reconciliation now (call it from an on_commit hook)."""
    from records.tasks import reconciliation_run_task

    try:
        reconciliation_run_task.delay(notice_id)
    except Exception:  # broker down: the record change is saved; a later run catches up
        logger.warning("could not queue reconciliation of notice %s", notice_id)


def household_reconcile_after_commit(client_id: int, tax_year: int | None) -> None:
    """After commit, re-run the household's read notices (of `tax_year`, or all years)."""

    def enqueue() -> None:
        from records.tasks import household_reconcile_task

        try:
            household_reconcile_task.delay(client_id, tax_year)
        except Exception:
            logger.warning("could not queue reconciliation of household %s", client_id)

    transaction.on_commit(enqueue)
