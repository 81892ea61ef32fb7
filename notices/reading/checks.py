"""The notice's built-in cross-checks (DOMAIN.md section 2), each a named result.

``passed`` is True/False, or None when the check does not apply or lacks inputs, so
staff can tell "checked and wrong" from "could not check".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .businessdays import LARGE_BALANCE, expected_pay_by, next_business_day
from .irs_data import NO_BALANCE_FAMILIES, PAY_BY_RULE_FAMILIES
from .layout import Layout

PENALTY_KEYS = ("failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty")


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    passed: bool | None
    detail: str

    def to_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "detail": self.detail}


def billing_lines_sum(billing: dict[str, Decimal], amount_due: Decimal | None) -> Check:
    name = "billing_lines_sum"
    if amount_due is None or not billing:
        return Check(name, None, "no billing summary or amount due to compare")
    parts = {k: v for k, v in billing.items() if k != "penalties_total"}
    detail_extra = ""
    if "penalties_total" in billing:
        indiv = [billing[k] for k in PENALTY_KEYS if k in billing]
        if indiv and sum(indiv) != billing["penalties_total"]:
            return Check(
                name,
                False,
                f"penalties {sum(indiv)} do not add up to total penalties "
                f"{billing['penalties_total']}",
            )
        if not indiv:
            parts["penalties_total"] = billing["penalties_total"]
        detail_extra = " (total penalties consistent)"
    total = sum(parts.values(), Decimal("0"))
    if total == amount_due:
        return Check(name, True, f"lines sum to {total}{detail_extra}")
    return Check(name, False, f"lines sum to {total}, amount due is {amount_due}")


def stub_matches_headline(
    head_amount: Decimal | None,
    stub_amount: Decimal | None,
    head_code: str | None = None,
    stub_code: str | None = None,
    head_date: date | None = None,
    stub_date: date | None = None,
) -> Check:
    name = "stub_matches_headline"
    if stub_amount is None:
        return Check(name, None, "no payment stub amount found")
    problems = []
    if head_amount is not None and stub_amount != head_amount:
        problems.append(f"stub amount {stub_amount} differs from {head_amount}")
    if head_code and stub_code and head_code != stub_code:
        problems.append(f"stub notice {stub_code} differs from {head_code}")
    if head_date and stub_date and head_date != stub_date:
        problems.append(f"stub notice date {stub_date} differs from {head_date}")
    if problems:
        return Check(name, False, "; ".join(problems))
    return Check(name, True, f"stub shows {stub_amount}")


def pay_by_date_rule(
    family: str | None,
    notice_date: date | None,
    pay_by: date | None,
    amount_due: Decimal | None,
) -> Check:
    name = "pay_by_date_rule"
    if family not in PAY_BY_RULE_FAMILIES:
        return Check(name, None, f"not applicable to {family or 'this notice type'}")
    if notice_date is None or pay_by is None or amount_due is None:
        return Check(name, None, "notice date, pay-by date or amount missing")
    expected = expected_pay_by(notice_date, amount_due)
    rule = "10 business days" if amount_due >= LARGE_BALANCE else "21 days"
    if pay_by == expected:
        return Check(name, True, f"notice date + {rule} = {expected.isoformat()}")
    if amount_due < LARGE_BALANCE and pay_by == next_business_day(expected):
        return Check(name, True, f"notice date + 21 days, next business day {pay_by.isoformat()}")
    return Check(
        name,
        False,
        f"expected {expected.isoformat()} (notice date + {rule}), notice says {pay_by.isoformat()}",
    )


def all_pages_present(pages_seen: list[int], marks: list[tuple[int, int, int]]) -> Check:
    """Every 'Page N of M' from 1..M appears once among the pages read."""
    name = "all_pages_present"
    if not marks:
        return Check(name, None, "no 'Page N of M' marks found")
    total = max(m for _, _, m in marks)
    numbers = {n for _, n, m in marks if m == total}
    missing = sorted(set(range(1, total + 1)) - numbers)
    if missing:
        return Check(name, False, f"missing page(s) {missing} of {total}")
    return Check(name, True, f"all {total} pages present ({len(pages_seen)} read)")


def ssn_matches_household(last4: str | None, household: tuple[str, ...]) -> Check:
    name = "ssn_matches_household"
    if not household:
        return Check(name, None, "no household SSNs given")
    if last4 is None:
        return Check(name, False, "no SSN found on the notice")
    if last4 in household:
        return Check(name, True, f"SSN ending {last4} belongs to the household")
    return Check(name, False, f"SSN ending {last4} is not a household member's")


def tax_year_plausible(tax_year: int | None, notice_date: date | None, today: date) -> Check:
    name = "tax_year_plausible"
    if tax_year is None:
        return Check(name, None, "no tax year found")
    ref = notice_date or today
    if ref > today + timedelta(days=60):
        return Check(name, False, f"notice date {ref.isoformat()} is in the future")
    if ref.year - 20 <= tax_year <= ref.year:
        return Check(name, True, f"tax year {tax_year} before notice year {ref.year}")
    return Check(name, False, f"tax year {tax_year} implausible for a notice of {ref.year}")


_PAGE_RE = re.compile(r"\bPage\s*(\d{1,3})\s*of\s*(\d{1,3})(?!\d)", re.IGNORECASE)


def page_marks(layout: Layout) -> list[tuple[int, int, int]]:
    """Every "Page N of M" printed: (page read, N, M)."""
    out = []
    for line in layout.lines:
        for m in _PAGE_RE.finditer(line.text):
            n, total = int(m.group(1)), int(m.group(2))
            if 1 <= n <= total:
                out.append((line.page, n, total))
    return out


def balance_is_owed(family: str | None, amount_due: Decimal | None) -> Check:
    """A balance-due notice that shows zero or a credit is a finding for staff, not a bill."""
    name = "balance_is_owed"
    if family is None or family in NO_BALANCE_FAMILIES or amount_due is None:
        return Check(name, None, "not a balance-due notice, or no amount read")
    if amount_due > 0:
        return Check(name, True, f"balance due of {amount_due}")
    if amount_due == 0:
        return Check(name, False, "shows a zero balance: nothing is owed on this notice")
    return Check(name, False, f"shows a credit of {-amount_due}: nothing is owed on this notice")
