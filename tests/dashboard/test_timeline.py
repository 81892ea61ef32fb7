"""The client's timeline on the notice page: plain words, real dates, nothing internal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from dashboard.selectors.timeline import say_date
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_user):
    """A CP14 read, taken by staff, a document asked for and sent, a letter mailed."""
    from cases.models import DocumentRequest
    from cases.services import case_attach_notice, case_claim, document_request_create
    from letters.models import Dispatch, Letter, LetterVersion
    from notices.models import Notice
    from tests.factories import ClientFactory

    household = ClientFactory()
    login = make_user(Role.CLIENT, client=household)
    staff = make_user(Role.STAFF, full_name="Sam Staffer")
    today = timezone.localdate()
    notice = Notice.objects.create(
        client=household,
        status="read",
        read_at=timezone.now(),
        notice_type="CP14",
        tax_year=2023,
        tax_form="1040",
        notice_date=today - timedelta(days=4),
        pay_by_date=today + timedelta(days=17),
        amount_due=Decimal("1075.21"),
    )
    case = case_attach_notice(notice=notice)
    case_claim(actor=staff, case=case)
    request = document_request_create(actor=staff, case=case, description="Bank statement")
    DocumentRequest.objects.filter(pk=request.pk).update(
        status="received", received_at=timezone.now()
    )
    letter = Letter.objects.create(case=case, kind="dispute_paid", created_by=staff)
    version = LetterVersion.objects.create(letter=letter, number=1, content={}, base_content={})
    Dispatch.objects.create(
        version=version, method="mail", tracking_number="9407 1000", sent_on=today, sent_by=staff
    )
    type(case).objects.filter(pk=case.pk).update(
        state="waiting_on_irs", follow_up_on=today + timedelta(days=30)
    )
    return notice, case, login, today


def _steps(client, notice) -> tuple[list[str], str, str]:
    response = client.get(f"/notices/{notice.public_id}/")
    assert response.status_code == 200
    timeline = response.context["timeline"]
    return [s.text for s in timeline.steps], timeline.now, response.content.decode()


def test_the_client_sees_each_step_with_its_date_in_plain_words(client, story):
    notice, _case, login, today = story
    sign_in(client, login)
    steps, now, html = _steps(client, notice)
    day = say_date(today)
    assert steps == [
        f"We received your notice on {day}",
        f"We read your notice on {day}",
        f"Being checked against your payments since {day}",
        f"We needed a document from you (Bank statement); you sent it on {day}",
        f"Letter sent to the IRS on {day} by certified mail",
        f"IRS reply expected by {say_date(today + timedelta(days=30))}",
    ]
    assert now == "Waiting for the IRS to reply"
    assert 'data-testid="client-timeline"' in html
    section = html.split('data-testid="client-timeline"')[1].split("</section>")[0]
    for internal in ("Sam", "Staffer", "approval", "In review", "waiting_on", "9407"):
        assert internal not in section


def test_an_open_request_and_the_resolution_read_as_the_client_would_say_them(client, story):
    from cases.models import DocumentRequest

    notice, case, login, today = story
    DocumentRequest.objects.create(case=case, client=case.client, description="Canceled check")
    type(case).objects.filter(pk=case.pk).update(
        state="resolved", resolution_reason="abated", closed_at=timezone.now()
    )
    sign_in(client, login)
    steps, now, _html = _steps(client, notice)
    assert f"We need a document from you: Canceled check (asked on {say_date(today)})" in steps
    assert steps[-1] == f"Resolved on {say_date(today)}: the IRS removed the charge"
    assert not any(s.startswith("IRS reply expected") for s in steps)
    assert now == "Resolved"


def test_internal_states_never_show_to_the_client(client, story):
    notice, case, login, _today = story
    type(case).objects.filter(pk=case.pk).update(state="awaiting_approval")
    sign_in(client, login)
    _, now, html = _steps(client, notice)
    assert now == "We are preparing a response to the IRS"
    assert "Awaiting partner approval" not in html


def test_a_notice_without_a_case_shows_only_what_happened_to_it(client, make_user):
    from notices.models import Notice
    from tests.factories import ClientFactory

    household = ClientFactory()
    login = make_user(Role.CLIENT, client=household)
    notice = Notice.objects.create(client=household, status="received")
    sign_in(client, login)
    steps, now, _html = _steps(client, notice)
    assert steps == [f"We received your notice on {say_date(timezone.localdate())}"]
    assert now == "Received"


def test_the_timeline_follows_the_case_through_its_polled_fragment(client, story, make_user):
    """The page polls the timeline (htmx) and each answer reflects the case's current state."""
    notice, case, login, _today = story
    type(case).objects.filter(pk=case.pk).update(state="awaiting_approval")
    sign_in(client, login)
    page = client.get(f"/notices/{notice.public_id}/").content.decode()
    assert f'hx-get="/notices/{notice.public_id}/timeline/?poll=1"' in page
    url = f"/notices/{notice.public_id}/timeline/?poll=1"
    first = client.get(url)
    assert first["Cache-Control"] == "no-store"
    assert "We are preparing a response to the IRS" in first.content.decode()
    assert "?poll=2" in first.content.decode()  # keeps polling
    type(case).objects.filter(pk=case.pk).update(
        state="resolved", resolution_reason="paid", closed_at=timezone.now()
    )
    second = client.get(url).content.decode()
    assert "Now: <strong data-testid=\"timeline-now\">Resolved</strong>" in second
    assert "the balance is paid" in second
    assert "hx-get" not in second  # resolved: polling stops
    other = make_user(Role.CLIENT)
    sign_in(client, other)
    assert client.get(url).status_code == 404
