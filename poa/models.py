"""Powers of attorney on file for each household, and what they cover.

A ``PowerOfAttorney`` is one signed Form 2848 (or 8821) for one taxpayer of the household,
with the tax matters of its line 3 as ``PoaMatter`` rows and the practice's representatives
named on it. ``CaseCoverage`` keeps the answer of :mod:`poa.coverage` for each case (can
anyone at the practice act on it?) so the queue and the dashboard can filter on it;
``PoaTask`` is a staff to-do raised by the daily job for an expiring or revoked form.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from clients.models import Client
from poa.coverage import EARLIEST_YEAR, PoaForm, TaxpayerRole
from taxhauz.storage import private_storage

caf_validator = RegexValidator(
    r"^\d{4}-?\d{5}R?$", "A CAF number has 9 digits (for example 0301-12345R)."
)

FORM_CHOICES = [
    (PoaForm.F2848.value, "Form 2848: Power of Attorney and Declaration of Representative"),
    (PoaForm.F8821.value, "Form 8821: Tax Information Authorization (no representation)"),
]
TAXPAYER_CHOICES = [
    (TaxpayerRole.PRIMARY.value, "Primary taxpayer"),
    (TaxpayerRole.SPOUSE.value, "Spouse"),
]


class Designation(models.TextChoices):
    """Form 2848, Part II: the representative's designation."""

    ATTORNEY = "a", "a: Attorney"
    CPA = "b", "b: Certified Public Accountant"
    ENROLLED_AGENT = "c", "c: Enrolled Agent"
    OFFICER = "d", "d: Officer"
    EMPLOYEE = "e", "e: Full-time employee"
    FAMILY = "f", "f: Family member"
    ACTUARY = "g", "g: Enrolled actuary"
    UNENROLLED_PREPARER = "h", "h: Unenrolled return preparer"
    STUDENT = "k", "k: Student attorney or CPA"
    ERPA = "r", "r: Enrolled retirement plan agent"


#: How a designation reads under a signature.
DESIGNATION_TITLES = {
    "a": "Attorney at Law",
    "b": "Certified Public Accountant",
    "c": "Enrolled Agent",
    "d": "Officer",
    "e": "Full-time Employee",
    "f": "Family Member",
    "g": "Enrolled Actuary",
    "h": "Unenrolled Return Preparer",
    "k": "Student",
    "r": "Enrolled Retirement Plan Agent",
}


