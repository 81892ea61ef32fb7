"""Mailboxes the worker polls, and each message it took in.

A ``Mailbox`` holds where and how to connect, never a password: ``password_setting`` names
the environment variable (or the key of ``TAXHAUZ_IMAP_PASSWORDS`` in settings) that holds
it. An ``InboundMessage`` is one e-mail, keyed by its Message-ID so it is taken in once
even if the server shows it again; its ``InboundAttachment`` rows say what became of each
file. Mail that could not be matched to a household waits in the triage list.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from clients.models import Client
from taxhauz.storage import private_storage

PASSWORD_SETTING_PREFIX = "TAXHAUZ_IMAP_PASSWORD_"  # noqa: S105  (a name, not a secret)
password_setting_validator = RegexValidator(
    rf"^{PASSWORD_SETTING_PREFIX}[A-Z0-9_]+$",
    f"Name an environment variable or settings key starting with {PASSWORD_SETTING_PREFIX} "
    "(for example TAXHAUZ_IMAP_PASSWORD_INTAKE). The password itself never goes here.",
)


class Mailbox(models.Model):
    class Security(models.TextChoices):
        SSL = "ssl", "TLS from the start (IMAPS, usually port 993)"
        STARTTLS = "starttls", "STARTTLS (usually port 143)"
        NONE = "none", "None: only for a server on this machine (127.0.0.1)"

    class AfterImport(models.TextChoices):
        FLAG = "flag", "Mark it read and tag it $TaxhauzImported"
        MOVE = "move", "Tag it, then move it to the processed folder"

    name = models.CharField(max_length=80, unique=True)
    active = models.BooleanField(default=True)
    host = models.CharField(max_length=200)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=8, choices=Security.choices, default=Security.SSL)
    username = models.CharField(max_length=200)
    password_setting = models.CharField(
        "password from",
        max_length=80,
        validators=[password_setting_validator],
        help_text="The environment variable (or settings key in TAXHAUZ_IMAP_PASSWORDS) that "
        "holds the password, e.g. TAXHAUZ_IMAP_PASSWORD_INTAKE.",
    )
    folder = models.CharField(max_length=200, default="INBOX")
    after_import = models.CharField(
        max_length=4, choices=AfterImport.choices, default=AfterImport.FLAG
    )
    processed_folder = models.CharField(
        max_length=200, blank=True, help_text="Where processed mail goes when it is moved."
    )
    require_sender_authentication = models.BooleanField(
        "require DMARC to pass",
        default=False,
        help_text="Only match senders whose domain passed DMARC, as reported by your own "
        "mail server's Authentication-Results header (below). Others go to triage.",
    )
    authserv_id = models.CharField(
        "your mail server's authserv-id",
        max_length=200,
        blank=True,
        help_text="The name your server writes first in Authentication-Results, e.g. "
        "mx.practice.example.",
    )

    polling_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return f"{self.name} ({self.username} on {self.host})"

    def clean(self):
        errors = {}
        if self.security == self.Security.NONE and self.host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            errors["security"] = "Without TLS the password would cross the network in clear."
        if self.after_import == self.AfterImport.MOVE and not self.processed_folder.strip():
            errors["processed_folder"] = "Name the folder processed mail is moved to."
        if self.require_sender_authentication and not self.authserv_id.strip():
            errors["authserv_id"] = "Say which server's Authentication-Results to trust."
        if re.search(r"[\r\n\"]", self.folder + self.processed_folder):
            errors["folder"] = "A folder name cannot contain quotes or line breaks."
        if errors:
            raise ValidationError(errors)


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        PROCESSING = "processing", "Being taken in"
        IMPORTED = "imported", "Attached to the sender's household"
        TRIAGE = "triage", "Waiting for staff (triage)"
        ATTACHED = "attached", "Attached by staff"
        DISMISSED = "dismissed", "Dismissed by staff"

    class Why(models.TextChoices):
        NONE = "", "—"
        UNKNOWN_SENDER = "unknown_sender", "Sender is not a client login"
        NOT_AUTHENTICATED = "not_authenticated", "Sender's domain did not pass DMARC"
        NO_ATTACHMENT = "no_attachment", "No usable attachment"
        TOO_LARGE = "too_large", "Message too large"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="messages")
    key = models.CharField(max_length=64, unique=True)  # sha256 of the Message-ID (or bytes)
    message_id = models.CharField(max_length=900, blank=True)
    sender = models.EmailField(blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body_excerpt = models.TextField(blank=True)  # SSNs masked
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING)
    why = models.CharField(max_length=20, choices=Why.choices, blank=True, default="")
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matched_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "e-mailed notice"
        indexes = [models.Index(fields=["status", "-received_at"], name="inbound_status")]

    def __str__(self) -> str:
        return f"{self.subject or '(no subject)'} from {self.sender or 'unknown sender'}"


def inbound_file_path(instance: "InboundAttachment", filename: str) -> str:
    return f"inbound/{uuid.uuid4().hex}"


class InboundAttachment(models.Model):
    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Taken in as a notice"
        DUPLICATE = "duplicate", "Already received"
        HELD = "held", "Held for triage"
        REJECTED = "rejected", "Not usable"

    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8, blank=True)  # from the bytes
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    notice = models.ForeignKey(
        "notices.Notice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only mail held for triage keeps its files here; imported files live on the notice.
    file = models.FileField(
        upload_to=inbound_file_path, storage=private_storage, max_length=200, blank=True
    )

    class Meta:
        ordering = ["message", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "position"], name="inbound_attachment_position"
            )
        ]

    def __str__(self) -> str:
        return self.name
