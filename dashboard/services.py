"""Daily reminders (staff digest, firm digest, client reminders) and the client unsubscribe.

Each reminder claims a ``ReminderSent`` row (unique per key and day) in its own durable
transaction and enqueues its e-mail after commit, so running the job twice, or two beats
at once, sends every reminder once. Client e-mails speak the client's words
(``CLIENT_STATE_LABELS``), name no staff member, and carry a signed unsubscribe link.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from cases.deadlines import Urgency, days_left, urgency
from cases.models import Case, CaseEvent, DocumentRequest
from cases.workflow import CLIENT_STATE_LABELS, State
from clients.models import Client
from dashboard.models import ClientEmailPreference, ReminderSent
from dashboard.selectors import Filters, dashboard_figures, deadline_policy
from dashboard.selectors.timeline import say_date
from notifications.services import absolute_url, email_enqueue

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "dashboard.unsubscribe"
DIGEST_BUCKETS = (Urgency.OVERDUE, Urgency.DUE_3, Urgency.DUE_7, Urgency.DUE_30)
DIGEST_LINES_PER_BUCKET = 40


@dataclass
class ReminderReport:
    """What one run sent, by kind (for the task log and the tests)."""

    sent: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        parts = [f"{k}={v}" for k, v in sorted(self.sent.items())]
        return "sent " + (", ".join(parts) or "nothing")


portal_url = absolute_url


def _money(amount) -> str:
    return "—" if amount is None else f"${amount:,.2f}"


def _claim(*, key: str, day: date, kind: str, recipient: str) -> bool:
    """Record the reminder; False when it was already sent (the unique row exists)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key[:160], day=day, kind=kind, recipient=recipient)
    except IntegrityError:
        return False
    return True


def _send_once(
    report: ReminderReport, *, key: str, day: date, kind: str, to: str, subject: str, body: str
) -> None:
    with transaction.atomic(durable=True):
        if not _claim(key=key, day=day, kind=kind, recipient=to):
            report.skipped[kind] += 1
            return
        email_enqueue(to=[to], subject=subject, body=body)
    report.sent[kind] += 1


# ------------------------------------------------------------------------ unsubscribe


