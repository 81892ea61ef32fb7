"""Status polling is not activity: it never keeps an idle session alive, and it stops.

A page left open polls `/notices/<id>/status/` (htmx) while the notice is being read. The
clock of the idle timeout is driven here by a fake ``time`` in accounts.middleware, one
minute per poll.
"""

import time

import pytest
from django.urls import reverse

from accounts import middleware
from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from notices.views import MAX_STATUS_POLLS
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


class FakeClock:
    def __init__(self):
        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(middleware, "time", fake)
    return fake


def _household_notice(make_user, role):
    client_user = make_user(Role.CLIENT)
    notice = Notice.objects.create(client=client_user.client, status=NoticeStatus.READING)
    if role is Role.CLIENT:
        return client_user, notice
    staff = make_user(role)
    client_user.client.assigned_staff = staff
    client_user.client.save()
    return staff, notice


@pytest.mark.parametrize("role", [Role.CLIENT, Role.STAFF], ids=str)
def test_polling_does_not_keep_an_idle_session_alive(client, make_user, clock, settings, role):
    user, notice = _household_notice(make_user, role)
    sign_in(client, user)
    page = "notices:detail" if role is Role.CLIENT else "notices:staff_detail"
    assert client.get(reverse(page, args=[notice.public_id])).status_code == 200
    idle = settings.SESSION_IDLE_TIMEOUT_CLIENT if role is Role.CLIENT else (
        settings.SESSION_IDLE_TIMEOUT_STAFF
    )
    status_url = reverse("notices:status", args=[notice.public_id])
    answered = []
    for _minute in range(idle // 60 + 2):  # one poll a minute, past the idle limit
        clock.now += 60
        response = client.get(status_url, HTTP_HX_REQUEST="true")
        answered.append(response.status_code)
        if response.status_code != 200:
            break
    # Signed out once the idle time ran out, though the page polled all along.
    assert len(answered) == idle // 60 + 1, answered
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
    assert client.get(reverse(page, args=[notice.public_id]))["Location"].startswith(
        reverse("accounts:login")
    )


def test_a_real_request_still_counts_as_activity(client, make_user, clock, settings):
    user, notice = _household_notice(make_user, Role.CLIENT)
    sign_in(client, user)
    detail = reverse("notices:detail", args=[notice.public_id])
    for _ in range(3):
        clock.now += settings.SESSION_IDLE_TIMEOUT_CLIENT - 60
        assert client.get(detail).status_code == 200


def _polls(content: str) -> bool:
    return 'hx-trigger="every' in content


def test_polling_stops_when_the_notice_is_final_or_after_a_bounded_number_of_polls(
    client, make_user
):
    user, notice = _household_notice(make_user, Role.CLIENT)
    sign_in(client, user)
    status_url = reverse("notices:status", args=[notice.public_id])
    first = client.get(status_url).content.decode()
    assert _polls(first) and "poll=2" in first  # each poll asks for the next one
    near_end = client.get(status_url, {"poll": MAX_STATUS_POLLS - 1}).content.decode()
    assert _polls(near_end)
    last = client.get(status_url, {"poll": MAX_STATUS_POLLS}).content.decode()
    assert not _polls(last)
    assert "taking longer than usual" in last
    for hostile in ("-5", "x", "9" * 40):
        assert client.get(status_url, {"poll": hostile}).status_code == 200
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.NEEDS_ATTENTION)
    assert not _polls(client.get(status_url).content.decode())
