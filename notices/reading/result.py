"""The reading result and its JSON form (the ``read_notice --json`` schema, issue 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .checks import Check
from .errors import NoticeReadError
from .legitimacy import Legitimacy
from .model import Evidence

JSON_KEYS = (
    "file",
    "ok",
    "error",
    "notice_type",
    "tax_year",
    "tax_form",
    "notice_date",
    "pay_by_date",
    "amount_due",
    "ssn_last4",
    "caller_id",
    "irs_phone",
    "taxpayer_name",
    "billing_summary",
    "legitimacy",
    "checks",
    "ocr",
    "fields",
)


@dataclass(slots=True)
class PageInfo:
    number: int
    source: str
    ocr: bool
    rotation: int = 0


@dataclass(slots=True)
class ReadResult:
    """Everything read from one notice (one or more files, pages in the given order)."""

    files: list[str]
    error: NoticeReadError | None = None
    notice_type: str | None = None
    notice_family: str | None = None
    tax_year: int | None = None
    tax_form: str | None = None
    notice_date: date | None = None
    pay_by_date: date | None = None
    amount_due: Decimal | None = None
    stub_amount_due: Decimal | None = None
    ssn_last4: str | None = None
    caller_id: str | None = None
    irs_phone: str | None = None
    taxpayer_name_lines: list[str] = field(default_factory=list)
    mailing_address: list[str] = field(default_factory=list)
    irs_reply_address: list[str] = field(default_factory=list)
    billing_summary: dict[str, Decimal] = field(default_factory=dict)
    legitimacy: Legitimacy = field(default_factory=lambda: Legitimacy("unknown", []))
    checks: list[Check] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    page_total_printed: int | None = None
    fields: dict[str, Evidence] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def ocr(self) -> bool:
        return any(p.ocr for p in self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def taxpayer_name(self) -> str | None:
        return " AND ".join(self.taxpayer_name_lines) if self.taxpayer_name_lines else None

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def to_json(self) -> dict:
        """Exactly the issue-3 schema; see ``to_json_extended`` for the extra detail."""
        return {
            "file": ", ".join(self.files) if len(self.files) != 1 else self.files[0],
            "ok": self.ok,
            "error": self.error.client_message if self.error else None,
            "notice_type": self.notice_type,
            "tax_year": self.tax_year,
            "tax_form": self.tax_form,
            "notice_date": self.notice_date.isoformat() if self.notice_date else None,
            "pay_by_date": self.pay_by_date.isoformat() if self.pay_by_date else None,
            "amount_due": str(self.amount_due) if self.amount_due is not None else None,
            "ssn_last4": self.ssn_last4,
            "caller_id": self.caller_id,
            "irs_phone": self.irs_phone,
            "taxpayer_name": self.taxpayer_name,
            "billing_summary": {k: str(v) for k, v in self.billing_summary.items()},
            "legitimacy": self.legitimacy.to_json(),
            "checks": [c.to_json() for c in self.checks],
            "ocr": self.ocr,
            "fields": {k: v.to_json() for k, v in self.fields.items()},
        }

    def to_json_extended(self) -> dict:
        """The schema plus addresses, pages and the typed error, for staff screens."""
        data = self.to_json()
        data.update(
            {
                "files": list(self.files),
                "error_code": self.error.code if self.error else None,
                "staff_detail": self.error.staff_detail if self.error else None,
                "notice_family": self.notice_family,
                "taxpayer_name_lines": list(self.taxpayer_name_lines),
                "mailing_address": list(self.mailing_address),
                "irs_reply_address": list(self.irs_reply_address),
                "stub_amount_due": (
                    str(self.stub_amount_due) if self.stub_amount_due is not None else None
                ),
                "page_count": self.page_count,
                "page_total_printed": self.page_total_printed,
                "pages": [
                    {"number": p.number, "source": p.source, "ocr": p.ocr, "rotation": p.rotation}
                    for p in self.pages
                ],
            }
        )
        return data