def unsubscribe_token(*, client_id: int, email: str) -> str:
    """A signed, non-expiring token naming one household address (no database row)."""
    return signing.dumps({"c": client_id, "e": email.lower()}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """(client id, email) from a token, or None when it was not signed by us."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["c"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def client_reminders_stop(*, client_id: int, email: str, request=None) -> ClientEmailPreference:
    """The unsubscribe link: no more reminders to this address about this household."""
    with transaction.atomic(durable=True):
        client = Client.objects.get(pk=client_id)
        preference, _ = ClientEmailPreference.objects.update_or_create(
            client=client, email=email.lower(), defaults={"reminders": False}
        )
        audit_record(
            action="reminders.unsubscribe",
            obj=client,
            request=request,
            actor_email=email.lower(),
            detail={"email": email.lower()},
        )
    return preference


def _unsubscribe_footer(client_id: int, email: str) -> str:
    token = unsubscribe_token(client_id=client_id, email=email)
    link = portal_url(reverse("dashboard:unsubscribe", args=[token]))
    return f"\n--\nTo stop these reminders, open: {link}\n"


def _household_addresses(client_ids: set[int]) -> dict[int, list[str]]:
    """Every active login's address plus the household's own, minus unsubscribed ones."""
    found: dict[int, list[str]] = defaultdict(list)
    logins = User.objects.filter(client_id__in=client_ids, is_active=True).exclude(email="")
    for client_id, email in logins.values_list("client_id", "email"):
        found[client_id].append(email.lower())
    for client_id, email in (
        Client.objects.filter(pk__in=client_ids).exclude(email="").values_list("pk", "email")
    ):
        if email.lower() not in found[client_id]:
            found[client_id].append(email.lower())
    stopped = set(
        ClientEmailPreference.objects.filter(client_id__in=client_ids, reminders=False).values_list(
            "client_id", "email"
        )
    )
    return {c: [e for e in emails if (c, e) not in stopped] for c, emails in found.items()}


# ----------------------------------------------------------------------- staff digest


def _digest_line(case: Case, today: date) -> str:
    left = days_left(case.irs_deadline, today)
    when = f"{-left} days overdue" if left < 0 else f"{left} days left"
    return (
        f"  #{case.pk} {case.notice_code} {case.tax_year} · {case.client.display_name} · "
        f"{_money(case.amount_due)} · IRS deadline {case.irs_deadline:%b %d} ({when})"
    )


def staff_digests_send(*, today: date, report: ReminderReport) -> None:
    """Each practice member: their open cases due within 30 days (or overdue), by urgency."""
    horizon = today + timedelta(days=30)
    cases = (
        Case.objects.open()
        .filter(assignee__isnull=False, assignee__is_active=True, irs_deadline__lte=horizon)
        .select_related("client", "assignee")
        .order_by("assignee_id", "irs_deadline", "pk")
    )
    later = dict(
        Case.objects.open()
        .filter(assignee__isnull=False)
        .filter(Q(irs_deadline__gt=horizon) | Q(irs_deadline__isnull=True))
        .order_by()
        .values_list("assignee_id")
        .annotate(n=Count("pk"))
    )
    by_person: dict[int, dict[Urgency, list[Case]]] = defaultdict(lambda: defaultdict(list))
    people: dict[int, User] = {}
    for case in cases:
        people[case.assignee_id] = case.assignee
        by_person[case.assignee_id][urgency(case.irs_deadline, today)].append(case)
    queue = portal_url(reverse("admin:cases_case_changelist") + "?assignee=me")
    for person_id, buckets in by_person.items():
        person = people[person_id]
        if not person.email:
            continue
        lines = [f"Good morning {person.get_short_name()},", "", "Your open cases by deadline:"]
        for bucket in DIGEST_BUCKETS:
            found = buckets.get(bucket, [])
            if not found:
                continue
            lines += ["", f"{bucket.label} ({len(found)}):"]
            lines += [_digest_line(c, today) for c in found[:DIGEST_LINES_PER_BUCKET]]
            if len(found) > DIGEST_LINES_PER_BUCKET:
                lines.append(f"  … and {len(found) - DIGEST_LINES_PER_BUCKET} more")
        if later.get(person_id):
            lines += ["", f"Plus {later[person_id]} open cases due later or without a deadline."]
        lines += ["", f"Your queue: {queue}"]
        overdue = len(buckets.get(Urgency.OVERDUE, []))
        soon = len(buckets.get(Urgency.DUE_3, []))
        _send_once(
            report,
            key=f"staff-digest:{person_id}",
            day=today,
            kind=ReminderSent.Kind.STAFF_DIGEST,
            to=person.email,
            subject=f"[Taxhauz] Your cases today: {overdue} overdue, {soon} due within 3 days",
            body="\n".join(lines) + "\n",
        )


# ------------------------------------------------------------------------ firm digest


def firm_digests_send(*, today: date, report: ReminderReport) -> None:
    """Each partner: the dashboard's headline numbers, with a link to it."""
    partners = User.objects.filter(role=Role.PARTNER, is_active=True).exclude(email="")
    link = portal_url(reverse("portal:dashboard"))
    for partner in partners:
        figures = dashboard_figures(user=partner, filters=Filters(), today=today)
        lines = [
            f"Firm deadlines on {say_date(today)}",
            "",
            f"Open cases: {figures.open_total.count} ({_money(figures.open_total.amount)})",
        ]
        lines += [f"  {f.label}: {f.count} ({_money(f.amount)})" for f in figures.buckets]
        lines += [f"  {f.label}: {f.count}" for f in figures.waiting]
        if figures.escalation:
            lines += ["", "Notices expected to escalate if nothing is done:"]
            lines += [
                f"  {r.code} → {r.next_code}: {r.count} open, {r.overdue} past the deadline"
                for r in figures.escalation
            ]
        overdue_staff = [s for s in figures.staff if s.overdue]
        if overdue_staff:
            lines += ["", "Overdue by staff member:"]
            lines += [f"  {s.name}: {s.overdue} of {s.open}" for s in overdue_staff[:15]]
        lines += ["", f"Dashboard: {link}"]
        overdue = figures.buckets[0].count
        _send_once(
            report,
            key=f"firm-digest:{partner.pk}",
            day=today,
            kind=ReminderSent.Kind.FIRM_DIGEST,
            to=partner.email,
            subject=f"[Taxhauz] Firm deadlines: {overdue} overdue, "
            f"{figures.buckets[1].count} due within 3 days",
            body="\n".join(lines) + "\n",
        )


# ---------------------------------------------------------------------- client e-mails


def client_document_reminders_send(*, today: date, report: ReminderReport) -> None:
    """Households with a document still missing, every N days (firm setting)."""
    every = deadline_policy().document_reminder_every_days
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=every - 1), time.min))
    pending = (
        DocumentRequest.objects.filter(status=DocumentRequest.Status.OPEN)
        .exclude(case__state=State.RESOLVED)
        .order_by("client_id", "created_at", "pk")
    )
    by_client: dict[int, list[DocumentRequest]] = defaultdict(list)
    for request in pending:
        by_client[request.client_id].append(request)
    # Only households whose oldest open request is old enough for a reminder.
    due = {c: reqs for c, reqs in by_client.items() if reqs[0].created_at < cutoff}
    if not due:
        return
    addresses = _household_addresses(set(due))
    recent = set(
        ReminderSent.objects.filter(
            kind=ReminderSent.Kind.CLIENT_DOCUMENTS, day__gt=today - timedelta(days=every)
        ).values_list("key", flat=True)
    )
    page = portal_url(reverse("cases:requests"))
    for client_id, requests in due.items():
        listed = "\n".join(
            f"  - {r.description} (asked on {say_date(timezone.localtime(r.created_at).date())})"
            for r in requests
        )
        for email in addresses.get(client_id, []):
            key = f"client-documents:{client_id}:{email}"
            if key in recent:
                report.skipped[ReminderSent.Kind.CLIENT_DOCUMENTS] += 1
                continue
            body = (
                "To finish work on your IRS notice we still need:\n\n"
                f"{listed}\n\n"
                f"You can upload them on the page 'Documents we asked for': {page}\n"
                + _unsubscribe_footer(client_id, email)
            )
            _send_once(
                report,
                key=key,
                day=today,
                kind=ReminderSent.Kind.CLIENT_DOCUMENTS,
                to=email,
                subject=f"Reminder: {settings.PRACTICE_NAME} still needs a document from you",
                body=body,
            )


