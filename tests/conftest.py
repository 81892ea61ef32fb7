"""Shared fixtures: households and logins for every role, signed in with a verified OTP.

Django-dependent imports stay inside the fixtures, so the plain-Python domain tests run
with `pytest -p no:django` too.
"""

import pytest

from accounts.roles import Role

pytest_plugins = ["tests.live_fixtures"]

PASSWORD_FOR_TESTS = "correct-horse-battery-9"  # UserFactory sets it
TEST_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's test key


def current_code(key_hex: str = TEST_TOTP_KEY_HEX) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


@pytest.fixture
def make_user(db):
    from accounts.services import mfa_device_create_with_key
    from tests.factories import ClientFactory, UserFactory

    def make(role: Role, *, client=None, mfa: bool | None = None, **kwargs):
        if role is Role.CLIENT and client is None:
            client = ClientFactory()
        user = UserFactory(role=role, client=client, **kwargs)
        if mfa if mfa is not None else role is not Role.CLIENT:
            mfa_device_create_with_key(user=user, key_hex=TEST_TOTP_KEY_HEX)
        if role in (Role.STAFF, Role.PARTNER):
            from accounts.groups import group_for_role, groups_ensure

            user.groups.add(groups_ensure()[group_for_role(role)])
        return user

    return make


def sign_in(client, user) -> None:
    """Log the test client in as `user`, with the second factor verified when they have one."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def signed_in(client, make_user):
    """`signed_in(role)` returns a Django test client signed in (and verified) as that role."""

    def make(role: Role, **kwargs):
        user = make_user(role, **kwargs)
        sign_in(client, user)
        client.user = user
        return client

    return make


def pytest_sessionfinish(session, exitstatus) -> None:
    """Remove this run's private file folder (test settings put it under the temp dir)."""
    import shutil
    from pathlib import Path

    try:
        from django.conf import settings

        root = Path(settings.PRIVATE_MEDIA_ROOT).parent
    except Exception:  # Django not configured (pure tests with -p no:django)
        return
    if root.name.startswith("taxhauz-test-"):
        shutil.rmtree(root, ignore_errors=True)


def pytest_configure(config) -> None:
    """Tables are flushed after each transactional test while a real worker may still be
    finishing a task on them; PostgreSQL then breaks the deadlock by cancelling the flush.
    Retry the flush a few times (the worker's transaction ends in a moment) rather than
    fail a test that passed."""
    try:
        from django.test import TransactionTestCase
    except ImportError:  # Django not installed for the pure tests
        return
    original = TransactionTestCase._fixture_teardown
    if getattr(original, "retries_deadlocks", False):
        return

    def _fixture_teardown(self):
        import time

        from django.core.management.base import CommandError

        for attempt in range(6):
            try:
                return original(self)
            except CommandError as exc:
                if "deadlock" not in str(exc.__cause__ or exc).lower() or attempt == 5:
                    raise
                time.sleep(0.5 * (attempt + 1))
        return None

    _fixture_teardown.retries_deadlocks = True
    TransactionTestCase._fixture_teardown = _fixture_teardown
