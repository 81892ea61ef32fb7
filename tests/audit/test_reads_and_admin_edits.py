"""Every staff or partner read of a taxpayer document, image or household page is audited,
once per visit; every admin edit of a household goes through a service that audits.

A *visit* is one login session looking at one object: the first read writes a row, and
further reads of the same object by the same session (reloads, the page's own polls, the
images of its pages) write nothing more for READ_AUDIT_WINDOW (15 minutes) after the last
row; the next read after that is a new visit.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit import services as audit_services
from audit.models import AuditEvent
from cases.models import Case
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


class Clock:
    """A stand-in for django.utils.timezone in audit.services, to move time forward."""

    def __init__(self):
        self.shift = timedelta(0)

    def now(self):
        return timezone.now() + self.shift


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(audit_services, "timezone", fake)
    return fake


def _rows(action: str, obj=None) -> int:
    rows = AuditEvent.objects.filter(action=action)
    if obj is not None:
        rows = rows.filter(object_id=str(getattr(obj, "public_id", None) or obj.pk))
    return rows.count()


@pytest.fixture
def desk(household, make_notice):
    """A case with a read notice and its page preview, and a signed-in staff member."""
    from cases.previews import notice_previews_render

    notice = make_notice(household, with_file=True)
    notice_previews_render(notice_id=notice.pk)
    c = Client()
    sign_in(c, household.assigned_staff)
    return c, Case.objects.get(), notice


def test_a_case_page_visit_with_its_page_images_and_polls_writes_one_row_each(desk, clock):
    c, case, notice = desk
    image = f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/pages/1.png"
    status = reverse("notices:status", args=[notice.public_id])
    for _ in range(3):  # reloads within one visit
        assert c.get(f"/admin/cases/case/{case.pk}/change/").status_code == 200
        assert c.get(image).status_code == 200
    for _ in range(20):  # the status fragment polled
        assert c.get(status).status_code == 200
    assert _rows("case.view", case) == 1
    assert _rows("notice.page_view", notice) == 1
    assert _rows("notice.view", notice) == 1
    clock.shift = audit_services.READ_AUDIT_WINDOW + timedelta(seconds=1)
    c.get(image)  # a new visit
    assert _rows("notice.page_view", notice) == 2
    event = AuditEvent.objects.filter(action="notice.page_view").first()
    assert event.actor == case.client.assigned_staff and event.role == "staff"
    assert event.detail["page"] == 1


def test_another_session_is_another_visit(desk):
    c, case, _notice = desk
    c.get(f"/admin/cases/case/{case.pk}/change/")
    other = Client()
    sign_in(other, case.client.assigned_staff)  # the same person on a second computer
    other.get(f"/admin/cases/case/{case.pk}/change/")
    assert _rows("case.view", case) == 2


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER], ids=str)
def test_household_pages_are_audited(household, make_user, role):
    user = household.assigned_staff if role is Role.STAFF else make_user(Role.PARTNER)
    c = Client()
    sign_in(c, user)
    assert c.get(reverse("clients:detail", args=[household.public_id])).status_code == 200
    assert c.get(reverse("records:household", args=[household.public_id])).status_code == 200
    admin_page = reverse("admin:clients_client_change", args=[household.pk])
    assert c.get(admin_page).status_code == 200
    assert _rows("client.view", household) == 1  # the portal page and the admin page: a visit
    assert _rows("records.view", household) == 1
    assert AuditEvent.objects.get(action="client.view").actor == user


def test_an_admin_edit_of_a_household_is_audited_by_the_service(household, make_user):
    from django.contrib.admin.models import LogEntry

    partner = make_user(Role.PARTNER)
    c = Client()
    sign_in(c, partner)
    url = reverse("admin:clients_client_change", args=[household.pk])
    form = c.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(
        {
            "address_line1": "12 New Street",
            "city": "Chicago",
            "assigned_staff": household.assigned_staff_id,
            "legal_hold": "on",
        }
    )
    response = c.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    household.refresh_from_db()
    assert (household.address_line1, household.city, household.legal_hold) == (
        "12 New Street",
        "Chicago",
        True,
    )
    event = AuditEvent.objects.get(action="household.admin_change")
    assert event.actor == partner and event.object_id == str(household.public_id)
    assert sorted(event.detail["fields"]) == ["address_line1", "city", "legal_hold"]
    assert event.detail["changes"]["city"][1] == "Chicago"
    assert event.detail["changes"]["legal_hold"] == [False, True]
    assert LogEntry.objects.count() == 1  # Django's own history is kept as well
