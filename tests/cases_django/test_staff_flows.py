"""Issue 11, staff items 7-9 and 12 at the level where they broke: notice streams (latest by
notice date, another person's SSN), every upload reaching the queue, confirmed scams told
to the client, one correction service from both pages, and a case page that polls."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from cases import services
from cases.models import Case, CaseEvent
from cases.services import case_attach_notice
from cases.workflow import CaseFlag
from notices.models import Notice, NoticeField, NoticeStatus
from notices.services import notice_fail_unexpectedly
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/case/"


# ----------------------------------------------------------------- item 7: streams


def test_an_older_notice_uploaded_later_never_replaces_the_newer_one(household, make_notice):
    today = date.today()
    newer = make_notice(
        household,
        code="CP501",
        notice_date=today - timedelta(days=5),
        amount="2658.07",
        caller_id="222222",
    )
    case = Case.objects.get()
    older = make_notice(
        household,
        code="CP501",
        notice_date=today - timedelta(days=40),
        amount="2500.00",
        caller_id="111111",
    )
    case.refresh_from_db()
    assert Case.objects.count() == 1 and case.case_notices.count() == 2
    assert case.latest_notice_id == newer.pk
    assert case.amount_due == Decimal("2658.07") and case.caller_id == "222222"
    assert case.notice_date == newer.notice_date
    joined = case.events.get(kind=CaseEvent.Kind.NOTICE_JOINED)
    assert "older than the case's latest notice" in joined.summary
    assert case.case_notices.get(notice=older).moved_deadline is False
    # A newer one still takes over, and the case page lists them newest first.
    newest = make_notice(
        household, code="CP503", notice_date=today - timedelta(days=1), amount="2700.00"
    )
    case.refresh_from_db()
    assert case.latest_notice_id == newest.pk and case.amount_due == Decimal("2700.00")
    from cases.selectors import case_notices

    assert [n.pk for n in case_notices(case)] == [newest.pk, newer.pk, older.pk]


def test_a_notice_with_someone_elses_ssn_opens_its_own_flagged_case(household, make_notice):
    make_notice(household, code="CP14", amount="1075.21")
    stream_case = Case.objects.get()
    stranger = make_notice(household, code="CP501", amount="9999.00", attach=False)
    Notice.objects.filter(pk=stranger.pk).update(ssn_last4="0000")
    stranger.refresh_from_db()
    assert "0000" not in household.ssn_last4s
    flagged = case_attach_notice(notice=stranger)
    stream_case.refresh_from_db()
    assert flagged.pk != stream_case.pk and flagged.flag == CaseFlag.SSN_MISMATCH
    assert stream_case.amount_due == Decimal("1075.21")  # never merged silently
    assert stream_case.case_notices.count() == 1
    assert flagged.events.get(kind=CaseEvent.Kind.CREATED).summary.startswith(
        "Case opened for staff to decide"
    )
    assert AuditEvent.objects.filter(action="case.open", detail__flag="ssn_mismatch").exists()


# --------------------------------------------------------- item 8: scam uploads reach staff


def _suspicious(household, make_notice):
    notice = make_notice(household, code="CP14", amount="4900.00", attach=False)
    Notice.objects.filter(pk=notice.pk).update(
        legitimacy="suspicious",
        legitimacy_machine="suspicious",
        legitimacy_signs=[{"code": "gift_card", "strong": True, "text": "Asks for gift cards"}],
    )
    notice.refresh_from_db()
    return case_attach_notice(notice=notice), notice


def test_a_suspicious_and_an_unreadable_upload_each_open_a_case(household, make_notice, signed_in):
    make_notice(household, code="CP14", amount="1075.21")
    scam_case, _ = _suspicious(household, make_notice)
    crashed = Notice.objects.create(client=household, status=NoticeStatus.READING)
    notice_fail_unexpectedly(notice_id=crashed.pk, detail="SoftTimeLimitExceeded: 60 s")
    crashed_case = Case.objects.get(case_notices__notice=crashed)
    assert scam_case.flag == CaseFlag.SUSPECTED_SCAM
    assert crashed_case.flag == CaseFlag.UNREADABLE and crashed_case.tax_year is None
    assert Case.objects.count() == 3  # the genuine CP14 kept its own stream case
    from accounts.roles import Role

    client = signed_in(Role.PARTNER)
    scams = client.get(QUEUE + "?flag=suspected_scam").context["cl"].result_list
    assert [c.pk for c in scams] == [scam_case.pk]
    body = client.get(QUEUE).content.decode()
    assert "Suspected scam" in body and "Could not be read" in body
    page = client.get(f"{QUEUE}{crashed_case.pk}/change/").content.decode()
    assert "SoftTimeLimitExceeded" not in page and "stopped before finishing" in page


def test_closing_a_case_as_a_confirmed_scam_tells_the_client_what_to_do(
    household,
    make_notice,
    make_user,
    client,
    django_capture_on_commit_callbacks,
    eager_celery,
):
    from accounts.roles import Role

    owner = make_user(Role.CLIENT, client=household)
    case, notice = _suspicious(household, make_notice)
    staff = household.assigned_staff
    services.case_claim(actor=staff, case=case)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(actor=staff, case=case, name="resolve", reason="confirmed_scam")
    case.refresh_from_db()
    notice.refresh_from_db()
    assert case.resolution_reason == "confirmed_scam"
    assert notice.legitimacy == "suspicious" and notice.legitimacy_set_by == staff
    sent = [m for m in mail.outbox if "scam" in m.subject]
    assert sent and {"household@example.test", owner.email} <= set(sent[0].to)
    assert "phishing@irs.gov" in sent[0].body and "TIGTA" in sent[0].body
    assert "Do not pay" in sent[0].body
    assert f"/notices/{notice.public_id}/" in sent[0].body and "://" in sent[0].body
    # The client's notice page follows the verdict.
    sign_in(client, owner)
    fragment = client.get(reverse("notices:status", args=[notice.public_id])).content.decode()
    assert "It is a scam" in fragment and "phishing@irs.gov" in fragment
    assert "TIGTA" in fragment


# ------------------------------------------------------ item 9: one correction service


@pytest.mark.parametrize("entry", ["notice_review_page", "case_page"])
def test_a_correction_updates_the_notice_and_the_case_from_either_page(
    household, make_notice, client, entry
):
    notice = make_notice(household, code="CP14", amount="9075.21")
    case = Case.objects.get()
    sign_in(client, household.assigned_staff)
    form = {"name": "amount_due", "value": "1075.21", "reason": "misread 1 as 9"}
    if entry == "notice_review_page":
        url = reverse("notices:correct", args=[notice.public_id])
    else:
        url = reverse("admin:cases_case_correct", args=[case.pk])
        form["notice"] = str(notice.public_id)
    assert client.post(url, form).status_code == 302
    notice.refresh_from_db()
    case.refresh_from_db()
    assert notice.amount_due == Decimal("1075.21") and case.amount_due == Decimal("1075.21")
    assert NoticeField.objects.get(notice=notice, name="amount_due").value == "1075.21"
    event = case.events.get(kind=CaseEvent.Kind.FIELD_CORRECTED)
    assert event.summary == "Corrected Amount due to 1075.21 (misread 1 as 9)"
    assert AuditEvent.objects.filter(action="notice.field_correct").count() == 1


def test_a_correction_is_one_transaction(household, make_notice, monkeypatch):
    notice = make_notice(household, code="CP14", amount="9075.21")
    case = Case.objects.get()

    def broken(**kwargs):
        raise RuntimeError("the case could not be refreshed")

    monkeypatch.setattr(services, "case_refresh_from_notice", broken)
    with pytest.raises(RuntimeError):
        services.case_field_correct(
            actor=household.assigned_staff,
            case=case,
            notice=notice,
            name="amount_due",
            value="1075.21",
            reason="",
        )
    notice.refresh_from_db()
    assert notice.amount_due == Decimal("9075.21")  # the notice did not change alone
    assert not NoticeField.objects.filter(notice=notice, corrected_at__isnull=False).exists()


# ------------------------------------------------------- item 12: the page polls, once


def test_the_case_page_polls_the_letters_and_audits_one_read_per_visit(
    household, make_notice, client
):
    make_notice(household, code="CP14")
    case = Case.objects.get()
    sign_in(client, household.assigned_staff)
    page = f"{QUEUE}{case.pk}/change/"
    poll = reverse("admin:cases_case_letters", args=[case.pk])
    for _ in range(3):
        assert client.get(page).status_code == 200
    for _ in range(5):
        fragment = client.get(poll)
        assert fragment.status_code == 200 and "no-store" in fragment["Cache-Control"]
    assert AuditEvent.objects.filter(action="case.view", object_id=str(case.public_id)).count() == 1
    body = client.get(page).content.decode()
    assert 'id="case-letters"' in body and "location.reload" not in body
