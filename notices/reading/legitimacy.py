"""Scam signs from the IRS consumer alerts (DOMAIN.md section 7).

Suspicious needs a positive sign (a payment channel the IRS never demands, a threat,
a payee other than the United States Treasury, a phone number that is not the IRS's,
or no CP/LTR code). Genuine needs the marks a real notice carries (a code, a masked
SSN, the IRS as sender). Anything else is unknown: staff look, the client is not told
"scam" on weak evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .irs_data import (
    IRS_PHONES,
    SCAM_PAYMENT_CUES,
    SCAM_THREAT_CUES,
    SENDER_CUES,
    TOLL_FREE_PREFIXES,
    TREASURY_PAYEES,
)
from .layout import Line
from .parsing import find_phones, normalize_label


@dataclass(slots=True)
class Legitimacy:
    verdict: str  # genuine | suspicious | unknown
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "reasons": list(self.reasons)}


_PAYEE_RE = re.compile(r"payable to (?:the )?(?P<payee>[a-z0-9 '&]+)")


def _payees(norm_text: str) -> list[str]:
    out = []
    for m in _PAYEE_RE.finditer(norm_text):
        words = m.group("payee").split()[:4]
        out.append(" ".join(words))
    return out


def assess(lines: list[Line], *, notice_code: str | None, ssn_found: bool) -> Legitimacy:
    norm_text = " " + " ".join(ln.norm for ln in lines) + " "
    if len(norm_text.strip()) < 40:
        return Legitimacy("unknown", ["too little text to judge"])

    reasons: list[str] = []

    def cue(phrase: str) -> bool:
        return f" {normalize_label(phrase)} " in norm_text or (
            # prefixes such as "arrest" in "arrested" count too
            re.search(rf"\b{re.escape(normalize_label(phrase))}\w*", norm_text) is not None
        )

    for phrase, reason in SCAM_PAYMENT_CUES + SCAM_THREAT_CUES:
        if cue(phrase) and reason not in reasons:
            reasons.append(reason)
    if not notice_code:
        reasons.append("no CP or LTR notice code")
    for payee in _payees(norm_text):
        if not any(payee.startswith(t) for t in TREASURY_PAYEES):
            reasons.append(f"payee is not the United States Treasury ({payee})")
            break
    phones = [p for ln in lines for p, _ in find_phones(ln.text)]
    for phone in phones:
        if phone not in IRS_PHONES:
            kind = "toll-free " if phone.startswith(TOLL_FREE_PREFIXES) else ""
            reasons.append(f"{kind}phone number {phone} is not a known IRS number")
            break

    if reasons:
        return Legitimacy("suspicious", reasons)
    marks = []
    if not ssn_found:
        marks.append("no masked SSN")
    if not any(s in norm_text for s in SENDER_CUES):
        marks.append("sender is not shown as the Internal Revenue Service")
    if marks:
        return Legitimacy("unknown", marks)
    return Legitimacy(
        "genuine",
        ["notice code, masked SSN and IRS sender present; no scam signs found"],
    )
