"""Is the letter a scam? A verdict that needs strong evidence (DOMAIN.md section 7).

"Suspicious" needs a **strong sign** read inside one sentence of one block: a demand to pay
by gift card, prepaid card, crypto, wire or a payment app; a payee other than the United
States Treasury in the sentence that names the payee; a threat of arrest, police,
deportation or a licence taken away; or a demand for money with no notice code at all.
A sentence that warns against these ("The IRS will never ask for gift cards") is not a
demand. **Weak signs** (a phone number on no list we keep, no masked SSN, no IRS sender)
make the verdict "unknown": staff verify, and the client is never told "scam" on them.
"Genuine" needs the marks a real notice carries: a notice code, a masked taxpayer
number and the IRS as sender, with no sign at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .irs_data import IRS_PHONES, SENDER_CUES, TREASURY_PAYEES
from .layout import Layout
from .parsing import find_amounts, find_phones, normalize_label


@dataclass(frozen=True, slots=True)
class Sign:
    code: str  # gift_card, crypto, wire, payment_app, prepaid_card, payee_not_treasury, ...
    strong: bool
    text: str  # what the client and staff read: the sign in plain words
    quote: str = ""  # the sentence it was read in (shortened)


@dataclass(slots=True)
class Legitimacy:
    verdict: str  # genuine | suspicious | unknown
    reasons: list[str] = field(default_factory=list)
    signs: list[Sign] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "signs": [
                {"code": s.code, "strong": s.strong, "text": s.text, "quote": s.quote}
                for s in self.signs
            ],
            "checked": list(self.checked),
        }


CHECKED = [
    "how it asks to be paid (gift cards, prepaid cards, crypto, wire transfers, payment apps)",
    "who the payment is made out to (only the United States Treasury)",
    "threats of arrest, police, deportation or losing a licence",
    "a notice number (CP or LTR) on the letter",
    "a masked Social Security or employer number",
    "the Internal Revenue Service as the sender",
    "the phone numbers printed on it",
]

_PAY = (
    r"gift ?cards?|itunes|google play|steam (?:card|wallet)|apple (?:gift )?card|"
    r"(?:amazon|target|walmart|ebay|visa|vanilla) (?:gift )?cards?"
)
PAYMENT_SIGNS: tuple[tuple[str, str, str], ...] = (
    ("gift_card", _PAY, "It asks for payment with gift cards."),
    (
        "prepaid_card",
        r"prepaid (?:debit |visa |master ?card )?cards?|green ?dot|reloadable cards?|moneypak",
        "It asks for payment with prepaid cards.",
    ),
    (
        "crypto",
        r"bitcoin|btc|cryptocurrenc\w*|crypto(?:currency)? (?:atm|wallet|kiosk)|crypto|"
        r"ethereum|usdt|tether|wallet address",
        "It asks for payment in cryptocurrency.",
    ),
    (
        "wire",
        r"wire transfer|wire (?:the|your|it|funds|money|payment)|western union|moneygram|"
        r"bank wire|by wire",
        "It asks for payment by wire transfer.",
    ),
    (
        "payment_app",
        r"zelle|venmo|cash ?app|\$[a-z][a-z0-9_]{2,}|paypal (?:friends|to)|"
        r"friends and family",
        "It asks for payment through a payment app.",
    ),
)
THREAT_SIGNS: tuple[tuple[str, str, str], ...] = (
    (
        "threat_arrest",
        r"arrest\w*|warrant\w*|jail|imprison\w*|prison|handcuff\w*|criminal charges",
        "It threatens arrest.",
    ),
    ("threat_police", r"police|sheriff|marshals?|law enforcement", "It threatens police action."),
    ("threat_deportation", r"deport\w*|immigration status", "It threatens deportation."),
    (
        "threat_licence",
        r"(?:driver'?s?|business|professional) licen[cs]e|licen[cs]e (?:will be )?"
        r"(?:suspended|revoked|cancell?ed)|revoke your licen[cs]e|suspend your licen[cs]e",
        "It threatens to take away a licence.",
    ),
)
# A sentence that warns *against* a sign ("The IRS will never ask for gift cards", "report
# it to TIGTA") is what genuine notices print; it is not a demand.
_WARNING = re.compile(
    r"\b(?:scam\w*|phishing|impersonat\w*|tigta|beware|be aware|report (?:it|this|them|"
    r"scams?|suspicious))\b",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:never|not|n't|no|without|won't|don't|cannot)\b(?:\W+\w+){0,8}?\W*$", re.I
)


def _negated(sentence: str, start: int) -> bool:
    """A negation in the same clause, a few words before the sign."""
    clause = re.split(r"[,;:]", sentence[:start])[-1]
    return bool(_NEGATED_BEFORE.search(clause))


_PAYMENT_CODES = {c for c, _, _ in PAYMENT_SIGNS}
_DEMAND = re.compile(
    r"\b(?:pay|paid|payment|send|sent|purchase|buy|bought|transfer|deposit|load|scratch|"
    r"provide|read (?:us )?the|call|remit|settle|owe|required|must|immediately|now|today|"
    r"use|using|via|through|wire)\b",
    re.I,
)
_PAYEE = re.compile(
    r"\b(?:payable to|pay to the order of|make (?:your )?(?:check|payment|money order)s? "
    r"(?:out )?(?:payable )?to|made out to)\s+(?:the\s+)?(?P<payee>[A-Za-z0-9 .,'&-]{3,60})",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"')]*$")
_LABEL_WORDS = re.compile(
    r"\b(?:amount|enclosed|due|notice|date|balance|caller|page|tax year|form|ssn|social)\b", re.I
)
MIN_SIGN_CONF = 0.75  # OCR confidence a sign's own words need (photos' background gives noise)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    spans: tuple[tuple[int, int, float], ...]  # each word's (start, end, OCR confidence)
    ocr: bool

    def conf(self, start: int, end: int) -> float:
        """The lowest confidence among the words a span of the text touches."""
        return min((c for a, b, c in self.spans if a < end and b > start), default=1.0)

    @property
    def mean_conf(self) -> float:
        return sum(c for _, _, c in self.spans) / len(self.spans) if self.spans else 0.0


def _sentences(layout: Layout) -> list[Sentence]:
    """Each block's words in reading order, cut into sentences; every word keeps its OCR
    confidence, so a sign read in noise can be ignored."""
    out: list[Sentence] = []
    for block in layout.blocks:
        ocr = any(ln.ocr for ln in block.lines)
        words = [w for ln in block.lines for w in ln.words]
        parts: list[str] = []
        spans: list[tuple[int, int, float]] = []
        pos = 0
        for i, w in enumerate(words):
            if parts:
                pos += 1
            parts.append(w.text)
            spans.append((pos, pos + len(w.text), w.conf))
            pos += len(w.text)
            if _SENTENCE_END.search(w.text) or i == len(words) - 1:
                out.append(Sentence(" ".join(parts), tuple(spans), ocr))
                parts, spans, pos = [], [], 0
    return out


def _short(text: str) -> str:
    return text if len(text) <= 160 else text[:157] + "..."


def _payee_sign(sentence: Sentence) -> Sign | None:
    """A payee other than the United States Treasury, read clearly in its own sentence."""
    m = _PAYEE.search(sentence.text)
    if m is None:
        return None
    raw = m.group("payee")
    cut = _LABEL_WORDS.search(raw)  # another column's label ran into the line: stop there
    if cut:
        raw = raw[: cut.start()]
    payee = normalize_label(raw)
    if _blank(payee) or _is_treasury(payee):
        return None
    if len(payee.split()) < 2 or sentence.conf(m.start("payee"), m.end("payee")) < MIN_SIGN_CONF:
        return None  # a fragment, or too poorly read to accuse anyone
    return Sign(
        "payee_not_treasury",
        True,
        f"It asks you to pay someone other than the United States Treasury "
        f"({raw.strip(' .,')[:40]}).",
        _short(sentence.text),
    )


def _strong_signs(sentences: list[Sentence]) -> list[Sign]:
    signs: list[Sign] = []
    seen: set[str] = set()
    for s in sentences:
        low = s.text.lower()
        if _WARNING.search(low):
            continue
        for code, pattern, text in PAYMENT_SIGNS + THREAT_SIGNS:
            if code in seen:
                continue
            m = re.search(rf"(?<![\w$])(?:{pattern})\b", low)
            if m is None or _negated(low, m.start()):
                continue
            if code in _PAYMENT_CODES and not _DEMAND.search(low):
                continue
            if s.conf(m.start(), m.end()) < MIN_SIGN_CONF or not _readable(s):
                continue
            signs.append(Sign(code, True, text, _short(s.text)))
            seen.add(code)
        if "payee_not_treasury" not in seen:
            sign = _payee_sign(s)
            if sign is not None:
                signs.append(sign)
                seen.add("payee_not_treasury")
    return signs


def _readable(s: Sentence) -> bool:
    """Mostly real words at decent confidence: not OCR noise that happens to spell "arrest"."""
    if not s.ocr:
        return True
    return s.mean_conf >= 0.7 and len(re.findall(r"[A-Za-z]{2,}", s.text)) >= 3


def _is_treasury(payee: str) -> bool:
    """The United States Treasury, also misread by OCR ("Untted States Treasury") or cut at
    the end of a line ("payable to the United States")."""
    words = payee.split()
    if not words:
        return False
    head = " ".join(words[:3])
    for name in TREASURY_PAYEES:
        if head.startswith(name) or SequenceMatcher(None, head, name).ratio() >= 0.85:
            return True
        cut = " ".join(name.split()[: len(words)])
        if len(words) >= 2 and len(words) < len(name.split()) and payee == cut:
            return True
    return False


def _blank(payee: str) -> bool:
    """A form line ("payable to: ______") names nobody."""
    return not re.search(r"[a-z]{2,}", payee)


def strong_scam_signs(layout: Layout) -> list[Sign]:
    """The payment, payee and threat signs alone (used to tell a scam from other mail)."""
    return _strong_signs(_sentences(layout))


def assess(
    layout: Layout,
    *,
    notice_code: str | None,
    ssn_found: bool,
) -> Legitimacy:
    sentences = _sentences(layout)
    text = " ".join(s.text for s in sentences)
    norm = " " + normalize_label(text) + " "
    if len(norm.strip()) < 40:
        return Legitimacy("unknown", ["too little text to judge"], checked=list(CHECKED))
    signs = _strong_signs(sentences)
    demands_money = bool(find_amounts(text)) and bool(
        re.search(r"\b(?:pay|owe|due|balance|payment)\b", text, re.I)
    )
    if not notice_code and demands_money:
        signs.append(
            Sign(
                "no_notice_code",
                True,
                "It demands money but carries no IRS notice number (CP or LTR).",
            )
        )
    if not notice_code and not demands_money:
        signs.append(Sign("no_notice_code", False, "It carries no IRS notice number (CP or LTR)."))
    if not ssn_found:
        signs.append(Sign("no_masked_ssn", False, "We did not find a masked taxpayer number."))
    if not any(f" {s} " in norm for s in SENDER_CUES):
        signs.append(
            Sign("no_irs_sender", False, "The sender is not shown as the Internal Revenue Service.")
        )
    phones = {p for s in sentences for p, _ in find_phones(s.text)}
    unknown = sorted(phones - IRS_PHONES)
    if unknown:
        # Genuine notices print many IRS numbers and no list is complete: an unlisted
        # number is only worth a check when the letter prints no known IRS number at all.
        lone = not phones & IRS_PHONES
        signs.append(
            Sign(
                "unlisted_phone" if lone else "unlisted_phone_beside_irs_numbers",
                False,
                f"It prints a phone number ({unknown[0]}) that is not on our list of IRS "
                + (
                    "numbers, and no number we know."
                    if lone
                    else "numbers, beside IRS numbers "
                    "we know; genuine notices print many IRS lines."
                ),
            )
        )
    strong = [s for s in signs if s.strong]
    if strong:
        return Legitimacy("suspicious", [s.text for s in strong], signs, list(CHECKED))
    weak = [s for s in signs if not s.strong and s.code != "unlisted_phone_beside_irs_numbers"]
    if weak:
        return Legitimacy("unknown", [s.text for s in weak], signs, list(CHECKED))
    return Legitimacy(
        "genuine",
        [
            "It carries a notice number, a masked taxpayer number and the IRS as sender, "
            "with no sign of a scam."
        ],
        signs,
        list(CHECKED),
    )
