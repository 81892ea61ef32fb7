"""A Client is a taxpayer household: one person, or two on a joint return.

Only the last four digits of each SSN are ever stored; they are enough to match a
notice to the household and to print on letters the IRS way (XXX-XX-1234).
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

last4_validator = RegexValidator(r"^\d{4}$", "Enter the last four digits of the SSN only.")


class FilingStatus(models.TextChoices):
    SINGLE = "single", "Single"
    MARRIED_JOINT = "mfj", "Married filing jointly"
    MARRIED_SEPARATE = "mfs", "Married filing separately"
    HEAD_OF_HOUSEHOLD = "hoh", "Head of household"
    QUALIFYING_SURVIVING_SPOUSE = "qss", "Qualifying surviving spouse"


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ClientQuerySet":
        """The one rule for who may see a household; every view and export goes through it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_client:
            return self.filter(pk=user.client_id)
        if user.has_perm("clients.view_all_clients"):
            return self
        if user.is_practice:
            return self.filter(assigned_staff=user)
        return self.none()


class Client(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    primary_first_name = models.CharField(max_length=80)
    primary_last_name = models.CharField(max_length=80)
    primary_ssn_last4 = models.CharField(
        "primary SSN (last 4)", max_length=4, validators=[last4_validator]
    )
    spouse_first_name = models.CharField(max_length=80, blank=True)
    spouse_last_name = models.CharField(max_length=80, blank=True)
    spouse_ssn_last4 = models.CharField(
        "spouse SSN (last 4)", max_length=4, blank=True, validators=[last4_validator]
    )
    filing_status = models.CharField(max_length=8, choices=FilingStatus.choices)
    address_line1 = models.CharField("mailing address", max_length=120)
    address_line2 = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2)
    zip_code = models.CharField("ZIP code", max_length=10)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    assigned_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_clients",
        limit_choices_to={"role__in": ["staff", "partner"]},
    )
    legal_hold = models.BooleanField(
        default=False,
        help_text="Keep every record and file of this household past the retention period.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["primary_last_name", "primary_first_name"]
        permissions = [("view_all_clients", "Can see every client household")]
        constraints = [
            models.CheckConstraint(
                name="client_primary_ssn_last4_digits",
                condition=Q(primary_ssn_last4__regex=r"^[0-9]{4}$"),
            ),
            models.CheckConstraint(
                name="client_spouse_ssn_last4_digits_or_blank",
                condition=Q(spouse_ssn_last4="") | Q(spouse_ssn_last4__regex=r"^[0-9]{4}$"),
            ),
            models.CheckConstraint(
                name="client_joint_return_has_spouse",
                condition=~Q(filing_status="mfj") | ~Q(spouse_first_name=""),
                violation_error_message="A joint return needs the spouse's name.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_joint(self) -> bool:
        return self.filing_status == FilingStatus.MARRIED_JOINT

    @property
    def display_name(self) -> str:
        if not self.spouse_first_name:
            return f"{self.primary_first_name} {self.primary_last_name}"
        if self.spouse_last_name in ("", self.primary_last_name):
            return (
                f"{self.primary_first_name} and {self.spouse_first_name} {self.primary_last_name}"
            )
        return (
            f"{self.primary_first_name} {self.primary_last_name} and "
            f"{self.spouse_first_name} {self.spouse_last_name}"
        )

    @property
    def ssn_last4s(self) -> tuple[str, ...]:
        return tuple(s for s in (self.primary_ssn_last4, self.spouse_ssn_last4) if s)

    @property
    def masked_primary_ssn(self) -> str:
        return f"XXX-XX-{self.primary_ssn_last4}"
