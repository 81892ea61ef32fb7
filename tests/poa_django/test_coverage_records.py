"""Coverage answers kept per case, the queue's filter and column, the admin's rules for a
form, and the staff tasks the daily job raises."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from audit.models import AuditEvent
from cases.models import Case
from poa.models import CaseCoverage, PoaMatter, PoaTask, PowerOfAttorney
from poa.services import poa_tasks_raise
from tests.conftest import sign_in
from tests.factories import poa_on_file, signed_2848_pdf

pytestmark = pytest.mark.django_db


def test_a_new_case_gets_its_coverage_answer_and_a_new_form_updates_it(household, make_notice):
    make_notice(household)
    case = Case.objects.get()
    answer = CaseCoverage.objects.get(case=case)
    assert not answer.covered and "No power of attorney" in answer.reason
    poa = poa_on_file(household, household.assigned_staff)
    answer.refresh_from_db()
    assert answer.covered and answer.covering == [poa.pk]


def test_a_household_that_starts_filing_jointly_needs_the_spouses_2848(household, make_notice):
    make_notice(household)
    poa_on_file(household, household.assigned_staff)
    household.filing_status = "mfj"
    household.spouse_first_name = "Casey"
    household.spouse_ssn_last4 = "4321"
    household.save()
    answer = CaseCoverage.objects.get()
    assert not answer.covered and "Casey" in answer.reason


def test_the_queue_filters_and_marks_cases_without_coverage(
    client, household, make_notice, make_user
):
    from tests.factories import ClientFactory

    covered_home = ClientFactory(assigned_staff=household.assigned_staff)
    make_notice(household, caller_id="111111")
    make_notice(covered_home, caller_id="222222")
    poa_on_file(covered_home, household.assigned_staff)
    partner = make_user(Role.PARTNER)
    sign_in(client, partner)
    missing = client.get("/admin/cases/case/?poa=missing").content.decode()
    assert household.display_name in missing and covered_home.display_name not in missing
    covered = client.get("/admin/cases/case/?poa=covered").content.decode()
    assert covered_home.display_name in covered and household.display_name not in covered
    assert "✗ none" in missing and "✓ 2848" in covered


def _admin_post(client, household, staff, **overrides):
    data = {
        "client": household.pk,
        "form": "2848",
        "taxpayer": "primary",
        "representatives": [],
        "signed_on": "2025-03-01",
        "received_on": "2025-03-10",
        "matters-TOTAL_FORMS": "1",
        "matters-INITIAL_FORMS": "0",
        "matters-MIN_NUM_FORMS": "1",
        "matters-MAX_NUM_FORMS": "1000",
        "matters-0-tax_type": "Income",
        "matters-0-form_number": "1040",
        "matters-0-first_year": "2021",
        "matters-0-last_year": "2030",
        "_save": "Save",
    }
    data.update(overrides)
    return client.post("/admin/poa/powerofattorney/add/", data, follow=True)


def test_the_admin_refuses_a_2848_without_a_representative(client, household):
    from poa.models import Designation, Representative

    staff = household.assigned_staff
    Representative.objects.create(user=staff, designation=Designation.ENROLLED_AGENT)
    sign_in(client, staff)
    response = _admin_post(client, household, staff)
    assert "at least one representative" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


def test_the_admin_records_a_form_with_its_copy_warns_and_audits(client, household, make_notice):
    from poa.models import Designation, Representative

    make_notice(household)
    staff = household.assigned_staff
    rep = Representative.objects.create(user=staff, designation=Designation.ENROLLED_AGENT)
    sign_in(client, staff)
    copy = SimpleUploadedFile("2848.pdf", signed_2848_pdf())
    response = _admin_post(client, household, staff, representatives=[rep.pk], signed_copy=copy)
    text = response.content.decode()
    assert "years after 2027" in text  # the three-year warning
    poa = PowerOfAttorney.objects.get()
    assert poa.copy and poa.copy_kind == "pdf" and poa.created_by == staff
    assert PoaMatter.objects.get().last_year == 2030
    assert AuditEvent.objects.filter(action="poa.add").exists()
    assert CaseCoverage.objects.get().covered
    download = client.get(f"/admin/poa/powerofattorney/{poa.pk}/copy/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]


def test_a_text_file_is_refused_as_a_signed_copy(client, household):
    from poa.models import Designation, Representative

    staff = household.assigned_staff
    rep = Representative.objects.create(user=staff, designation=Designation.CPA)
    sign_in(client, staff)
    copy = SimpleUploadedFile("2848.pdf", b"just some text, not a form")
    response = _admin_post(client, household, staff, representatives=[rep.pk], signed_copy=copy)
    assert "not a PDF or a photo" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


def test_another_households_form_is_not_visible(client, household, make_user):
    from tests.factories import ClientFactory

    theirs = poa_on_file(ClientFactory(), make_user(Role.STAFF))
    sign_in(client, household.assigned_staff)  # sees only their assigned households
    assert client.get(f"/admin/poa/powerofattorney/{theirs.pk}/copy/").status_code == 404
    assert client.get(f"/admin/poa/powerofattorney/{theirs.pk}/change/").status_code in (302, 404)


def test_the_daily_job_raises_each_task_once(household):
    staff = household.assigned_staff
    poa_on_file(household, staff, years=(2023, 2025), received_on=date(2025, 3, 10))
    revoked = poa_on_file(
        household, staff, years=(2024, 2024), tax_form="941", revoked_on=date(2025, 12, 1)
    )
    assert poa_tasks_raise(today=date(2025, 12, 10)) == 2
    assert poa_tasks_raise(today=date(2025, 12, 11)) == 0
    tasks = {t.kind: t for t in PoaTask.objects.all()}
    assert tasks["revoked"].poa == revoked and tasks["revoked"].assignee == staff
    assert "December 31, 2025" in tasks["expiring"].summary


def test_the_dashboard_counts_open_cases_without_coverage(household, make_notice, make_user):
    from dashboard.selectors import Filters, dashboard_figures
    from tests.factories import ClientFactory

    covered_home = ClientFactory(assigned_staff=household.assigned_staff)
    make_notice(household, caller_id="111111", amount="100.00")
    make_notice(covered_home, caller_id="222222", amount="250.00")
    poa_on_file(covered_home, household.assigned_staff)
    figures = dashboard_figures(user=make_user(Role.PARTNER), filters=Filters())
    no_poa = next(f for f in figures.waiting if f.key == "no_poa")
    assert (no_poa.count, str(no_poa.amount)) == (1, "100.00")
    assert no_poa.url.endswith("poa=missing")


def test_the_daily_job_asks_the_client_to_sign_every_few_days_until_covered(
    household, make_notice, make_user, eager_celery, django_capture_on_commit_callbacks
):
    from django.core import mail

    from dashboard.services import reminders_send_daily

    login = make_user(Role.CLIENT, client=household, email="jordan@client.example")
    notice = make_notice(household)

    def run(day):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send_daily(today=day)
        return [
            m for m in mail.outbox if m.to == [login.email] and "power of attorney" in m.subject
        ]

    (first,) = run(date(2026, 2, 2))
    assert "Form 2848, signed by" in first.body and "Form 1040, tax year 2023" in first.body
    assert f"/notices/{notice.public_id}/" in first.body and "/email/unsubscribe/" in first.body
    assert run(date(2026, 2, 3)) == []  # every three days, not daily
    assert len(run(date(2026, 2, 5))) == 1
    poa_on_file(household, household.assigned_staff, years=(2023, 2023))
    assert run(date(2026, 2, 9)) == []  # covered now: no more asking


def test_the_clients_notice_page_says_a_signature_is_needed(
    client, household, make_notice, make_user
):
    login = make_user(Role.CLIENT, client=household)
    notice = make_notice(household)
    sign_in(client, login)
    page = client.get(f"/notices/{notice.public_id}/").content.decode()
    assert "We need your signature" in page and "Form 2848" in page
    poa_on_file(household, household.assigned_staff, years=(2023, 2023), with_copy=False)
    assert (
        "We need your signature" not in client.get(f"/notices/{notice.public_id}/").content.decode()
    )


def test_the_staff_start_page_shows_poa_tasks_triage_and_uncovered_cases(
    client, household, make_notice
):
    from mailintake.models import InboundMessage, Mailbox

    make_notice(household)
    staff = household.assigned_staff
    poa_on_file(household, staff, years=(2023, 2023), tax_form="941", revoked_on=date(2025, 12, 1))
    poa_tasks_raise(today=date(2025, 12, 10))
    box = Mailbox.objects.create(
        name="m", host="127.0.0.1", username="u", password_setting="TAXHAUZ_IMAP_PASSWORD_X"
    )
    InboundMessage.objects.create(mailbox=box, key="k" * 64, status="triage", sender="a@b.c")
    sign_in(client, staff)
    page = client.get("/cases/", follow=True).content.decode()  # the queue, with today above
    assert "1 open case</a> without a covering Form 2848" in page
    assert "was revoked on December 1, 2025" in page
    assert "1 e-mail</a> could not be matched" in page
