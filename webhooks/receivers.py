"""Events come from the audit log: every change an event reports already writes exactly one
audit row, in the same transaction as the change (``notice.read``, ``case.transition``,
``letter.finalize``). Listening here keeps the apps below unaware of webhooks, and the
deliveries commit or roll back with the change itself.

A failure to build an event is logged and never breaks the change that caused it.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.models import AuditEvent
from webhooks import events
from webhooks.models import Event
from webhooks.services import event_emit, subscribers

logger = logging.getLogger(__name__)


def _notice_read(row: AuditEvent) -> tuple[str, dict] | None:
    from notices.models import Notice

    notice = Notice.objects.select_related("client").get(public_id=row.object_id)
    return Event.NOTICE_READ, events.notice_read_data(notice)


def _case_transition(row: AuditEvent) -> tuple[str, dict] | None:
    from cases.models import Case

    case = Case.objects.select_related("client").get(public_id=row.object_id)
    detail = row.detail or {}
    return Event.CASE_STATE_CHANGED, events.case_state_changed_data(
        case,
        transition=detail.get("transition", ""),
        from_state=detail.get("from_state", ""),
        to_state=detail.get("to_state", case.state),
        reason=detail.get("reason", ""),
        actor_role=row.role,
    )


def _letter_finalized(row: AuditEvent) -> tuple[str, dict] | None:
    from letters.models import LetterVersion

    detail = row.detail or {}
    version = LetterVersion.objects.select_related("letter__case__client").get(
        letter__public_id=detail["letter"], number=detail["version"]
    )
    return Event.LETTER_FINALIZED, events.letter_finalized_data(version)


SOURCES = {
    "notice.read": (Event.NOTICE_READ, _notice_read),
    "case.transition": (Event.CASE_STATE_CHANGED, _case_transition),
    "letter.finalize": (Event.LETTER_FINALIZED, _letter_finalized),
}


@receiver(post_save, sender=AuditEvent, dispatch_uid="webhooks.from_audit")
def _from_audit(sender, instance: AuditEvent, created: bool, **kwargs) -> None:
    source = SOURCES.get(instance.action)
    if not created or source is None:
        return
    event_type, build = source
    if not subscribers(event_type):
        return
    try:
        with transaction.atomic():  # a savepoint: a bug here never undoes the change
            found = build(instance)
            if found is not None:
                event_emit(*found)
    except Exception:
        logger.exception("could not build the %s webhook event", event_type)
