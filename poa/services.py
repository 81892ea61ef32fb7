"""Every write about powers of attorney: recording a form and its signed copy, keeping
each case's coverage answer current, and the staff tasks the daily job raises."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from clients.models import Client
from poa import selectors
from poa.coverage import tasks_due
from poa.models import CaseCoverage, PoaTask, PowerOfAttorney

logger = logging.getLogger(__name__)

COPY_KINDS = ("pdf", "jpeg", "png")  # what a letter packet can enclose


class PoaRefused(ValueError):
    """A form or its copy cannot be recorded as given; the message says why."""


# ------------------------------------------------------------------ coverage answers


def coverage_refresh(*, cases: Iterable | None = None, client_ids: Iterable[int] = ()) -> int:
    """Recompute and store whether anyone at the practice may act on each case.

    Pass the cases, or households whose open and closed cases should all be recomputed.
    Returns how many answers were written.
    """
    from cases.models import Case

    if cases is None:
        cases = Case.objects.filter(client_id__in=list(client_ids)).select_related("client")
    cases = list(cases)
    if not cases:
        return 0
    auths = selectors.authorizations_by_client({c.client_id for c in cases})
    today = timezone.localdate()
    answers = []
    for case in cases:
        answer = selectors.case_coverage(
            case, as_of=today, authorizations=auths.get(case.client_id, [])
        )
        answers.append(
            CaseCoverage(
                case_id=case.pk,
                covered=answer.covered,
                reason=answer.reason[:600],
                covering=list(answer.covering),
                computed_at=timezone.now(),
            )
        )
    CaseCoverage.objects.bulk_create(  # one upsert for the lot
        answers,
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=["covered", "reason", "covering", "computed_at"],
    )
    return len(cases)


def coverage_refresh_open(*, batch: int = 2000) -> int:
    """The nightly pass: every open case, household by household (forms loaded in bulk)."""
    from cases.models import Case

    done = 0
    ids = list(Case.objects.open().order_by("client_id", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = Case.objects.filter(pk__in=ids[start : start + batch]).select_related("client")
        done += coverage_refresh(cases=chunk)
    return done


# --------------------------------------------------------------------- the forms


def poa_copy_check(upload):
    """Check a signed copy by its bytes, like every upload; it must open and be enclosable."""
    from notices.uploads import UploadRejected, upload_check

    try:
        checked = upload_check(upload, what="signed form")
    except UploadRejected as exc:
        raise PoaRefused(exc.message) from None
    if checked.kind not in COPY_KINDS:
        raise PoaRefused(
            f"{checked.name}: keep the signed form as a PDF, JPEG or PNG, so it can be "
            "enclosed with letters."
        )
    return checked


def poa_copy_attach(*, actor, poa: PowerOfAttorney, checked) -> PowerOfAttorney:
    """Keep the checked signed copy in private storage under a random name."""

    poa.copy.save("signed", checked.file, save=False)
    poa.copy_name = checked.name
    poa.copy_kind = checked.kind
    poa.copy_sha256 = checked.sha256
    poa.save(update_fields=["copy", "copy_name", "copy_kind", "copy_sha256", "updated_at"])
    audit_record(
        action="poa.copy",
        actor=actor,
        obj=poa,
        detail={"client": str(poa.client.public_id), "kind": checked.kind},
    )
    return poa


def poa_recorded(*, actor, poa: PowerOfAttorney, created: bool, changed: list[str], request=None):
    """After the admin saved a form and its matters: audit it and refresh coverage."""
    audit_record(
        action="poa.add" if created else "poa.change",
        actor=actor,
        obj=poa,
        request=request,
        detail={
            "client": str(poa.client.public_id),
            "form": poa.form,
            "taxpayer": poa.taxpayer,
            "received_on": poa.received_on.isoformat() if poa.received_on else "",
            "revoked_on": poa.revoked_on.isoformat() if poa.revoked_on else "",
            "withdrawn_on": poa.withdrawn_on.isoformat() if poa.withdrawn_on else "",
            "matters": [str(m) for m in poa.matters.all()],
            "representatives": sorted(poa.representatives.values_list("user_id", flat=True)),
            "changed": changed,
        },
    )
    coverage_refresh(client_ids=[poa.client_id])


# ------------------------------------------------------------------------ staff tasks


def poa_tasks_raise(*, today: date | None = None) -> int:
    """The daily job: one task per form that stops covering soon or was revoked/replaced.

    Unique per form and kind, so a re-run (or two beats) raises each task once.
    """
    today = today or timezone.localdate()
    raised = 0
    forms = PowerOfAttorney.objects.filter(form="2848", received_on__isnull=False)
    client_ids = set(forms.values_list("client_id", flat=True))
    by_client = selectors.authorizations_by_client(client_ids)
    existing = set(PoaTask.objects.values_list("poa_id", "kind"))
    clients = Client.objects.select_related("assigned_staff").in_bulk(client_ids)
    for client_id, auths in by_client.items():
        for due in tasks_due(auths, as_of=today):
            if (due.authorization, due.kind) in existing:
                continue
            client = clients[client_id]
            try:
                with transaction.atomic():
                    task = PoaTask.objects.create(
                        poa_id=due.authorization,
                        client=client,
                        kind=due.kind,
                        summary=f"{client.display_name}: {due.summary}"[:400],
                        due_on=due.due_on,
                        assignee=client.assigned_staff,
                    )
            except IntegrityError:
                continue  # another run raised it a moment ago
            audit_record(
                action="poa.task",
                obj=task.poa,
                actor_email="worker",
                detail={"kind": due.kind, "task": str(task.public_id)},
            )
            raised += 1
    return raised


def poa_task_done(*, actor, task: PoaTask) -> None:
    with transaction.atomic(durable=True):
        done = PoaTask.objects.filter(pk=task.pk, status=PoaTask.Status.OPEN).update(
            status=PoaTask.Status.DONE, done_at=timezone.now(), done_by=actor
        )
        if done:
            audit_record(
                action="poa.task_done",
                actor=actor,
                obj=task.poa,
                detail={"task": str(task.public_id), "kind": task.kind},
            )
