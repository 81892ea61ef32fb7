"""Each role signs in through the real login and code pages in Chromium."""

import base64

import pytest
from django_otp.oath import totp

from accounts.roles import Role
from tests.conftest import PASSWORD_FOR_TESTS, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/")
    assert page.url.endswith("/account/login/?next=%2F")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()


def test_a_client_signs_in_and_sees_their_notices(page, make_user):
    user = make_user(Role.CLIENT)
    _sign_in(page, user.email)
    page.get_by_role("heading", name="My notices").wait_for()
    assert user.client.display_name in page.content()
    assert page.get_by_role("navigation", name="Main").get_by_role("link").all_inner_texts() == [
        "My notices"
    ]
    assert page.problems == []


@pytest.mark.parametrize(
    ("role", "heading", "nav"),
    [
        (Role.STAFF, "Case queue", ["Case queue", "Clients", "Practice admin"]),
        (
            Role.PARTNER,
            "Deadline dashboard",
            ["Case queue", "Clients", "Deadline dashboard", "Practice admin"],
        ),
        (
            Role.ADMIN,
            "Deadline dashboard",
            ["Case queue", "Clients", "Deadline dashboard", "Practice admin"],
        ),
    ],
    ids=str,
)
def test_practice_roles_sign_in_with_their_code(page, make_user, role, heading, nav):
    user = make_user(role)
    _sign_in(page, user.email)
    page.get_by_role("heading", name="Two-step sign-in").wait_for()
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name=heading).wait_for()
    links = page.get_by_role("navigation", name="Main").get_by_role("link").all_inner_texts()
    assert links == nav
    page.get_by_role("link", name="Practice admin", exact=True).click()
    page.get_by_role("heading", name="Practice administration").wait_for()
    assert page.problems == []


def test_new_staff_enrol_an_authenticator_on_first_sign_in(page, make_user):
    user = make_user(Role.STAFF, mfa=False)
    _sign_in(page, user.email)
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()
    assert page.get_by_role("img", name="QR code").is_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("6-digit code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_role("heading", name="Case queue").wait_for()
    assert "Two-step sign-in is on" in page.content()


def test_signing_out_ends_the_session(page, make_user):
    user = make_user(Role.CLIENT)
    _sign_in(page, user.email)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.goto("/notices/")
    assert "/account/login/" in page.url
