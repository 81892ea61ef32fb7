"""Notices by e-mail: poll each mailbox, take each message in once, match its sender,
hand its files to the one notice intake, and keep what could not be matched for staff.

Crash safety, step by step (``mailbox_poll``):

1. The message is fetched with ``BODY.PEEK[]``: the server's flags do not change.
2. ``message_take_in`` claims a row keyed by the Message-ID (unique), hands the files to
   ``notices.services.notice_upload`` (itself idempotent by each file's SHA-256 within the
   household), and records the outcome in one transaction. Receipts and replies are sent
   after that commit.
3. Only then is the message marked on the server (``\\Seen`` + ``$TaxhauzImported``, and
   moved when the mailbox says so).

A crash before 3 leaves the message unmarked: the next poll fetches it again, finds its
row done (or half done: the files are already notices, found again by their hashes) and
only marks it. A crash before 2 commits leaves nothing behind but the server's copy. So a
message is never lost and never imported twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from common.redaction import redact
from mailintake.imap import MailboxConnection, MailboxUnavailable, ServerSettings
from mailintake.models import (
    PASSWORD_SETTING_PREFIX,
    InboundAttachment,
    InboundMessage,
    Mailbox,
)
from mailintake.parsing import (
    Attachment,
    ParsedMessage,
    authentication_passes,
    group_for_notices,
    parse_message,
)
from notices import limits
from notices.models import NoticeSource
from notices.services import notice_upload
from notices.uploads import UploadRejected, upload_check
from notifications.services import absolute_url, email_enqueue

logger = logging.getLogger(__name__)

MESSAGES_PER_POLL = 25
#: Larger than every attachment allowed on one notice, with room for encoding.
MAX_MESSAGE_BYTES = 60 * 1024 * 1024
LEASE = timedelta(minutes=10)  # longer than the poll task's hard time limit


class MailboxNotConfigured(MailboxUnavailable):
    """The mailbox's password setting is missing."""


# ------------------------------------------------------------------------ credentials


def mailbox_password(mailbox: Mailbox) -> str:
    """The password from settings (``TAXHAUZ_IMAP_PASSWORDS[name]``) or the environment.

    Only names starting with ``TAXHAUZ_IMAP_PASSWORD_`` are read (the model refuses others),
    so an admin cannot point a mailbox at another secret of the deployment.
    """
    name = mailbox.password_setting
    if not name.startswith(PASSWORD_SETTING_PREFIX):
        raise MailboxNotConfigured(f"{name} is not a mailbox password setting.")
    value = (settings.TAXHAUZ_IMAP_PASSWORDS or {}).get(name) or os.environ.get(name, "")
    if not value:
        raise MailboxNotConfigured(f"Set {name} in the environment of the worker.")
    return value


def server_settings(mailbox: Mailbox) -> ServerSettings:
    return ServerSettings(
        host=mailbox.host,
        port=mailbox.port,
        security=mailbox.security,
        username=mailbox.username,
        password=mailbox_password(mailbox),
        folder=mailbox.folder,
        processed_folder=mailbox.processed_folder
        if mailbox.after_import == Mailbox.AfterImport.MOVE
        else "",
        cafile=settings.TAXHAUZ_IMAP_CA_FILE,
    )


# ------------------------------------------------------------------------------ poll


@dataclass
class PollReport:
    mailbox: int
    taken_in: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    error: str = ""
    busy: bool = False


def _lease(mailbox_id: int) -> bool:
    now = timezone.now()
    return bool(
        Mailbox.objects.filter(pk=mailbox_id, active=True)
        .filter(Q(polling_until__isnull=True) | Q(polling_until__lt=now))
        .update(polling_until=now + LEASE)
    )


