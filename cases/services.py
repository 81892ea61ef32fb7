"""Every write to cases: attaching notices, state changes, assignment, notes, requests.

State changes are checked against the table in :mod:`cases.workflow` and applied with a
compare-and-swap update, so a double click or a re-delivered task changes nothing twice.
Each change appends a CaseEvent (the timeline) and an audit row.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.services import audit_record
from cases import deadlines, streams
from cases.models import Case, CaseEvent, CaseNote, CaseNotice, ClientDocument, DocumentRequest
from cases.workflow import (
    FLAG_LABELS,
    STATE_LABELS,
    Actor,
    CaseFlag,
    Reason,
    State,
    TransitionNotAllowed,
    check_transition,
)
from common.labels import field_label
from common.locks import transaction_lock
from common.redaction import redact
from dashboard.selectors.rules import deadline_policy, deadline_rules
from notifications.services import absolute_url, email_enqueue

logger = logging.getLogger(__name__)

FOLLOW_UP_DAYS = 30  # DOMAIN.md section 6: "allow about 30 days" for the IRS to answer


class CaseConflict(Exception):
    """Someone else changed the case first (taken by a colleague, moved meanwhile)."""


class DocumentRejected(ValueError):
    """An uploaded document is not a PDF, JPEG or PNG, or is too big."""


@dataclass(frozen=True)
class TransitionResult:
    case: Case
    changed: bool


def actor_kind(actor) -> Actor:
    """Who acts, in the workflow's terms. ``None`` is the system (worker, notice reading)."""
    if actor is None:
        return Actor.SYSTEM
    if actor.is_client:
        return Actor.CLIENT_ACTION
    return Actor.PARTNER if actor.is_partner else Actor.STAFF


def _event(case: Case, *, actor, kind: str, summary: str, **extra) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, actor=actor, kind=kind, summary=redact(summary)[:300], **redact(extra)
    )


def _audit(action: str, *, actor, case: Case, **detail) -> None:
    audit_record(
        action=action,
        actor=actor,
        obj=case,
        actor_email="" if actor else "system",
        detail=detail,
    )


# ---------------------------------------------------------------- notices -> cases


@dataclass(frozen=True)
class _NoticeFacts:
    code: str
    kind: streams.StreamKind
    key: str


def _facts(notice) -> _NoticeFacts | None:
    if not (notice.notice_type and notice.tax_year and notice.tax_form):
        return None
    try:
        info = streams.notice_info(notice.notice_type)
    except streams.UnknownNotice:
        return None
    key = streams.stream_key(notice.client_id, notice.tax_year, notice.tax_form, kind=info.kind)
    return _NoticeFacts(info.code, info.kind, key)


def _deadline_fields(notice, *, today: date) -> dict:
    # The rules, the firm's cushion and its closures are data the partners edit.
    rules, firm = deadline_rules(), deadline_policy()

    def target(due: date) -> date:
        return deadlines.internal_target(
            due, policy=firm.policy, today=today, extra_holidays=firm.extra_holidays
        )

    try:
        found = (
            deadlines.irs_deadline(
                notice.notice_type,
                notice.notice_date,
                printed_due=notice.pay_by_date,
                amount=notice.amount_due,
                rules=rules,
                extra_holidays=firm.extra_holidays,
            )
            if notice.notice_date
            else None
        )
    except (KeyError, ValueError):
        found = None
    if found is None:
        due = notice.pay_by_date
        return {
            "irs_deadline": due,
            "deadline_basis": "printed on the notice" if due else "no IRS clock",
            "deadline_estimate": False,
            "internal_target": target(due) if due else None,
        }
    return {
        "irs_deadline": found.due,
        "deadline_basis": found.basis[:80],
        "deadline_estimate": found.estimate,
        "internal_target": target(found.due),
    }


def _copy_notice(case: Case, notice, *, moves_deadline: bool, today: date) -> list[str]:
    """Copy the notice's facts onto the case (for the queue); returns the changed names."""
    values = {
        "latest_notice_id": notice.pk,
        "notice_code": notice.notice_type[:16],
        "notice_date": notice.notice_date,
        "pay_by_date": notice.pay_by_date,
        "amount_due": notice.amount_due,
        "caller_id": notice.caller_id,
    }
    if moves_deadline:
        values.update(_deadline_fields(notice, today=today))
    for name, value in values.items():
        setattr(case, name, value)
    return list(values)


