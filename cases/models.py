"""Cases: one per notice stream (household + tax year + form + kind), and their timeline.

The business state lives here, as data from :mod:`cases.workflow`; the technical state of
reading a notice stays on the notice. Every change goes through ``cases.services``, which
applies it with a compare-and-swap update and writes a CaseEvent and an audit row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.streams import StreamKind
from cases.workflow import FLAG_LABELS, REASON_LABELS, STATE_LABELS, CaseFlag, Reason, State
from clients.models import Client
from taxhauz.storage import private_storage

STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
REASON_CHOICES = [(r.value, REASON_LABELS[r]) for r in Reason]
FLAG_CHOICES = [(f.value, FLAG_LABELS[f]) for f in CaseFlag]
KIND_CHOICES = [(k.value, k.value.title()) for k in StreamKind]


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseQuerySet":
        """A case is visible when its household is (``ClientQuerySet.visible_to``, the one
        rule), or when it is assigned to the user: a case handed to a colleague opens for
        them too. Practice logins who see every household skip the subquery (same rule,
        cheaper plan at 100,000 cases)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_practice and user.has_perm("clients.view_all_clients"):
            return self
        households = Client.objects.visible_to(user).values("pk")
        if user.is_practice:
            return self.filter(Q(client__in=households) | Q(assignee=user))
        return self.filter(client__in=households)

    def open(self) -> "CaseQuerySet":
        return self.exclude(state=State.RESOLVED)


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="cases", verbose_name="household"
    )
    stream_key = models.CharField(max_length=80)
    stream_kind = models.CharField(max_length=12, choices=KIND_CHOICES)
    tax_year = models.PositiveSmallIntegerField(null=True, blank=True)  # unknown: flagged
    tax_form = models.CharField(max_length=16, blank=True)
    #: Why the case waits for a person's decision (suspected scam, unreadable, another
    #: person's SSN, no stream); such a case has a stream of its own. Empty: none.
    flag = models.CharField(max_length=16, choices=FLAG_CHOICES, blank=True)

    state = models.CharField(max_length=20, choices=STATE_CHOICES, default=State.NEW)
    resolution_reason = models.CharField(max_length=16, choices=REASON_CHOICES, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )

    # The latest notice of the stream, copied for the queue (sorting and filtering at 100k).
    latest_notice = models.ForeignKey(
        "notices.Notice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice_code = models.CharField("notice", max_length=16, blank=True)
    notice_date = models.DateField(null=True, blank=True)
    pay_by_date = models.DateField(null=True, blank=True)
    amount_due = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    caller_id = models.CharField(max_length=16, blank=True)

    # Deadlines computed with cases.deadlines and stored so the queue can sort on them.
    irs_deadline = models.DateField("IRS deadline", null=True, blank=True)
    deadline_basis = models.CharField(max_length=80, blank=True)
    deadline_estimate = models.BooleanField(default=False)
    internal_target = models.DateField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = [models.F("irs_deadline").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stream_key"],
                condition=~Q(state=State.RESOLVED),
                name="case_one_open_per_stream",
                violation_error_message="This notice stream already has an open case.",
            ),
            models.CheckConstraint(
                name="case_state_known",
                condition=Q(state__in=[s.value for s in State]),
            ),
            models.CheckConstraint(
                name="case_resolved_has_reason",
                condition=~Q(state=State.RESOLVED) | ~Q(resolution_reason=""),
            ),
        ]
        indexes = [
            models.Index(
                fields=["irs_deadline", "id"],
                condition=~Q(state=State.RESOLVED),
                name="case_open_queue",
            ),
            models.Index(fields=["irs_deadline", "id"], name="case_queue_all"),
            models.Index(fields=["state"], name="case_state"),
            models.Index(fields=["notice_code"], name="case_notice_code"),
            models.Index(fields=["caller_id"], name="case_caller_id"),
            models.Index(fields=["flag"], condition=~Q(flag=""), name="case_flagged"),
        ]

    def __str__(self) -> str:
        code = self.notice_code or "Case"
        year = f"{self.tax_year} {self.tax_form}".strip() if self.tax_year else "year unknown"
        return f"{code} · {year} · case {self.pk}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def flag_label(self) -> str:
        return FLAG_LABELS[CaseFlag(self.flag)] if self.flag else ""

    @property
    def is_open(self) -> bool:
        return self.state != State.RESOLVED


class CaseNotice(models.Model):
    """A notice belongs to exactly one case; a case collects the notices of its stream."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_notices")
    notice = models.OneToOneField(
        "notices.Notice", on_delete=models.CASCADE, related_name="case_link"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    moved_deadline = models.BooleanField(default=False)

    class Meta:
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return f"{self.notice} in {self.case}"


class CaseEvent(models.Model):
    """The case timeline. Appended by services only; shown newest first on the case page."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        TRANSITION = "transition", "State change"
        ASSIGNED = "assigned", "Assigned"
        NOTICE_JOINED = "notice_joined", "Notice joined"
        FIELD_CORRECTED = "field_corrected", "Field corrected"
        NOTE = "note", "Note"
        DOCUMENT_REQUESTED = "document_requested", "Document requested"
        DOCUMENT_RECEIVED = "document_received", "Document received"
        LETTER = "letter", "Letter"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    summary = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="case_event_timeline")]

    def __str__(self) -> str:
        return self.summary


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:60]


class DocumentRequest(models.Model):
    """A document the practice asks the household for; the client answers in the portal."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the client"
        RECEIVED = "received", "Received"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_requests")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.description


def document_path(instance: "ClientDocument", filename: str) -> str:
    return f"documents/{instance.client.public_id}/{uuid.uuid4().hex}"


class ClientDocument(models.Model):
    """A file the household sent in answer to a request (private storage, random name)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="documents")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=document_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # pdf, jpeg, png: from the bytes
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name


def page_image_path(instance: "NoticePageImage", filename: str) -> str:
    return f"page-images/{uuid.uuid4().hex}.png"


class NoticePageImage(models.Model):
    """A notice page rendered to PNG once by the worker (cases.previews), kept in private
    storage; or, when the page cannot be drawn, the reason (``error``) and no image."""

    notice = models.ForeignKey("notices.Notice", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    image = models.FileField(
        upload_to=page_image_path, storage=private_storage, max_length=200, blank=True
    )
    width_pt = models.FloatField(default=0)
    height_pt = models.FloatField(default=0)
    dpi = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "number"], name="notice_page_image_once")
        ]

    def __str__(self) -> str:
        return f"Page {self.number} image"
