"""The whole path with real parts: PostgreSQL, Redis, a `celery worker` process, Chromium."""

import time

import pytest

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from notices.services import notice_upload
from tests.conftest import PASSWORD_FOR_TESTS
from tests.support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _status(notice: Notice) -> str:
    notice.refresh_from_db()
    return notice.status if notice.is_final else ""


@pytest.mark.parametrize("item_id", ["bd09", "sc00", "ph00", "ph02", "br_encrypted"])
def test_the_worker_reads_born_digital_scans_photos_and_refuses_broken_files(
    worker, corpus, household_for, make_user, item_id
):
    record = corpus.record(item_id)
    household = household_for(record)
    user = make_user(Role.CLIENT, client=household)
    notice = notice_upload(actor=user, client=household, files=corpus.uploads(item_id)).notice
    wait_for(lambda: _status(notice), timeout=90, what=f"{item_id} to be read")
    expected = record["expected"]
    if not expected["ok"]:
        assert notice.status == NoticeStatus.NEEDS_ATTENTION
        assert notice.error_code == expected["error_code"]
        return
    assert notice.status == NoticeStatus.READ
    assert str(notice.amount_due) == expected["amount_due"]
    assert notice.notice_type == expected["notice_type"]
    assert notice.used_ocr == expected["ocr"]
    # One stored page per page of the files (PDF pages, one per photo), numbered 1..n.
    pages = expected["page_total_printed"]
    assert list(notice.pages.values_list("number", flat=True)) == list(range(1, pages + 1))
    assert notice.page_count == pages
    # The worker goes on to draw each page's preview for the staff case page.
    from cases.models import NoticePageImage

    drawn = NoticePageImage.objects.filter(notice=notice, error="").exclude(image="")
    wait_for(lambda: drawn.count() == pages, timeout=60, what="the page previews")


@pytest.mark.browser
def test_a_client_uploads_in_the_browser_and_sees_the_summary_appear(
    worker, page, corpus, household_for, make_user
):
    record = corpus.record("bd10")
    household = household_for(record)
    user = make_user(Role.CLIENT, client=household)
    page.goto("/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My notices").wait_for()
    page.get_by_label("Drop the PDF or photos here").set_input_files(
        [str(p) for p in corpus.paths("bd10")]
    )
    started = time.monotonic()
    page.get_by_role("button", name="Upload notice").click()
    heading = page.get_by_test_id("status")
    heading.filter(has_text="This is notice").wait_for(timeout=30_000)
    elapsed = time.monotonic() - started
    expected = record["expected"]
    amount = f"${float(expected['amount_due']):,.2f}"
    assert page.get_by_test_id("amount").inner_text() == amount
    assert "Is it genuine?" in page.content()
    print(f"upload to summary: {elapsed:.2f} s")
    assert elapsed < 15

    # A broken file: the client sees what to do.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My notices").click()
    page.get_by_label("Drop the PDF or photos here").set_input_files(
        [str(p) for p in corpus.paths("br_encrypted")]
    )
    page.get_by_role("button", name="Upload notice").click()
    page.get_by_test_id("status").filter(has_text="password-protected").wait_for(timeout=30_000)
    assert page.problems == []
