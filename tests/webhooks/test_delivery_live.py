"""Webhooks end to end with real parts: the API on PostgreSQL, a real `celery worker` on
Redis reading the notice and sending the events, and a real HTTP receiver on loopback
that checks each signature the way docs/api.md tells integrators to."""

import hashlib
import hmac
import itertools
import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests import support
from tests.support import celery_worker, wait_for
from tests.webhooks.receiver import Receiver
from webhooks.models import DeliveryStatus, Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BACKOFF = 0.5
ATTEMPTS = 3


@pytest.fixture(scope="module")
def hook_worker(django_db_setup, tmp_path_factory):
    log = tmp_path_factory.mktemp("hooks") / "worker.log"
    env = support.worker_env(
        TAXHAUZ_WEBHOOK_BACKOFF_SECONDS=str(BACKOFF),
        TAXHAUZ_WEBHOOK_MAX_ATTEMPTS=str(ATTEMPTS),
        TAXHAUZ_WEBHOOK_TIMEOUT_SECONDS="5",
    )
    with celery_worker(env, concurrency=2, log_path=log) as process:
        yield process
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]


def verify_as_documented(secret: str, body: bytes, header: str, tolerance: int = 300) -> bool:
    """The recipe from docs/api.md, written out here (not imported from the project)."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(fields["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def _token_client(user, admin) -> Client:
    from api.services import api_token_create

    _token, raw = api_token_create(actor=admin, user=user, name="integration test")
    c = Client()
    c.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return c


def _events(receiver: Receiver, event_type: str):
    return [r for r in receiver.received if r.headers.get("Taxhauz-Event") == event_type]


def test_an_api_upload_is_read_by_the_worker_and_the_events_reach_the_receiver_signed(
    hook_worker, corpus, household_for, make_user
):
    admin, staff = make_user(Role.ADMIN), make_user(Role.STAFF)
    household = household_for(corpus.record("bd00"), assigned_staff=staff)
    api = _token_client(staff, admin)
    with Receiver() as receiver:
        endpoint, secret = endpoint_create(
            actor=admin, name="CRM", url=receiver.url, events=Event.values
        )
        upload = api.post(
            "/api/v1/notices/",
            {"household": str(household.public_id), "files": corpus.uploads("bd00")},
        )
        assert upload.status_code == 201, upload.content
        notice_id = upload.json()["id"]
        read = wait_for(
            lambda: _events(receiver, "notice.read"),
            timeout=120,
            what="notice.read at the receiver",
        )[0]
        payload = json.loads(read.body)
        assert verify_as_documented(secret, read.body, read.headers["Taxhauz-Signature"])
        assert not verify_as_documented("whsec_wrong", read.body, read.headers["Taxhauz-Signature"])
        assert payload["data"]["notice"]["id"] == notice_id
        assert payload["data"]["notice"]["status"] == "read"
        assert read.path == "/hooks/taxhauz"
        assert read.headers["Taxhauz-Event-Id"] == payload["id"]

        # The receiver follows the link back with its token, and moves the case on.
        case_id = payload["data"]["case"]["id"]
        assert api.get(payload["data"]["notice"]["url"]).status_code == 200
        moved = api.post(
            reverse("api:case-transitions", kwargs={"id": case_id}),
            {"name": "start_review", "expected_state": "new"},
            content_type="application/json",
        )
        assert moved.status_code == 200
        changed = wait_for(
            lambda: _events(receiver, "case.state_changed"), timeout=60, what="case.state_changed"
        )[0]
        assert verify_as_documented(secret, changed.body, changed.headers["Taxhauz-Signature"])
        data = json.loads(changed.body)["data"]
        assert (data["case"]["id"], data["from_state"], data["to_state"]) == (
            case_id,
            "new",
            "in_review",
        )
    done = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert {d.status for d in done} == {DeliveryStatus.SUCCEEDED}
    assert [a.status_code for d in done for a in d.log.all()] == [200, 200]


def test_failures_are_retried_with_growing_waits_then_delivered(hook_worker, make_user):
    from cases.services import case_transition

    admin = make_user(Role.ADMIN)
    with Receiver(plan=[500, 503]) as receiver:
        _endpoint, secret = endpoint_create(
            actor=admin, name="Flaky", url=receiver.url, events=[Event.CASE_STATE_CHANGED]
        )
        case = _open_case(make_user)
        case_transition(actor=case.assignee, case=case, name="start_review")
        wait_for(lambda: len(receiver.received) >= 3, timeout=30, what="three attempts")
        delivery = wait_for(
            lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).first(),
            timeout=10,
            what="the delivery to be recorded",
        )
    arrivals = [r.at for r in receiver.received]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert gaps[0] >= BACKOFF * 0.9 and gaps[1] >= 2 * BACKOFF * 0.9, gaps
    assert len({r.body for r in receiver.received}) == 1  # the same event each time
    assert all(verify_as_documented(secret, r.body, r.headers["Taxhauz-Signature"])
               for r in receiver.received)  # fmt: skip
    assert [a.status_code for a in delivery.log.all()] == [500, 503, 200]
    assert delivery.attempts == 3 and delivery.delivered_at is not None


def test_a_receiver_that_keeps_failing_gets_a_dead_letter_then_a_manual_redelivery(
    hook_worker, make_user
):
    from audit.models import AuditEvent
    from cases.services import case_transition
    from tests.conftest import sign_in

    admin = make_user(Role.ADMIN)
    with Receiver(then=500) as receiver:
        endpoint_create(
            actor=admin, name="Down", url=receiver.url, events=[Event.CASE_STATE_CHANGED]
        )
        case = _open_case(make_user)
        case_transition(actor=case.assignee, case=case, name="start_review")
        dead = wait_for(
            lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.DEAD).first(),
            timeout=30,
            what="the dead letter",
        )
        assert dead.attempts == ATTEMPTS and len(receiver.received) == ATTEMPTS
        assert [a.status_code for a in dead.log.all()] == [500] * ATTEMPTS
        assert dead.last_error == "HTTP 500" and dead.next_attempt_at is None
        assert AuditEvent.objects.filter(action="webhook.dead_letter").count() == 1
        time.sleep(2 * BACKOFF * 2)
        assert len(receiver.received) == ATTEMPTS  # nothing more is sent on its own

        receiver.then = 200  # the receiver is fixed; an administrator sends it again
        page = Client()
        sign_in(page, admin)
        response = page.post(
            reverse("admin:webhooks_webhookdelivery_changelist"),
            {"action": "send_again", "_selected_action": [dead.pk]},
        )
        assert response.status_code == 302
        again = wait_for(
            lambda: WebhookDelivery.objects.filter(
                redelivery_of=dead, status=DeliveryStatus.SUCCEEDED
            ).first(),
            timeout=30,
            what="the redelivery",
        )
    assert again.event_id == dead.event_id
    last = receiver.received[-1]
    assert last.headers["Taxhauz-Event-Id"] == str(dead.event_id)
    assert last.headers["Taxhauz-Delivery"] == str(again.public_id) != str(dead.public_id)


def _open_case(make_user):
    """A new case for a household with its staff member (a read notice, as the reader leaves it)."""
    from datetime import date, timedelta
    from decimal import Decimal

    from cases.models import Case
    from cases.services import case_attach_notice
    from notices.models import Notice, NoticeStatus
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF)
    household = ClientFactory(assigned_staff=staff)
    notice = Notice.objects.create(
        client=household,
        status=NoticeStatus.READ,
        notice_type="CP14",
        tax_year=2023,
        tax_form="1040",
        notice_date=date.today() - timedelta(days=3),
        pay_by_date=date.today() + timedelta(days=18),
        amount_due=Decimal("120.00"),
    )
    case_attach_notice(notice=notice)
    return Case.objects.select_related("assignee").get(client=household)