def mailbox_poll(*, mailbox_id: int, limit: int = MESSAGES_PER_POLL) -> PollReport:
    """Take in what waits in one mailbox. One poll per mailbox at a time (a lease row)."""
    report = PollReport(mailbox=mailbox_id)
    if not _lease(mailbox_id):
        report.busy = True
        return report
    mailbox = Mailbox.objects.get(pk=mailbox_id)
    try:
        with MailboxConnection(server_settings(mailbox)) as box:
            for uid in box.waiting(limit):
                size = box.size(uid)
                too_large = size > MAX_MESSAGE_BYTES
                raw = box.fetch(uid, headers_only=too_large)
                message = message_take_in(mailbox=mailbox, raw=raw, size=size, too_large=too_large)
                box.mark_processed(uid)  # only once the outcome is committed
                report.taken_in += 1
                report.outcomes[message.status] = report.outcomes.get(message.status, 0) + 1
    except MailboxUnavailable as exc:
        report.error = str(exc)
        logger.warning("mailbox %s: %s", mailbox.name, exc)
    finally:
        Mailbox.objects.filter(pk=mailbox_id).update(
            polling_until=None, last_polled_at=timezone.now(), last_error=report.error[:500]
        )
    return report


# ------------------------------------------------------------------- one message in


def verified_login(address: str) -> User | None:
    """The client login whose e-mail address this is, when it is active.

    "Verified" means the address is the login of an active client user: the address the
    practice invited and the client signs in with (password resets go there). A household's
    contact address typed by staff never counts: nothing is attached on its say-so.
    """
    if not address:
        return None
    return (
        User.objects.filter(
            email__iexact=address, role=Role.CLIENT, is_active=True, client__isnull=False
        )
        .select_related("client")
        .first()
    )


@dataclass
class _Checked:
    attachment: Attachment
    kind: str = ""
    data: bytes = b""
    refusal: str = ""


def _check(attachments: tuple[Attachment, ...]) -> list[_Checked]:
    found = []
    for a in attachments:
        try:
            ok = upload_check(SimpleUploadedFile(a.name, a.data), what="notice")
        except UploadRejected as exc:
            found.append(_Checked(a, refusal=exc.message))
        else:
            found.append(_Checked(a, kind=ok.kind, data=a.data))
    return found


def _claim(mailbox: Mailbox, parsed: ParsedMessage, key: str, size: int) -> InboundMessage:
    try:
        with transaction.atomic():
            return InboundMessage.objects.create(
                mailbox=mailbox,
                key=key,
                message_id=parsed.message_id,
                sender=parsed.sender,
                sender_name=redact(parsed.sender_name),
                subject=redact(parsed.subject),
                body_excerpt=redact(parsed.body_excerpt),
                size=size,
            )
    except IntegrityError:
        return InboundMessage.objects.get(key=key)