def notice_flag(notice) -> CaseFlag | None:
    """Why a notice needs a person's decision before it may join a stream, if it does.

    Not read (unreadable, or not an IRS notice), a scam verdict, a masked SSN that is no
    one's in the household, or no stream the rules can place it on.
    """
    from notices.models import Legitimacy, NoticeStatus

    if notice.status != NoticeStatus.READ:
        return CaseFlag.UNREADABLE
    if notice.legitimacy == Legitimacy.SUSPICIOUS:
        return CaseFlag.SUSPECTED_SCAM
    household = [s for s in notice.client.ssn_last4s if s]
    if notice.ssn_last4 and household and notice.ssn_last4 not in household:
        return CaseFlag.SSN_MISMATCH
    if _facts(notice) is None:
        return CaseFlag.UNPLACED
    return None


def case_attach_notice(*, notice, today: date | None = None) -> Case:
    """Every notice opens or joins a case: put it on the open case of its stream, open a
    case for it, or open a flagged case of its own for staff to decide.

    Runs inside the reading's transaction (a savepoint here), so a notice and its case
    commit together. A later notice of the stream joins the open case and, when it is the
    newest by notice date, moves its deadline; the partial unique constraint keeps one open
    case per stream even when two notices of one stream are read at once (the loser joins
    the winner's case). A notice that is unreadable, suspected to be a scam, carries a
    masked SSN no one in the household has, or that the rules cannot place, is never merged
    silently: it opens its own case, flagged, in the queue.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        link = CaseNotice.objects.select_related("case").filter(notice=notice).first()
        if link is not None:  # re-read or corrected: refresh the case from it
            return case_refresh_from_notice(case=link.case, notice=notice, today=today)
        flag = notice_flag(notice)
        if flag is not None:
            return _open_flagged(notice, flag, today=today)
        facts = _facts(notice)
        for _attempt in range(2):
            case = (
                Case.objects.select_for_update()
                .filter(stream_key=facts.key)
                .exclude(state=State.RESOLVED)
                .first()
            )
            if case is not None:
                return _join(case, notice, facts, today=today)
            try:
                with transaction.atomic():
                    return _open(notice, facts, today=today)
            except IntegrityError:
                continue  # another notice of the stream opened it meanwhile: join that one
        raise CaseConflict(f"Could not place notice {notice.pk} on its stream's case.")


def _open_flagged(notice, flag: CaseFlag, *, today: date) -> Case:
    client = notice.client
    case = Case(
        client=client,
        stream_key=streams.own_stream_key(client.pk, notice.public_id.hex),
        stream_kind=streams.StreamKind.BALANCE.value,
        tax_year=notice.tax_year,
        tax_form=streams.normalize_form(notice.tax_form)[:16] if notice.tax_form else "",
        flag=flag.value,
        assignee=client.assigned_staff if _assignable(client.assigned_staff) else None,
    )
    _copy_notice(case, notice, moves_deadline=True, today=today)
    case.save()
    CaseNotice.objects.create(case=case, notice=notice, moved_deadline=True)
    label = FLAG_LABELS[flag]
    _event(
        case,
        actor=None,
        kind=CaseEvent.Kind.CREATED,
        summary=f"Case opened for staff to decide: {label.lower()}",
        to_state=case.state,
        detail={"notice": str(notice.public_id), "flag": flag.value},
    )
    _audit(
        "case.open",
        actor=None,
        case=case,
        notice=str(notice.public_id),
        flag=flag.value,
        assignee=case.assignee_id,
    )
    notice_previews_enqueue(notice.pk)
    return case


def _open(notice, facts: _NoticeFacts, *, today: date) -> Case:
    client = notice.client
    case = Case(
        client=client,
        stream_key=facts.key,
        stream_kind=facts.kind.value,
        tax_year=notice.tax_year,
        tax_form=streams.normalize_form(notice.tax_form),
        assignee=client.assigned_staff if _assignable(client.assigned_staff) else None,
    )
    _copy_notice(case, notice, moves_deadline=True, today=today)
    case.save()
    CaseNotice.objects.create(case=case, notice=notice, moved_deadline=True)
    summary = f"Case opened for notice {facts.code}"
    if case.assignee:
        summary += f", assigned to {case.assignee}"
    _event(
        case,
        actor=None,
        kind=CaseEvent.Kind.CREATED,
        summary=summary,
        to_state=case.state,
        detail={"notice": str(notice.public_id), "assignee": case.assignee_id},
    )
    _audit(
        "case.open", actor=None, case=case, notice=str(notice.public_id), assignee=case.assignee_id
    )
    notice_previews_enqueue(notice.pk)
    return case


def _join(case: Case, notice, facts: _NoticeFacts, *, today: date) -> Case:
    codes = list(case.case_notices.values_list("notice__notice_type", flat=True))
    decision = streams.stream_decision(facts.code, [c for c in codes if c])
    if not decision.join:  # a mis-keyed stream: never merge different kinds
        raise CaseConflict(decision.why)
    latest_date = (
        case.latest_notice.notice_date if case.latest_notice_id else None
    )  # the case's copy may be a staff correction of it: same value
    latest = streams.becomes_latest(
        notice.notice_date, latest_date, moves_deadline=decision.moves_deadline
    )
    why = decision.why
    if decision.moves_deadline and not latest:
        why += " It is older than the case's latest notice, which stays the latest."
    if latest:
        changed = _copy_notice(case, notice, moves_deadline=True, today=today)
        case.save(update_fields=[*changed, "updated_at"])
    CaseNotice.objects.create(case=case, notice=notice, moved_deadline=latest)
    _event(
        case,
        actor=None,
        kind=CaseEvent.Kind.NOTICE_JOINED,
        summary=why,
        detail={
            "notice": str(notice.public_id),
            "moved_deadline": latest,
            "irs_deadline": str(case.irs_deadline or ""),
        },
    )
    _audit(
        "case.notice_joined",
        actor=None,
        case=case,
        notice=str(notice.public_id),
        moved_deadline=latest,
    )
    notice_previews_enqueue(notice.pk)
    if case.state in (
        State.WAITING_ON_CLIENT,
        State.LETTER_DRAFTED,
        State.AWAITING_APPROVAL,
        State.APPROVED,
        State.READY_TO_SEND,
        State.SENT,
        State.WAITING_ON_IRS,
    ):
        _apply(case, actor=None, name="notice_joined", expected=case.state)
    return case


def case_refresh_from_notice(*, case: Case, notice, today: date | None = None) -> Case:
    """Re-copy a notice's (corrected) facts onto its case; only the latest notice moves it."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.latest_notice_id not in (None, notice.pk):
            return case
        changed = _copy_notice(case, notice, moves_deadline=True, today=today)
        if case.flag and notice.tax_year:  # a flagged case learns its year and form
            case.tax_year = notice.tax_year
            case.tax_form = streams.normalize_form(notice.tax_form)[:16] if notice.tax_form else ""
            changed += ["tax_year", "tax_form"]
        case.save(update_fields=[*changed, "updated_at"])
    return case


