"""API tokens (made by an admin, shown once, hashed, expiring, revocable, bound to the
login's current role) and the portal session (only once its second factor is verified)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from api.models import ApiToken
from api.services import TokenRefused, api_token_create, api_token_revoke
from audit.models import AuditEvent, Outcome
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def _bearer(raw: str) -> Client:
    c = Client(raise_request_exception=False)
    c.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return c


@pytest.fixture
def staff_token(make_user):
    admin = make_user(Role.ADMIN)
    staff = make_user(Role.STAFF)
    token, raw = api_token_create(actor=admin, user=staff, name="CRM sync")
    return token, raw, admin


def test_only_the_hash_is_kept_and_the_token_works(staff_token):
    token, raw, _ = staff_token
    assert raw.startswith("thz_") and len(raw) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in str(stored) and token.prefix == raw[:10]
    assert _bearer(raw).get(CASES).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    created = AuditEvent.objects.get(action="api_token.create")
    assert created.detail["prefix"] == token.prefix and raw not in str(created.detail)


@pytest.mark.parametrize("change", ["revoked", "expired", "deactivated", "became a client"])
def test_a_token_stops_working(staff_token, change):
    from tests.factories import ClientFactory

    token, raw, admin = staff_token
    user = token.user
    if change == "revoked":
        assert api_token_revoke(actor=admin, token=token)
    elif change == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    elif change == "deactivated":
        user.is_active = False
        user.save(update_fields=["is_active"])
    else:
        user.role, user.client = Role.CLIENT, ClientFactory()
        user.save(update_fields=["role", "client"])
    response = _bearer(raw).get(CASES)
    assert response.status_code == 401
    refused = AuditEvent.objects.filter(action="api.token_refused", outcome=Outcome.DENIED)
    assert refused.get().detail["prefix"] == token.prefix


def test_tokens_are_for_practice_logins_with_a_bounded_lifetime(make_user):
    admin = make_user(Role.ADMIN)
    with pytest.raises(TokenRefused, match="clients use the portal"):
        api_token_create(actor=admin, user=make_user(Role.CLIENT), name="x")
    with pytest.raises(TokenRefused, match="between 1 and 365"):
        api_token_create(actor=admin, user=make_user(Role.STAFF), name="x", days=366)


def test_wrong_tokens_from_one_address_are_throttled(staff_token):
    _, raw, _ = staff_token
    c = _bearer("thz_" + "x" * 43)
    statuses = [c.get(CASES).status_code for _ in range(22)]
    assert statuses[:20] == [401] * 20 and statuses[20:] == [429, 429]
    # The right token from the same address is refused too until the window passes.
    assert _bearer(raw).get(CASES).status_code == 429


def test_api_calls_are_audited_with_the_token_that_made_them(world, api_as):
    prefix = world.tokens["staff_a"][:10]
    api_as("staff_a").get(reverse("api:notice-detail", kwargs={"id": world.notice_a.public_id}))
    row = AuditEvent.objects.filter(action="notice.view").get()
    assert row.actor == world.users["staff_a"] and row.object_id == str(world.notice_a.public_id)
    assert row.detail == {"via": "api", "token": prefix}
    api_as("staff_a").get(reverse("api:letter-pdf", kwargs={"id": world.letter.public_id}))
    download = AuditEvent.objects.filter(action="letter.download").get()
    assert download.detail["via"] == "api" and download.detail["which"] == "letter"


def test_a_session_counts_only_after_the_second_factor(make_user):
    staff = make_user(Role.STAFF)
    c = Client()
    c.force_login(staff)  # password accepted, code not entered
    assert c.get(CASES).status_code == 401
    sign_in(c, staff)
    assert c.get(CASES).status_code == 200


def test_a_session_needs_the_csrf_token_to_change_anything(world):
    c = Client(enforce_csrf_checks=True)
    sign_in(c, world.users["staff_a"])
    url = reverse("api:case-transitions", kwargs={"id": world.case_a2.public_id})
    body = {"name": "start_review"}
    refused = c.post(url, body, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    c.get("/", follow=True)  # a page with a form (sign out) sets the CSRF cookie
    token = c.cookies["csrftoken"].value
    ok = c.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200 and ok.json()["case"]["state"] == "in_review"
    # A token needs no CSRF token: it is not sent by a browser on its own.
    bearer = Client(enforce_csrf_checks=True)
    bearer.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens['staff_a']}"
    again = bearer.post(url, {"name": "release"}, content_type="application/json")
    assert again.status_code == 200 and again.json()["case"]["state"] == "new"


def test_requests_beyond_the_rate_are_throttled(world, api_as, monkeypatch):
    from api.throttling import BurstThrottle

    monkeypatch.setitem(BurstThrottle.THROTTLE_RATES, "burst", "5/min")
    c = api_as("partner")
    statuses = [c.get(CASES).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429, 429]
    assert int(c.get(CASES)["Retry-After"]) > 0
    assert api_as("staff_a").get(CASES).status_code == 200  # counted per login


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER])
def test_only_administrators_open_the_token_admin(signed_in, role):
    c = signed_in(role)
    assert c.get(reverse("admin:api_apitoken_changelist")).status_code == 403
    assert c.get(reverse("admin:api_apitoken_add")).status_code == 403


def test_an_administrator_makes_a_token_in_the_admin_and_sees_it_once(signed_in, make_user):
    c = signed_in(Role.ADMIN)
    staff = make_user(Role.STAFF)
    response = c.post(
        reverse("admin:api_apitoken_add"), {"user": staff.pk, "name": "DMS", "days": 30}
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    raw = response.context["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == staff and token.created_by == c.user
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert _bearer(raw).get(CASES).status_code == 200
    page = c.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert token.prefix in page and raw not in page
    c.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert _bearer(raw).get(CASES).status_code == 401
