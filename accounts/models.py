"""Logins. Email is the username; the role decides the pages and the second factor."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.roles import Role, is_practice_role, requires_mfa


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("role", Role.CLIENT)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object):
        extra.update(role=Role.ADMIN, is_superuser=True)
        return self._create_user(email, password, **extra)

    def practice_staff(self):
        return self.filter(role__in=[Role.STAFF, Role.PARTNER], is_active=True)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=16, choices=[(r.value, r.label) for r in Role])
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="logins",
        help_text="The household a client login belongs to. Empty for practice staff.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="client_login_has_household",
                condition=(Q(role=Role.CLIENT) & Q(client__isnull=False))
                | (~Q(role=Role.CLIENT) & Q(client__isnull=True)),
                violation_error_message="A client login belongs to exactly one household; "
                "staff logins belong to none.",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django admin access: practice roles only (the admin also demands a verified OTP)."""
        return self.is_active and is_practice_role(self.role)

    @property
    def is_practice(self) -> bool:
        return is_practice_role(self.role)

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_partner(self) -> bool:
        return self.role in (Role.PARTNER, Role.ADMIN)

    @property
    def must_verify_mfa(self) -> bool:
        return requires_mfa(self.role, client_mfa_required=settings.TAXHAUZ_CLIENT_MFA_REQUIRED)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
