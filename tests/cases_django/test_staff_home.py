"""Staff's start page is the one case queue: same page, look and filters as the navigation's
"Case queue", with what needs them today (flagged cases, e-mail, POA) above the list."""

import re

import pytest

from accounts.roles import Role
from cases.models import Case
from cases.services import case_attach_notice
from notices.models import Notice, NoticeStatus
from tests.conftest import sign_in
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/case/"


def test_the_start_page_and_the_navigation_open_the_same_queue(client, household, make_notice):
    make_notice(household, code="CP14", amount="1075.21")
    sign_in(client, household.assigned_staff)
    home = client.get("/cases/")
    assert home.status_code == 302 and home["Location"] == QUEUE
    page = client.get("/cases/", follow=True)
    assert page.redirect_chain[-1][0] == QUEUE and page.status_code == 200
    body = page.content.decode()
    nav = re.search(r'<a href="([^"]+)"[^>]*>Case queue</a>', body)
    assert nav and nav[1] == QUEUE  # the navigation names the very page the home page shows
    assert "$1,075.21" in body
    assert client.get("/cases/?flag=suspected_scam")["Location"] == QUEUE + "?flag=suspected_scam"


def test_the_queue_shows_unreadable_uploads_of_its_households_only(
    client, household, make_notice, make_user
):
    staff = household.assigned_staff
    make_notice(household, code="CP501", tax_year=2022, amount="2658.07")
    unread = Notice.objects.create(
        client=household,
        status=NoticeStatus.NEEDS_ATTENTION,
        error_code="encrypted",
        staff_detail="encrypted: PDF needs a password (PdfReadError)",
    )
    case_attach_notice(notice=unread)
    stranger = ClientFactory(assigned_staff=make_user(Role.STAFF))
    other = Notice.objects.create(
        client=stranger, status=NoticeStatus.NEEDS_ATTENTION, error_code="truncated"
    )
    case_attach_notice(notice=other)
    make_notice(stranger, code="CP504", amount="999.99")
    sign_in(client, staff)
    body = client.get("/cases/", follow=True).content.decode()
    assert 'data-testid="count-flagged">1<' in body
    assert 'data-testid="count-flag-unreadable">1<' in body
    assert "$2,658.07" in body and "Could not be read" in body
    assert "$999.99" not in body  # the other household's CP504
    flagged = client.get(QUEUE + "?flag=any").context["cl"].result_list
    assert [c.client_id for c in flagged] == [household.pk]
    # The parser's words never reach the page; the case page says it in words.
    case = Case.objects.get(case_notices__notice=unread)
    page = client.get(f"{QUEUE}{case.pk}/change/").content.decode()
    assert "The PDF is password-protected" in page
    assert "PdfReadError" not in page and "encrypted:" not in page


def test_partners_see_cases_nobody_has_taken(client, make_notice, make_user):
    orphan = ClientFactory(assigned_staff=None)
    make_notice(orphan, code="CP503", amount="410.00")
    sign_in(client, make_user(Role.PARTNER))
    page = client.get("/cases/?assignee=none", follow=True)
    rows = page.context["cl"].result_list
    assert [c.notice_code for c in rows] == ["CP503"]
    assert "$410.00" in page.content.decode()