def client_case_notes_send(*, today: date, report: ReminderReport) -> None:
    """A short note when a household's case moved to a step the client sees as new.

    Looks at state changes since yesterday's start; internal moves that read the same to
    the client (a draft going to partner approval) send nothing. Keyed on the latest
    change and dated on its day, so a re-run (today or tomorrow) never repeats it.
    """
    since = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    events = (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.TRANSITION, at__gte=since)
        .order_by("case_id", "at", "pk")
        .values("case_id", "pk", "at", "from_state", "to_state")
    )
    first: dict[int, dict] = {}
    last: dict[int, dict] = {}
    for event in events:
        first.setdefault(event["case_id"], event)
        last[event["case_id"]] = event
    if not last:
        return
    cases = Case.objects.filter(pk__in=last).select_related("latest_notice")
    addresses = _household_addresses({c.client_id for c in cases})
    for case in cases:
        before = CLIENT_STATE_LABELS[State(first[case.pk]["from_state"])]
        now = CLIENT_STATE_LABELS[State(case.state)]
        if before == now:
            continue
        event = last[case.pk]
        day = timezone.localtime(event["at"]).date()
        notice = case.latest_notice
        what = f"Your IRS notice {case.notice_code} for tax year {case.tax_year}"
        link = (
            portal_url(reverse("notices:detail", args=[notice.public_id]))
            if notice
            else portal_url(reverse("notices:list"))
        )
        for email in addresses.get(case.client_id, []):
            body = (
                f"{what} has a new status:\n\n  {now}\n\n"
                f"See where it stands: {link}\n" + _unsubscribe_footer(case.client_id, email)
            )
            _send_once(
                report,
                key=f"client-case:{case.pk}:{event['pk']}:{email}",
                day=day,
                kind=ReminderSent.Kind.CLIENT_CASE_STATE,
                to=email,
                subject=f"Update on your IRS notice {case.notice_code}: {now}",
                body=body,
            )


