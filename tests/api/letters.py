"""A final letter, made the real way (generate, render, submit, partner approval, packet,
final). The one place the API tests make one: when a gate is added before ``final`` (a
covering power of attorney), satisfy it here."""

from datetime import date
from decimal import Decimal

DISPUTE = {
    "issue": "not_applied",
    "paid_on": date(2025, 1, 10),
    "paid_amount": Decimal("1075.21"),
    "method": "IRS Direct Pay",
    "reference": "DP7Q2K9",
}


def final_letter(case, *, staff, partner):
    """Take the case (if nobody has), and carry a dispute letter through to final."""
    from cases import selectors as case_selectors
    from cases import services as case_services
    from cases.workflow import State
    from letters import services
    from poa.models import PowerOfAttorney
    from tests.factories import poa_on_file

    case.refresh_from_db()
    if not PowerOfAttorney.objects.filter(client=case.client, representatives__user=staff).exists():
        # The power-of-attorney gate: a 2848 naming the signer (the drafter) for this year.
        poa_on_file(case.client, staff, years=(case.tax_year, case.tax_year))
    if case.state == State.NEW:
        case_services.case_claim(actor=staff, case=case)
        case.refresh_from_db()
    refs = [c.ref for c in case_selectors.enclosure_choices(case)]  # the proof, the notice
    version = services.letter_generate(
        actor=staff, case=case, kind="dispute_paid", options=DISPUTE, enclosure_refs=refs
    )
    services.letter_render(version_id=version.pk)
    services.letter_submit(actor=staff, version=version)
    services.letter_approve(actor=partner, version=version)
    services.letter_render(version_id=version.pk)  # the packet
    services.letter_finalize(actor=staff, version=version)
    version.refresh_from_db()
    return version
