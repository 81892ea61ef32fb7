"""Real parts: the daily job in a `celery worker` process, and the dashboard in Chromium."""

import csv
import email
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.conftest import PASSWORD_FOR_TESTS, current_code
from tests.support import celery_worker, wait_for, worker_env

pytestmark = pytest.mark.django_db(transaction=True)

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def _messages(folder: Path) -> list:
    """Every message the file backend wrote (one file per connection, '-' * 79 between)."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_text().split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                found.append(email.message_from_string(chunk.strip()))
    return found


@pytest.mark.services
def test_the_daily_reminder_job_runs_in_a_real_worker_and_sends_each_email_once(
    firm, make_user, tmp_path
):
    from cases.models import DocumentRequest
    from dashboard.tasks import reminders_daily_task
    from notifications.tasks import email_send_task
    from tests.factories import poa_on_file

    poa_on_file(firm.household, firm.alice, years=(2023, 2023), with_copy=False)
    login = make_user(Role.CLIENT, client=firm.household, email="hana@example.test")
    request = DocumentRequest.objects.create(
        case=firm.cases[2], client=firm.household, description="Bank statement for January"
    )
    DocumentRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    outbox = tmp_path / "mail"
    env = worker_env(TAXHAUZ_EMAIL_BACKEND=FILE_BACKEND, TAXHAUZ_EMAIL_FILE_PATH=str(outbox))
    with celery_worker(env, log_path=tmp_path / "worker.log"):
        reminders_daily_task.delay(firm.today.isoformat())
        wait_for(lambda: len(_messages(outbox)) >= 4, timeout=60, what="four reminder e-mails")
        # Run the job again, then a marker: one worker child takes them in order.
        reminders_daily_task.delay(firm.today.isoformat())
        email_send_task.delay(to=["marker@example.test"], subject="marker", body="done")
        wait_for(
            lambda: any(m["To"] == "marker@example.test" for m in _messages(outbox)),
            timeout=60,
            what="the marker e-mail",
        )
    log = (tmp_path / "worker.log").read_text()
    assert "dashboard.reminders_daily" in log and "Traceback" not in log
    sent = {m["To"]: m for m in _messages(outbox)}
    assert sorted(m["To"] for m in _messages(outbox)) == sorted(
        [firm.alice.email, firm.bob.email, firm.partner.email, login.email, "marker@example.test"]
    )
    client_mail = sent[login.email].get_payload()
    assert "Bank statement for January" in client_mail
    assert "/email/unsubscribe/" in client_mail
    assert sent[firm.partner.email]["Subject"].startswith("[Taxhauz] Firm deadlines: 2 overdue")


@pytest.mark.browser
def test_a_partner_signs_in_sees_the_dashboard_clicks_through_and_exports_csv(page, firm):
    page.goto("/")
    page.get_by_label("Email address").fill(firm.partner.email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name="Deadline dashboard").wait_for()

    overdue = page.get_by_test_id("bucket-overdue")
    assert overdue.locator(".dash-count").inner_text() == "2"
    assert overdue.locator(".dash-amount").inner_text() == "$3,500.50"
    staff = page.get_by_test_id("staff-table")
    assert "Alice Archer" in staff.inner_text()
    assert page.locator("svg.chart").count() == 4

    overdue.locator(".dash-count").click()
    page.wait_for_url("**/admin/cases/case/?urgency=overdue")
    assert page.locator("#result_list tbody tr").count() == 2
    assert "CP501" in page.locator("#result_list").inner_text()

    page.go_back()
    page.get_by_role("heading", name="Deadline dashboard").wait_for()
    page.get_by_label("Notice type").select_option("CP14")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_test_id("bucket-open").filter(has_text="2").wait_for()
    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    download = info.value
    assert download.suggested_filename.startswith("open-cases-")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text())))
    assert [r["notice"] for r in rows] == ["CP14", "CP14"]
    assert rows[0]["household"] == "Hana Hill"
    assert page.problems == []
