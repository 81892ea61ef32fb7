"""The API's pages in Chromium: staff browse the schema (Swagger UI from our own files,
under the site's CSP), and an administrator makes a token that then works on the API."""

import pytest
import requests

from accounts.roles import Role
from tests.conftest import PASSWORD_FOR_TESTS, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_with_code(page, email: str) -> None:
    page.goto("/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("navigation", name="Main").wait_for()


def test_staff_browse_the_api_schema_with_no_script_or_style_refused(page, make_user):
    user = make_user(Role.STAFF)
    _sign_in_with_code(page, user.email)
    response = page.goto("/api/v1/docs/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.get_by_text("Taxhauz API").first.wait_for()
    page.locator(".opblock-summary-path", has_text="/api/v1/cases/").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/notices/{id}/fields/" in paths and "/api/v1/deadlines/" in paths
    assert page.problems == []


def test_an_administrator_makes_a_token_in_the_admin_and_it_works(page, make_user, live_server):
    admin = make_user(Role.ADMIN)
    staff = make_user(Role.STAFF, full_name="Sam Integration")
    _sign_in_with_code(page, admin.email)
    page.goto("/admin/api/apitoken/add/")
    page.get_by_label("Acts as").select_option(label=str(staff))
    page.get_by_label("Name").fill("Document store")
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_test_id("api-token").input_value()
    assert token.startswith("thz_")
    answer = requests.get(
        f"{live_server.url}/api/v1/cases/", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 200 and answer.json()["count"] == 0
    page.goto("/admin/api/apitoken/")
    assert "Document store" in page.content() and token not in page.content()
    assert page.problems == []
