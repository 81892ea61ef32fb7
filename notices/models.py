"""Uploaded notices, their files and pages, and every field the reader extracted.

A Notice's `status` is technical (is the upload read yet?); the business state of the
matter lives on the case. What the machine read is kept in NoticeField.machine_value;
a staff correction goes beside it, never over it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from clients.models import Client
from taxhauz.storage import private_storage


class NoticeStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    READING = "reading", "Reading"
    READ = "read", "Read"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"


class Legitimacy(models.TextChoices):
    GENUINE = "genuine", "Looks genuine"
    SUSPICIOUS = "suspicious", "Looks suspicious"
    UNKNOWN = "unknown", "Not sure"


class NoticeSource(models.TextChoices):
    PORTAL = "portal", "Uploaded in the portal"
    EMAIL = "email", "Sent by e-mail"


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NoticeQuerySet":
        """A notice is visible exactly when its household is (see ClientQuerySet.visible_to)."""
        return self.filter(client__in=Client.objects.visible_to(user).values("pk"))


class Notice(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="notices")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(
        max_length=8, choices=NoticeSource.choices, default=NoticeSource.PORTAL
    )

    # Technical status of reading, polled by the client's page.
    status = models.CharField(
        max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.RECEIVED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    reading_started_at = models.DateTimeField(null=True, blank=True)
    # Beaten every few seconds by the worker while it reads (notices.services._heartbeat);
    # a reading notice whose heartbeat stopped belongs to a dead worker (the reaper's rule).
    read_heartbeat_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    client_message = models.TextField(blank=True)
    staff_detail = models.TextField(blank=True)

    # What the notice says (effective values: the machine's, or a staff correction).
    notice_type = models.CharField(max_length=16, blank=True, db_index=True)
    tax_year = models.PositiveSmallIntegerField(null=True, blank=True)
    tax_form = models.CharField(max_length=16, blank=True)
    notice_date = models.DateField(null=True, blank=True)
    pay_by_date = models.DateField(null=True, blank=True, db_index=True)
    amount_due = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    ssn_last4 = models.CharField(max_length=4, blank=True)
    caller_id = models.CharField(max_length=16, blank=True, db_index=True)
    irs_phone = models.CharField(max_length=20, blank=True)
    taxpayer_name = models.CharField(max_length=200, blank=True)
    mailing_address = models.TextField(blank=True)
    irs_reply_address = models.TextField(blank=True)
    page_count = models.PositiveSmallIntegerField(default=0)
    billing_summary = models.JSONField(default=dict, blank=True)
    # The verdict shown (the reader's, or staff's when they set it) and what the reader said.
    legitimacy = models.CharField(
        max_length=12, choices=Legitimacy.choices, default=Legitimacy.UNKNOWN
    )
    legitimacy_reasons = models.JSONField(default=list, blank=True)
    legitimacy_signs = models.JSONField(default=list, blank=True)  # [{code, strong, text, quote}]
    legitimacy_machine = models.CharField(max_length=12, choices=Legitimacy.choices, blank=True)
    legitimacy_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    legitimacy_set_at = models.DateTimeField(null=True, blank=True)
    legitimacy_set_reason = models.CharField(max_length=300, blank=True)
    # Fields the reader could not confirm by the notice's own rules, and staff have not
    # corrected since: the client is told "we are checking", never shown them as fact.
    unconfirmed_fields = models.JSONField(default=list, blank=True)
    checks = models.JSONField(default=list, blank=True)
    used_ocr = models.BooleanField(default=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "reading_started_at"])]
        constraints = [
            models.CheckConstraint(
                name="notice_ssn_last4_only",
                condition=Q(ssn_last4="") | Q(ssn_last4__regex=r"^[0-9]{4}$"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice_type or 'Notice'} for {self.client}"

    @property
    def is_final(self) -> bool:
        return self.status in (NoticeStatus.READ, NoticeStatus.NEEDS_ATTENTION)

    @property
    def checks_failed(self) -> list[dict]:
        return [c for c in self.checks if c.get("passed") is False]

    @property
    def amount_confirmed(self) -> bool:
        return "amount_due" not in self.unconfirmed_fields

    @property
    def pay_by_confirmed(self) -> bool:
        return "pay_by_date" not in self.unconfirmed_fields

    @property
    def legitimacy_set_by_staff(self) -> bool:
        return self.legitimacy_set_at is not None

    @property
    def strong_signs(self) -> list[dict]:
        return [s for s in self.legitimacy_signs if s.get("strong")]

    @property
    def weak_signs(self) -> list[dict]:
        return [s for s in self.legitimacy_signs if not s.get("strong")]


def notice_file_path(instance: "NoticeFile", filename: str) -> str:
    # Random names: the client's file name is data, never part of a path.
    return f"notices/{instance.client.public_id}/{uuid.uuid4().hex}"


class NoticeFile(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="files")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=notice_file_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # pdf, jpeg, png, heic: from the bytes
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["notice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "sha256"], name="notice_file_unique_per_client"
            ),
            models.UniqueConstraint(fields=["notice", "position"], name="notice_file_position"),
        ]

    def __str__(self) -> str:
        return self.original_name


class NoticePage(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField()
    source_file = models.CharField(max_length=255, blank=True)
    used_ocr = models.BooleanField(default=False)
    rotation = models.SmallIntegerField(default=0)

    class Meta:
        ordering = ["notice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "number"], name="notice_page_number")
        ]

    def __str__(self) -> str:
        return f"Page {self.number}"


class NoticeField(models.Model):
    """One extracted field: what the machine read, where, how sure; and any correction."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=48)
    machine_value = models.TextField(blank=True)
    confidence = models.FloatField(null=True, blank=True)
    page = models.PositiveSmallIntegerField(null=True, blank=True)
    bbox = models.JSONField(null=True, blank=True)
    corrected_value = models.TextField(blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(null=True, blank=True)
    correction_reason = models.CharField(max_length=200, blank=True)
    # Whether the notice's own rules support the machine's value, and why (or why not).
    confirmed = models.BooleanField(null=True, blank=True)
    why = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=48, blank=True)

    class Meta:
        ordering = ["notice", "name"]
        constraints = [models.UniqueConstraint(fields=["notice", "name"], name="notice_field_name")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"

    @property
    def value(self) -> str:
        return self.corrected_value if self.corrected_at else self.machine_value

    @property
    def is_corrected(self) -> bool:
        return self.corrected_at is not None
