"""Retention: dispose of notices (rows and stored files) kept past the retention period.

A notice is due when nothing is open about it any more and the period has run:
its case was resolved more than TAXHAUZ_RETENTION_DAYS ago (default two years), or it
never became a case and was uploaded and last read more than that long ago. A notice
whose case is open is never due; neither is one on legal hold (a `legal_hold` field on
the notice or its household, honoured as soon as the model has one).

Each disposal appends a `retention.dispose` audit row (ids and counts, no taxpayer data);
the stored files are deleted after the rows commit, so a rollback never loses a file
that is still referenced.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from audit.services import audit_record

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 2 * 365


@dataclass
class RetentionReport:
    cutoff: datetime
    disposed: list[str] = field(default_factory=list)  # notice public ids
    files_deleted: int = 0
    dry_run: bool = False


def retention_days() -> int:
    return int(getattr(settings, "TAXHAUZ_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def notices_due_for_disposal(*, now: datetime | None = None):
    """The notices past retention, oldest first (a selector; nothing is changed)."""
    from cases.models import Case, CaseNotice
    from cases.workflow import State
    from notices.models import Notice

    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    links = CaseNotice.objects.filter(notice=OuterRef("pk"))
    closed_long_ago = CaseNotice.objects.filter(
        notice=OuterRef("pk"),
        case__in=Case.objects.filter(state=State.RESOLVED, closed_at__lt=cutoff),
    )
    due = Notice.objects.filter(
        Exists(closed_long_ago)
        | (
            ~Exists(links)
            & Q(created_at__lt=cutoff)
            & (Q(read_at__isnull=True) | Q(read_at__lt=cutoff))
        )
    )
    if _has_field(Notice, "legal_hold"):
        due = due.exclude(legal_hold=True)
    from clients.models import Client

    if _has_field(Client, "legal_hold"):
        due = due.exclude(client__legal_hold=True)
    return due.order_by("created_at"), cutoff


def _stored_files(notice) -> list[tuple[object, str]]:
    """(storage, name) of every file stored for the notice, by any app that keeps one."""
    found = []
    for relation in notice._meta.related_objects:
        related = relation.related_model
        file_fields = [f for f in related._meta.get_fields() if isinstance(f, models.FileField)]
        if not file_fields or not relation.one_to_many:
            continue
        for obj in related._default_manager.filter(**{relation.field.name: notice}):
            for f in file_fields:
                value = getattr(obj, f.name)
                if value and value.name:
                    found.append((value.storage, value.name))
    return found


def retention_dispose(
    *, now: datetime | None = None, dry_run: bool = False, operator: str = "retention"
) -> RetentionReport:
    """Dispose of every notice due (see module doc); one transaction and audit row each."""
    due, cutoff = notices_due_for_disposal(now=now)
    report = RetentionReport(cutoff=cutoff, dry_run=dry_run)
    for notice in due.select_related("client").iterator():
        files = _stored_files(notice)
        report.disposed.append(str(notice.public_id))
        if dry_run:
            continue
        with transaction.atomic(durable=True):
            audit_record(
                action="retention.dispose",
                actor_email=operator,
                obj=notice,
                detail={
                    "household": str(notice.client.public_id),
                    "uploaded": notice.created_at.date().isoformat(),
                    "files": len(files),
                    "retention_days": retention_days(),
                },
            )
            notice.delete()
            transaction.on_commit(lambda files=files: _delete_files(files, report))
    return report


def _delete_files(files: list[tuple[object, str]], report: RetentionReport) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
            report.files_deleted += 1
        except Exception:  # the row is gone already: say so, for an operator to clear up
            logger.warning("retention: could not delete a stored file (%s)", type(storage))
