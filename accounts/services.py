"""Writes for logins and second factors."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record

TOTP_DEVICE_NAME = "Authenticator app"


def user_create(
    *,
    email: str,
    full_name: str,
    role: Role,
    password: str,
    client=None,
    actor=None,
) -> User:
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, role=role, client=client
        )
        audit_record(action="user.create", actor=actor, obj=user, detail={"role": str(role)})
    return user


def mfa_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created on first visit to setup."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def mfa_confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def mfa_device_confirm(*, device: TOTPDevice, actor: User, request=None) -> None:
    """Confirm a newly enrolled authenticator; pending ones left over are removed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(action="mfa.enrol", actor=actor, obj=device.user, request=request)


def mfa_reset(*, user: User, actor: User, request=None) -> int:
    """Remove a user's authenticators (lost phone); they enrol again at next login."""
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            action="mfa.reset",
            actor=actor,
            obj=user,
            request=request,
            detail={"devices_removed": deleted},
        )
    return deleted


def mfa_device_create_with_key(*, user: User, key_hex: str) -> TOTPDevice:
    """A confirmed authenticator with a known key (demo data and tests only)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True)