# ---------------------------------------------------------------------- transitions


def _apply(
    case: Case,
    *,
    actor,
    name: str,
    expected: str,
    reason: str | None = None,
    satisfied: Collection[str] = (),
    note: str = "",
) -> TransitionResult:
    transition = check_transition(
        expected, name, actor=actor_kind(actor), reason=reason, satisfied=satisfied
    )
    target = transition.target
    now = timezone.now()
    updates: dict = {"state": target.value, "updated_at": now}
    if target is State.RESOLVED:
        updates.update(resolution_reason=str(reason), closed_at=now)
    elif expected == State.RESOLVED:
        updates.update(resolution_reason="", closed_at=None)
    swapped = Case.objects.filter(pk=case.pk, state=expected).update(**updates)
    if not swapped:
        current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).first()
        if current == target:  # the same change won a moment ago (double click, retry)
            case.refresh_from_db()
            return TransitionResult(case, changed=False)
        raise CaseConflict(
            f"The case moved to {STATE_LABELS[State(current)].lower()} meanwhile; reload it."
        )
    for field, value in updates.items():
        setattr(case, field, value)
    summary = f"{STATE_LABELS[State(expected)]} → {STATE_LABELS[target]}"
    if reason:
        summary += f" ({reason})"
    if note:
        summary += f": {note}"
    _event(
        case,
        actor=actor,
        kind=CaseEvent.Kind.TRANSITION,
        summary=summary,
        from_state=expected,
        to_state=target.value,
        detail={"transition": name},
    )
    _audit(
        "case.transition",
        actor=actor,
        case=case,
        transition=name,
        from_state=str(expected),
        to_state=target.value,
        reason=reason or "",
    )
    return TransitionResult(case, changed=True)


