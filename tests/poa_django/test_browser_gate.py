"""Done when: a browser shows a letter blocked without a covering 2848, allowed with one,
and the 2848 enclosed in the packet. PostgreSQL, Redis, `celery worker`, Chromium."""

import io
from datetime import date

import pdfplumber
import pytest

from accounts.roles import Role
from cases import services as case_services
from cases.models import Case
from letters.models import LetterVersion, VersionStatus
from poa.models import Designation, PowerOfAttorney, Representative
from tests.factories import signed_2848_pdf
from tests.letters_django.test_end_to_end import _sign_in
from tests.letters_django.test_letter_services import _payment_with_proof

pytestmark = [pytest.mark.services, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def _draft_and_submit(page, case) -> None:
    page.goto(f"/admin/cases/case/{case.pk}/change/")
    generate = page.locator(".generate-form")
    page.evaluate("document.querySelector('details.generate').open = true")
    generate.locator("select[name=kind]").select_option("dispute_paid")
    generate.get_by_label("What went wrong with the payment").select_option("not_applied")
    generate.get_by_label("Paid on (YYYY-MM-DD)").fill("2026-01-02")
    generate.get_by_label("Amount paid").fill("1075.21")
    generate.get_by_label("Paid by").fill("IRS Direct Pay")
    generate.get_by_label("Confirmation page or e-mail: IRS Direct Pay payment").check()
    generate.get_by_role("button", name="Generate letter").click()
    count = LetterVersion.objects.count()
    row = page.get_by_test_id(f"letter-dispute_paid-v{count}")
    row.get_by_role("link", name="Letter").wait_for(timeout=30_000)
    row.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("Sent to the partners for approval.").wait_for()


def _approve(other, case, number: int):
    other.goto(f"/admin/cases/case/{case.pk}/change/")
    row = other.get_by_test_id(f"letter-dispute_paid-v{number}")
    row.get_by_role("button", name="Approve").click()
    other.get_by_text("Approved; the worker is building the final packet.").wait_for()
    row = other.get_by_test_id(f"letter-dispute_paid-v{number}")
    row.get_by_role("button", name="Mark final").wait_for(timeout=30_000)
    return row


def test_a_letter_is_blocked_without_a_2848_and_goes_with_one_enclosed(
    worker, page, browser, live_server, make_user, make_notice, tmp_path
):
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF, full_name="Sam Staff")
    partner = make_user(Role.PARTNER, full_name="Pat Partner")
    Representative.objects.create(user=staff, designation=Designation.CPA, caf_number="0301-12345R")
    household = ClientFactory(
        assigned_staff=staff, primary_first_name="Jordan", primary_last_name="Example"
    )
    make_notice(household, notice_date=date(2026, 1, 5), pay_by=date(2026, 1, 26), with_file=True)
    case = Case.objects.get()
    case_services.case_claim(actor=staff, case=case)
    _payment_with_proof(household)

    # Staff draft a letter and send it to the partners; no 2848 is on file.
    _sign_in(page, staff)
    _draft_and_submit(page, case)
    coverage = page.get_by_test_id("poa-coverage")
    assert "Not covered" in coverage.inner_text()
    assert "No power of attorney is on file for Jordan Example" in coverage.inner_text()

    context = browser.new_context(base_url=live_server.url)
    try:
        other = context.new_page()
        _sign_in(other, partner)
        # The partner sees why the gate is closed, and marking final is refused.
        row = _approve(other, case, 1)
        gate = row.get_by_test_id("poa-gate")
        assert "POA gate closed" in gate.inner_text()
        assert "No power of attorney is on file for Jordan Example" in gate.inner_text()
        row.get_by_role("button", name="Mark final").click()
        other.get_by_text("No power of attorney lets this letter go").wait_for()
        assert LetterVersion.objects.get(number=1).status == VersionStatus.APPROVED

        # Staff record the signed 2848 from the case page, with its copy.
        copy = tmp_path / "2848-signed.pdf"
        copy.write_bytes(signed_2848_pdf("Signed by Jordan Example"))
        page.goto(f"/admin/cases/case/{case.pk}/change/")
        page.get_by_role("link", name="Record a signed form").click()
        page.locator("#id_representatives").select_option(label=str(staff.representative))
        page.locator("#id_signed_on").fill("2025-03-01")
        page.locator("#id_received_on").fill("2025-03-10")
        page.locator("#id_matters-0-tax_type").fill("Income")
        page.locator("#id_matters-0-form_number").fill("1040")
        page.locator("#id_matters-0-first_year").fill("2021")
        page.locator("#id_matters-0-last_year").fill("2024")
        page.locator("#id_signed_copy").set_input_files(str(copy))
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("was added successfully").wait_for()
        poa = PowerOfAttorney.objects.get()
        assert poa.client == household and poa.copy

        # The old version's packet has no 2848: the partner is told to draft again.
        other.goto(f"/admin/cases/case/{case.pk}/change/")
        gate = other.get_by_test_id("letter-dispute_paid-v1").get_by_test_id("poa-gate")
        assert "generate a new version" in gate.inner_text()
        other.locator(".case-actions").get_by_role("button", name="Request changes").click()
        other.get_by_text("Case updated.").wait_for()

        _draft_and_submit(page, case)
        assert "Covered" in page.get_by_test_id("poa-coverage").inner_text()
        row = _approve(other, case, 2)
        assert "POA gate open" in row.get_by_test_id("poa-gate").inner_text()
        row.get_by_role("button", name="Mark final").click()
        other.get_by_text("The letter is final.").wait_for()
        with other.expect_download() as download:
            other.get_by_test_id("letter-dispute_paid-v2").get_by_test_id("packet-link").click()
        packet = open(download.value.path(), "rb").read()  # noqa: SIM115
    finally:
        context.close()

    text = pdf_text(packet)
    assert "Form 2848, Power of Attorney and Declaration of Representative" in text
    assert "Signed by Jordan Example" in text  # the enclosed signed copy itself
    assert "Sam Staff" in text and "Certified Public Accountant" in text  # the signer
    version = LetterVersion.objects.get(status=VersionStatus.FINAL)
    assert version.number == 2 and version.enclosures[0]["ref"] == f"poa:{poa.pk}"
    assert page.problems == []
