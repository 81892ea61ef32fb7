"""API tokens: one per integration, for one practice login, created by an admin.

The token itself is shown once, when it is made; only its SHA-256 is kept. A token is a
bearer credential standing in for the login's password and second factor, so it is
bounded every way it can be: practice roles only, an expiry date on every token, revocable
at once, and checked against the login's current role and active flag on every request.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "thz_"  # noqa: S105 (a marker that tells a Taxhauz token apart, not a secret)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, *, now=None) -> "ApiTokenQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The practice login the integration acts as; it gets exactly that "
        "login's role and households.",
    )
    name = models.CharField(
        max_length=80, help_text="What uses it, e.g. 'CRM sync' (shown in the audit log)."
    )
    # The first characters of the token, to recognise it in lists and the audit log.
    prefix = models.CharField(max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 hex
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.expires_at > timezone.now() else "expired"