class Representative(models.Model):
    """A practice login who may be named on a Form 2848 (and so sign letters to the IRS)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="representative",
        limit_choices_to={"role__in": ["staff", "partner", "admin"]},
    )
    caf_number = models.CharField(
        "CAF number",
        max_length=12,
        blank=True,
        validators=[caf_validator],
        help_text="Leave empty until the IRS assigns one (the first 2848 says 'None').",
    )
    designation = models.CharField(max_length=1, choices=Designation.choices)
    jurisdiction = models.CharField(
        "licensing jurisdiction", max_length=40, blank=True, help_text="State or other licence."
    )
    license_number = models.CharField("bar, licence or enrolment number", max_length=40, blank=True)

    class Meta:
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.get_designation_display().split(': ')[1]})"

    @property
    def title(self) -> str:
        return DESIGNATION_TITLES.get(self.designation, "")


class PowerOfAttorneyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PowerOfAttorneyQuerySet":
        """A form is visible exactly when its household is (``ClientQuerySet.visible_to``)."""
        return self.filter(client__in=Client.objects.visible_to(user).values("pk"))


def poa_copy_path(instance: "PowerOfAttorney", filename: str) -> str:
    return f"poa/{instance.client.public_id}/{uuid.uuid4().hex}"


class PowerOfAttorney(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        related_name="powers_of_attorney",
        verbose_name="household",
    )
    form = models.CharField(max_length=4, choices=FORM_CHOICES, default=PoaForm.F2848.value)
    taxpayer = models.CharField(
        max_length=8,
        choices=TAXPAYER_CHOICES,
        default=TaxpayerRole.PRIMARY.value,
        help_text="Joint filers each sign their own form.",
    )
    representatives = models.ManyToManyField(
        Representative, related_name="powers_of_attorney", blank=True
    )
    signed_on = models.DateField("date signed by the taxpayer", null=True, blank=True)
    received_on = models.DateField(
        "date received by the IRS",
        null=True,
        blank=True,
        help_text="Coverage starts once the IRS has the form on file.",
    )
    retains_prior = models.BooleanField(
        "keeps prior authorizations in effect",
        default=False,
        help_text="Line 6 ticked, with copies of the earlier forms attached.",
    )
    revoked_on = models.DateField("revoked by the taxpayer on", null=True, blank=True)
    withdrawn_on = models.DateField("withdrawn by the representative on", null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    copy = models.FileField(
        "signed copy",
        upload_to=poa_copy_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    copy_name = models.CharField(max_length=255, blank=True)
    copy_kind = models.CharField(max_length=8, blank=True)  # pdf, jpeg, png: from the bytes
    copy_sha256 = models.CharField(max_length=64, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PowerOfAttorneyQuerySet.as_manager()

    class Meta:
        verbose_name = "power of attorney"
        verbose_name_plural = "powers of attorney"
        ordering = ["client", "-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="poa_received_after_signed",
                condition=Q(signed_on__isnull=True)
                | Q(received_on__isnull=True)
                | Q(received_on__gte=models.F("signed_on")),
                violation_error_message="The IRS cannot receive a form before it is signed.",
            ),
            models.CheckConstraint(
                name="poa_form_known", condition=Q(form__in=[f.value for f in PoaForm])
            ),
        ]

    def __str__(self) -> str:
        when = f"received {self.received_on:%b %d, %Y}" if self.received_on else "not received"
        return f"Form {self.form} for {self.client} ({self.get_taxpayer_display()}, {when})"

    @property
    def is_2848(self) -> bool:
        return self.form == PoaForm.F2848

    @property
    def enclosure_label(self) -> str:
        title = (
            "Form 2848, Power of Attorney and Declaration of Representative"
            if self.is_2848
            else "Form 8821, Tax Information Authorization"
        )
        if self.received_on:
            day = self.received_on
            return f"{title} (received by the IRS on {day:%B} {day.day}, {day.year})"
        return title


class PoaMatter(models.Model):
    """One row of line 3: type of tax, form number, years (inclusive)."""

    poa = models.ForeignKey(PowerOfAttorney, on_delete=models.CASCADE, related_name="matters")
    tax_type = models.CharField("type of tax", max_length=60, default="Income")
    form_number = models.CharField("tax form number", max_length=20, default="1040")
    first_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST_YEAR), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST_YEAR), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["poa", "form_number", "first_year"]
        constraints = [
            models.CheckConstraint(
                name="poa_matter_years_ordered",
                condition=Q(first_year__lte=models.F("last_year")),
                violation_error_message="The first year must not be after the last year.",
            )
        ]

    def __str__(self) -> str:
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year} through {self.last_year}"
        )
        return f"{self.tax_type}, Form {self.form_number}, {years}"


class CaseCoverage(models.Model):
    """Whether anyone at the practice may act on the case (recomputed when forms or the
    case change, and every night)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="poa_coverage"
    )
    covered = models.BooleanField(default=False)
    reason = models.CharField(max_length=600, blank=True)
    covering = models.JSONField(default=list, blank=True)  # PowerOfAttorney ids
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["covered"], name="case_coverage_covered")]

    def __str__(self) -> str:
        return "covered" if self.covered else f"not covered: {self.reason[:60]}"


class PoaTask(models.Model):
    """A to-do for staff about one form: its coverage ends soon, or it was revoked."""

    class Kind(models.TextChoices):
        EXPIRING = "expiring", "Coverage ends soon"
        REVOKED = "revoked", "Revoked, withdrawn or replaced"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    poa = models.ForeignKey(PowerOfAttorney, on_delete=models.CASCADE, related_name="tasks")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    summary = models.CharField(max_length=400)
    due_on = models.DateField()
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poa_tasks",
    )
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "POA task"
        ordering = ["status", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poa", "kind"], name="poa_task_once_per_kind")
        ]

    def __str__(self) -> str:
        return self.summary