#: Open cases where the practice is still to act, so a missing 2848 matters now.
POA_REMINDER_STATES = (
    State.NEW,
    State.IN_REVIEW,
    State.WAITING_ON_CLIENT,
    State.LETTER_DRAFTED,
    State.AWAITING_APPROVAL,
)


def client_poa_reminders_send(*, today: date, report: ReminderReport) -> None:
    """Households with an open case no Form 2848 covers: ask them to sign, every N days
    (the firm's document-reminder setting), naming the matters and who signs."""
    from poa.selectors import taxpayers_of

    every = deadline_policy().document_reminder_every_days
    cases = (
        Case.objects.filter(state__in=POA_REMINDER_STATES)
        .exclude(poa_coverage__covered=True)
        .select_related("client", "latest_notice")
        .order_by("client_id", "tax_year", "pk")
    )
    by_client: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        by_client[case.client_id].append(case)
    if not by_client:
        return
    addresses = _household_addresses(set(by_client))
    recent = set(
        ReminderSent.objects.filter(
            kind=ReminderSent.Kind.CLIENT_POA, day__gt=today - timedelta(days=every)
        ).values_list("key", flat=True)
    )
    for client_id, found in by_client.items():
        client = found[0].client
        who = " and ".join(taxpayers_of(client).values())
        matters = "\n".join(
            f"  - Income tax, Form {c.tax_form}, tax year {c.tax_year}"
            + (f" (your {c.notice_code} notice)" if c.notice_code else "")
            for c in found
        )
        notice = found[0].latest_notice
        link = (
            portal_url(reverse("notices:detail", args=[notice.public_id]))
            if notice
            else portal_url(reverse("notices:list"))
        )
        for email in addresses.get(client_id, []):
            key = f"client-poa:{client_id}:{email}"
            if key in recent:
                report.skipped[ReminderSent.Kind.CLIENT_POA] += 1
                continue
            body = (
                "To speak and write to the IRS for you, we need a power of attorney on file: "
                f"IRS Form 2848, signed by {who}"
                + (" (each of you signs your own form)" if client.is_joint else "")
                + ", for:\n\n"
                + matters
                + "\n\nIf we sent you the form, please sign it and upload it in the portal "
                f"(or return it to us). See your notice: {link}\n"
                + _unsubscribe_footer(client_id, email)
            )
            _send_once(
                report,
                key=key,
                day=today,
                kind=ReminderSent.Kind.CLIENT_POA,
                to=email,
                subject=f"Please sign your power of attorney for {settings.PRACTICE_NAME}",
                body=body,
            )


def reminders_send_daily(*, today: date | None = None) -> ReminderReport:
    """The daily job (Celery beat): every digest and reminder, each sent once; and the
    power-of-attorney upkeep (coverage answers refreshed, staff tasks for forms that
    stop covering soon or were revoked)."""
    from poa.services import coverage_refresh_open, poa_tasks_raise

    today = today or timezone.localdate()
    report = ReminderReport()
    refreshed = coverage_refresh_open()
    raised = poa_tasks_raise(today=today)
    logger.info("POA upkeep: %s coverage answers refreshed, %s tasks raised", refreshed, raised)
    staff_digests_send(today=today, report=report)
    firm_digests_send(today=today, report=report)
    client_document_reminders_send(today=today, report=report)
    client_case_notes_send(today=today, report=report)
    client_poa_reminders_send(today=today, report=report)
    logger.info("daily reminders for %s: %s", today, report)
    return report