def case_transition(
    *,
    actor,
    case: Case,
    name: str,
    expected_state: str | None = None,
    reason: str | None = None,
    satisfied: Collection[str] = (),
    note: str = "",
) -> TransitionResult:
    """Move a case along the edge ``name``.

    ``expected_state`` is the state the actor saw (the form sends it); when the same
    change already happened the call returns ``changed=False`` instead of failing, and a
    different concurrent change raises CaseConflict. Raises TransitionNotAllowed for an
    edge the table (or the actor's role) does not allow.
    """
    with transaction.atomic():
        current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()
        expected = expected_state or current
        if expected != current:
            try:
                edge = check_transition(
                    expected, name, actor=actor_kind(actor), reason=reason, satisfied=satisfied
                )
            except TransitionNotAllowed:
                edge = None
            if edge is not None and edge.target == current:
                case.refresh_from_db()
                return TransitionResult(case, changed=False)
            raise CaseConflict(
                f"The case is {STATE_LABELS[State(current)].lower()} now; reload it."
            )
        result = _apply(
            case,
            actor=actor,
            name=name,
            expected=expected,
            reason=reason,
            satisfied=satisfied,
            note=note,
        )
        if result.changed and reason == Reason.CONFIRMED_SCAM:
            _confirmed_scam(case, actor=actor)
        return result


SCAM_ADVICE = (
    "Our staff checked the letter you uploaded: it is not from the IRS. It is a scam.\n\n"
    "What to do:\n"
    "- Do not pay anything, buy gift cards or call any number printed on the letter.\n"
    "- Forward it to phishing@irs.gov, and report it to the Treasury Inspector General for "
    "Tax Administration (TIGTA) at tigta.gov or 800-366-4484.\n"
    "- If you want to check your real IRS balance, call the IRS at 800-829-1040 or look at "
    "your account on IRS.gov. We can do this for you.\n"
)


def _confirmed_scam(case: Case, *, actor) -> None:
    """A case closed as a confirmed scam: each of its notices gets staff's scam verdict
    (the client's notice page then says what to do), and the household is told by e-mail,
    in the transaction that closed the case."""
    from notices.services import notice_confirm_scam

    notices = [link.notice for link in case.case_notices.select_related("notice")]
    for notice in notices:
        notice_confirm_scam(actor=actor, notice=notice, advice=SCAM_ADVICE)
    email_enqueue(
        to=_client_emails(case.client),
        subject=f"{settings.PRACTICE_NAME}: the letter you uploaded is a scam",
        body=SCAM_ADVICE
        + "\nSee it in the portal: "
        + "".join(
            absolute_url(reverse("notices:detail", args=[n.public_id])) + "\n" for n in notices
        ),
    )
    _audit("case.confirmed_scam", actor=actor, case=case, notices=len(notices))


# ----------------------------------------------------------------------- assignment


def _assignable(user) -> bool:
    return user is not None and user.is_active and user.is_practice and not user.is_client


def case_assign(*, actor, case: Case, assignee) -> Case:
    """Give the case to a practice member (or back to the pool with ``assignee=None``)."""
    if assignee is not None and not _assignable(assignee):
        raise ValueError("Cases can only be assigned to active practice staff.")
    with transaction.atomic():
        before = Case.objects.filter(pk=case.pk).values_list("assignee_id", flat=True).get()
        new_id = assignee.pk if assignee else None
        if before == new_id:
            return case
        Case.objects.filter(pk=case.pk).update(assignee=assignee, updated_at=timezone.now())
        case.assignee = assignee
        who = str(assignee) if assignee else "nobody (back to the queue)"
        _event(
            case,
            actor=actor,
            kind=CaseEvent.Kind.ASSIGNED,
            summary=f"Assigned to {who}",
            detail={"from": before, "to": new_id},
        )
        _audit("case.assign", actor=actor, case=case, assignee_from=before, assignee_to=new_id)
    if assignee is not None and assignee != actor and assignee.email:
        email_enqueue(
            to=[assignee.email],
            subject=f"[Taxhauz] Case assigned to you: {case.notice_code} {case.tax_year}",
            body=f"{actor} assigned you a case for {case.client.display_name}.\n\n"
            f"Open it: {absolute_url(reverse('admin:cases_case_change', args=[case.pk]))}\n",
        )
    return case


