"""Writes for API tokens: create (the raw token is returned once), revoke, and the lookup
the authentication class makes on every request."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_practice_role
from api.models import TOKEN_PREFIX, ApiToken
from audit.services import audit_record

LAST_USED_RESOLUTION = timedelta(minutes=1)  # one write a minute per token, not per request


class TokenRefused(ValueError):
    """The token cannot be made as asked (wrong role, bad lifetime)."""


def token_digest(raw: str) -> str:
    # 256 random bits: a fast hash is enough (nothing to brute-force), and lets us index it.
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, actor, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Make a token for a practice login. Returns the row and the raw token (shown once)."""
    if not (user.is_active and is_practice_role(user.role)):
        raise TokenRefused(
            "API tokens are for active staff, partner and admin logins only; clients use "
            "the portal."
        )
    days = settings.TAXHAUZ_API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= settings.TAXHAUZ_API_TOKEN_MAX_DAYS:
        raise TokenRefused(
            f"A token lives between 1 and {settings.TAXHAUZ_API_TOKEN_MAX_DAYS} days."
        )
    name = name.strip()
    if not name:
        raise TokenRefused("Name the token after what will use it.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic(durable=True):
        token = ApiToken.objects.create(
            user=user,
            name=name[:80],
            prefix=raw[: len(TOKEN_PREFIX) + 6],
            digest=token_digest(raw),
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(
            action="api_token.create",
            actor=actor,
            obj=token,
            detail={
                "for": user.email,
                "role": user.role,
                "name": token.name,
                "prefix": token.prefix,
                "expires": token.expires_at.date().isoformat(),
            },
        )
    return token, raw


def api_token_revoke(*, actor, token: ApiToken, request=None) -> bool:
    """Revoke now; False when it was revoked already."""
    with transaction.atomic(durable=True):
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor
        )
        if changed:
            audit_record(
                action="api_token.revoke",
                actor=actor,
                obj=token,
                request=request,
                detail={"prefix": token.prefix, "for": token.user.email},
            )
    token.refresh_from_db()
    return bool(changed)


def api_token_for(raw: str) -> ApiToken | None:
    """The usable token behind a presented string, or None (unknown, expired, revoked,
    inactive login, or a login no longer in a practice role)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.usable().select_related("user").filter(digest=token_digest(raw)).first()
    )
    if token is None or not is_practice_role(token.user.role):
        return None
    return token


def api_token_touch(*, token: ApiToken, ip_address: str | None) -> None:
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip_address)
