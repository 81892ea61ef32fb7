"""Webhook endpoints (set up by an administrator), and every delivery and attempt made.

An event becomes one WebhookDelivery per subscribed endpoint, in the same transaction as
the change that caused it (an outbox: a committed change always has its deliveries, a
rolled-back one has none). The worker sends it, records each attempt, retries with
exponential backoff, and after the last allowed failure parks it as dead (the dead
letters), from where an administrator can send it again.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Event(models.TextChoices):
    NOTICE_READ = "notice.read", "A notice was read (or could not be)"
    CASE_STATE_CHANGED = "case.state_changed", "A case changed state"
    LETTER_FINALIZED = "letter.finalized", "A letter was made final"
    DEADLINE_AT_RISK = "deadline.at_risk", "An IRS deadline is at risk"


def _new_salt() -> str:
    return secrets.token_hex(16)


class WebhookEndpoint(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=80, help_text="Which system receives it, e.g. 'CRM'.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Where events are POSTed. A public https address; never the practice's "
        "own network.",
    )
    events = models.JSONField(default=list, help_text="The event types sent to this URL.")
    is_active = models.BooleanField(default=True)
    # The signing secret is derived from TAXHAUZ_WEBHOOK_SIGNING_KEY and this salt, so the
    # database never holds it; a new salt is a new secret.
    secret_salt = models.CharField(max_length=64, default=_new_salt, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.is_active and event in (self.events or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SUCCEEDED = "succeeded", "Delivered"
    DEAD = "dead", "Gave up (dead letter)"


class WebhookDelivery(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.PROTECT, related_name="deliveries"
    )
    # The same for every endpoint and every redelivery of one event: receivers dedupe on it.
    event_id = models.UUIDField(db_index=True)
    event_type = models.CharField(max_length=32, choices=Event.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    redelivery_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="redeliveries"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="webhook_delivery_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="webhook_delivery_pending_is_scheduled",
                condition=~Q(status="pending") | Q(next_attempt_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint}"


class WebhookAttempt(models.Model):
    """One POST: the delivery log."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_number")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"


class DeadlineRiskSent(models.Model):
    """One deadline.at_risk event per case, deadline and level, however often the scan runs."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    irs_deadline = models.DateField()
    level = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "irs_deadline", "level"], name="deadline_risk_once"
            )
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} {self.level} {self.irs_deadline}"
