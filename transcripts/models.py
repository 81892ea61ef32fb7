"""Uploaded account transcripts, each file's transcripts, and their transaction lines.

A file (PDF, saved web page or text) may hold several transcripts, one per form and tax
period and TIN. Only the last four digits of a TIN are ever stored (transcripts are masked).
The file itself sits in private storage under a random name, like a notice.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from clients.models import Client
from taxhauz.storage import private_storage

MONEY = {"max_digits": 14, "decimal_places": 2}
LAST4 = Q(tin_last4="") | Q(tin_last4__regex=r"^[0-9]{4}$")


class TranscriptStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    READING = "reading", "Reading"
    READ = "read", "Read"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"


class HouseholdScoped(models.QuerySet):
    def visible_to(self, user):
        """Visible exactly when the household is (ClientQuerySet.visible_to)."""
        return self.filter(client__in=Client.objects.visible_to(user).values("pk"))


def transcript_file_path(instance: "TranscriptFile", filename: str) -> str:
    # Random names: the uploaded file name is data, never part of a path.
    return f"transcripts/{instance.client.public_id}/{uuid.uuid4().hex}"


class TranscriptFile(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="transcript_files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    file = models.FileField(upload_to=transcript_file_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # pdf, html, text: from the bytes
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    status = models.CharField(
        max_length=16, choices=TranscriptStatus.choices, default=TranscriptStatus.RECEIVED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    reading_started_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    client_message = models.TextField(blank=True)
    staff_detail = models.TextField(blank=True)
    page_count = models.PositiveSmallIntegerField(default=0)

    objects = HouseholdScoped.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "reading_started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "sha256"], name="transcript_file_unique_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"Transcript file {self.original_name}"

    @property
    def is_final(self) -> bool:
        return self.status in (TranscriptStatus.READ, TranscriptStatus.NEEDS_ATTENTION)


class Transcript(models.Model):
    """One account transcript (one module): form, tax period, TIN."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(TranscriptFile, on_delete=models.CASCADE, related_name="transcripts")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="transcripts")
    position = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=16, blank=True)
    tax_period = models.DateField(null=True, blank=True)
    tax_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    tin_last4 = models.CharField(max_length=4, blank=True)
    spouse_tin_last4 = models.CharField(max_length=4, blank=True)
    request_date = models.DateField(null=True, blank=True)
    response_date = models.DateField(null=True, blank=True)
    tracking_number = models.CharField(max_length=32, blank=True)
    account_balance = models.DecimalField(**MONEY, null=True, blank=True)
    accrued_interest = models.DecimalField(**MONEY, null=True, blank=True)
    accrued_penalty = models.DecimalField(**MONEY, null=True, blank=True)
    accruals_as_of = models.DateField(null=True, blank=True)
    balance_plus_accruals = models.DecimalField(**MONEY, null=True, blank=True)
    return_figures = models.JSONField(default=dict, blank=True)
    no_return_filed = models.BooleanField(default=False)
    unparsed_lines = models.JSONField(default=list, blank=True)

    objects = HouseholdScoped.as_manager()

    class Meta:
        ordering = ["client", "-tax_year", "form", "tin_last4"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="transcript_position"),
            models.CheckConstraint(name="transcript_tin_last4_only", condition=LAST4),
            models.CheckConstraint(
                name="transcript_spouse_tin_last4_only",
                condition=Q(spouse_tin_last4="") | Q(spouse_tin_last4__regex=r"^[0-9]{4}$"),
            ),
        ]

    def __str__(self) -> str:
        return f"Form {self.form or '?'} {self.tax_year or '?'} XXX-XX-{self.tin_last4 or '????'}"

    @property
    def masked_tin(self) -> str:
        return f"XXX-XX-{self.tin_last4}" if self.tin_last4 else "TIN not shown"


class TranscriptTransaction(models.Model):
    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="transactions"
    )
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=3)
    explanation = models.CharField(max_length=255, blank=True)
    cycle = models.CharField(max_length=8, blank=True)
    date = models.DateField(null=True, blank=True)
    amount = models.DecimalField(**MONEY)
    pending = models.BooleanField(default=False)
    page = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["transcript", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "position"], name="transcript_transaction_position"
            )
        ]

    def __str__(self) -> str:
        return f"TC {self.code} {self.date} {self.amount}"