def case_assign_bulk(*, actor, cases, assignee) -> int:
    """The admin's bulk action: one event and audit row per case actually changed."""
    changed = 0
    for case in cases:
        if case.assignee_id != (assignee.pk if assignee else None):
            case_assign(actor=actor, case=case, assignee=assignee)
            changed += 1
    return changed


def case_claim(*, actor, case: Case) -> Case:
    """Take a case from the queue: it becomes the actor's, and a new case goes in review.

    Compare-and-swap on the assignee: a case a colleague took first is not stolen.
    """
    if not _assignable(actor):
        raise ValueError("Only practice staff can take cases.")
    with transaction.atomic():
        taken = Case.objects.filter(
            Q(assignee__isnull=True) | Q(assignee=actor), pk=case.pk
        ).update(assignee=actor, updated_at=timezone.now())
        if not taken:
            holder = Case.objects.filter(pk=case.pk).values_list("assignee__full_name", flat=True)
            raise CaseConflict(f"{holder.first() or 'A colleague'} has already taken this case.")
        if case.assignee_id != actor.pk:
            _event(
                case,
                actor=actor,
                kind=CaseEvent.Kind.ASSIGNED,
                summary=f"Taken by {actor}",
                detail={"from": case.assignee_id, "to": actor.pk},
            )
            _audit("case.claim", actor=actor, case=case)
        case.assignee = actor
        current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()
        if current == State.NEW:
            _apply(case, actor=actor, name="start_review", expected=current)
        case.refresh_from_db()
    return case


# ---------------------------------------------------------------------------- notes


def case_note_add(*, actor, case: Case, body: str) -> CaseNote:
    body = redact(body).strip()
    if not body:
        raise ValueError("A note needs some text.")
    with transaction.atomic(durable=True):
        note = CaseNote.objects.create(case=case, author=actor, body=body)
        _event(case, actor=actor, kind=CaseEvent.Kind.NOTE, summary=f"Note: {body[:200]}")
        _audit("case.note", actor=actor, case=case, note_id=note.pk)
    return note


def case_field_correct(*, actor, case: Case, notice, name: str, value: str, reason: str) -> Case:
    """Correct a field of one of the case's notices from the case page.

    The same service as the notice review page (``notices.services.notice_field_correct``):
    one transaction updates the notice's field and the case's copy of it.
    """
    from notices.services import notice_field_correct

    if not CaseNotice.objects.filter(case=case, notice=notice).exists():
        raise ValueError("That notice is not part of this case.")
    notice_field_correct(actor=actor, notice=notice, name=name, value=value, reason=reason)
    case.refresh_from_db()
    return case


def case_note_field_corrected(*, actor, notice, name: str, value: str, reason: str) -> None:
    """Inside a notice correction's transaction: refresh the notice's case and note it on
    the timeline. Called by ``notices.services.notice_field_correct`` only."""
    link = CaseNotice.objects.select_related("case").filter(notice=notice).first()
    if link is None:
        return
    case = case_refresh_from_notice(case=link.case, notice=notice)
    shown = value if name != "ssn_last4" else f"…{value[-4:]}"
    _event(
        case,
        actor=actor,
        kind=CaseEvent.Kind.FIELD_CORRECTED,
        summary=f"Corrected {field_label(name)} to {shown}" + (f" ({reason})" if reason else ""),
        detail={"field": name, "notice": str(notice.public_id)},
    )


# ------------------------------------------------------------------ document requests


