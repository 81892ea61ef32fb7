"""Label synonyms, from DOMAIN.md section 2 and the layouts real notices use.

Matching is on normalised tokens (lower case, hyphens as spaces, punctuation dropped),
so "Failure-to-pay penalty:" and "FAILURE TO PAY PENALTY" are one label. All fields'
labels form one lexicon: at each position the longest phrase wins, so "amount you owed"
(a tax row) is never read as "amount you owe" (the amount due), and "notice date" is not
"notice" followed by a date. One phrase may name two fields: "Amount due by <date> $X"
gives both the pay-by date and the amount due.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTICE_CODE = (
    "notice name",
    "notice number",
    "notice",
    "letter number",
    "letter",
    "notice id",
    "our reference",
    "reference",
    "notice type",
    "notice code",
    "form letter",
)
TAX_YEAR = (
    "tax year ending",
    "tax period ending",
    "for tax year",
    "tax year",
    "tax period",
    "tax yr",
    "period ending",
    "tax periods",
    "year of return",
    "period covered",
    "tax period covered",
    "return year",
    "for the year",
    "tax period ended",
)
NOTICE_DATE = (
    "notice date",
    "date of notice",
    "date of this notice",
    "date of this letter",
    "letter date",
    "notice issued",
    "date issued",
    "issue date",
    "notice dated",
    "date printed",
    "mailed on",
    "date mailed",
    "mail date",
    "date of letter",
    "letter dated",
    "dated",
)
SSN = (
    "social security number",
    "your social security number",
    "your ssn",
    "primary ssn",
    "ssn",
    "taxpayer identification number",
    "taxpayer id number",
    "taxpayer id",
    "taxpayer identification no",
    "tin",
    "employer identification number",
    "ein",
    "your ein",
    "identification number",
    "ssn or itin",
    "ssn itin",
    "identifying number",
    "taxpayer identifying number",
    "your taxpayer id",
    "primary tin",
)
CALLER_ID = (
    "your caller id",
    "caller id number",
    "caller id",
    "caller identification",
    "caller number",
    "call reference",
    "caller no",
    "caller ref",
    # OCR reads "ID" as "1D", "JD" or "(D": the caller's word is enough.
    "your caller",
    "caller",
)
PHONE = (
    "to contact us phone",
    "to contact us call",
    "contact us at",
    "call us at",
    "toll free",
    "telephone",
    "phone",
    "call",
)
TAX_FORM = ("tax form", "form number", "form", "return type", "tax return")
AMOUNT_DUE = (
    "total amount due",
    "amount due immediately",
    "amount due",
    "total balance due",
    "balance due",
    "amount you owe",
    "amount owed",
    "total due",
    "pay this amount",
    "total you owe",
    "you owe",
    "current balance",
    "balance owed",
    "total amount you owe",
    "amount to pay",
    "total balance",
    "proposed amount due",
    "proposed balance due",
    "amount due now",
    "total amount owed",
    "total now due",
    "now due",
    "balance owed now",
    "amount owed now",
    "total balance owed",
    "please pay",
    "amount now due",
    "balance now due",
)
PAY_BY = (
    "pay the amount due by",
    "amount due by",
    "please pay by",
    "pay by",
    "payment due date",
    "payment due by",
    "due date",
    "respond by",
    "reply by",
    "response date",
    "response due",
    "respond no later than",
    "pay no later than",
    "pay before",
    "payment must reach us by",
    "due by",
    "deadline",
)
# Phrases that carry both the pay-by date and the amount ("Amount due by May 3, 2024 $5.00").
AMOUNT_AND_DATE = (
    "amount due by",
    "pay the amount due by",
    "total amount due by",
    "balance due by",
    "amount you owe by",
    "total due by",
)

BILLING: dict[str, tuple[str, ...]] = {
    "tax": (
        "tax you owed when you filed your return",
        "amount you owed when you filed your return",
        "tax you owed",
        "amount you owed",
        "tax owed",
        "tax due",
        "tax on your return",
        "tax on return",
        "tax assessed",
        "tax shown on return",
        "tax per return",
        "tax balance",
        "unpaid tax",
        "tax",
        "additional tax",
        "tax owed on return",
        "balance of tax",
        "balance from your return",
        "tax from your return",
        "tax shown on your return",
        "tax reported",
        "tax per your return",
    ),
    "payments_credits": (
        "payments and credits",
        "payments and other credits",
        "credits and payments",
        "payments credits",
        "payments",
        "credits",
        "less payments and credits",
        "total payments and credits",
        "payments received",
        "credits applied",
        "payments you made",
        "withholding and payments",
    ),
    "failure_to_file_penalty": (
        "failure to file penalty",
        "late filing penalty",
        "filing late",
        "late filing",
        "ftf penalty",
        "ftf",
        "ftf pen",
        "penalty ftf",
        "penalty for filing late",
        "failure to file",
    ),
    "failure_to_pay_penalty": (
        "failure to pay penalty",
        "late payment penalty",
        "paying late",
        "late payment",
        "ftp penalty",
        "ftp",
        "ftp pen",
        "penalty ftp",
        "penalty for paying late",
        "failure to pay",
    ),
    "estimated_tax_penalty": (
        "failure to pay estimated tax penalty",
        "failure to pay proper estimated tax penalty",
        "estimated tax penalty",
        "est tax penalty",
        "est tax pen",
        "est tax",
        "es pen",
        "penalty es",
        "es penalty",
        "es",
        "estimated tax",
        "underpayment of estimated tax",
        "penalty for underpayment of estimated tax",
        "estimated tax underpayment",
        "failure to pay estimated tax",
    ),
    "penalties_total": (
        "total penalties",
        "penalties total",
        "penalties",
        "total penalty",
        "penalty charges",
        "total penalty charges",
        "penalties and charges",
        "penalties assessed",
        "penalty",
        "penalty amount",
    ),
    "interest": (
        "interest charges",
        "interest charged",
        "interest",
        "total interest",
        "interest accrued",
        "accrued interest",
    ),
}

# Sub-rows under a "Penalties" heading name only what the penalty was for.
PENALTY_SUBROWS: dict[str, tuple[str, ...]] = {
    "failure_to_file_penalty": ("filing late", "late filing", "failure to file", "ftf", "filing"),
    "failure_to_pay_penalty": ("paying late", "late payment", "failure to pay", "ftp", "paying"),
    "estimated_tax_penalty": ("estimated tax", "es", "est tax", "underpayment of estimated tax"),
}
PENALTY_HEADINGS = ("penalties", "penalty", "penalties assessed", "penalty charges")

STUB_CUES = (
    "payable to",
    "amount enclosed",
    "detach",
    "payment stub",
    "payment voucher",
    "return this stub",
    "return this part",
    "return this voucher",
    "payment coupon",
    "enclosed amount",
)

SCALAR_LABELS: dict[str, tuple[str, ...]] = {
    "notice_code": NOTICE_CODE,
    "tax_year": TAX_YEAR,
    "notice_date": NOTICE_DATE,
    "ssn_last4": SSN,
    "caller_id": CALLER_ID,
    "irs_phone": PHONE,
    "tax_form": TAX_FORM,
    "amount_due": AMOUNT_DUE,
    "pay_by_date": PAY_BY,
}

# What kind of value each field holds: a label's value runs until the next label of the
# same kind, so a date label between an amount label and its amount does not cut it off.
KIND = {
    "amount_due": "amount",
    "pay_by_date": "date",
    "notice_date": "date",
    **{k: "amount" for k in BILLING},
}


def tokenize_set(phrases: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Synonyms as token tuples, longest first."""
    return sorted((tuple(p.split()) for p in phrases), key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class LabelHit:
    fields: tuple[str, ...]
    start: int  # first token index in the segment
    end: int  # one past the last token index
    phrase: tuple[str, ...]


def _lexicon() -> dict[tuple[str, ...], tuple[str, ...]]:
    lex: dict[tuple[str, ...], list[str]] = {}
    for name, syns in SCALAR_LABELS.items():
        for s in syns:
            lex.setdefault(tuple(s.split()), []).append(name)
    for key, syns in BILLING.items():
        for s in syns:
            lex.setdefault(tuple(s.split()), []).append(f"billing.{key}")
    for s in AMOUNT_AND_DATE:
        names = lex.setdefault(tuple(s.split()), [])
        for f in ("pay_by_date", "amount_due"):
            if f not in names:
                names.append(f)
    return {k: tuple(v) for k, v in lex.items()}


LEXICON = _lexicon()
MAX_PHRASE = max(len(k) for k in LEXICON)


def label_hits(tokens: list[str]) -> list[LabelHit]:
    """Every label in a token list, left to right, longest phrase first at each place."""
    hits: list[LabelHit] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + n])
            if phrase in LEXICON:
                hits.append(LabelHit(LEXICON[phrase], i, i + n, phrase))
                i += n
                break
        else:
            i += 1
    return hits
