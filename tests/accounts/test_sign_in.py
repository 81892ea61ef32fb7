"""Sign-in, the second factor, lockout, password reset and change, through the real views."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from tests.conftest import current_code

PASSWORD = "correct-horse-battery-9"
pytestmark = pytest.mark.django_db


def _login(client, email, password=PASSWORD, next_url=""):
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": email, "password": password})


def test_client_signs_in_with_password_and_lands_on_my_notices(client, make_user):
    user = make_user(Role.CLIENT)
    response = _login(client, user.email)
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.request["PATH_INFO"] == "/notices/"
    assert user.client.display_name in page.content.decode()
    assert AuditEvent.objects.filter(action="auth.login", actor=user).exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER, Role.ADMIN], ids=str)
def test_practice_roles_must_enter_a_code_before_any_page(client, make_user, role):
    user = make_user(role)
    response = _login(client, user.email)
    assert response["Location"].startswith("/account/mfa/verify/")
    assert client.get("/cases/")["Location"].startswith("/account/mfa/verify/")
    response = client.post(response["Location"], {"token": current_code()})
    assert response.status_code == 302
    landing = client.get(response["Location"], follow=True)
    assert landing.status_code == 200
    # Staff land on the case queue (/cases/ is the admin queue, one page for both).
    expected = "/dashboard/" if role in (Role.PARTNER, Role.ADMIN) else "/admin/cases/case/"
    assert landing.request["PATH_INFO"] == expected
    assert AuditEvent.objects.filter(action="mfa.verify", actor=user, outcome="success").exists()


def test_a_code_cannot_be_used_twice(client, make_user):
    user = make_user(Role.STAFF)
    _login(client, user.email)
    code = current_code()
    assert client.post("/account/mfa/verify/", {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    _login(client, user.email)
    response = client.post("/account/mfa/verify/", {"token": code})
    assert response.status_code == 200
    assert "already been used" in response.content.decode()


def test_wrong_codes_are_throttled(client, make_user):
    user = make_user(Role.STAFF)
    _login(client, user.email)
    client.post("/account/mfa/verify/", {"token": "000000"})
    response = client.post("/account/mfa/verify/", {"token": current_code()})
    # After a failure the device refuses even a right code for a while (throttling).
    assert "Too many wrong codes" in response.content.decode()
    assert AuditEvent.objects.filter(action="mfa.verify", outcome="failure").count() == 2


def test_session_key_changes_at_login_and_again_after_the_code(client, make_user):
    user = make_user(Role.STAFF)
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    _login(client, user.email)
    after_password = client.session.session_key
    client.post("/account/mfa/verify/", {"token": current_code()})
    after_code = client.session.session_key
    assert len({before, after_password, after_code}) == 3


def test_staff_without_an_authenticator_enrols_one(client, make_user):
    from django_otp.oath import totp

    user = make_user(Role.STAFF, mfa=False)
    response = _login(client, user.email)
    page = client.get(response["Location"], follow=True)
    assert page.request["PATH_INFO"] == "/account/mfa/setup/"
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.content.decode())[1]
    import base64

    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    response = client.post(page.request["PATH_INFO"], {"token": f"{totp(key):06d}"})
    assert response.status_code == 302
    assert user.totpdevice_set.filter(confirmed=True).count() == 1
    assert client.get("/cases/", follow=True).status_code == 200
    assert AuditEvent.objects.filter(action="mfa.enrol", actor=user).exists()


def test_failed_logins_are_audited_and_lock_out_after_five(client, make_user):
    user = make_user(Role.CLIENT)
    for _ in range(5):
        response = _login(client, user.email, password="wrong-password-123")
    assert (
        AuditEvent.objects.filter(action="auth.login_failed", actor_email=user.email).count() == 5
    )
    response = _login(client, user.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_a_forged_forwarded_for_header_does_not_reset_the_lockout(client, make_user):
    user = make_user(Role.CLIENT)
    for n in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": user.email, "password": "nope-nope-1"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 429


def test_login_error_is_the_same_whether_or_not_the_account_exists(client, make_user):
    user = make_user(Role.CLIENT)
    wrong_password = _login(client, user.email, password="not-the-password-1").content.decode()
    no_account = _login(client, "nobody@example.test", password="not-the-password-1")
    assert "do not match an account" in wrong_password
    assert "do not match an account" in no_account.content.decode()


def test_password_reset_mails_a_link_that_sets_a_password_but_never_skips_the_code(
    client, make_user, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from taxhauz.celery import app

    app.conf.task_always_eager = True
    try:
        user = make_user(Role.STAFF)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:password_reset"), {"email": user.email})
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert len(mail.outbox) == 1
        link = re.search(r"https?://[^/]+(/account/password/reset/\S+)", mail.outbox[0].body)[1]
        form_page = client.get(link, follow=True)
        new_password = "a-brand-new-passphrase-42"
        done = client.post(
            form_page.request["PATH_INFO"],
            {"new_password1": new_password, "new_password2": new_password},
        )
        assert done["Location"] == reverse("accounts:password_reset_complete")
        # Not signed in by the reset; signing in still asks for the code.
        assert client.get("/cases/")["Location"].startswith("/account/login/")
        response = _login(client, user.email, password=new_password)
        assert response["Location"].startswith("/account/mfa/verify/")
    finally:
        app.conf.task_always_eager = False


def test_password_reset_answers_the_same_for_unknown_addresses(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change_requires_the_old_password_and_is_audited(signed_in):
    client = signed_in(Role.CLIENT)
    new = "another-long-passphrase-7"
    bad = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert bad.status_code == 200
    good = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert good.status_code == 302
    client.user.refresh_from_db()
    assert client.user.check_password(new)
    assert AuditEvent.objects.filter(action="auth.password_change", actor=client.user).exists()


def test_short_and_common_passwords_are_refused(signed_in):
    client = signed_in(Role.CLIENT)
    for weak in ("short-pw1", "password1234"):
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
        assert response.status_code == 200, weak


def test_idle_practice_session_times_out(signed_in, settings):
    client = signed_in(Role.STAFF)
    assert client.get("/cases/", follow=True).status_code == 200
    session = client.session
    session["taxhauz_last_seen"] -= settings.SESSION_IDLE_TIMEOUT_STAFF + 1
    session.save()
    response = client.get("/cases/")
    assert response["Location"].startswith("/account/login/")


def test_clients_can_be_required_to_use_a_second_factor(client, make_user, settings):
    settings.TAXHAUZ_CLIENT_MFA_REQUIRED = True
    user = make_user(Role.CLIENT, mfa=False)
    response = _login(client, user.email)
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == (
        "/account/mfa/setup/"
    )


def test_production_hashes_passwords_with_argon2():
    from taxhauz.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_every_response_carries_a_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_static_files_carry_the_content_security_policy_too(client):
    response = client.get("/static/css/taxhauz.css")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
