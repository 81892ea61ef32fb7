"""What the practice keeps per household and tax year, and each notice's stored reconciliation.

Money is DecimalField; an SSN never appears here (payments say only *whose* SSN: primary or
spouse). Reconciliation rows keep the exact inputs and the fingerprint they were computed from,
so a stored result can be explained later and recognised as stale.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from clients.models import Client, FilingStatus
from notices.models import Notice
from records.reconciliation import ACTIONS
from records.reconciliation.recommend import client_text_for
from taxhauz.storage import private_storage

MONEY = {"max_digits": 12, "decimal_places": 2}
TAX_YEAR_RANGE = Q(tax_year__gte=1990) & Q(tax_year__lte=2100)


class PaymentMethod(models.TextChoices):
    DIRECT_PAY = "direct_pay", "IRS Direct Pay"
    EFTPS = "eftps", "EFTPS"
    CARD = "card", "Debit or credit card"
    CHECK = "check", "Check or money order"
    WITH_RETURN = "with_return", "Paid with the return"
    REFUND_OFFSET = "refund_offset", "Refund from another year applied"


class SsnOwner(models.TextChoices):
    PRIMARY = "primary", "Primary taxpayer (first name on the return)"
    SPOUSE = "spouse", "Spouse"


class ProofKind(models.TextChoices):
    BANK_STATEMENT = "bank_statement", "Bank statement showing the debit"
    CHECK_FRONT = "check_front", "Canceled check, front"
    CHECK_BACK = "check_back", "Canceled check, back"
    CHECK_BOTH = "check_both", "Canceled check, front and back"
    CONFIRMATION = "confirmation", "Confirmation page or e-mail"


class PaymentSource(models.TextChoices):
    CLIENT = "client", "Entered by the client"
    STAFF = "staff", "Entered by staff"
    CSV = "csv", "Imported from CSV"


class AbilityToPay(models.TextChoices):
    IN_FULL = "in_full", "Can pay in full now"
    WITHIN_180_DAYS = "within_180_days", "Can pay within 180 days"
    OVER_TIME = "over_time", "Needs monthly payments"


class PenaltyKind(models.TextChoices):
    FAILURE_TO_FILE = "ftf", "Failure to file"
    FAILURE_TO_PAY = "ftp", "Failure to pay"
    ESTIMATED_TAX = "es", "Estimated tax"
    ACCURACY = "accuracy", "Accuracy-related"
    OTHER = "other", "Other"


class RecommendedAction(models.TextChoices):
    PAY_NOW = "pay_now", "Pay now"
    SHORT_TERM_PLAN = "short_term_plan", "Short-term payment plan"
    INSTALLMENT_AGREEMENT = "installment_agreement", "Installment agreement"
    PENALTY_RELIEF = "penalty_relief", "Request penalty relief"
    DISPUTE = "dispute", "Dispute with proof"
    INVESTIGATE = "investigate", "Investigate first"
    RESPOND_CP2000 = "respond_cp2000", "Respond to the CP2000"


assert {c.value for c in RecommendedAction} == set(ACTIONS)


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user) -> "HouseholdQuerySet":
        """A record is visible exactly when its household is (ClientQuerySet.visible_to)."""
        return self.filter(client__in=Client.objects.visible_to(user).values("pk"))


class ReconciliationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReconciliationQuerySet":
        return self.filter(notice__in=Notice.objects.visible_to(user).values("pk"))


class HouseholdFacts(models.Model):
    """Facts about a household the recommendation needs that no single return holds."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="record_facts")
    all_returns_filed = models.BooleanField(default=True)
    ability_to_pay = models.CharField(
        max_length=16, choices=AbilityToPay.choices, default=AbilityToPay.IN_FULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "household facts"

    def __str__(self) -> str:
        return f"Facts for {self.client}"


class TaxReturn(models.Model):
    """The return as filed. Withholding, estimates and refundable credits count as paid on the
    original due date (IRC 6513); what was paid with the return is dated on the filing date."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="tax_returns")
    tax_year = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=16, default="1040")
    filing_status = models.CharField(max_length=8, choices=FilingStatus.choices)
    joint = models.BooleanField(default=False)
    original_due_date = models.DateField()
    extended_due_date = models.DateField(null=True, blank=True)
    date_filed = models.DateField(null=True, blank=True)
    total_tax = models.DecimalField(**MONEY)
    withholding = models.DecimalField(**MONEY, default=0)
    estimated_payments = models.DecimalField(**MONEY, default=0)
    refundable_credits = models.DecimalField(**MONEY, default=0)
    paid_with_return = models.DecimalField(**MONEY, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-tax_year", "form"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "tax_year", "form"], name="tax_return_one_per_year_form"
            ),
            models.CheckConstraint(name="tax_return_year_range", condition=TAX_YEAR_RANGE),
            models.CheckConstraint(
                name="tax_return_amounts_not_negative",
                condition=Q(total_tax__gte=0)
                & Q(withholding__gte=0)
                & Q(estimated_payments__gte=0)
                & Q(refundable_credits__gte=0)
                & Q(paid_with_return__gte=0),
                violation_error_message="Amounts on the return cannot be negative.",
            ),
            models.CheckConstraint(
                name="tax_return_extension_after_due_date",
                condition=Q(extended_due_date__isnull=True)
                | Q(extended_due_date__gte=F("original_due_date")),
                violation_error_message="The extended due date cannot be before the due date.",
            ),
            models.CheckConstraint(
                name="tax_return_joint_means_mfj",
                condition=Q(joint=False) | Q(filing_status=FilingStatus.MARRIED_JOINT),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tax_year} Form {self.form} for {self.client}"


def payment_proof_path(instance: "Payment", filename: str) -> str:
    # Random names: the client's file name is data, never part of a path.
    return f"payments/{instance.client.public_id}/{uuid.uuid4().hex}"


class Payment(models.Model):
    """A payment the household made toward `tax_year`/`form` (what it was meant to pay).

    `designated_tax_year`/`designated_form` are what was actually chosen on the payment
    (Direct Pay's year, the check memo); blank means the same as the intended year and form.
    A difference is the "designated to another year or form" finding.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="payments")
    tax_year = models.PositiveSmallIntegerField("tax year the payment was for")
    form = models.CharField("form the payment was for", max_length=16, default="1040")
    date = models.DateField("date paid")
    amount = models.DecimalField(**MONEY)
    method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    confirmation_or_check_number = models.CharField(max_length=64, blank=True)
    ssn_owner = models.CharField(
        "paid under whose SSN", max_length=8, choices=SsnOwner.choices, default=SsnOwner.PRIMARY
    )
    designated_tax_year = models.PositiveSmallIntegerField(
        "tax year chosen on the payment", null=True, blank=True
    )
    designated_form = models.CharField("form chosen on the payment", max_length=16, blank=True)

    proof = models.FileField(
        upload_to=payment_proof_path, storage=private_storage, max_length=200, blank=True
    )
    proof_kind = models.CharField(max_length=16, choices=ProofKind.choices, blank=True)
    proof_name = models.CharField(max_length=255, blank=True)
    proof_type = models.CharField(max_length=8, blank=True)  # pdf, jpeg, png, heic: from bytes
    proof_size = models.PositiveIntegerField(default=0)

    source = models.CharField(max_length=8, choices=PaymentSource.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-date", "-pk"]
        indexes = [models.Index(fields=["client", "tax_year"])]
        constraints = [
            models.CheckConstraint(
                name="payment_amount_positive",
                condition=Q(amount__gt=0),
                violation_error_message="The amount must be more than zero.",
            ),
            models.CheckConstraint(name="payment_year_range", condition=TAX_YEAR_RANGE),
            models.CheckConstraint(
                name="payment_verified_by_and_at_together",
                condition=Q(verified_at__isnull=True) | Q(verified_by__isnull=False),
            ),
            models.CheckConstraint(
                name="payment_proof_has_kind",
                condition=Q(proof="") | ~Q(proof_kind=""),
            ),
        ]

    def __str__(self) -> str:
        return f"${self.amount:,.2f} on {self.date} for {self.tax_year}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def has_proof(self) -> bool:
        return bool(self.proof)


class InstallmentAgreement(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="installments")
    tax_year = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-tax_year", "start"]
        constraints = [
            models.CheckConstraint(
                name="installment_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                violation_error_message="The agreement cannot end before it starts.",
            ),
            models.CheckConstraint(name="installment_year_range", condition=TAX_YEAR_RANGE),
        ]

    def __str__(self) -> str:
        return f"Installment agreement {self.tax_year} from {self.start}"


class LevyNotice(models.Model):
    """A notice of intent to levy (LT11, CP504, Letter 1058): FTP goes to 1% ten days later."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="levy_notices")
    tax_year = models.PositiveSmallIntegerField()
    date = models.DateField()
    notice_type = models.CharField(max_length=16, default="LT11")

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-tax_year", "date"]
        constraints = [
            models.CheckConstraint(name="levy_notice_year_range", condition=TAX_YEAR_RANGE)
        ]

    def __str__(self) -> str:
        return f"{self.notice_type} for {self.tax_year} dated {self.date}"


class PriorPenalty(models.Model):
    """A penalty assessed in an earlier year: it rules out First-Time Abate for 3 years."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="prior_penalties")
    tax_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=PenaltyKind.choices)
    abated = models.BooleanField(
        default=False, help_text="Removed for reasonable cause (does not count against FTA)."
    )

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["client", "-tax_year"]
        verbose_name_plural = "prior penalties"
        constraints = [
            models.UniqueConstraint(
                fields=["client", "tax_year", "kind"], name="prior_penalty_one_per_kind"
            ),
            models.CheckConstraint(name="prior_penalty_year_range", condition=TAX_YEAR_RANGE),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} penalty {self.tax_year}"


class InterestRatePeriod(models.Model):
    """The IRS underpayment rate in effect from `start` until the next row's start."""

    start = models.DateField(unique=True)
    rate = models.DecimalField(max_digits=6, decimal_places=4, help_text="Annual, e.g. 0.0700")
    source = models.CharField(max_length=200)
    confirmed = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                name="interest_rate_between_0_and_1", condition=Q(rate__gte=0) & Q(rate__lt=1)
            )
        ]

    def __str__(self) -> str:
        return f"{self.rate:.2%} from {self.start}"


