"""The data types of letter content and the pieces every letter shares.

Pure Python (no Django). Split from :mod:`letters.content` (the builders) to keep
each module small; import from ``letters.content``, which re-exports these.

A builder turns plain facts from a case into a :class:`LetterContent`; staff then
edit paragraphs by key (``with_overrides``) before the HTML template lays them out.
Keeping words apart from layout means an edited paragraph survives a template change,
and every version can be stored as JSON.

Every string that reaches a letter is checked for a full SSN/ITIN: letters show the
last four digits only (IRS Pub 4557; SECURITY.md "never store or log a full SSN").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

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
    "build_letter",
    "format_date",
    "format_money",
    "notice_phrase",
    "on_behalf_of",
]

# 123-45-6789, 123 45 6789, 123.45.6789 or 9 bare digits, not inside a longer number.
_FULL_SSN_RE = re.compile(r"(?<![\d-])(?:\d{3}([-. ])\d{2}\1\d{4}|\d{9})(?![\d-])")


class FullSSNRefused(ValueError):
    """A letter field holds what looks like a full SSN/ITIN. The value is never echoed."""


def assert_no_full_ssn(*texts: str, where: str = "letter") -> None:
    for text in texts:
        if _FULL_SSN_RE.search(text):
            raise FullSSNRefused(
                f"A full SSN-like number was found in the {where}; use the last 4 digits only."
            )


def format_money(amount: Decimal) -> str:
    """'$1,075.21'; Decimal only, because a float would print cents wrong."""
    if not isinstance(amount, Decimal):
        raise TypeError("amounts must be Decimal")
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount).quantize(Decimal('0.01')):,}"


def format_date(day: date) -> str:
    """'January 30, 2018', the long form the IRS prints."""
    return f"{day:%B} {day.day}, {day.year}"


class LetterKind(StrEnum):
    DISPUTE_PAID = "dispute_paid"
    PENALTY_RELIEF = "penalty_relief"
    PAYMENT_PLAN = "payment_plan"
    CP2000_RESPONSE = "cp2000_response"
    CLIENT_EXPLAINER = "client_explainer"


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: tuple[str, ...]
    phone: str = ""
    email: str = ""
    website: str = ""
    signer_name: str = ""
    signer_title: str = ""


@dataclass(frozen=True)
class Taxpayer:
    names: tuple[str, ...]
    ssn_last4: str
    address: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}", self.ssn_last4):
            raise ValueError("ssn_last4 must be exactly the last 4 digits.")
        if not self.names or not all(n.strip() for n in self.names):
            raise ValueError("At least one taxpayer name is required.")

    @property
    def display_name(self) -> str:
        return " and ".join(self.names)

    @property
    def masked_ssn(self) -> str:
        return f"XXX-XX-{self.ssn_last4}"


@dataclass(frozen=True)
class NoticeFacts:
    code: str  # as printed, e.g. "CP14"
    notice_date: date
    tax_year: int
    tax_form: str  # "1040"
    amount_billed: Decimal
    due: date | None = None
    irs_address: tuple[str, ...] = ()  # reply address from the payment stub
    caller_id: str = ""

    @property
    def form_label(self) -> str:
        form = self.tax_form.strip()
        return form if form.lower().startswith("form") else f"Form {form}"


class PaymentIssue(StrEnum):
    """Why a payment is missing from the notice (DOMAIN.md section 6, 'Already paid')."""

    NOT_APPLIED = "not_applied"
    SPOUSE_SSN = "spouse_ssn"
    WRONG_YEAR = "wrong_year"
    WRONG_FORM = "wrong_form"
    WITH_RETURN = "with_return"
    NOT_POSTED = "not_posted"


@dataclass(frozen=True)
class PaymentFinding:
    issue: PaymentIssue
    paid_on: date
    amount: Decimal
    method: str  # "IRS Direct Pay", "check no. 1042", "EFTPS"
    proof: str  # what is enclosed, e.g. "Direct Pay confirmation and bank statement"
    reference: str = ""  # confirmation number
    spouse_last4: str = ""
    applied_to: str = ""  # where it went instead: "tax year 2022", "Form 941"
    # The IRS account transcript line that shows it, e.g. "payment of $3,500.00 on
    # 04-15-2024, posted to XXX-XX-5678, tax period 2023 (TC 670, cycle 20241705)".
    transcript_line: str = ""


class ReliefRoute(StrEnum):
    FIRST_TIME_ABATE = "first_time_abate"
    REASONABLE_CAUSE = "reasonable_cause"


class PlanKind(StrEnum):
    SHORT_TERM = "short_term"
    INSTALLMENT_AGREEMENT = "installment_agreement"


class Cp2000Position(StrEnum):
    AGREE = "agree"
    PARTIAL = "partial"
    DISAGREE = "disagree"


@dataclass(frozen=True)
class Cp2000Item:
    description: str  # "Form 1099-B from Example Brokerage"
    explanation: str  # "Cost basis of $9,800 was not reported to the IRS."


@dataclass(frozen=True)
class Paragraph:
    key: str
    text: str
    heading: str = ""


@dataclass(frozen=True)
class LetterContent:
    """Everything a template needs; no markup, so it is safe to store and to edit."""

    kind: LetterKind
    letter_date: date
    letterhead: Letterhead
    recipient: tuple[str, ...]
    reference: tuple[tuple[str, str], ...]
    subject: str
    salutation: str
    paragraphs: tuple[Paragraph, ...]
    closing: str
    signature: tuple[str, ...]
    enclosures: tuple[str, ...]
    running_head: str
    delivery: str = ""

    def __post_init__(self) -> None:
        assert_no_full_ssn(*_strings(self))
        keys = [p.key for p in self.paragraphs]
        if len(keys) != len(set(keys)):
            raise ValueError("Paragraph keys must be unique.")

    @property
    def paragraph_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.paragraphs)

    def with_overrides(self, overrides: Mapping[str, str] | None) -> LetterContent:
        """Staff edits by paragraph key; an empty text removes the paragraph.

        An unknown key is an error, so an edit is never silently lost after a
        template's keys change.
        """
        if not overrides:
            return self
        unknown = set(overrides) - set(self.paragraph_keys)
        if unknown:
            raise KeyError(f"Unknown paragraph keys: {', '.join(sorted(unknown))}")
        kept = tuple(
            replace(p, text=overrides.get(p.key, p.text).strip())
            for p in self.paragraphs
            if overrides.get(p.key, p.text).strip()
        )
        return replace(self, paragraphs=kept)

    def as_context(self) -> dict[str, Any]:
        """What the print template reads, with the date already in long form."""
        return {
            "kind": self.kind.value,
            "letter_date": format_date(self.letter_date),
            "letterhead": self.letterhead,
            "recipient": self.recipient,
            "reference": self.reference,
            "subject": self.subject,
            "salutation": self.salutation,
            "paragraphs": self.paragraphs,
            "closing": self.closing,
            "signature": self.signature,
            "enclosures": self.enclosures,
            "running_head": self.running_head,
            "delivery": self.delivery,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict, so each generated or edited version can be stored as is."""
        return {
            **asdict(self),
            "kind": self.kind.value,
            "letter_date": self.letter_date.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LetterContent:
        """Inverse of :meth:`to_dict`; re-runs the SSN scan on stored data."""
        return cls(
            kind=LetterKind(data["kind"]),
            letter_date=date.fromisoformat(data["letter_date"]),
            letterhead=Letterhead(
                **{**data["letterhead"], "address": tuple(data["letterhead"]["address"])}
            ),
            recipient=tuple(data["recipient"]),
            reference=tuple((label, value) for label, value in data["reference"]),
            subject=data["subject"],
            salutation=data["salutation"],
            paragraphs=tuple(Paragraph(**p) for p in data["paragraphs"]),
            closing=data["closing"],
            signature=tuple(data["signature"]),
            enclosures=tuple(data["enclosures"]),
            running_head=data["running_head"],
            delivery=data.get("delivery", ""),
        )


def _strings(obj: Any) -> Iterable[str]:
    """Every string inside a (nested) dataclass/tuple, for the SSN scan."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _strings(item)
    elif hasattr(obj, "__dataclass_fields__"):
        for f in fields(obj):
            yield from _strings(getattr(obj, f.name))


# ------------------------------------------------------------------ shared pieces


def _reference(tp: Taxpayer, n: NoticeFacts, amount_label: str) -> tuple[tuple[str, str], ...]:
    rows = [
        ("Taxpayer", tp.display_name),
        ("SSN", tp.masked_ssn),
        ("Tax year", str(n.tax_year)),
        ("Form", n.form_label.removeprefix("Form ")),
        ("Notice", n.code),
        ("Notice date", format_date(n.notice_date)),
        (amount_label, format_money(n.amount_billed)),
    ]
    if n.caller_id:
        rows.append(("Caller ID", n.caller_id))
    return tuple(rows)


def _running_head(tp: Taxpayer, n: NoticeFacts) -> str:
    return f"{tp.display_name} · SSN {tp.masked_ssn} · {n.code} · {n.tax_year} {n.form_label}"


def _signature(lh: Letterhead) -> tuple[str, ...]:
    return tuple(s for s in (lh.signer_name, lh.signer_title, lh.name) if s)


def _contact(lh: Letterhead) -> Paragraph:
    how = " or ".join(x for x in (lh.phone, lh.email) if x)
    who = lh.signer_name or "the undersigned"
    text = f"If you need anything further, please contact {who}" + (f" at {how}." if how else ".")
    return Paragraph("contact", text)


def notice_phrase(n: NoticeFacts) -> str:
    """'the CP14 notice dated January 30, 2018 for tax year 2017, Form 1040'."""
    return (
        f"the {n.code} notice dated {format_date(n.notice_date)} for tax year "
        f"{n.tax_year}, {n.form_label}"
    )


def on_behalf_of(tp: Taxpayer) -> str:
    return f"our client{'s' if len(tp.names) > 1 else ''}, {tp.display_name}"


def _irs_recipient(n: NoticeFacts) -> tuple[str, ...]:
    if not n.irs_address:
        raise ValueError("The IRS reply address from the notice's payment stub is required.")
    return n.irs_address


def build_letter(
    kind: LetterKind,
    *,
    letterhead: Letterhead,
    taxpayer: Taxpayer,
    notice: NoticeFacts,
    letter_date: date,
    subject: str,
    paragraphs: Sequence[Paragraph],
    enclosures: Sequence[str],
    overrides: Mapping[str, str] | None,
    to_client: bool = False,
    amount_label: str = "Amount billed",
    delivery: str = "Certified mail, return receipt requested",
) -> LetterContent:
    content = LetterContent(
        kind=kind,
        letter_date=letter_date,
        letterhead=letterhead,
        recipient=(taxpayer.display_name, *taxpayer.address)
        if to_client
        else _irs_recipient(notice),
        reference=_reference(taxpayer, notice, amount_label),
        subject=subject,
        salutation=f"Dear {taxpayer.display_name}," if to_client else "Dear Sir or Madam:",
        paragraphs=(*paragraphs, _contact(letterhead)),
        closing="Sincerely," if to_client else "Respectfully,",
        signature=_signature(letterhead),
        enclosures=tuple(e.strip() for e in enclosures if e.strip()),
        running_head=_running_head(taxpayer, notice),
        delivery="" if to_client else delivery,
    )
    return content.with_overrides(overrides)
