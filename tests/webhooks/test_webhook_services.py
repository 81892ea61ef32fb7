"""Events come out of the real services, once, in the same transaction; secrets are never
stored; targets are checked; dead letters can be sent again; deadline risk is told once."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from cases import services as case_services
from cases.models import Case
from tests.support import ROOT
from webhooks import rules
from webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    deadline_risk_scan,
    delivery_redeliver,
    endpoint_rotate_secret,
    endpoint_secret,
    url_check,
)

pytestmark = pytest.mark.django_db


def _only(event_type: str) -> WebhookDelivery:
    return WebhookDelivery.objects.get(event_type=event_type)


def test_a_notice_read_by_the_reader_emits_notice_read(endpoint, corpus, household_for, make_user):
    from notices.services import notice_read, notice_upload

    household = household_for(corpus.record("bd00"))
    user = make_user(Role.CLIENT, client=household)
    upload = notice_upload(actor=user, client=household, files=corpus.uploads("bd00"))
    assert not WebhookDelivery.objects.exists()
    notice_read(notice_id=upload.notice.pk)
    delivery = _only(Event.NOTICE_READ)
    data = delivery.payload["data"]
    assert delivery.payload["type"] == "notice.read" and delivery.status == DeliveryStatus.PENDING
    assert data["notice"]["id"] == str(upload.notice.public_id)
    assert data["notice"]["status"] == "read" and data["case"]["state"] == "new"
    assert data["notice"]["url"].endswith(f"/api/v1/notices/{upload.notice.public_id}/")
    text = json.dumps(delivery.payload)
    for private in (household.primary_last_name, household.primary_ssn_last4, household.city):
        assert private not in text


def test_a_case_transition_emits_case_state_changed_and_a_rollback_emits_nothing(
    endpoint, household, make_notice
):
    make_notice(household)
    case = Case.objects.get()
    staff = household.assigned_staff
    with pytest.raises(RuntimeError), transaction.atomic():
        case_services.case_transition(actor=staff, case=case, name="start_review")
        raise RuntimeError("the request failed after the change")
    assert not WebhookDelivery.objects.filter(event_type=Event.CASE_STATE_CHANGED).exists()
    case_services.case_transition(actor=staff, case=case, name="start_review")
    data = _only(Event.CASE_STATE_CHANGED).payload["data"]
    assert data["transition"] == "start_review" and data["by"] == "staff"
    assert (data["from_state"], data["to_state"]) == ("new", "in_review")
    assert data["case"]["id"] == str(case.public_id) and data["case"]["state"] == "in_review"


def test_a_final_letter_emits_letter_finalized(endpoint, household, make_notice, make_user):
    from tests.api.letters import final_letter

    make_notice(household, with_file=True)
    version = final_letter(
        Case.objects.get(), staff=household.assigned_staff, partner=make_user(Role.PARTNER)
    )
    data = _only(Event.LETTER_FINALIZED).payload["data"]
    assert data["letter"]["id"] == str(version.letter.public_id)
    assert data["letter"]["version"] == version.number
    assert data["letter"]["pdf_url"].endswith(f"/api/v1/letters/{version.letter.public_id}/pdf/")


def test_only_active_subscribed_endpoints_get_deliveries(endpoint, household, make_notice):
    endpoint.events = [Event.NOTICE_READ]
    endpoint.save()
    switched_off = WebhookEndpoint.objects.create(
        name="Off", url="http://127.0.0.1:9/", events=Event.values, is_active=False
    )
    make_notice(household)
    case_services.case_transition(
        actor=household.assigned_staff, case=Case.objects.get(), name="start_review"
    )
    assert not WebhookDelivery.objects.exists()
    assert switched_off.deliveries.count() == 0


def test_deadline_risk_is_told_once_per_case_deadline_and_level(endpoint, household, make_notice):
    today = timezone.localdate()
    make_notice(household, pay_by=today + timedelta(days=2), caller_id="1")
    make_notice(household, tax_year=2021, pay_by=today + timedelta(days=60), caller_id="2")
    make_notice(household, tax_year=2020, pay_by=today + timedelta(days=1), caller_id="3")
    soon, _later, sent = Case.objects.order_by("tax_year").reverse()
    Case.objects.filter(pk=sent.pk).update(state="waiting_on_irs")  # the letter went out
    assert deadline_risk_scan(today=today) == 1
    assert deadline_risk_scan(today=today) == 0  # the next hourly run says nothing new
    data = _only(Event.DEADLINE_AT_RISK).payload["data"]
    assert data["case"]["id"] == str(soon.public_id)
    assert (data["level"], data["days_left"]) == ("at_risk", 2)
    assert deadline_risk_scan(today=today + timedelta(days=3)) == 1  # now overdue
    levels = [d.payload["data"]["level"] for d in WebhookDelivery.objects.order_by("pk")]
    assert levels == ["at_risk", "overdue"]
    told = {d.payload["data"]["case"]["id"] for d in WebhookDelivery.objects.all()}
    assert told == {str(soon.public_id)}  # not the one due later, nor the one sent


def test_the_signing_secret_is_derived_never_stored_and_rotates(endpoint, make_user):
    stored = json.dumps(list(WebhookEndpoint.objects.filter(pk=endpoint.pk).values()), default=str)
    assert endpoint.secret.startswith("whsec_") and endpoint.secret not in stored
    assert endpoint_secret(endpoint) == endpoint.secret
    rotated = endpoint_rotate_secret(actor=make_user(Role.ADMIN), endpoint=endpoint)
    assert rotated != endpoint.secret and endpoint_secret(endpoint) == rotated
    assert AuditEvent.objects.filter(action="webhook.secret_rotate").count() == 1


def test_a_delivery_is_sent_again_with_the_same_event_id(
    endpoint, household, make_notice, make_user
):
    make_notice(household)
    case_services.case_transition(
        actor=household.assigned_staff, case=Case.objects.get(), name="start_review"
    )
    dead = _only(Event.CASE_STATE_CHANGED)
    WebhookDelivery.objects.filter(pk=dead.pk).update(status="dead", next_attempt_at=None)
    again = delivery_redeliver(actor=make_user(Role.ADMIN), delivery=dead)
    assert again.event_id == dead.event_id and again.public_id != dead.public_id
    assert again.status == DeliveryStatus.PENDING and again.redelivery_of == dead
    assert AuditEvent.objects.filter(action="webhook.redeliver").count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/",
        "http://localhost/",
        "http://[::1]/",
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/",
    ],
)
def test_without_the_loopback_setting_local_and_private_targets_are_refused(settings, url):
    settings.TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(rules.TargetRefused):
        url_check(url)


def test_the_admin_refuses_a_private_target_with_a_reason(signed_in):
    c = signed_in(Role.ADMIN)
    response = c.post(
        "/admin/webhooks/webhookendpoint/add/",
        {"name": "Metadata", "url": "http://169.254.169.254/", "events": ["notice.read"]},
    )
    assert response.status_code == 200
    assert "not a public address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER])
def test_only_administrators_open_the_webhook_admin(signed_in, role):
    c = signed_in(role)
    for url in ("/admin/webhooks/webhookendpoint/", "/admin/webhooks/webhookdelivery/"):
        assert c.get(url).status_code == 403


def test_production_settings_never_allow_loopback_whatever_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.production",
        "TAXHAUZ_SECRET_KEY": "x" * 60,
        "TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK": "true",
        "TAXHAUZ_WEBHOOK_REQUIRE_HTTPS": "",
    }
    env.pop("TAXHAUZ_WEBHOOK_REQUIRE_HTTPS")
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK, s.TAXHAUZ_WEBHOOK_REQUIRE_HTTPS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "True"]