class Reconciliation(models.Model):
    """One stored run for a notice; only a run whose inputs fingerprint changed adds a row.

    Exactly one row per notice is current. A staff override sits beside the computed action,
    never over it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reconciliations")
    created_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)
    inputs = models.JSONField()
    inputs_fingerprint = models.CharField(max_length=64)
    result = models.JSONField()
    cost_of_waiting = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=24, choices=RecommendedAction.choices)
    override_action = models.CharField(max_length=24, choices=RecommendedAction.choices, blank=True)
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    objects = ReconciliationQuerySet.as_manager()

    class Meta:
        ordering = ["notice", "-created_at"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["notice"],
                condition=Q(is_current=True),
                name="reconciliation_one_current_per_notice",
            ),
            models.CheckConstraint(
                name="reconciliation_override_has_reason_and_actor",
                condition=Q(override_action="")
                | (~Q(override_reason="") & Q(overridden_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"Reconciliation of {self.notice} ({self.effective_action})"

    @property
    def effective_action(self) -> str:
        return self.override_action or self.action

    @property
    def recommendation(self) -> dict:
        return self.result.get("recommendation", {})

    @property
    def findings(self) -> list[dict]:
        return self.result.get("findings", [])

    @property
    def client_text(self) -> str:
        """What the household reads: the engine's plain English, or the staff decision's."""
        if self.override_action:
            return OVERRIDE_CLIENT_TEXT[self.override_action]
        return self.recommendation.get("client_text", "")

    def client_text_on(self, today: date) -> str:
        """`client_text` read on `today`: no date that has passed; promises count from today."""
        if self.override_action:
            return OVERRIDE_CLIENT_TEXT[self.override_action]
        rec = self.recommendation
        if not rec.get("action"):
            return ""
        return client_text_for(
            action=rec["action"],
            amount=Decimal(rec.get("amount") or "0"),
            by_date=date.fromisoformat(rec["by_date"]) if rec.get("by_date") else None,
            missing=list(rec.get("missing") or []),
            today=today,
        )


OVERRIDE_CLIENT_TEXT = {
    "pay_now": "We checked this bill against your records. Please pay it by the date on the "
    "letter; we will send you the exact steps.",
    "short_term_plan": "We checked this bill against your records. We suggest paying it over a "
    "few months (up to six) with no setup fee; interest keeps adding up until it is paid.",
    "installment_agreement": "We checked this bill against your records. We will help you set "
    "up monthly payments with the IRS; interest keeps adding up until it is paid.",
    "penalty_relief": "We checked this bill against your records. We will ask the IRS to remove "
    "the late penalties, and tell you what to pay meanwhile.",
    "dispute": "We checked this bill against your records and believe it is not right. We will "
    "write to the IRS with your proof and tell you if anything needs paying meanwhile.",
    "investigate": "We are checking this bill against your records before you pay anything. "
    "We will contact you if we need something from you.",
    "respond_cp2000": "This letter is not a bill. We will go through the proposed change with "
    "you and send your answer before the deadline.",
}
