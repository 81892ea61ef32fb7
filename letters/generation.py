"""Case data -> the pure letter builders' inputs -> ``LetterContent``.

The one place that reads Django models to fill ``Letterhead``, ``Taxpayer`` and
``NoticeFacts``; the builders in :mod:`letters.content` stay pure. Options come from the
staff form (already cleaned), so nothing here parses user input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings

from letters import content as c

PENALTY_NAMES = {
    "failure_to_file_penalty": "Failure-to-file penalty",
    "failure_to_pay_penalty": "Failure-to-pay penalty",
    "estimated_tax_penalty": "Failure-to-pay estimated tax penalty",
}


def signer_lines(signer) -> tuple[str, str]:
    """(name, title) under the signature: the signing user, with their 2848 designation
    when they are a representative; the practice's configured signer otherwise."""
    if signer is None:
        return getattr(settings, "PRACTICE_SIGNER", ""), getattr(
            settings, "PRACTICE_SIGNER_TITLE", ""
        )
    rep = getattr(signer, "representative", None)
    title = rep.title if rep is not None else ""
    if rep is not None and rep.caf_number:
        title = f"{title}, CAF No. {rep.caf_number}" if title else f"CAF No. {rep.caf_number}"
    return signer.full_name or signer.email, title


def letterhead(signer=None) -> c.Letterhead:
    lines = tuple(getattr(settings, "PRACTICE_ADDRESS_LINES", ()) or ("",))
    name, title = signer_lines(signer)
    return c.Letterhead(
        name=settings.PRACTICE_NAME,
        address=tuple(x for x in lines if x),
        phone=getattr(settings, "PRACTICE_PHONE", ""),
        email=settings.PRACTICE_EMAIL,
        signer_name=name,
        signer_title=title,
    )


def taxpayer_for(client, notice) -> c.Taxpayer:
    names = [f"{client.primary_first_name} {client.primary_last_name}".strip()]
    if client.spouse_first_name:
        names.append(
            f"{client.spouse_first_name} {client.spouse_last_name or client.primary_last_name}"
        )
    address = [
        client.address_line1,
        client.address_line2,
        f"{client.city}, {client.state} {client.zip_code}",
    ]
    last4 = notice.ssn_last4 if notice is not None and notice.ssn_last4 else ""
    return c.Taxpayer(
        names=tuple(names),
        ssn_last4=last4 or client.primary_ssn_last4,
        address=tuple(a for a in address if a.strip()),
    )


def notice_facts(case, notice) -> c.NoticeFacts:
    if notice is None or notice.amount_due is None or notice.notice_date is None:
        raise ValueError("The case's notice has no amount or notice date yet; correct it first.")
    return c.NoticeFacts(
        code=notice.notice_type or case.notice_code,
        notice_date=notice.notice_date,
        tax_year=notice.tax_year or case.tax_year,
        tax_form=notice.tax_form or case.tax_form,
        amount_billed=Decimal(notice.amount_due),
        due=notice.pay_by_date,
        irs_address=tuple(x.strip() for x in notice.irs_reply_address.splitlines() if x.strip()),
        caller_id=notice.caller_id,
    )


def penalties_from(notice) -> list[tuple[str, Decimal]]:
    summary = notice.billing_summary or {}
    return [
        (label, Decimal(str(summary[key])))
        for key, label in PENALTY_NAMES.items()
        if key in summary and Decimal(str(summary[key])) > 0
    ]


def transcript_citations(notice) -> dict:
    """Transcript lines the notice's current reconciliation cites, by finding code."""
    from records.models import Reconciliation

    current = Reconciliation.objects.filter(notice=notice, is_current=True).first()
    found: dict[str, list[tuple[list, list]]] = {}
    for f in current.result.get("findings", []) if current else []:
        if f.get("citations"):
            found.setdefault(f["code"], []).append((f.get("evidence", []), f["citations"]))
    return found


def payment_citation(cited: dict, paid_on: date, amount: Decimal) -> str:
    """The transcript line for one payment (its label opens the finding's evidence)."""
    label = f"{Decimal(amount):,.2f} on {paid_on.isoformat()}"
    for code in (
        "transcript_payment_spouse_module",
        "transcript_payment_other_period",
        "transcript_payment_posted_after_notice",
        "transcript_payment_pending",
        "transcript_payment_found",
    ):
        for evidence, citations in cited.get(code, []):
            if evidence and str(evidence[0]).startswith(label):
                return citations[0]
    return ""


def build_content(
    *,
    kind: str,
    case,
    notice,
    options: Mapping[str, Any],
    enclosures: Sequence[str],
    letter_date: date,
    signer=None,
) -> c.LetterContent:
    """Build the letter of ``kind`` for the case; raises ValueError with a staff message."""
    head = letterhead(signer)
    taxpayer = taxpayer_for(case.client, notice)
    facts = notice_facts(case, notice)
    kind = c.LetterKind(kind)
    cited = transcript_citations(notice) if notice is not None else {}
    if kind is c.LetterKind.DISPUTE_PAID:
        finding = c.PaymentFinding(
            issue=c.PaymentIssue(options["issue"]),
            paid_on=options["paid_on"],
            amount=options["paid_amount"],
            method=options["method"],
            proof="; ".join(enclosures) or options.get("proof", ""),
            reference=options.get("reference", ""),
            spouse_last4=options.get("spouse_last4", ""),
            applied_to=options.get("applied_to", ""),
            transcript_line=payment_citation(cited, options["paid_on"], options["paid_amount"]),
        )
        return c.dispute_paid_letter(
            letterhead=head,
            taxpayer=taxpayer,
            notice=facts,
            findings=[finding],
            enclosures=enclosures,
            letter_date=letter_date,
        )
    if kind is c.LetterKind.PENALTY_RELIEF:
        return c.penalty_relief_letter(
            letterhead=head,
            taxpayer=taxpayer,
            notice=facts,
            route=c.ReliefRoute(options.get("route") or c.ReliefRoute.FIRST_TIME_ABATE),
            penalties=penalties_from(notice),
            letter_date=letter_date,
            enclosures=enclosures,
            facts=options.get("facts", ""),
            transcript_lines=list(
                dict.fromkeys(
                    line
                    for code in ("transcript_penalties_assessed", "transcript_first_time_abate")
                    for _evidence, citations in cited.get(code, [])
                    for line in citations
                )
            )[:8],
        )
    if kind is c.LetterKind.PAYMENT_PLAN:
        return c.payment_plan_cover_letter(
            letterhead=head,
            taxpayer=taxpayer,
            notice=facts,
            plan=c.PlanKind(options.get("plan") or c.PlanKind.SHORT_TERM),
            letter_date=letter_date,
            enclosures=enclosures,
            monthly_amount=options.get("monthly_amount"),
            payment_day=options.get("payment_day"),
        )
    if kind is c.LetterKind.CP2000_RESPONSE:
        items = [
            c.Cp2000Item(*(part.strip() for part in line.split(":", 1)))
            for line in (options.get("items") or "").splitlines()
            if ":" in line
        ]
        return c.cp2000_response_letter(
            letterhead=head,
            taxpayer=taxpayer,
            notice=facts,
            position=c.Cp2000Position(options.get("position") or c.Cp2000Position.DISAGREE),
            letter_date=letter_date,
            enclosures=enclosures,
            items=items,
        )
    return c.client_explainer_letter(
        letterhead=head,
        taxpayer=taxpayer,
        notice=facts,
        findings_summary=options.get("findings_summary", ""),
        recommended_action=options.get("recommended_action", ""),
        letter_date=letter_date,
    )
