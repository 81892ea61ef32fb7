"""Staff's start page: unreadable notices, their cases by deadline, and unowned cases."""

import pytest

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from tests.conftest import sign_in
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _sections(html: str) -> dict[str, str]:
    parts = {}
    for key, heading in (
        ("attention", "could not be read"),
        ("mine", "Your cases"),
        ("unassigned", "Waiting for someone"),
    ):
        start = html.index(heading)
        end = html.find("</section>", start)
        parts[key] = html[start:end]
    return parts


def test_staff_home_lists_what_needs_them_and_nothing_of_other_households(
    client, household, make_notice, make_user
):
    staff = household.assigned_staff
    make_notice(household, code="CP14", amount="1075.21")
    make_notice(household, code="CP501", tax_year=2022, amount="2658.07")
    Notice.objects.create(
        client=household,
        status=NoticeStatus.NEEDS_ATTENTION,
        staff_detail="encrypted: PDF needs a password",
    )
    stranger = ClientFactory(assigned_staff=make_user(Role.STAFF))
    Notice.objects.create(
        client=stranger,
        status=NoticeStatus.NEEDS_ATTENTION,
        staff_detail="truncated: someone else's",
    )
    make_notice(stranger, code="CP504", amount="999.99")
    sign_in(client, staff)
    page = _sections(client.get("/cases/").content.decode())
    assert "encrypted: PDF needs a password" in page["attention"]
    assert "someone else" not in page["attention"]
    assert "$1,075.21" in page["mine"] and "$2,658.07" in page["mine"]
    assert "CP504" not in page["mine"] + page["unassigned"]


def test_partners_see_cases_nobody_has_taken(client, make_notice, make_user):
    orphan = ClientFactory(assigned_staff=None)
    make_notice(orphan, code="CP503", amount="410.00")
    sign_in(client, make_user(Role.PARTNER))
    page = _sections(client.get("/cases/").content.decode())
    assert "CP503" in page["unassigned"] and "$410.00" in page["unassigned"]