def message_take_in(
    *, mailbox: Mailbox, raw: bytes, size: int = 0, too_large: bool = False
) -> InboundMessage:
    """Record one e-mail and decide where it goes. Idempotent by its Message-ID."""
    parsed = parse_message(raw)
    key = hashlib.sha256(parsed.key.encode()).hexdigest()
    message = _claim(mailbox, parsed, key, size or len(raw))
    if message.status != InboundMessage.Status.PROCESSING:
        return message  # taken in before (the server was not told in time): nothing to redo

    user = verified_login(parsed.sender)
    why = ""
    if (
        user is not None
        and mailbox.require_sender_authentication
        and not authentication_passes(
            parsed.authentication_results, authserv_id=mailbox.authserv_id, sender=parsed.sender
        )
    ):
        user, why = None, InboundMessage.Why.NOT_AUTHENTICATED
    checked = [] if too_large else _check(parsed.attachments)
    usable = [c for c in checked if not c.refusal]

    rows: list[dict] = []
    notices = []
    if too_large:
        status, why = InboundMessage.Status.TRIAGE, InboundMessage.Why.TOO_LARGE
    elif user is None:
        status, why = InboundMessage.Status.TRIAGE, why or InboundMessage.Why.UNKNOWN_SENDER
    elif not usable:
        status, why = InboundMessage.Status.TRIAGE, InboundMessage.Why.NO_ATTACHMENT
    else:
        status = InboundMessage.Status.IMPORTED
        by_attachment = {id(c.attachment): c for c in usable}
        for group in group_for_notices([c.attachment for c in usable]):
            outcome = notice_upload(
                actor=user,
                client=user.client,
                files=[SimpleUploadedFile(a.name, by_attachment[id(a)].data) for a in group],
                source=NoticeSource.EMAIL,
            )
            notices.append(outcome)
            for a in group:
                rows.append(
                    {
                        "attachment": by_attachment[id(a)],
                        "outcome": InboundAttachment.Outcome.IMPORTED
                        if outcome.created
                        else InboundAttachment.Outcome.DUPLICATE,
                        "notice": outcome.notice,
                    }
                )
    held = status == InboundMessage.Status.TRIAGE
    for c in checked:
        if c.refusal:
            rows.append({"attachment": c, "outcome": InboundAttachment.Outcome.REJECTED})
        elif held:
            rows.append({"attachment": c, "outcome": InboundAttachment.Outcome.HELD})

    with transaction.atomic(durable=True):
        done = InboundMessage.objects.filter(
            pk=message.pk, status=InboundMessage.Status.PROCESSING
        ).update(
            status=status,
            why=why,
            client=user.client if user else None,
            matched_user=user,
            processed_at=timezone.now(),
        )
        if not done:  # a concurrent poll finished it first
            message.refresh_from_db()
            return message
        message.attachments.all().delete()  # a retry after a crash writes them afresh
        for position, row in enumerate(rows, start=1):
            c: _Checked = row["attachment"]
            record = InboundAttachment(
                message=message,
                position=position,
                name=c.attachment.name[:255],
                kind=c.kind,
                size=len(c.attachment.data),
                sha256=c.attachment.sha256,
                outcome=row["outcome"],
                detail=c.refusal[:300],
                notice=row.get("notice"),
            )
            if row["outcome"] == InboundAttachment.Outcome.HELD:
                record.file.save("held", ContentFile(c.data), save=False)
            record.save()
        message.refresh_from_db()
        audit_record(
            action="mail.take_in",
            obj=message,
            actor_email="worker",
            detail={
                "status": status,
                "why": why,
                "sender": parsed.sender,
                "client": str(user.client.public_id) if user else "",
                "notices": [str(o.notice.public_id) for o in notices],
                "attachments": len(checked),
            },
        )
        if status == InboundMessage.Status.IMPORTED:
            _send_receipt(message, parsed, notices)
        elif not usable and not parsed.automated:
            _send_polite_reply(message, parsed, checked)
    return message


# ---------------------------------------------------------------------------- e-mails


def _reply_headers(parsed: ParsedMessage) -> dict[str, str]:
    headers = {"Auto-Submitted": "auto-replied"}  # RFC 3834: no auto-reply loops
    if parsed.message_id:
        headers["In-Reply-To"] = f"<{parsed.message_id}>"
        headers["References"] = " ".join(
            x for x in (parsed.references, f"<{parsed.message_id}>") if x
        )
    return headers


def _re(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject or 'your e-mail'}"


def _send_receipt(message: InboundMessage, parsed: ParsedMessage, notices) -> None:
    lines = [
        f"Hello {message.matched_user.get_short_name()},",
        "",
        f"Thank you: {settings.PRACTICE_NAME} received the IRS notice you e-mailed.",
        "",
    ]
    for outcome in notices:
        link = absolute_url(reverse("notices:detail", args=[outcome.notice.public_id]))
        if outcome.created:
            lines.append(f"We are reading it now. See what it says and what happens next: {link}")
        else:
            lines.append(f"You had already sent us this notice; here it is: {link}")
    lines += [
        "",
        "If you did not send this e-mail, reply to tell us straight away.",
    ]
    email_enqueue(
        to=[message.sender],
        subject=_re(parsed.subject) if parsed.subject else "We received your IRS notice",
        body="\n".join(lines) + "\n",
        headers=_reply_headers(parsed),
    )


def _replied_today(address: str) -> bool:
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return InboundMessage.objects.filter(sender__iexact=address, replied_at__gte=start).exists()


