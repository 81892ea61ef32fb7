"""Unconfirmed values never reach the client as fact; staff can set the scam verdict.

The reader's result is built from hand-placed words (as in the pure reader tests), so each
case is exactly the situation it names; it is stored through the same service the worker
uses.
"""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from notices.models import Notice, NoticeStatus
from notices.reading import read_pages
from notices.services import (
    _store_result,
    notice_field_correct,
    notice_legitimacy_set,
)
from tests.conftest import sign_in
from tests.factories import ClientFactory
from tests.notices.reading.test_reading_pure import cp14_rows, page

pytestmark = pytest.mark.django_db
TODAY = date(2018, 2, 1)
GIFT_CARDS = (40, 420, "Pay today with Google Play gift cards.")


def _stored(household, rows, **kw) -> Notice:
    result = read_pages([page(rows)], files=["n.pdf"], household_ssn_last4=("1234",), today=TODAY)
    notice = Notice.objects.create(client=household, status=NoticeStatus.READING)
    _store_result(notice, result)
    notice.refresh_from_db()
    return notice


@pytest.fixture
def household():
    return ClientFactory(primary_ssn_last4="1234")


def _client_page(client, make_user, household, notice) -> str:
    sign_in(client, make_user(Role.CLIENT, client=household))
    return client.get(reverse("notices:status", args=[notice.public_id])).content.decode()


def test_a_confirmed_amount_is_shown_with_its_reason_for_staff(household, client, make_user):
    notice = _stored(household, cp14_rows())
    assert notice.unconfirmed_fields == []
    field = notice.fields.get(name="amount_due")
    assert field.confirmed is True and "billing rows add up" in field.why
    assert "$1,075.21" in _client_page(client, make_user, household, notice)


def test_an_amount_the_notice_contradicts_is_never_shown_to_the_client_as_fact(
    household, client, make_user
):
    # Headline and total row say 1,175.21, the rows add up to 1,075.21, the stub says 1,275.21.
    notice = _stored(household, cp14_rows(amount="1,175.21", stub_amount="1,275.21"))
    assert "amount_due" in notice.unconfirmed_fields
    field = notice.fields.get(name="amount_due")
    assert field.confirmed is False and "1275.21" in field.why
    fragment = _client_page(client, make_user, household, notice)
    assert "We are checking the amount" in fragment
    assert "1,175.21" not in fragment and "1,275.21" not in fragment

    staff = make_user(Role.STAFF)
    household.assigned_staff = staff
    household.save()
    sign_in(client, staff)
    review = client.get(reverse("notices:staff_detail", args=[notice.public_id])).content.decode()
    assert "Unconfirmed:" in review and "1275.21" in review


def test_a_staff_correction_confirms_the_value_for_the_client(household, client, make_user):
    notice = _stored(household, cp14_rows(amount="1,175.21", stub_amount="1,275.21"))
    staff = make_user(Role.STAFF)
    notice_field_correct(
        actor=staff, notice=notice, name="amount_due", value="1075.21", reason="rows add up"
    )
    notice.refresh_from_db()
    assert "amount_due" not in notice.unconfirmed_fields
    assert "$1,075.21" in _client_page(client, make_user, household, notice)


def test_a_credit_balance_is_never_called_a_bill(household, client, make_user):
    rows = [r for r in cp14_rows() if r[2] not in ("(3,328.00)",)]
    rows = [(*r[:2], r[2].replace("1,075.21", "-835.35")) for r in rows]
    rows += [(480, 327, "(5,238.56)")]  # payments now exceed the tax and charges
    notice = _stored(household, rows)
    assert notice.amount_due == -835.35 or str(notice.amount_due) == "-835.35"
    failed = {c["name"]: c["detail"] for c in notice.checks if c["passed"] is False}
    assert "credit of 835.35" in failed["balance_is_owed"]
    fragment = _client_page(client, make_user, household, notice)
    assert "Nothing to pay" in fragment and "It is not a bill" in fragment
    assert "It is a bill" not in fragment
    assert "overdue" not in fragment


def test_strong_scam_signs_are_shown_to_the_client_in_plain_words(household, client, make_user):
    notice = _stored(household, cp14_rows(extra=[GIFT_CARDS]))
    assert notice.legitimacy == "suspicious"
    fragment = _client_page(client, make_user, household, notice)
    assert "signs of a scam" in fragment
    assert "It asks for payment with gift cards." in fragment
    assert "What we checked on this letter" in fragment


def test_staff_set_the_verdict_with_a_reason_and_the_client_page_follows(
    household, client, make_user
):
    notice = _stored(household, cp14_rows(extra=[GIFT_CARDS]))
    staff = make_user(Role.STAFF)
    with pytest.raises(ValueError, match="Say why"):
        notice_legitimacy_set(actor=staff, notice=notice, verdict="genuine", reason=" ")
    notice_legitimacy_set(
        actor=staff, notice=notice, verdict="genuine", reason="called IRS, notice confirmed"
    )
    notice.refresh_from_db()
    assert (notice.legitimacy, notice.legitimacy_machine) == ("genuine", "suspicious")
    event = AuditEvent.objects.get(action="notice.legitimacy_set")
    assert event.detail["from"] == "suspicious" and event.detail["to"] == "genuine"
    assert event.detail["reason"] == "called IRS, notice confirmed"
    fragment = _client_page(client, make_user, household, notice)
    assert "Our staff checked this letter: it is a genuine IRS notice." in fragment

    # A re-read keeps staff's verdict; handing it back restores the reader's.
    result = read_pages([page(cp14_rows())], files=["n.pdf"], today=TODAY)
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.READING)
    _store_result(Notice.objects.get(pk=notice.pk), result)
    notice.refresh_from_db()
    assert (notice.legitimacy, notice.legitimacy_machine) == ("genuine", "genuine")
    notice_legitimacy_set(actor=staff, notice=notice, verdict="", reason="back to the reader")
    notice.refresh_from_db()
    assert notice.legitimacy == "genuine" and notice.legitimacy_set_at is None


def test_a_confirmed_scam_tells_the_client_what_to_do(household, client, make_user):
    notice = _stored(household, cp14_rows())
    staff = make_user(Role.STAFF)
    notice_legitimacy_set(
        actor=staff, notice=notice, verdict="suspicious", reason="IRS has no such notice"
    )
    fragment = _client_page(client, make_user, household, notice)
    assert "it is not from the IRS" in fragment
    assert "phishing@irs.gov" in fragment and "TIGTA" in fragment


def test_only_staff_who_see_the_household_can_set_the_verdict(household, client, make_user):
    notice = _stored(household, cp14_rows())
    url = reverse("notices:verdict", args=[notice.public_id])
    sign_in(client, make_user(Role.CLIENT, client=household))
    assert client.post(url, {"verdict": "suspicious", "reason": "x"}).status_code == 403
    sign_in(client, make_user(Role.STAFF))  # not assigned to the household
    assert client.post(url, {"verdict": "suspicious", "reason": "x"}).status_code == 404
    notice.refresh_from_db()
    assert notice.legitimacy_set_at is None
