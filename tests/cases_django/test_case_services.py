"""Case services on PostgreSQL: streams, the one-open-case rule, CAS transitions, audit rows."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from accounts.roles import Role
from audit.models import AuditEvent
from cases import services
from cases.models import Case, CaseEvent, DocumentRequest
from cases.workflow import State, TransitionNotAllowed
from tests.factories import ClientFactory
from tests.security.hostile import text_pdf

pytestmark = pytest.mark.django_db


def test_a_read_notice_opens_a_case_assigned_to_the_household_staff(household, make_notice):
    notice = make_notice(household, notice_date=date(2025, 3, 3), pay_by=date(2025, 3, 24))
    case = Case.objects.get()
    assert case.client == household
    assert case.assignee == household.assigned_staff
    assert case.state == State.NEW
    assert case.notice_code == "CP14" and case.latest_notice == notice
    assert case.irs_deadline == date(2025, 3, 24)
    assert case.deadline_basis == "printed on the notice"
    assert case.internal_target < case.irs_deadline
    assert case.events.filter(kind=CaseEvent.Kind.CREATED).count() == 1
    assert AuditEvent.objects.filter(action="case.open", object_id=str(case.public_id)).exists()


def test_a_later_notice_joins_the_open_case_and_moves_its_deadline(household, make_notice):
    make_notice(household, code="CP14", notice_date=date(2025, 1, 6), pay_by=date(2025, 1, 27))
    case = Case.objects.get()
    services.case_claim(actor=household.assigned_staff, case=case)
    later = make_notice(
        household,
        code="CP501",
        notice_date=date(2025, 2, 24),
        pay_by=date(2025, 3, 10),
        amount="1100.50",
    )
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.latest_notice == later and case.notice_code == "CP501"
    assert case.irs_deadline == date(2025, 3, 10)
    assert str(case.amount_due) == "1100.50"
    assert case.case_notices.count() == 2
    assert case.events.filter(kind=CaseEvent.Kind.NOTICE_JOINED).exists()


def test_a_cp2000_and_another_year_are_their_own_streams(household, make_notice):
    make_notice(household, code="CP14", tax_year=2023)
    make_notice(household, code="CP2000", tax_year=2023)
    make_notice(household, code="CP14", tax_year=2022)
    assert Case.objects.count() == 3
    assert set(Case.objects.values_list("stream_kind", flat=True)) == {"balance", "proposal"}


def test_the_database_allows_one_open_case_per_stream(household, make_notice):
    make_notice(household)
    case = Case.objects.get()
    duplicate = Case(
        client=household,
        stream_key=case.stream_key,
        stream_kind="balance",
        tax_year=2023,
        tax_form="1040",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    services.case_transition(
        actor=household.assigned_staff, case=case, name="resolve", reason="paid"
    )
    make_notice(household, code="CP501")  # the stream's old case is closed: a new one opens
    assert Case.objects.filter(stream_key=case.stream_key).count() == 2
    assert Case.objects.filter(stream_key=case.stream_key).exclude(state="resolved").count() == 1


def test_a_double_click_on_a_transition_is_harmless(household, make_notice):
    make_notice(household)
    case = Case.objects.get()
    staff = household.assigned_staff
    first = services.case_transition(
        actor=staff, case=case, name="start_review", expected_state=State.NEW
    )
    second = services.case_transition(
        actor=staff, case=case, name="start_review", expected_state=State.NEW
    )
    assert first.changed and not second.changed
    assert case.events.filter(kind=CaseEvent.Kind.TRANSITION).count() == 1
    assert AuditEvent.objects.filter(action="case.transition").count() == 1
    # A different change made meanwhile is a conflict, not a silent overwrite.
    with pytest.raises(services.CaseConflict):
        services.case_transition(actor=staff, case=case, name="release", expected_state=State.NEW)


def test_transitions_follow_the_table_and_need_a_reason_to_resolve(household, make_notice):
    make_notice(household)
    case = Case.objects.get()
    staff = household.assigned_staff
    with pytest.raises(TransitionNotAllowed):
        services.case_transition(actor=staff, case=case, name="mark_sent")
    with pytest.raises(TransitionNotAllowed):
        services.case_transition(actor=staff, case=case, name="resolve")
    services.case_transition(actor=staff, case=case, name="resolve", reason="abated")
    case.refresh_from_db()
    assert case.state == State.RESOLVED and case.resolution_reason == "abated"
    assert case.closed_at is not None
    with pytest.raises(TransitionNotAllowed):  # only partners reopen
        services.case_transition(actor=staff, case=case, name="reopen")


def test_claiming_takes_an_unassigned_case_and_never_steals_one(make_user, make_notice):
    household = ClientFactory()
    make_notice(household)
    case = Case.objects.get()
    assert case.assignee is None
    alice, bob = make_user(Role.STAFF), make_user(Role.STAFF)
    services.case_claim(actor=alice, case=case)
    case.refresh_from_db()
    assert case.assignee == alice and case.state == State.IN_REVIEW
    with pytest.raises(services.CaseConflict):
        services.case_claim(actor=bob, case=Case.objects.get())
    assert services.case_assign_bulk(actor=alice, cases=Case.objects.all(), assignee=bob) == 1
    assert Case.objects.get().assignee == bob


def test_staff_see_their_households_and_their_cases_only(make_user, household, make_notice):
    make_notice(household)
    other = make_user(Role.STAFF)
    partner = make_user(Role.PARTNER)
    case = Case.objects.get()
    assert list(Case.objects.visible_to(household.assigned_staff)) == [case]
    assert list(Case.objects.visible_to(other)) == []
    assert list(Case.objects.visible_to(partner)) == [case]
    services.case_assign(actor=partner, case=case, assignee=other)
    assert list(Case.objects.visible_to(other)) == [case]
    client_login = make_user(Role.CLIENT, client=household)
    assert list(Case.objects.visible_to(client_login)) == [case]
    assert list(Case.objects.visible_to(make_user(Role.CLIENT))) == []


def test_a_document_request_reaches_the_client_and_the_upload_resumes_review(
    household, make_notice, make_user, client, django_capture_on_commit_callbacks, eager_celery
):
    from tests.conftest import sign_in

    make_notice(household)
    case = Case.objects.get()
    staff = household.assigned_staff
    services.case_claim(actor=staff, case=case)
    login = make_user(Role.CLIENT, client=household)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.document_request_create(
            actor=staff, case=case, description="Bank statement showing the January payment"
        )
    case.refresh_from_db()
    assert case.state == State.WAITING_ON_CLIENT
    assert any("Bank statement" in m.body and login.email in m.to for m in mail.outbox)

    sign_in(client, login)
    page = client.get("/cases/requests/")
    assert page.status_code == 200 and b"Bank statement showing" in page.content
    bad = client.post(
        f"/cases/requests/{request.public_id}/upload/",
        {"file": SimpleUploadedFile("x.txt", b"hello")},
    )
    assert bad.status_code == 302
    assert DocumentRequest.objects.get().status == DocumentRequest.Status.OPEN
    ok = client.post(
        f"/cases/requests/{request.public_id}/upload/",
        {"file": SimpleUploadedFile("statement.pdf", text_pdf(["Bank statement"]))},
    )
    assert ok.status_code == 302
    request.refresh_from_db()
    case.refresh_from_db()
    assert request.status == DocumentRequest.Status.RECEIVED
    assert request.documents.get().kind == "pdf"
    assert case.state == State.IN_REVIEW

    # Another household's login gets a 404 for the same request.
    stranger = make_user(Role.CLIENT)
    sign_in(client, stranger)
    assert b"Bank statement" not in client.get("/cases/requests/").content
    again = client.post(
        f"/cases/requests/{request.public_id}/upload/",
        {"file": SimpleUploadedFile("s.pdf", text_pdf(["x"]))},
    )
    assert again.status_code == 404


def test_correcting_a_field_moves_the_case_and_is_audited(household, make_notice):
    notice = make_notice(household, notice_date=date(2025, 5, 1), pay_by=date(2025, 5, 22))
    case = Case.objects.get()
    staff = household.assigned_staff
    services.case_field_correct(
        actor=staff,
        case=case,
        notice=notice,
        name="pay_by_date",
        value="2025-05-29",
        reason="Stub shows the 29th",
    )
    services.case_field_correct(
        actor=staff, case=case, notice=notice, name="amount_due", value="999.99", reason=""
    )
    case.refresh_from_db()
    assert case.irs_deadline == date(2025, 5, 29)
    assert str(case.amount_due) == "999.99"
    assert AuditEvent.objects.filter(action="notice.field_correct").count() == 2
    assert case.events.filter(kind=CaseEvent.Kind.FIELD_CORRECTED).count() == 2


def test_the_follow_up_clock_starts_when_a_letter_is_sent():
    assert services.follow_up_date(date(2025, 1, 1)) == date(2025, 1, 1) + timedelta(days=30)
