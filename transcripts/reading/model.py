"""What a transcript reads into, and the JSON contract of `read_transcript --json`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class TranscriptError(ValueError):
    """A file that cannot be read as a transcript; `code` is stable, `detail` for staff."""

    def __init__(self, code: str, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")

    @property
    def message(self) -> str:
        return MESSAGES.get(self.code, "This file could not be read as an IRS account transcript.")


MESSAGES = {
    "empty": "The file is empty.",
    "not_a_transcript_file": "The file is not a PDF, a saved web page (HTML) or a text file.",
    "not_a_transcript": "The file does not look like an IRS account transcript (no tax period, "
    "balance or transactions found).",
    "damaged": "The file looks damaged and cannot be opened.",
    "encrypted": "The PDF is password-protected; save it again without a password.",
    "too_large": "The file is too large.",
    "too_many_pages": "The file has too many pages.",
    "internal": "The file could not be read automatically.",
}


@dataclass(frozen=True)
class Page:
    """One page of text lines, top to bottom (HTML and text files are one page)."""

    number: int
    lines: tuple[str, ...]


@dataclass
class TranscriptLine:
    """One row of the TRANSACTIONS table. `amount` is signed: negative is a credit."""

    code: str
    explanation: str
    cycle: str | None
    date: date | None
    amount: Decimal
    pending: bool = False
    page: int | None = None

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "explanation": self.explanation,
            "cycle": self.cycle,
            "date": self.date.isoformat() if self.date else None,
            "amount": money(self.amount),
            "pending": self.pending,
        }


@dataclass
class TranscriptData:
    """One account transcript: one form and tax period for one TIN."""

    form: str | None = None
    tax_period: date | None = None
    tin_last4: str | None = None
    spouse_tin_last4: str | None = None
    name_control: str | None = None
    request_date: date | None = None
    response_date: date | None = None
    tracking_number: str | None = None
    account_balance: Decimal | None = None
    accrued_interest: Decimal | None = None
    accrued_penalty: Decimal | None = None
    accruals_as_of: date | None = None
    balance_plus_accruals: Decimal | None = None
    return_figures: dict[str, str] = field(default_factory=dict)
    no_return_filed: bool = False
    transactions: list[TranscriptLine] = field(default_factory=list)
    unparsed_lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def tax_year(self) -> int | None:
        return self.tax_period.year if self.tax_period else None

    @property
    def has_content(self) -> bool:
        return bool(
            self.tax_period or self.transactions or self.account_balance is not None or self.form
        )

    def contract(self) -> dict:
        """The keys of the CLI contract for this transcript (without file/ok/error)."""
        return {
            "form": self.form,
            "tax_period": self.tax_period.isoformat() if self.tax_period else None,
            "tin_last4": self.tin_last4,
            "spouse_tin_last4": self.spouse_tin_last4,
            "account_balance": money(self.account_balance),
            "accrued_interest": money(self.accrued_interest),
            "accrued_penalty": money(self.accrued_penalty),
            "accruals_as_of": self.accruals_as_of.isoformat() if self.accruals_as_of else None,
            "transactions": [t.to_json() for t in self.transactions],
        }

    def to_json_extended(self) -> dict:
        """Everything read, for storage and staff: the contract plus header and return."""
        return {
            **self.contract(),
            "request_date": self.request_date.isoformat() if self.request_date else None,
            "response_date": self.response_date.isoformat() if self.response_date else None,
            "tracking_number": self.tracking_number,
            "name_control": self.name_control,
            "balance_plus_accruals": money(self.balance_plus_accruals),
            "return_figures": dict(self.return_figures),
            "no_return_filed": self.no_return_filed,
            "unparsed_lines": list(self.unparsed_lines),
            "pages": list(self.pages),
        }


CONTRACT_KEYS = (
    "file",
    "ok",
    "error",
    "form",
    "tax_period",
    "tin_last4",
    "spouse_tin_last4",
    "account_balance",
    "accrued_interest",
    "accrued_penalty",
    "accruals_as_of",
    "transactions",
)


@dataclass
class TranscriptReadResult:
    """All transcripts in one file, or the error that stopped the reading."""

    file: str
    transcripts: list[TranscriptData] = field(default_factory=list)
    error: TranscriptError | None = None
    page_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.transcripts)

    def to_contract(self) -> dict:
        """One JSON object per file. A file holding several transcripts describes the first
        at the top level and lists all of them, in order, under `transcripts`."""
        empty = TranscriptData().contract()
        first = self.transcripts[0].contract() if self.transcripts else empty
        result = {
            "file": self.file,
            "ok": self.ok,
            "error": None if self.error is None else self.error.code,
            **first,
        }
        if len(self.transcripts) > 1:
            result["transcripts"] = [t.contract() for t in self.transcripts]
        return result


def money(amount: Decimal | None) -> str | None:
    if amount is None:
        return None
    return f"{amount.quantize(Decimal('0.01')):f}"
