"""Letter services on PostgreSQL: versions, partner approval, final immutability, packet."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from django.core.files.base import ContentFile

from accounts.roles import Role
from audit.models import AuditEvent, Outcome
from cases import selectors as case_selectors
from cases import services as case_services
from cases.models import Case
from cases.workflow import State
from letters import services
from letters.models import LetterImmutable, LetterVersion, RenderStatus, VersionStatus
from tests.cases_django.conftest import proof_png

pytestmark = pytest.mark.django_db

DISPUTE = {
    "issue": "not_applied",
    "paid_on": date(2025, 1, 10),
    "paid_amount": Decimal("1075.21"),
    "method": "IRS Direct Pay",
    "reference": "DP7Q2K9",
}


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _payment_with_proof(client):
    from records.models import Payment

    payment = Payment(
        client=client,
        tax_year=2023,
        form="1040",
        date=date(2025, 1, 10),
        amount=Decimal("1075.21"),
        method="direct_pay",
        confirmation_or_check_number="DP7Q2K9",
        source="staff",
        proof_kind="confirmation",
        proof_name="direct-pay.png",
        proof_type="png",
    )
    payment.proof.save("p", ContentFile(proof_png()), save=False)
    payment.save()
    return payment


@pytest.fixture
def case_in_review(household, make_notice):
    make_notice(household, with_file=True)
    case = Case.objects.get()
    case_services.case_claim(actor=household.assigned_staff, case=case)
    case.refresh_from_db()
    return case


def _generate(case, refs):
    return services.letter_generate(
        actor=case.assignee, case=case, kind="dispute_paid", options=DISPUTE, enclosure_refs=refs
    )


def test_generate_edit_approve_final_and_send(case_in_review, make_user):
    from tests.factories import poa_on_file

    case = case_in_review
    staff = case.assignee
    poa = poa_on_file(case.client, staff)
    payment = _payment_with_proof(case.client)
    choices = case_selectors.enclosure_choices(case)
    refs = [c.ref for c in choices if c.ref.startswith(("payment:", "notice:"))]
    assert f"payment:{payment.pk}" in refs

    v1 = _generate(case, refs)
    case.refresh_from_db()
    assert case.state == State.LETTER_DRAFTED
    # The covering 2848 is enclosed first, and the letter is signed by the drafter.
    assert v1.enclosures[0]["ref"] == f"poa:{poa.pk}" and v1.signer == staff
    assert v1.status == VersionStatus.DRAFT and v1.number == 1
    services.letter_render(version_id=v1.pk)
    v1.refresh_from_db()
    assert v1.render_status == RenderStatus.DONE and v1.pdf

    v2 = services.letter_version_edit(
        actor=staff, version=v1, overrides={"summary": "The payment covers the bill in full."}
    )
    v1.refresh_from_db()
    assert v2.number == 2 and v1.status == VersionStatus.SUPERSEDED
    assert v2.overrides == {"summary": "The payment covers the bill in full."}
    services.letter_render(version_id=v2.pk)

    services.letter_submit(actor=staff, version=v2)
    services.letter_submit(actor=staff, version=v2)  # a double click changes nothing
    case.refresh_from_db()
    assert case.state == State.AWAITING_APPROVAL

    with pytest.raises(services.LetterRuleBroken):
        services.letter_approve(actor=staff, version=v2)
    assert AuditEvent.objects.filter(action="letter.approve", outcome=Outcome.DENIED).exists()
    with pytest.raises(services.LetterRuleBroken):
        services.letter_finalize(actor=staff, version=v2)

    partner = make_user(Role.PARTNER)
    assert _awaiting_approval_count(partner) == 1
    services.letter_approve(actor=partner, version=v2)
    v2.refresh_from_db()
    assert v2.status == VersionStatus.APPROVED and v2.approved_by == partner
    case.refresh_from_db()  # the case follows the letter at each step (issue 11, item 13)
    assert case.state == State.APPROVED and case.get_state_display() != "Awaiting partner approval"
    assert _awaiting_approval_count(partner) == 0
    with pytest.raises(services.LetterRuleBroken):  # the packet is not built yet
        services.letter_finalize(actor=staff, version=v2)
    services.letter_render(version_id=v2.pk)
    v2.refresh_from_db()
    assert v2.packet_status == RenderStatus.DONE and v2.packet_pages >= 3

    services.letter_finalize(actor=staff, version=v2)
    v2.refresh_from_db()
    assert v2.is_final
    case.refresh_from_db()
    assert case.state == State.READY_TO_SEND
    assert case.get_state_display() == "Final, ready to send"
    with v2.packet.open("rb") as f:
        text = pdf_text(f.read())
    assert "CP14" in text and "$1,075.21" in text and "DP7Q2K9" in text
    for label in v2.enclosure_labels:
        assert label.split(" (")[0].split(":")[0] in text.replace("\n", " ")

    # Final means final: the model and the services refuse any change.
    v2.content = {**v2.content, "subject": "changed"}
    with pytest.raises(LetterImmutable):
        v2.save()
    with pytest.raises((services.LetterRuleBroken, LetterImmutable)):
        services.letter_version_edit(
            actor=staff, version=LetterVersion.objects.get(pk=v2.pk), overrides={"summary": "x"}
        )
    with pytest.raises(LetterImmutable):
        services.letter_submit(actor=staff, version=v2)
    assert services.letter_render(version_id=v2.pk).is_final  # re-delivered task: no change

    with pytest.raises(services.LetterRuleBroken):
        services.letter_mark_sent(
            actor=staff, version=v2, method="mail", tracking_number="", sent_on=date(2025, 2, 1)
        )
    services.letter_mark_sent(
        actor=staff,
        version=v2,
        method="mail",
        tracking_number="9407 1000 0000 0000 0000 00",
        sent_on=date(2025, 2, 1),
    )
    case.refresh_from_db()
    assert case.state == State.WAITING_ON_IRS
    assert case.follow_up_on == date(2025, 3, 3)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "letter.generate",
        "letter.edit",
        "letter.submit",
        "letter.approve",
        "letter.finalize",
        "letter.sent",
        "case.transition",
    } <= actions


def test_a_letter_to_the_irs_needs_the_case_in_review(household, make_notice):
    make_notice(household)
    case = Case.objects.get()
    with pytest.raises(services.LetterRuleBroken):
        services.letter_generate(
            actor=household.assigned_staff,
            case=case,
            kind="dispute_paid",
            options=DISPUTE,
            enclosure_refs=[],
        )


def test_an_enclosure_must_belong_to_the_household(case_in_review):
    with pytest.raises(services.LetterRuleBroken):
        _generate(case_in_review, ["document:999999"])


def _awaiting_approval_count(partner) -> int:
    from dashboard.selectors import dashboard_figures
    from dashboard.selectors.figures import Filters

    figures = dashboard_figures(user=partner, filters=Filters())
    return next(f for f in figures.waiting if f.key == "awaiting_approval").count


def test_a_partner_can_send_a_letter_back(
    case_in_review, make_user, django_capture_on_commit_callbacks, eager_celery
):
    from django.conf import settings
    from django.core import mail

    from cases.models import CaseEvent

    case = case_in_review
    refs = [c.ref for c in case_selectors.enclosure_choices(case)]
    version = _generate(case, refs)
    services.letter_submit(actor=case.assignee, version=version)
    partner = make_user(Role.PARTNER)
    with pytest.raises(services.LetterRuleBroken):  # a comment says what to change
        services.letter_request_changes(actor=partner, version=version, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_request_changes(
            actor=partner, version=version, note="Soften the tone of paragraph 2"
        )
    version.refresh_from_db()
    case.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert case.state == State.LETTER_DRAFTED
    # the comment reaches the author by e-mail, with an absolute link, and shows on the case
    [message] = [m for m in mail.outbox if m.to == [case.assignee.email]]
    assert "Soften the tone of paragraph 2" in message.body
    link = settings.PORTAL_URL.rstrip("/") + f"/admin/cases/case/{case.pk}/change/"
    assert link in message.body and "://" in link
    assert (
        CaseEvent.objects.filter(case=case, summary__contains="Soften the tone of paragraph 2")
        .filter(summary__contains="Soften the tone of paragraph 2")
        .exists()
    )


def test_a_redelivered_render_task_leaves_one_pdf(case_in_review):
    payment = _payment_with_proof(case_in_review.client)
    version = _generate(case_in_review, [f"payment:{payment.pk}"])
    services.letter_render(version_id=version.pk)
    version.refresh_from_db()
    first_name, first_ms = version.pdf.name, version.render_ms
    folder = str(Path(first_name).parent)
    files_before = set(version.pdf.storage.listdir(folder)[1])
    services.letter_render(version_id=version.pk)  # the same task delivered again
    version.refresh_from_db()
    assert version.render_status == RenderStatus.DONE
    assert (version.pdf.name, version.render_ms) == (first_name, first_ms)
    assert set(version.pdf.storage.listdir(folder)[1]) == files_before


def test_a_failed_render_is_retried_automatically_and_the_retry_renders_it(
    case_in_review, monkeypatch, settings
):
    """The first render fails (a timeout under load); Celery's retry renders the letter.
    Only when every attempt failed is the version marked failed, for staff to retry."""
    from letters.render import RenderTimeout
    from letters.tasks import letter_render_task

    real = services._render_letter
    calls = []

    def flaky(content):
        calls.append(1)
        if len(calls) == 1:
            raise RenderTimeout("render took longer than 30 s")
        return real(content)

    monkeypatch.setattr(services, "_render_letter", flaky)
    payment = _payment_with_proof(case_in_review.client)
    version = _generate(case_in_review, [f"payment:{payment.pk}"])
    letter_render_task.apply(args=[version.pk])  # the worker's run, retries included
    version.refresh_from_db()
    assert len(calls) == 2
    assert version.render_status == RenderStatus.DONE and version.pdf

    def always_fails(content):
        calls.append(1)
        raise RenderTimeout("render took longer than 30 s")

    monkeypatch.setattr(services, "_render_letter", always_fails)
    calls.clear()
    broken = services.letter_version_edit(
        actor=case_in_review.assignee, version=version, overrides={"summary": "Edited."}
    )
    letter_render_task.apply(args=[broken.pk])
    broken.refresh_from_db()
    assert len(calls) == letter_render_task.max_retries + 1
    assert broken.render_status == RenderStatus.FAILED
    assert "RenderTimeout" in broken.render_error
