"""The plain-English letter to the client explaining the notice and the plan.

Pure Python (no Django). Split from :mod:`letters.content` (which re-exports
``client_explainer_letter``) because its words are for a taxpayer, not the IRS: what
the notice is, what we found, what we recommend, what we need, and the scam warning
from the IRS consumer alerts (DOMAIN.md section 7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from cases.streams import normalize_notice_code
from letters.parts import (
    LetterContent,
    Letterhead,
    LetterKind,
    NoticeFacts,
    Paragraph,
    Taxpayer,
    build_letter,
    format_date,
    format_money,
    notice_phrase,
)

__all__ = ["client_explainer_letter"]


_PLAIN = {
    "CP14": "This is the IRS's first bill for a balance on your return. It is not an audit.",
    "CP11": "The IRS changed your return to correct what it sees as a math error, and the "
    "change leaves a balance due. You have 60 days to dispute the change.",
    "CP12": "The IRS changed your return to correct what it sees as a math error; the change "
    "affects your refund. You have 60 days to dispute the change.",
    "CP501": "This is the IRS's first reminder that a balance is still unpaid.",
    "CP503": "This is the IRS's second reminder. The IRS warns that it may file a tax lien.",
    "CP504": "This is a notice of intent to levy: the IRS may take a state tax refund first, "
    "then other property, if the balance stays unpaid.",
    "LT11": "This is the IRS's final notice before a levy. You have 30 days from the notice "
    "date to ask for a Collection Due Process hearing.",
    "CP2000": "This is not a bill. The IRS compared your return with income reported by "
    "others and proposes changes; you may agree or explain why they are wrong.",
    "CP71": "This is the IRS's yearly reminder that a balance is still open.",
}
_PLAIN["LTR1058"] = _PLAIN["CP90"] = _PLAIN["LT11"]


def client_explainer_letter(
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    findings_summary: str,
    recommended_action: str,
    letter_date: date,
    client_needs: Sequence[str] = (),
    overrides: Mapping[str, str] | None = None,
) -> LetterContent:
    """A plain-English letter to the client: what the notice is, what we found, the plan."""
    code = normalize_notice_code(notice.code)
    owe = (
        f"The IRS proposes an additional {format_money(notice.amount_billed)}."
        if code == "CP2000"
        else f"The notice says you owe {format_money(notice.amount_billed)}."
    )
    when = f" The IRS date to act on it is {format_date(notice.due)}." if notice.due else ""
    paragraphs = [
        Paragraph(
            "what",
            f"You received {notice_phrase(notice)}. "
            + _PLAIN.get(code, "It is a letter from the IRS about your account.")
            + f" {owe}{when}",
            "What this notice is",
        ),
        Paragraph("found", findings_summary.strip(), "What we found"),
        Paragraph("plan", recommended_action.strip(), "What we recommend"),
    ]
    if client_needs:
        paragraphs.append(
            Paragraph(
                "needs", "\n".join(f"• {n.strip()}" for n in client_needs), "What we need from you"
            )
        )
    if code != "CP2000":
        paragraphs.append(
            Paragraph(
                "interest",
                "Interest and penalties keep growing on an unpaid balance until it is paid, "
                "even under a payment plan.",
            )
        )
    paragraphs.append(
        Paragraph(
            "scam",
            "The IRS never asks for payment by gift card, prepaid card, cryptocurrency, wire "
            "transfer or payment app, and never threatens arrest. If anyone contacts you that "
            "way about this notice, call us before doing anything.",
        )
    )
    if not findings_summary.strip() or not recommended_action.strip():
        raise ValueError("The client letter needs what we found and what we recommend.")
    return build_letter(
        LetterKind.CLIENT_EXPLAINER,
        letterhead=letterhead,
        taxpayer=taxpayer,
        notice=notice,
        letter_date=letter_date,
        subject=f"Your IRS notice {notice.code} for {notice.tax_year}: what it means and our plan",
        paragraphs=paragraphs,
        enclosures=(),
        overrides=overrides,
        to_client=True,
    )