def _client_emails(client) -> list[str]:
    emails = list(
        client.logins.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if client.email and client.email not in emails:
        emails.append(client.email)
    return emails


def document_request_create(*, actor, case: Case, description: str) -> DocumentRequest:
    """Ask the household for a document; they see it in the portal and get an e-mail.

    A case in review moves to 'waiting on client'.
    """
    description = redact(description).strip()
    if not description:
        raise ValueError("Say which document the client should send.")
    with transaction.atomic(durable=True):
        request = DocumentRequest.objects.create(
            case=case, client=case.client, description=description[:300], requested_by=actor
        )
        _event(
            case,
            actor=actor,
            kind=CaseEvent.Kind.DOCUMENT_REQUESTED,
            summary=f"Asked the client for: {description[:200]}",
            detail={"request": str(request.public_id)},
        )
        _audit("case.document_request", actor=actor, case=case, request=str(request.public_id))
        current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()
        if current == State.IN_REVIEW:
            _apply(case, actor=actor, name="request_documents", expected=current)
        email_enqueue(
            to=_client_emails(case.client),
            subject=f"{settings.PRACTICE_NAME} needs a document from you",
            body=(
                "To finish work on your IRS notice we need the following document:\n\n"
                f"  {description}\n\n"
                "Please sign in to the portal and upload it on the page "
                f"'Documents we asked for': {absolute_url(reverse('cases:requests'))}\n"
            ),
        )
    return request


def document_upload(*, actor, request: DocumentRequest, upload) -> ClientDocument:
    """The client answers a request with a file (checked by its content, private storage)."""
    from notices.uploads import UploadRejected, storage_quota_check, upload_check

    if request.status == DocumentRequest.Status.CANCELLED:
        raise DocumentRejected("This request was withdrawn; nothing more is needed.")
    try:
        checked = upload_check(upload, what="document")
    except UploadRejected as exc:
        raise DocumentRejected(exc.message) from None
    with transaction.atomic(durable=True):
        transaction_lock("household.storage", request.client_id)
        try:
            storage_quota_check(request.client, adding=checked.size)
        except UploadRejected as exc:
            raise DocumentRejected(exc.message) from None
        document = ClientDocument(
            request=request,
            client=request.client,
            original_name=checked.name,
            kind=checked.kind,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        document.file.save("upload", checked.file, save=False)
        document.save()
        DocumentRequest.objects.filter(pk=request.pk).update(
            status=DocumentRequest.Status.RECEIVED, received_at=timezone.now()
        )
        case = request.case
        _event(
            case,
            actor=actor,
            kind=CaseEvent.Kind.DOCUMENT_RECEIVED,
            summary=f"Client sent {document.original_name} for: {request.description[:150]}",
            detail={"request": str(request.public_id), "document": str(document.public_id)},
        )
        audit_record(
            action="case.document_upload",
            actor=actor,
            obj=case,
            detail={"document": str(document.public_id), "kind": checked.kind},
        )
        still_open = DocumentRequest.objects.filter(
            case=case, status=DocumentRequest.Status.OPEN
        ).exists()
        current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()
        if current == State.WAITING_ON_CLIENT and not still_open:
            _apply(case, actor=actor, name="client_responded", expected=current)
        if case.assignee_id and case.assignee.email:
            email_enqueue(
                to=[case.assignee.email],
                subject=f"[Taxhauz] Client sent a document: {case.notice_code} {case.tax_year}",
                body=f"{case.client.display_name} answered: {request.description}\n\n"
                "Open the case: "
                + absolute_url(reverse("admin:cases_case_change", args=[case.pk]))
                + "\n",
            )
    return document


def follow_up_date(sent_on: date) -> date:
    return sent_on + timedelta(days=FOLLOW_UP_DAYS)


def case_letter_sent(*, actor, case: Case, sent_on: date, summary: str) -> Case:
    """A final letter left the office: sent -> waiting on the IRS, follow-up clock set.

    Called by ``letters.services.letter_mark_sent`` inside its transaction.
    """
    current = Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()
    if current in (State.AWAITING_APPROVAL, State.READY_TO_SEND):
        _apply(
            case,
            actor=actor,
            name="mark_sent",
            expected=current,
            satisfied={"letter_approved"},
            note=summary,
        )
        current = State.SENT
    if current == State.SENT:
        _apply(case, actor=None, name="await_irs", expected=current)
    Case.objects.filter(pk=case.pk).update(follow_up_on=follow_up_date(sent_on))
    case.refresh_from_db()
    return case


# ---------------------------------------------------------------------- page images


def notice_previews_enqueue(notice_id: int) -> None:
    """Ask the worker for a notice's page previews (sent after commit; idempotent there).

    A broker that cannot take it is logged: the case page asks again on its next visit.
    """
    from cases.tasks import notice_previews_task

    try:
        notice_previews_task.apply_async(args=[notice_id])
    except Exception:
        logger.warning("could not queue the page previews of notice %s", notice_id)
