"""Retention: dispose of a closed matter, every data type of it, past the retention period.

A notice is due when nothing is open about it any more and the period has run: its case
was resolved more than TAXHAUZ_RETENTION_DAYS ago (default two years), or it never became
a case and was uploaded and last read more than that long ago. A notice whose case is open
is never due; neither is one on legal hold (the household's ``legal_hold``, and a notice's
own once the model has one).

What goes is a *matter*: a closed case with all its notices, or a notice without a case.
One shredder per data type disposes of its part of the matter, as pretix's shredders do,
in this order: the case's letters (every version's PDF and final packet, the dispatch
records), the documents the client sent for the case, the notices (their files, pages,
fields, page images and reconciliations), the payment proofs of that household and tax
year once no notice of that year is left (the payment rows stay: they are the practice's
books, without the document), and last the case itself (its notes and timeline).

Each shredder appends a ``retention.dispose`` audit row per object it disposed of (ids,
counts and its ``data_type``, no taxpayer data); one matter is one transaction, and the
stored files are deleted after it commits, so a rollback never loses a file that is still
referenced.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from audit.services import audit_record

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 2 * 365

# In the order they run (see the module docstring).
SHREDDERS = [
    "letters.shredders.LetterShredder",
    "cases.shredders.ClientDocumentShredder",
    "notices.shredders.NoticeShredder",
    "records.shredders.PaymentProofShredder",
    "cases.shredders.CaseShredder",
]

StoredFile = tuple[object, str]  # (storage, name)


@dataclass
class Matter:
    """What one disposal covers: a closed case and its notices, or a lone notice."""

    household: models.Model
    case: models.Model | None
    notices: list


@dataclass
class Shredded:
    rows: int = 0
    files: list[StoredFile] = field(default_factory=list)


class Shredder:
    """Disposes of one data type of a matter; inside the matter's transaction."""

    data_type = ""

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        raise NotImplementedError

    def audit(self, obj: models.Model, *, operator: str, **detail) -> None:
        audit_record(
            action="retention.dispose",
            actor_email=operator,
            obj=obj,
            detail={"data_type": self.data_type, "retention_days": retention_days(), **detail},
        )


@dataclass
class RetentionReport:
    cutoff: datetime
    disposed: list[str] = field(default_factory=list)  # notice public ids
    files_deleted: int = 0
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # data type -> rows disposed of


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


def stored_files(obj: models.Model) -> list[StoredFile]:
    """Every file stored for ``obj`` by a row that points at it (one-to-many), any app."""
    found = []
    relations = [
        f for f in obj._meta.get_fields(include_hidden=True) if f.auto_created and f.one_to_many
    ]  # hidden ones too (related_name="+", as the page images have)
    for relation in relations:
        related = relation.related_model
        file_fields = [f for f in related._meta.get_fields() if isinstance(f, models.FileField)]
        if not file_fields or not relation.one_to_many:
            continue
        for row in related._default_manager.filter(**{relation.field.name: obj}):
            found.extend(files_of(row, file_fields))
    return found


def files_of(row: models.Model, file_fields=None) -> list[StoredFile]:
    fields = file_fields or [f for f in row._meta.get_fields() if isinstance(f, models.FileField)]
    found = []
    for f in fields:
        value = getattr(row, f.name)
        if value and value.name:
            found.append((value.storage, value.name))
    return found


def matters_due(*, now: datetime | None = None) -> tuple[list[Matter], datetime]:
    """Closed cases whose every notice is due, then the due notices that have no case."""
    from cases.models import Case, CaseNotice

    due, cutoff = notices_due_for_disposal(now=now)
    notices = list(due.select_related("client"))
    links = dict(
        CaseNotice.objects.filter(notice__in=[n.pk for n in notices]).values_list(
            "notice_id", "case_id"
        )
    )
    by_case: dict[int, list] = {}
    matters = []
    for notice in notices:
        case_id = links.get(notice.pk)
        if case_id is None:
            matters.append(Matter(notice.client, None, [notice]))
        else:
            by_case.setdefault(case_id, []).append(notice)
    for case in Case.objects.filter(pk__in=by_case).select_related("client").order_by("pk"):
        all_notices = set(CaseNotice.objects.filter(case=case).values_list("notice_id", flat=True))
        if all_notices <= {n.pk for n in by_case[case.pk]}:  # one held notice keeps the case
            matters.insert(0, Matter(case.client, case, by_case[case.pk]))
    return matters, cutoff


def retention_dispose(
    *, now: datetime | None = None, dry_run: bool = False, operator: str = "retention"
) -> RetentionReport:
    """Dispose of every matter due (see module doc); one transaction per matter."""
    matters, cutoff = matters_due(now=now)
    report = RetentionReport(cutoff=cutoff, dry_run=dry_run)
    shredders = [import_string(path)() for path in SHREDDERS]
    for matter in matters:
        report.disposed.extend(str(n.public_id) for n in matter.notices)
        if dry_run:
            report.counts["notices"] += len(matter.notices)
            continue
        files: list[StoredFile] = []
        with transaction.atomic(durable=True):
            for shredder in shredders:
                done = shredder.shred(matter, operator=operator)
                report.counts[shredder.data_type] += done.rows
                files.extend(done.files)
            transaction.on_commit(lambda files=files: _delete_files(files, report))
    return report


def _delete_files(files: list[StoredFile], report: RetentionReport) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
            report.files_deleted += 1
        except Exception:  # the row is gone already: say so, for an operator to clear up
            logger.warning("retention: could not delete a stored file (%s)", type(storage))