def _send_polite_reply(message: InboundMessage, parsed: ParsedMessage, checked) -> None:
    """One reply per address per day: a loop or a flood never makes us a spam cannon."""
    if not message.sender or _replied_today(message.sender):
        return
    mb = limits.MAX_FILE_BYTES // (1024 * 1024)
    if message.why == InboundMessage.Why.TOO_LARGE:
        biggest = MAX_MESSAGE_BYTES // (1024 * 1024)
        problem = f"Your e-mail was too large for us to take in (over {biggest} MB)."
    else:
        problem = "We could not find an IRS notice attached to it."
    lines = [
        "Hello,",
        "",
        f"Thank you for your e-mail to {settings.PRACTICE_NAME}. {problem}",
    ]
    refused = [c for c in checked if c.refusal]
    if refused:
        lines += ["", *(f"  - {c.refusal}" for c in refused)]
    lines += [
        "",
        "Please send the notice again as an attachment: a PDF, or a photo of each page "
        f"(JPEG, PNG or HEIC), up to {mb} MB each. You can also upload it in the portal: "
        + absolute_url(reverse("notices:list")),
        "",
        "Our staff can see your message too, and will contact you if they need anything.",
    ]
    email_enqueue(
        to=[message.sender],
        subject=_re(parsed.subject),
        body="\n".join(lines) + "\n",
        headers=_reply_headers(parsed),
    )
    InboundMessage.objects.filter(pk=message.pk).update(replied_at=timezone.now())


# ---------------------------------------------------------------------------- triage


class TriageRefused(ValueError):
    """A triage step the rules refuse; the message says why."""


def triage_list_for_user(*, user):
    """Mail waiting for staff. Unmatched mail belongs to no household yet, so every
    practice login may see it (its attachments are shown only through the admin)."""
    if not (user.is_active and user.is_practice):
        return InboundMessage.objects.none()
    return InboundMessage.objects.filter(status=InboundMessage.Status.TRIAGE).select_related(
        "mailbox", "client"
    )


def triage_attach(*, actor, message: InboundMessage, client) -> list:
    """Staff decide whose notice it is: the held files go through the notice intake."""
    from clients.models import Client

    if not Client.objects.visible_to(actor).filter(pk=client.pk).exists():
        raise TriageRefused("That household is not one you can see.")
    held = list(message.attachments.filter(outcome=InboundAttachment.Outcome.HELD))
    if not held:
        raise TriageRefused("This message has no usable file to attach.")
    if message.status != InboundMessage.Status.TRIAGE:
        raise TriageRefused("This message has already been dealt with.")
    items = []
    for record in held:
        with record.file.open("rb") as f:
            ctype = "application/pdf" if record.kind == "pdf" else f"image/{record.kind}"
            items.append((record, Attachment(record.name, ctype, f.read())))
    record_of = {id(a): r for r, a in items}
    outcomes = []
    for group in group_for_notices([a for _, a in items]):
        outcome = notice_upload(
            actor=actor,
            client=client,
            files=[SimpleUploadedFile(a.name, a.data) for a in group],
            source=NoticeSource.EMAIL,
        )
        outcomes.append(outcome)
        InboundAttachment.objects.filter(pk__in=[record_of[id(a)].pk for a in group]).update(
            notice=outcome.notice, outcome=InboundAttachment.Outcome.IMPORTED
        )
    with transaction.atomic(durable=True):
        InboundMessage.objects.filter(pk=message.pk).update(
            status=InboundMessage.Status.ATTACHED,
            client=client,
            handled_by=actor,
            handled_at=timezone.now(),
        )
        audit_record(
            action="mail.triage_attach",
            actor=actor,
            obj=message,
            detail={
                "client": str(client.public_id),
                "notices": [str(o.notice.public_id) for o in outcomes],
            },
        )
    return [o.notice for o in outcomes]


def triage_dismiss(*, actor, message: InboundMessage, reason: str = "") -> None:
    with transaction.atomic(durable=True):
        done = InboundMessage.objects.filter(
            pk=message.pk, status=InboundMessage.Status.TRIAGE
        ).update(
            status=InboundMessage.Status.DISMISSED, handled_by=actor, handled_at=timezone.now()
        )
        if done:
            audit_record(
                action="mail.triage_dismiss",
                actor=actor,
                obj=message,
                detail={"reason": redact(reason)[:200]},
            )
