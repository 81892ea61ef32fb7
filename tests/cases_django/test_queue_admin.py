"""The queue in the admin: constant queries at any size, filters, counts, the case page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from cases.models import Case
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def seed_cases(n: int, *, assignee=None) -> None:
    clients = ClientFactory.create_batch(min(n, 20))
    today = date.today()
    states = ["new", "in_review", "waiting_on_client", "letter_drafted", "resolved"]
    Case.objects.bulk_create(
        Case(
            client=clients[i % len(clients)],
            stream_key=f"seed|{i}",
            stream_kind="balance",
            tax_year=2020 + i % 4,
            tax_form="1040",
            state=states[i % len(states)],
            resolution_reason="paid" if states[i % len(states)] == "resolved" else "",
            notice_code=["CP14", "CP501", "CP504"][i % 3],
            amount_due=Decimal("100.00") + i,
            pay_by_date=today + timedelta(days=i % 60 - 10),
            irs_deadline=today + timedelta(days=i % 60 - 10),
            assignee=assignee if i % 2 else None,
            caller_id=str(100000 + i),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [50, 500])
def test_the_queue_takes_a_constant_number_of_queries(signed_in, django_assert_max_num_queries, n):
    client = signed_in(Role.PARTNER)
    seed_cases(n, assignee=client.user)
    # 16 for the list, +3 for what the staff home shows above it (e-mail to triage,
    # cases without a covering 2848, POA tasks); the same at 50 and 500 cases.
    with django_assert_max_num_queries(19):
        response = client.get("/admin/cases/case/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Case queue" in body and "urgency-overdue" in body
    open_count = Case.objects.exclude(state="resolved").count()
    assert f'data-testid="count-open">{open_count}<' in body


def test_filters_and_search_narrow_the_queue(signed_in):
    client = signed_in(Role.PARTNER)
    seed_cases(30, assignee=client.user)
    assert client.get("/admin/cases/case/?notice=CP504").status_code == 200
    mine = client.get("/admin/cases/case/?assignee=me&state=all")
    assert mine.context["cl"].result_count == 15
    overdue = client.get("/admin/cases/case/?urgency=overdue&state=all")
    assert all(c.irs_deadline < date.today() for c in overdue.context["cl"].result_list)
    found = client.get("/admin/cases/case/?q=100007&state=all")
    assert [c.caller_id for c in found.context["cl"].result_list] == ["100007"]
    by_code = client.get("/admin/cases/case/?q=cp501&state=all")
    assert {c.notice_code for c in by_code.context["cl"].result_list} == {"CP501"}
    assert client.get("/admin/cases/case/?verdict=none").status_code == 200


def test_staff_see_only_their_cases_in_the_queue(signed_in, make_user):
    other = make_user(Role.STAFF)
    seed_cases(10, assignee=other)
    client = signed_in(Role.STAFF)
    response = client.get("/admin/cases/case/?state=all")
    assert response.context["cl"].result_count == 0
    hidden = Case.objects.filter(assignee=other).first()
    assert client.get(f"/admin/cases/case/{hidden.pk}/change/").status_code == 404


def test_the_case_page_shows_pages_fields_and_takes_a_correction(client, household, make_notice):
    from cases.previews import notice_previews_render
    from tests.conftest import sign_in

    notice = make_notice(household, with_file=True)
    case = Case.objects.get()
    sign_in(client, household.assigned_staff)
    first = client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert 'data-testid="preview-pending"' in first  # the worker has not drawn it yet
    notice_previews_render(notice_id=notice.pk)  # what the worker's task does
    page = client.get(f"/admin/cases/case/{case.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        'data-bbox="400.0,200.0,520.0,216.0"' in body
        and 'class="page-figure" data-width-pt="595.' in body
    )
    assert "style=" not in body.split('id="content"')[1]  # the CSP forbids inline styles
    image = client.get(f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/pages/1.png")
    assert image.status_code == 200 and b"".join(image.streaming_content)[:4] == b"\x89PNG"
    assert (
        client.get(
            f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/pages/9.png"
        ).status_code
        == 404
    )
    response = client.post(
        f"/admin/cases/case/{case.pk}/correct/",
        {
            "notice": str(notice.public_id),
            "name": "amount_due",
            "value": "$1,000.00",
            "reason": "Stub",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert str(case.amount_due) == "1000.00"
    assert AuditEvent.objects.filter(action="case.view").exists()
    take = client.post(f"/admin/cases/case/{case.pk}/take/")
    assert take.status_code == 302
    assert client.get(f"/admin/cases/case/{case.pk}/take/").status_code == 405
