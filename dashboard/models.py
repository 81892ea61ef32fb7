"""Deadline rules as data, the firm's own settings, and the reminder ledger.

The IRS clocks live in ``cases.deadlines.DEFAULT_RULES`` as code; here they become rows a
partner can review and correct in the admin (with the source of each rule beside it),
seeded by a data migration. ``dashboard.selectors.deadline_rules()`` turns the rows back
into the pure ``DeadlineRule`` objects the engine takes, and the case service asks it
whenever it computes a case's deadline.

``ReminderSent`` is the idempotency ledger: one row per reminder key per day, unique, so
a beat job that runs twice (or two beats at once) sends each reminder once.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cases.deadlines import Clock
from clients.models import Client

CLOCK_CHOICES = [
    (Clock.PAY.value, "Pay by"),
    (Clock.HEARING_REQUEST.value, "Request a hearing by"),
    (Clock.DISPUTE.value, "Dispute by"),
    (Clock.RESPONSE.value, "Respond by"),
    (Clock.NONE.value, "No clock"),
]


class DeadlineRule(models.Model):
    """How the IRS deadline of one notice family is found, and what follows it."""

    code = models.CharField(
        "notice code",
        max_length=16,
        unique=True,
        help_text="Canonical family code (CP14, CP504, LT11, LTR1058, CP2000 …).",
    )
    clock = models.CharField(max_length=16, choices=CLOCK_CHOICES)
    action = models.CharField(max_length=120, help_text="What must be done by the deadline.")
    source = models.TextField(help_text="The law or IRS page the rule comes from.")
    printed_date_governs = models.BooleanField(
        default=True, help_text="A date printed on the notice wins over the computation."
    )
    days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Calendar days from the notice date (no printed date)."
    )
    large_balance_business_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Business days instead, when the amount is $100,000 or more.",
    )
    estimate = models.BooleanField(
        default=False, help_text="The IRS gives no fixed clock ('about 30 days')."
    )
    next_code = models.CharField(
        "next notice",
        max_length=16,
        blank=True,
        help_text="The notice expected next in the stream if nothing is done.",
    )
    next_title = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="deadline_rule_clock_computable",
                condition=Q(clock=Clock.NONE.value) | Q(days__isnull=False),
                violation_error_message="A rule with a clock needs its number of days.",
            ),
            models.CheckConstraint(
                name="deadline_rule_clock_known",
                condition=Q(clock__in=[c for c, _ in CLOCK_CHOICES]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.action}"


class FirmSettings(models.Model):
    """The practice's own choices (one row): its cushion before an IRS deadline, and how
    often a client is reminded of a document still missing."""

    target_days_before = models.PositiveSmallIntegerField(
        "internal target (days before the IRS deadline)",
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    document_reminder_every_days = models.PositiveSmallIntegerField(
        "remind clients of missing documents every (days)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "firm deadline settings"
        verbose_name_plural = "firm deadline settings"
        constraints = [
            models.CheckConstraint(name="firm_settings_single_row", condition=Q(pk=1)),
            models.CheckConstraint(
                name="firm_settings_target_range",
                condition=Q(target_days_before__gte=0) & Q(target_days_before__lte=60),
            ),
        ]

    def __str__(self) -> str:
        return f"Internal target {self.target_days_before} days before the IRS deadline"


class FirmClosure(models.Model):
    """A day that is not a business day beyond the federal holidays (an executive order
    closing federal offices, a national day of mourning)."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.name}"


class ReminderSent(models.Model):
    """One reminder e-mail, keyed so the same reminder is never sent twice on one day."""

    class Kind(models.TextChoices):
        STAFF_DIGEST = "staff_digest", "Staff digest"
        FIRM_DIGEST = "firm_digest", "Firm digest (partners)"
        CLIENT_DOCUMENTS = "client_documents", "Client: documents still needed"
        CLIENT_CASE_STATE = "client_case_state", "Client: their case moved"
        CLIENT_POA = "client_poa", "Client: sign a power of attorney"

    key = models.CharField(max_length=160)
    day = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "day"], name="reminder_once_per_key_and_day")
        ]
        indexes = [models.Index(fields=["key", "-day"], name="reminder_key_latest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} on {self.day}"


class ClientEmailPreference(models.Model):
    """A household address that asked for no more reminders (the unsubscribe link)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    reminders = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "email"], name="client_email_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.email}: reminders {'on' if self.reminders else 'off'}"
