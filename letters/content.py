"""Letter builders: plain case facts in, editable :class:`LetterContent` out.

Pure Python (no Django). Each builder names the notice, tax year and form, masked
SSN and amounts the way DOMAIN.md section 6 asks a dispute letter to, and returns
(key, text) paragraphs that staff may override by key (``overrides=`` here, or
``LetterContent.with_overrides`` later). Layout lives in templates/letters/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from cases.streams import normalize_notice_code
from letters.client_letter import client_explainer_letter
from letters.parts import (
    Cp2000Item,
    Cp2000Position,
    FullSSNRefused,
    LetterContent,
    Letterhead,
    LetterKind,
    NoticeFacts,
    Paragraph,
    PaymentFinding,
    PaymentIssue,
    PlanKind,
    ReliefRoute,
    Taxpayer,
    assert_no_full_ssn,
    build_letter,
    format_date,
    format_money,
    notice_phrase,
    on_behalf_of,
)

__all__ = [
    "Cp2000Item",
    "Cp2000Position",
    "FullSSNRefused",
    "LetterContent",
    "LetterKind",
    "Letterhead",
    "NoticeFacts",
    "Paragraph",
    "PaymentFinding",
    "PaymentIssue",
    "PlanKind",
    "ReliefRoute",
    "Taxpayer",
    "assert_no_full_ssn",
    "client_explainer_letter",
    "cp2000_response_letter",
    "dispute_paid_letter",
    "format_date",
    "format_money",
    "payment_plan_cover_letter",
    "penalty_relief_letter",
]

Overrides = Mapping[str, str] | None


def _is_cp2000(n: NoticeFacts) -> bool:
    return normalize_notice_code(n.code) == "CP2000"


# ----------------------------------------------------------------- dispute (paid)


def _finding_text(f: PaymentFinding, tp: Taxpayer, n: NoticeFacts) -> str:
    ref = f" (confirmation {f.reference})" if f.reference else ""
    paid = (
        f"On {format_date(f.paid_on)}, {format_money(f.amount)} was paid by {f.method}{ref} "
        f"toward the {n.tax_year} {n.form_label}."
    )
    detail = {
        PaymentIssue.NOT_APPLIED: "This payment is not credited on the notice.",
        PaymentIssue.SPOUSE_SSN: (
            "The payment was made under the spouse's Social Security number"
            + (f" (ending {f.spouse_last4})" if f.spouse_last4 else "")
            + " rather than the primary taxpayer's. It belongs to this joint account."
        ),
        PaymentIssue.WRONG_YEAR: (
            f"The payment was designated to {f.applied_to or 'another tax year'} instead of "
            f"tax year {n.tax_year}."
        ),
        PaymentIssue.WRONG_FORM: (
            f"The payment was applied to {f.applied_to or 'another form'} instead of "
            f"the {n.form_label} account."
        ),
        PaymentIssue.WITH_RETURN: (
            "The payment was sent with the return and does not yet appear on the account."
        ),
        PaymentIssue.NOT_POSTED: (
            "The payment had not posted to the account when the notice was issued."
        ),
    }[f.issue]
    shown = (
        f" The IRS account transcript shows the {f.transcript_line}." if f.transcript_line else ""
    )
    return f"{paid} {detail}{shown} Proof enclosed: {f.proof}."


def dispute_paid_letter(
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    findings: Sequence[PaymentFinding],
    enclosures: Sequence[str],
    letter_date: date,
    request: str = "",
    overrides: Overrides = None,
) -> LetterContent:
    """Dispute a balance that was already paid or misapplied, with payment evidence."""
    if _is_cp2000(notice):
        raise ValueError("A CP2000 is a proposal, not a bill; use cp2000_response_letter.")
    if not findings:
        raise ValueError("A dispute letter needs at least one payment finding.")
    if not enclosures:
        raise ValueError("A dispute letter needs its proof listed as enclosures.")
    total = sum((f.amount for f in findings), Decimal("0"))
    covers = total >= notice.amount_billed
    paragraphs = [
        Paragraph(
            "opening",
            f"We write on behalf of {on_behalf_of(taxpayer)}, about "
            f"{notice_phrase(notice)}, which shows an amount due of "
            f"{format_money(notice.amount_billed)}. The amount billed does not reflect "
            "payments that were made.",
        ),
        *(
            Paragraph(
                f"basis_{i}",
                _finding_text(f, taxpayer, notice),
                "Basis for this request" if i == 1 else "",
            )
            for i, f in enumerate(findings, start=1)
        ),
        Paragraph(
            "summary",
            f"In total, {format_money(total)} in payments is missing from the account, "
            + (
                "which covers the amount billed in full."
                if covers
                else f"against the {format_money(notice.amount_billed)} billed."
            ),
        ),
        Paragraph(
            "request",
            request
            or (
                f"Please apply the payment{'s' if len(findings) > 1 else ''} described above "
                f"to the {notice.tax_year} {notice.form_label} account, remove any penalty "
                "and interest that resulted, and send a corrected notice"
                + (" showing no balance due." if covers else ".")
            ),
            "Request",
        ),
    ]
    return build_letter(
        LetterKind.DISPUTE_PAID,
        letterhead=letterhead,
        taxpayer=taxpayer,
        notice=notice,
        letter_date=letter_date,
        subject=f"Request to apply payments: notice {notice.code}, tax year {notice.tax_year}",
        paragraphs=paragraphs,
        enclosures=enclosures,
        overrides=overrides,
    )


# -------------------------------------------------------------- penalty relief


def penalty_relief_letter(
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    route: ReliefRoute,
    penalties: Sequence[tuple[str, Decimal]],
    letter_date: date,
    enclosures: Sequence[str] = (),
    payment_status: str = "the tax shown is paid or under a payment plan",
    facts: str = "",
    transcript_lines: Sequence[str] = (),
    overrides: Overrides = None,
) -> LetterContent:
    """First-Time Abate or reasonable-cause request for the penalties on a notice.

    ``transcript_lines`` cite the account transcript: the penalty assessments and, for FTA,
    the clean prior years.

    FTA needs no story, only the three conditions (DOMAIN.md section 5); reasonable
    cause is nothing without the facts, so ``facts`` is required for that route.
    """
    if not penalties:
        raise ValueError("List the penalties to abate.")
    if route is ReliefRoute.REASONABLE_CAUSE and not facts.strip():
        raise ValueError("A reasonable-cause request needs the facts.")
    total = sum((amount for _, amount in penalties), Decimal("0"))
    listed = "; ".join(f"{name} {format_money(amount)}" for name, amount in penalties)
    if route is ReliefRoute.FIRST_TIME_ABATE:
        basis = (
            "We request First-Time Abatement. The taxpayer had no penalties in the three "
            f"tax years before {notice.tax_year}, has filed all currently required returns, "
            f"and {payment_status}."
        )
    else:
        basis = (
            f"We request relief for reasonable cause. {facts.strip()} Despite ordinary "
            "business care and prudence, the taxpayer could not comply on time."
        )
    paragraphs = [
        Paragraph(
            "opening",
            f"We write on behalf of {on_behalf_of(taxpayer)}, to request relief from the penalties "
            f"on {notice_phrase(notice)}.",
        ),
        Paragraph("penalties", f"The penalties are: {listed}; {format_money(total)} in total."),
        Paragraph("basis", basis, "Basis for relief"),
        *(
            [
                Paragraph(
                    "transcript",
                    "The IRS account transcripts show: " + "; ".join(transcript_lines) + ".",
                )
            ]
            if transcript_lines
            else []
        ),
        Paragraph(
            "request",
            "Please abate the penalties listed above and the interest charged on them, "
            "and send a corrected notice.",
            "Request",
        ),
    ]
    kind = "First-Time Abate" if route is ReliefRoute.FIRST_TIME_ABATE else "Reasonable cause"
    return build_letter(
        LetterKind.PENALTY_RELIEF,
        letterhead=letterhead,
        taxpayer=taxpayer,
        notice=notice,
        letter_date=letter_date,
        subject=f"Penalty relief request ({kind}): notice {notice.code}, "
        f"tax year {notice.tax_year}",
        paragraphs=paragraphs,
        enclosures=enclosures,
        overrides=overrides,
    )


# ---------------------------------------------------------------- payment plan


def payment_plan_cover_letter(
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    plan: PlanKind,
    letter_date: date,
    enclosures: Sequence[str] = (),
    monthly_amount: Decimal | None = None,
    payment_day: int | None = None,
    overrides: Overrides = None,
) -> LetterContent:
    """Cover letter for a short-term plan or an installment agreement request."""
    if plan is PlanKind.INSTALLMENT_AGREEMENT:
        if monthly_amount is None or monthly_amount <= 0:
            raise ValueError("An installment agreement needs a positive monthly amount.")
        if payment_day is not None and not 1 <= payment_day <= 28:
            raise ValueError("payment_day must be between 1 and 28.")
        day = f" on day {payment_day} of each month" if payment_day else " each month"
        terms = (
            f"The taxpayer proposes to pay {format_money(monthly_amount)}{day} until the "
            "balance is paid."
        )
        what = "an installment agreement"
    else:
        terms = "The taxpayer asks for up to 180 days to pay the balance in full."
        what = "a short-term payment plan"
    paragraphs = [
        Paragraph(
            "opening",
            f"We write on behalf of {on_behalf_of(taxpayer)}, to request {what} for the balance of "
            f"{format_money(notice.amount_billed)} shown on {notice_phrase(notice)}.",
        ),
        Paragraph("terms", terms, "Proposed terms"),
        Paragraph(
            "request",
            "Please approve the plan and hold enforced collection while the request is considered.",
            "Request",
        ),
    ]
    return build_letter(
        LetterKind.PAYMENT_PLAN,
        letterhead=letterhead,
        taxpayer=taxpayer,
        notice=notice,
        letter_date=letter_date,
        subject=f"Payment plan request: notice {notice.code}, tax year {notice.tax_year}",
        paragraphs=paragraphs,
        enclosures=enclosures,
        overrides=overrides,
    )


# -------------------------------------------------------------------- CP2000

_POSITION_TEXT = {
    Cp2000Position.AGREE: "The taxpayer agrees with the proposed changes.",
    Cp2000Position.PARTIAL: (
        "The taxpayer agrees with part of the proposed changes and disagrees with the items below."
    ),
    Cp2000Position.DISAGREE: "The taxpayer disagrees with the proposed changes, for the "
    "reasons below.",
}


def cp2000_response_letter(
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    position: Cp2000Position,
    letter_date: date,
    enclosures: Sequence[str],
    items: Sequence[Cp2000Item] = (),
    overrides: Overrides = None,
) -> LetterContent:
    """Cover letter for the CP2000 response form: a reply to a proposal, never a payment."""
    if not _is_cp2000(notice):
        raise ValueError("cp2000_response_letter is for CP2000 notices only.")
    if position is not Cp2000Position.AGREE and not items:
        raise ValueError("Say which items are disputed and why.")
    due = f" The response date on the notice is {format_date(notice.due)}." if notice.due else ""
    paragraphs = [
        Paragraph(
            "opening",
            f"We write on behalf of {on_behalf_of(taxpayer)}, in response to "
            f"{notice_phrase(notice)}, which proposes changes and an amount due of "
            f"{format_money(notice.amount_billed)}.{due}",
        ),
        Paragraph("position", _POSITION_TEXT[position], "Our response"),
        *(
            Paragraph(
                f"item_{i}",
                f"{item.description}: {item.explanation}",
                "Items in question" if i == 1 else "",
            )
            for i, item in enumerate(items, start=1)
        ),
        Paragraph(
            "request",
            "Please process the agreed changes as shown on the signed response form."
            if position is Cp2000Position.AGREE
            else "Please review the explanation and enclosed documents and revise the "
            "proposed changes accordingly.",
            "Request",
        ),
    ]
    return build_letter(
        LetterKind.CP2000_RESPONSE,
        letterhead=letterhead,
        taxpayer=taxpayer,
        notice=notice,
        letter_date=letter_date,
        subject=f"Response to notice CP2000, tax year {notice.tax_year}",
        paragraphs=paragraphs,
        enclosures=enclosures,
        overrides=overrides,
        amount_label="Proposed amount due",
    )
