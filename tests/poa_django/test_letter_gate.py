"""The POA gate on PostgreSQL: a letter to the IRS is final only with a covering 2848
naming its signer and enclosed in its packet, or with a partner's reasoned override."""

import io
from datetime import date

import pdfplumber
import pytest

from accounts.roles import Role
from audit.models import AuditEvent, Outcome
from cases import services as case_services
from cases.models import Case
from letters import services
from letters.models import VersionStatus
from letters.poa_gate import GateRefused, letter_poa_gate, letter_poa_override
from tests.factories import poa_on_file
from tests.letters_django.test_letter_services import DISPUTE, _payment_with_proof

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.fixture
def case(household, make_notice):
    make_notice(household, with_file=True)
    found = Case.objects.get()
    case_services.case_claim(actor=household.assigned_staff, case=found)
    found.refresh_from_db()
    return found


def approved(case, partner, *, signer=None):
    """Draft, render, submit, approve and build the packet: ready to be marked final."""
    payment = _payment_with_proof(case.client)
    version = services.letter_generate(
        actor=case.assignee,
        case=case,
        kind="dispute_paid",
        options=DISPUTE,
        enclosure_refs=[f"payment:{payment.pk}"],
        signer=signer,
    )
    services.letter_render(version_id=version.pk)
    services.letter_submit(actor=case.assignee, version=version)
    services.letter_approve(actor=partner, version=version)
    services.letter_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.packet
    return version


def refused(version, partner) -> str:
    with pytest.raises(services.LetterRuleBroken) as caught:
        services.letter_finalize(actor=partner, version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED
    return str(caught.value)


def test_without_a_2848_the_letter_cannot_be_final_and_the_refusal_is_audited(case, make_user):
    partner = make_user(Role.PARTNER)
    version = approved(case, partner)
    message = refused(version, partner)
    assert "No power of attorney is on file for" in message
    denied = AuditEvent.objects.get(action="letter.finalize", outcome=Outcome.DENIED)
    assert "No power of attorney" in denied.detail["poa"]


def test_an_8821_does_not_open_the_gate(case, make_user):
    partner = make_user(Role.PARTNER)
    poa_on_file(case.client, case.assignee, form="8821")
    version = approved(case, partner)
    assert "see information, not represent" in refused(version, partner)


def test_the_2848_must_name_the_letters_signer(case, make_user):
    partner = make_user(Role.PARTNER, full_name="Pat Partner")
    other = make_user(Role.STAFF, full_name="Olive Other")
    poa_on_file(case.client, other)
    version = approved(case, partner)  # signed by the assigned staff member
    assert f"names Olive Other, not {case.assignee.full_name}" in refused(version, partner)


def test_a_2848_recorded_after_drafting_needs_a_new_version(case, make_user):
    partner = make_user(Role.PARTNER)
    version = approved(case, partner)
    poa_on_file(case.client, case.assignee)
    assert "generate a new version" in refused(version, partner)


def test_a_2848_without_its_signed_copy_keeps_the_gate_closed(case, make_user):
    partner = make_user(Role.PARTNER)
    poa_on_file(case.client, case.assignee, with_copy=False)
    version = approved(case, partner)
    assert "no signed copy on file" in refused(version, partner)


def test_with_a_covering_2848_the_packet_encloses_it_and_the_letter_lists_it(case, make_user):
    partner = make_user(Role.PARTNER)
    poa = poa_on_file(case.client, case.assignee, received_on=date(2025, 3, 10))
    version = approved(case, partner)
    assert letter_poa_gate(version).open
    services.letter_finalize(actor=partner, version=version)
    version.refresh_from_db()
    assert version.is_final
    with version.packet.open("rb") as f:
        text = pdf_text(f.read())
    label = "Form 2848, Power of Attorney and Declaration of Representative (received by the IRS"
    assert label in text  # listed among the letter's enclosures
    assert "Signed copy" in text and str(case.client) in text  # the copy itself
    assert version.enclosures[0]["ref"] == f"poa:{poa.pk}"
    final = AuditEvent.objects.get(action="letter.finalize", outcome=Outcome.SUCCESS)
    assert final.detail["poa"] == "open" and final.detail["poa_forms"] == [poa.pk]


def test_a_partner_records_a_reasoned_override_which_is_audited(case, make_user):
    partner = make_user(Role.PARTNER)
    version = approved(case, partner)
    with pytest.raises(GateRefused):  # staff cannot override
        letter_poa_override(actor=case.assignee, version=version, reason="x" * 40)
    assert AuditEvent.objects.filter(action="letter.poa_override", outcome=Outcome.DENIED).exists()
    with pytest.raises(GateRefused):  # a reason is required
        letter_poa_override(actor=partner, version=version, reason="because")
    reason = "Client is abroad; the 2848 was faxed to the CAF unit on Monday."
    letter_poa_override(actor=partner, version=version, reason=reason)
    gate = letter_poa_gate(version)
    assert gate.open and gate.overridden and reason in gate.reason
    services.letter_finalize(actor=partner, version=version)
    override = AuditEvent.objects.get(action="letter.poa_override", outcome=Outcome.SUCCESS)
    assert override.detail["reason"] == reason and "No power of attorney" in override.detail["gate"]
    final = AuditEvent.objects.get(action="letter.finalize", outcome=Outcome.SUCCESS)
    assert final.detail["poa"] == "overridden" and final.detail["poa_override_reason"] == reason


def test_nothing_to_override_when_the_gate_is_open(case, make_user):
    partner = make_user(Role.PARTNER)
    poa_on_file(case.client, case.assignee)
    version = approved(case, partner)
    with pytest.raises(GateRefused):
        letter_poa_override(actor=partner, version=version, reason="x" * 40)


def test_a_letter_to_the_client_needs_no_power_of_attorney(case, make_user):
    version = services.letter_generate(
        actor=case.assignee,
        case=case,
        kind="client_explainer",
        options={"findings_summary": "Paid", "recommended_action": "Nothing"},
    )
    gate = letter_poa_gate(version)
    assert gate.open and not gate.needed
