"""Done when: staff take a case, correct a field and draft a dispute letter in the admin; a
partner approves it in a second browser; the real worker renders the final packet, whose text
names the notice, the amount and the enclosures. PostgreSQL, Redis, `celery worker`, Chromium.
"""

import io
from datetime import date

import pdfplumber
import pytest

from accounts.roles import Role
from cases import services as case_services
from cases.models import Case
from cases.workflow import State
from letters import services
from letters.models import LetterVersion, RenderStatus, VersionStatus
from tests.conftest import PASSWORD_FOR_TESTS, current_code
from tests.letters_django.test_letter_services import DISPUTE, _payment_with_proof
from tests.support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]



def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _status(version: LetterVersion, field: str = "render_status") -> bool:
    version.refresh_from_db()
    return getattr(version, field) == RenderStatus.DONE


def test_the_worker_renders_a_letter_that_reads_back(worker, make_user, make_notice):
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF)
    household = ClientFactory(assigned_staff=staff)
    make_notice(household, with_file=True)
    case = Case.objects.get()
    case_services.case_claim(actor=staff, case=case)
    payment = _payment_with_proof(household)
    version = services.letter_generate(
        actor=staff,
        case=case,
        kind="dispute_paid",
        options=DISPUTE,
        enclosure_refs=[f"payment:{payment.pk}"],
    )
    wait_for(lambda: _status(version), timeout=30, what="the letter render")
    with version.pdf.open("rb") as f:
        text = pdf_text(f.read())
    assert "CP14" in text and "$1,075.21" in text
    assert "Confirmation page or e-mail" in text and "DP7Q2K9" in text
    assert version.render_ms is not None


def _sign_in(page, user) -> None:
    page.goto("/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD_FOR_TESTS)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Two-step sign-in").wait_for()
    page.get_by_label("6-digit code").fill(current_code())
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("navigation", name="Main").wait_for()


@pytest.mark.browser
def test_staff_draft_a_partner_approves_and_the_final_packet_reads_back(
    worker, page, browser, live_server, make_user, make_notice
):
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF, full_name="Sam Staff")
    partner = make_user(Role.PARTNER, full_name="Pat Partner")
    household = ClientFactory(
        assigned_staff=staff, primary_first_name="Jordan", primary_last_name="Example"
    )
    # The reader misread the amount (1015.21 for 1,075.21); the partner put the case back
    # in the queue.
    notice = make_notice(
        household,
        amount="1015.21",
        notice_date=date(2026, 1, 5),
        pay_by=date(2026, 1, 26),
        with_file=True,
    )
    case = Case.objects.get()
    case_services.case_assign(actor=partner, case=case, assignee=None)
    _payment_with_proof(household)
    from tests.factories import poa_on_file

    poa_on_file(household, staff)  # the letter gate itself: tests/poa_django

    # Staff: the queue, take the case, correct the amount, draft the dispute letter.
    _sign_in(page, staff)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Case queue").click()
    page.get_by_role("heading", name="Case queue").wait_for()
    page.get_by_role("link", name=f"#{case.pk}").click()
    page.get_by_role("button", name="Take this case").click()
    page.get_by_text("The case is yours.").wait_for()
    assert page.get_by_test_id("case-state").inner_text() == "In review"
    page.wait_for_function(
        "() => { const i = document.querySelector('.page-figure img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    page.get_by_role("row").filter(has_text="Amount due").first.hover()
    assert page.locator('.bbox.active[data-field="amount_due"]').count() == 1

    correct = page.locator(".correct-form")
    correct.get_by_label("Field", exact=True).select_option("amount_due")
    correct.get_by_label("Correct value").fill("1075.21")
    correct.get_by_label("Reason").fill("Amount on the stub")
    correct.get_by_role("button", name="Save correction").click()
    page.get_by_text("Corrected Amount due.").wait_for()
    assert page.get_by_test_id("field-amount_due").inner_text().startswith("1075.21")
    assert page.get_by_test_id("case-amount").inner_text() == "$1,075.21"

    generate = page.locator(".generate-form")
    generate.locator("select[name=kind]").select_option("dispute_paid")
    generate.get_by_label("What went wrong with the payment").select_option("not_applied")
    generate.get_by_label("Paid on (YYYY-MM-DD)").fill("2026-01-02")
    generate.get_by_label("Amount paid").fill("1075.21")
    generate.get_by_label("Paid by").fill("IRS Direct Pay")
    generate.get_by_label("Confirmation number").fill("DP7Q2K9")
    generate.get_by_label("Confirmation page or e-mail: IRS Direct Pay payment").check()
    generate.get_by_label("Copy of notice CP14").check()
    generate.get_by_role("button", name="Generate letter").click()
    row = page.get_by_test_id("letter-dispute_paid-v1")
    row.get_by_role("link", name="Letter").wait_for(timeout=30_000)
    row.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("Sent to the partners for approval.").wait_for()
    assert page.get_by_test_id("case-state").inner_text() == "Awaiting partner approval"
    assert page.get_by_role("button", name="Approve").count() == 0  # staff cannot approve

    # Partner, in a second browser context: approve, then mark final once the packet is built.
    context = browser.new_context(base_url=live_server.url)
    try:
        other = context.new_page()
        problems: list[str] = []
        other.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
        _sign_in(other, partner)
        other.goto(f"/admin/cases/case/{case.pk}/change/")
        other.get_by_role("button", name="Approve").click()
        other.get_by_text("Approved; the worker is building the final packet.").wait_for()
        # the case follows each approval step (issue 11, item 13)
        state = other.get_by_test_id("case-state")
        assert state.inner_text() == "Approved, final letter being prepared"
        other.get_by_role("button", name="Mark final").wait_for(timeout=30_000)
        other.get_by_role("button", name="Mark final").click()
        other.get_by_text("The letter is final.").wait_for()
        assert other.get_by_test_id("case-state").inner_text() == "Final, ready to send"
        with other.expect_download() as download:
            other.get_by_test_id("packet-link").click()
        packet = open(download.value.path(), "rb").read()  # noqa: SIM115
        sent = other.locator(".sent-form")
        sent.get_by_label("Tracking number").fill("9407 1000 0000 0000 0000 00")
        sent.get_by_role("button", name="Mark as sent").click()
        other.get_by_text("Marked as sent; the case now waits on the IRS.").wait_for()
        assert other.get_by_test_id("case-state").inner_text() == "Waiting on IRS"
        assert problems == []
    finally:
        context.close()

    version = LetterVersion.objects.get(status=VersionStatus.FINAL)
    assert version.approved_by == partner
    text = " ".join(pdf_text(packet).split())
    assert "CP14" in text and "January 5, 2026" in text and "Caller ID 105437" in text
    assert "$1,075.21" in text and "$1,015.21" not in text and "DP7Q2K9" in text
    assert "Enclosures" in text
    for label in version.enclosure_labels:
        assert label in text, label
    assert version.enclosure_labels[0].startswith("Form 2848, Power of Attorney")
    assert len(version.enclosure_labels) == 3 and version.packet_pages >= 4
    case.refresh_from_db()
    assert case.state == State.WAITING_ON_IRS and case.assignee == staff
    notice.refresh_from_db()
    assert str(notice.amount_due) == "1075.21"
    assert page.problems == []
