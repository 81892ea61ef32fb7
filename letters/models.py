"""Letters to the IRS (and to the client) and their versions.

Each generation or staff edit is a new LetterVersion holding the pure
``LetterContent.to_dict()``; the worker renders it to PDF. A version moves
draft -> awaiting_approval -> approved (by a partner) -> final, and a final version
never changes again: ``save()`` refuses it here, and ``letters.services`` refuses it
before it gets that far.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from letters.parts import LetterKind
from taxhauz.storage import private_storage

KIND_LABELS = {
    LetterKind.DISPUTE_PAID: "Dispute: balance already paid or misapplied",
    LetterKind.PENALTY_RELIEF: "Penalty relief (First-Time Abate / reasonable cause)",
    LetterKind.PAYMENT_PLAN: "Payment plan cover letter",
    LetterKind.CP2000_RESPONSE: "CP2000 response cover letter",
    LetterKind.CLIENT_EXPLAINER: "Letter to the client explaining the notice",
}

KIND_CHOICES = [(k.value, v) for k, v in KIND_LABELS.items()]


class LetterImmutable(Exception):
    """A final letter version cannot change."""


class Letter(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting partner approval"
    APPROVED = "approved", "Approved"
    FINAL = "final", "Final"
    SUPERSEDED = "superseded", "Superseded"


class RenderStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the worker"
    DONE = "done", "Rendered"
    FAILED = "failed", "Failed"


def letter_pdf_path(instance: "LetterVersion", filename: str) -> str:
    return f"letters/{uuid.uuid4().hex}.pdf"


class LetterVersion(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()  # LetterContent.to_dict(), overrides applied
    base_content = models.JSONField()  # as generated, before staff edits
    overrides = models.JSONField(default=dict, blank=True)  # paragraph key -> staff text
    #: [{"label": ..., "source": "payment" | "document" | "notice", "id": pk}], in packet order
    enclosures = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )

    render_status = models.CharField(
        max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    render_error = models.CharField(max_length=300, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.FileField(
        upload_to=letter_pdf_path, storage=private_storage, max_length=200, blank=True
    )
    packet_status = models.CharField(
        max_length=10, choices=RenderStatus.choices, blank=True, default=""
    )
    packet = models.FileField(
        upload_to=letter_pdf_path, storage=private_storage, max_length=200, blank=True
    )
    packet_pages = models.PositiveSmallIntegerField(null=True, blank=True)

    #: Who signs the letter; for a letter to the IRS, the representative a 2848 must name.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A partner's reasoned decision to finalise without a covering 2848 (audited).
    poa_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    poa_override_at = models.DateTimeField(null=True, blank=True)
    poa_override_reason = models.TextField(blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="letter_version_number"),
            models.CheckConstraint(
                name="letter_version_approved_by_partner",
                condition=~Q(status__in=["approved", "final"]) | Q(approved_by__isnull=False),
                violation_error_message="An approved or final letter needs its approving partner.",
            ),
            models.CheckConstraint(
                name="letter_version_poa_override_reasoned",
                condition=Q(poa_override_by__isnull=True)
                | (~Q(poa_override_reason="") & Q(poa_override_at__isnull=False)),
                violation_error_message="A POA override needs its partner, time and reason.",
            ),
            models.CheckConstraint(
                name="letter_version_final_has_packet",
                condition=~Q(status="final") | (~Q(packet="") & Q(finalized_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == VersionStatus.FINAL:
                raise LetterImmutable(f"{self} is final and cannot change.")
        super().save(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == VersionStatus.FINAL

    @property
    def is_irs_letter(self) -> bool:
        return self.letter.kind != LetterKind.CLIENT_EXPLAINER

    @property
    def enclosure_labels(self) -> list[str]:
        return [e["label"] for e in self.enclosures]


class Dispatch(models.Model):
    """How and when a final letter left the office; starts the case's follow-up clock."""

    class Method(models.TextChoices):
        MAIL = "mail", "Certified mail"
        FAX = "fax", "Fax"
        E_SERVICES = "e_services", "IRS e-Services upload"

    version = models.OneToOneField(LetterVersion, on_delete=models.PROTECT, related_name="dispatch")
    method = models.CharField(max_length=12, choices=Method.choices)
    tracking_number = models.CharField(max_length=40, blank=True)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="dispatch_certified_mail_tracked",
                condition=~Q(method="mail") | ~Q(tracking_number=""),
                violation_error_message="Certified mail needs its tracking number.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.sent_on}"
